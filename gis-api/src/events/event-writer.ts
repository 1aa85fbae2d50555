// The events-log writer now lives in @ioc/sql (the camera proxy writes events too); re-exported for gis-api code.
export { appendEvent, type EventTopic, type NewEvent } from '@ioc/sql';

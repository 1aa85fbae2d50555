// Which cached tiles an event of the log makes stale: the layers its topic feeds, within the area it
// touched. Tiles are dropped as soon as the event is read, so the next fetch shows the change.
import type { Invalidation } from './tile.cache.ts';

/** The tile layers each events-log topic feeds. */
export const TOPIC_LAYERS: Readonly<Record<string, readonly string[]>> = {
  report: ['reports'],
  camera: ['cameras'],
  facility: ['facilities'],
  alert: ['alerts'],
  unit: [],
  // System events (e.g. a bulk import of reports) can change anything in the operational layers.
  system: ['reports', 'cameras', 'facilities', 'alerts', 'admin_units'],
};

export interface LoggedEvent {
  topic: string;
  /** [minLng, minLat, maxLng, maxLat], or null when the event has no place. */
  bbox: readonly [number, number, number, number] | null;
}

/** The invalidation for one event, or undefined when it touches no tile. */
export function invalidationFor(event: LoggedEvent): Invalidation | undefined {
  const layers = TOPIC_LAYERS[event.topic];
  if (!layers || layers.length === 0) return undefined;
  return event.bbox ? { layers, bbox: event.bbox } : { layers };
}

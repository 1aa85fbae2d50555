// Appends one entry to the events log, inside the caller's transaction so the change and its event
// commit together (or not at all). Every service writes events through this one function.
import { sql, type Kysely } from 'kysely';
import type { DB } from './schema.ts';

export type EventTopic = 'report' | 'camera' | 'facility' | 'alert' | 'unit' | 'system';

export interface NewEvent {
  topic: EventTopic;
  /** `<topic>.<what happened>`, e.g. `report.acknowledged`. */
  type: string;
  entityId?: string | number;
  /** Sent to every subscriber allowed to see the event: never personal data or internal notes. */
  payload: Record<string, unknown>;
  /** Where it happened, for tile invalidation and area filters. */
  geometry?: { type: string; coordinates: unknown } | { lng: number; lat: number };
  adminUnitId?: number | null;
  actorUserId?: number | null;
  /** 'staff' keeps the event from public and citizen subscribers (except the owner). Default 'public'. */
  visibility?: 'public' | 'staff';
  /** The unit concerned: its officers receive the unit's staff events. */
  unitId?: number | null;
  /** The reporter's account: that citizen receives the events of their own report. */
  ownerUserId?: number | null;
}

/** Appends the event; returns its sequence number. `db` should be the caller's transaction. */
export async function appendEvent(db: Kysely<DB>, e: NewEvent): Promise<string> {
  const geom = !e.geometry
    ? sql<string | null>`null`
    : 'lng' in e.geometry
      ? sql<string>`ST_SetSRID(ST_MakePoint(${e.geometry.lng}, ${e.geometry.lat}), 4326)`
      : sql<string>`ST_SetSRID(ST_GeomFromGeoJSON(${JSON.stringify(e.geometry)}), 4326)`;
  const row = await db
    .insertInto('events')
    .values({
      topic: e.topic,
      type: e.type,
      entity_id: e.entityId === undefined ? null : String(e.entityId),
      payload: JSON.stringify(e.payload),
      geom,
      admin_unit_id: e.adminUnitId ?? null,
      actor_user_id: e.actorUserId ?? null,
      visibility: e.visibility ?? 'public',
      unit_id: e.unitId ?? null,
      owner_user_id: e.ownerUserId ?? null,
    })
    .returning('seq')
    .executeTakeFirstOrThrow();
  return row.seq;
}

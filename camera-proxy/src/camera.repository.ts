// The cameras table as the proxy sees it: lookups (only registered cameras are ever proxied), health
// results written together with their events-log entry, and the simulator's stream registration.
import { sql } from 'kysely';
import { appendEvent, type CameraStatus, type Database } from '@ioc/sql';

export interface Camera {
  readonly id: number;
  readonly code: string;
  readonly name: string;
  /** The registered HLS playlist: the only URL the proxy fetches for this camera. Never shown to viewers. */
  readonly upstreamUrl: string | null;
  readonly isPublic: boolean;
  readonly status: CameraStatus;
  readonly lastError: string | null;
  readonly lng: number;
  readonly lat: number;
  readonly adminUnitId: number | null;
}

export interface HealthChange {
  readonly status: CameraStatus;
  readonly error: string | null;
  /** When the stream was last seen healthy; written when given. */
  readonly seenAt?: Date;
}

export class CameraRepository {
  constructor(private readonly database: Database) {}

  async find(idOrCode: string): Promise<Camera | undefined> {
    const q = this.#select();
    const row = /^[0-9]{1,9}$/.test(idOrCode)
      ? await q.where('id', '=', Number(idOrCode)).executeTakeFirst()
      : await q.where('code', '=', idOrCode).executeTakeFirst();
    return row && toCamera(row);
  }

  /** Every camera with a registered stream: what the health monitor checks. */
  async listStreaming(): Promise<Camera[]> {
    const rows = await this.#select().where('upstream_url', 'is not', null).orderBy('id').execute();
    return rows.map(toCamera);
  }

  /**
   * Records a health result. A status change is written only if the row still has the status this check
   * started from (two proxy instances cannot both announce one change) and appends a `camera.status` event
   * in the same transaction. Returns whether the status changed.
   */
  async recordHealth(camera: Camera, change: HealthChange): Promise<boolean> {
    return this.database.db.transaction().execute(async (tx) => {
      const updated = await tx
        .updateTable('cameras')
        .set({
          status: change.status,
          last_error: change.error,
          ...(change.seenAt ? { last_seen_at: change.seenAt } : {}),
          updated_at: sql<Date>`now()`,
        })
        .where('id', '=', camera.id)
        .where('status', '=', camera.status)
        .returning(['last_seen_at'])
        .executeTakeFirst();
      if (!updated || change.status === camera.status) return false;
      await appendEvent(tx, {
        topic: 'camera',
        type: 'camera.status',
        entityId: camera.id,
        payload: {
          id: String(camera.id),
          code: camera.code,
          name: camera.name,
          status: change.status,
          previousStatus: camera.status,
          lastSeenAt: updated.last_seen_at ? new Date(updated.last_seen_at).toISOString() : null,
          error: change.error,
        },
        geometry: { lng: camera.lng, lat: camera.lat },
        adminUnitId: camera.adminUnitId,
        visibility: camera.isPublic ? 'public' : 'staff',
      });
      return true;
    });
  }

  /** The Hà Nội demo cameras, which the simulator plays in demo mode. */
  async listDemoCameras(): Promise<{ code: string; name: string }[]> {
    return this.database.db
      .selectFrom('cameras')
      .select(['code', 'name'])
      .where('source', '=', 'osm-derived-hanoi')
      .orderBy('code')
      .execute();
  }

  /**
   * Points the Hà Nội demo cameras at the simulator (`<base>/sim/<code>/index.m3u8`). Its address is only
   * known once it listens, so this runs at every demo start; a camera given a real stream is left alone.
   */
  async registerSimulatorStreams(baseUrl: string): Promise<number> {
    const result = await sql<{ id: number }>`
      update cameras set upstream_url = ${baseUrl} || '/sim/' || code || '/index.m3u8', updated_at = now()
      where source = 'osm-derived-hanoi'
        and (upstream_url is null or upstream_url ~ '^http://127\\.0\\.0\\.1:[0-9]+/sim/')
      returning id`.execute(this.database.db);
    return result.rows.length;
  }

  #select() {
    return this.database.db
      .selectFrom('cameras')
      .select([
        'id',
        'code',
        'name',
        'upstream_url',
        'is_public',
        'status',
        'last_error',
        'admin_unit_id',
        sql<number>`ST_X(geom)`.as('lng'),
        sql<number>`ST_Y(geom)`.as('lat'),
      ]);
  }
}

function toCamera(row: {
  id: number;
  code: string;
  name: string;
  upstream_url: string | null;
  is_public: boolean;
  status: CameraStatus;
  last_error: string | null;
  admin_unit_id: number | null;
  lng: number;
  lat: number;
}): Camera {
  return {
    id: row.id,
    code: row.code,
    name: row.name,
    upstreamUrl: row.upstream_url,
    isPublic: row.is_public,
    status: row.status,
    lastError: row.last_error,
    lng: Number(row.lng),
    lat: Number(row.lat),
    adminUnitId: row.admin_unit_id,
  };
}

// SQL for uploaded photos and videos: insert after the file is in place, look-ups for download and
// reports, linking to a report, publication.
import type { Kysely, Transaction } from 'kysely';
import type { DB } from '@ioc/sql';
import type { MediaKind } from './formats.ts';

export interface MediaRecord {
  id: string;
  kind: MediaKind;
  mime: string;
  bytes: number;
  width: number | null;
  height: number | null;
  published: boolean;
  reportId: string | null;
  reportEventId: string | null;
  createdAt: Date;
  /** '/media/<id>' */
  url: string;
}

/** What a download needs beyond the record: where the file is and who may see it. */
export interface StoredMedia extends MediaRecord {
  storageKey: string;
  uploadedBy: number | null;
  /** The account that submitted the report the media is attached to, if any. */
  reporterUserId: number | null;
}

export interface NewMedia {
  id: string;
  kind: MediaKind;
  mime: string;
  bytes: number;
  width: number;
  height: number;
  sha256: string;
  storageKey: string;
  uploadedBy: number | null;
}

/** Which media of a report a viewer gets: all of it, or published + uploaded by them + of their own reports. */
export type MediaAudience = { all: true } | { all: false; userId: number | null };

export class MediaRepository {
  constructor(private readonly db: Kysely<DB>) {}

  /** Runs `fn` in a transaction (or inside the one this repository already runs in). */
  async transaction<T>(fn: (repo: MediaRepository, tx: Kysely<DB>) => Promise<T>): Promise<T> {
    if (this.db.isTransaction) return fn(this, this.db);
    return this.db.transaction().execute((tx: Transaction<DB>) => fn(new MediaRepository(tx), tx));
  }

  async insert(m: NewMedia): Promise<MediaRecord> {
    const row = await this.db
      .insertInto('media')
      .values({
        id: m.id,
        kind: m.kind,
        mime: m.mime,
        bytes: m.bytes,
        width: m.width,
        height: m.height,
        sha256: m.sha256,
        storage_key: m.storageKey,
        uploaded_by: m.uploadedBy,
      })
      .returning(COLUMNS)
      .executeTakeFirstOrThrow();
    return toRecord(row);
  }

  async findStored(id: string): Promise<StoredMedia | undefined> {
    const row = await this.db
      .selectFrom('media')
      .leftJoin('report_reporters as rr', 'rr.report_id', 'media.report_id')
      .select(COLUMNS.map((c) => `media.${c}` as const))
      .select([
        'media.storage_key as storageKey',
        'media.uploaded_by as uploadedBy',
        'rr.user_id as reporterUserId',
      ])
      .where('media.id', '=', id)
      .executeTakeFirst();
    if (!row) return undefined;
    const { storageKey, uploadedBy, reporterUserId, ...rest } = row;
    return { ...toRecord(rest), storageKey, uploadedBy, reporterUserId };
  }

  /** The listed media that exist, locked until the transaction ends, with the report each is attached to. */
  async lockForAttach(ids: readonly string[]): Promise<Array<{ id: string; reportId: string | null }>> {
    if (ids.length === 0) return [];
    return this.db
      .selectFrom('media')
      .select(['id', 'report_id as reportId'])
      .where('id', 'in', [...ids])
      .forUpdate()
      .execute();
  }

  async reportEventBelongsTo(reportEventId: string, reportId: string): Promise<boolean> {
    const row = await this.db
      .selectFrom('report_events')
      .select('id')
      .where('id', '=', reportEventId)
      .where('report_id', '=', reportId)
      .executeTakeFirst();
    return row !== undefined;
  }

  /** Links still-unattached media; returns the rows it changed. */
  async attach(
    ids: readonly string[],
    reportId: string,
    reportEventId: string | null,
  ): Promise<MediaRecord[]> {
    const rows = await this.db
      .updateTable('media')
      .set({ report_id: reportId, report_event_id: reportEventId })
      .where('id', 'in', [...ids])
      .where('report_id', 'is', null)
      .returning(COLUMNS)
      .execute();
    return rows.map(toRecord);
  }

  async forReports(reportIds: readonly string[], audience: MediaAudience): Promise<MediaRecord[]> {
    if (reportIds.length === 0) return [];
    let q = this.db
      .selectFrom('media')
      .select(COLUMNS)
      .where('report_id', 'in', [...reportIds]);
    if (!audience.all) {
      const userId = audience.userId;
      q = q.where((eb) =>
        userId === null
          ? eb('published', '=', true)
          : eb.or([
              eb('published', '=', true),
              eb('uploaded_by', '=', userId),
              eb.exists(
                eb
                  .selectFrom('report_reporters as rr')
                  .select('rr.report_id')
                  .whereRef('rr.report_id', '=', 'media.report_id')
                  .where('rr.user_id', '=', userId),
              ),
            ]),
      );
    }
    const rows = await q.orderBy('created_at').orderBy('id').execute();
    return rows.map(toRecord);
  }

  /** Sets the flag if it differs; undefined when the row is missing or already so. */
  async setPublished(id: string, published: boolean, byUserId: number): Promise<MediaRecord | undefined> {
    const row = await this.db
      .updateTable('media')
      .set(
        published
          ? (eb) => ({ published: true, published_by: byUserId, published_at: eb.fn('now', []) })
          : { published: false, published_by: null, published_at: null },
      )
      .where('id', '=', id)
      .where('published', '=', !published)
      .returning(COLUMNS)
      .executeTakeFirst();
    return row && toRecord(row);
  }

  async byId(id: string): Promise<MediaRecord | undefined> {
    const row = await this.db.selectFrom('media').select(COLUMNS).where('id', '=', id).executeTakeFirst();
    return row && toRecord(row);
  }
}

const COLUMNS = [
  'id',
  'kind',
  'mime',
  'bytes',
  'width',
  'height',
  'published',
  'report_id',
  'report_event_id',
  'created_at',
] as const;

interface Row {
  id: string;
  kind: MediaKind;
  mime: string;
  bytes: number;
  width: number | null;
  height: number | null;
  published: boolean;
  report_id: string | null;
  report_event_id: string | null;
  created_at: Date | string;
}

function toRecord(r: Row): MediaRecord {
  return {
    id: r.id,
    kind: r.kind,
    mime: r.mime,
    bytes: r.bytes,
    width: r.width,
    height: r.height,
    published: r.published,
    reportId: r.report_id === null ? null : String(r.report_id),
    reportEventId: r.report_event_id === null ? null : String(r.report_event_id),
    createdAt: new Date(r.created_at),
    url: `/media/${r.id}`,
  };
}

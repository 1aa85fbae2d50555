// Rules for uploaded photos and videos: cleaning and storing an upload, who may see it, linking it to a
// report, and publication by operators.
import crypto from 'node:crypto';
import fs from 'node:fs';
import { pipeline } from 'node:stream/promises';
import type { Kysely } from 'kysely';
import type { DB } from '@ioc/sql';
import { badInput, forbidden, notFound, unauthenticated } from '../errors.ts';
import { appendEvent } from '../events/event-writer.ts';
import type { FormatInfo, MediaKind } from './formats.ts';
import { stripJpeg } from './jpeg.ts';
import { MediaRejected } from './media-errors.ts';
import { MediaRepository, type MediaAudience, type MediaRecord } from './media.repository.ts';
import type { MediaStore } from './media-store.ts';
import { stripPng } from './png.ts';
import type { StrippedImage } from './stripped-image.ts';
import { DEFAULT_VIDEO_TOOLS, stripVideo, type VideoTools } from './video.ts';
import { stripWebp } from './webp.ts';

export type { MediaRecord } from './media.repository.ts';

export interface Viewer {
  id: number;
  role: string;
  unitId: number | null;
}

/** A file received from a client, still as sent, in a temp file the service removes. */
export interface ReceivedUpload {
  path: string;
  info: FormatInfo;
  bytes: number;
}

export interface MediaSettings {
  maxPhotoBytes: number;
  maxVideoBytes: number;
  /** ffmpeg runs beyond this many at once are refused with 503 rather than queued. */
  maxConcurrentVideos?: number;
  videoTools?: VideoTools;
}

/** Staff see every upload; they handle the reports. */
const STAFF_ROLES = new Set(['officer', 'operator', 'leader', 'admin']);
const PUBLISHER_ROLES = new Set(['operator', 'admin']);
const MAX_ATTACH = 20;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export const isMediaId = (id: string): boolean => UUID.test(id);

const STRIPPERS: Record<string, (input: Buffer) => StrippedImage> = {
  jpeg: stripJpeg,
  png: stripPng,
  webp: stripWebp,
};

export class MediaService {
  #videoJobs = 0;

  constructor(
    private readonly media: MediaRepository,
    private readonly files: MediaStore,
    private readonly settings: MediaSettings,
  ) {}

  /** The largest file accepted of this kind. */
  limitFor(kind: MediaKind): number {
    return kind === 'photo' ? this.settings.maxPhotoBytes : this.settings.maxVideoBytes;
  }

  /** A temp path for receiving an upload into (same filesystem as the store). */
  receivingPath(): Promise<string> {
    return this.files.tempPath('upload');
  }

  /** Removes a temp file left by a failed receive. */
  discard(path: string): Promise<void> {
    return this.files.discard(path);
  }

  /**
   * Cleans the upload of metadata, moves it into place and records it. Either the file and its row both
   * exist afterwards or neither does; the received temp file is always removed.
   */
  async store(upload: ReceivedUpload, uploadedBy: number | null): Promise<MediaRecord> {
    const { info } = upload;
    const id = crypto.randomUUID();
    const key = this.files.keyFor(id, info.ext);
    const clean = await this.files.tempPath(info.ext);
    let committed = false;
    try {
      const size =
        info.kind === 'photo' ? await this.cleanPhoto(upload, clean) : await this.cleanVideo(upload, clean);
      const { bytes, sha256 } = await digest(clean);
      await this.files.commit(clean, key);
      committed = true;
      return await this.media.insert({
        id,
        kind: info.kind,
        mime: info.mime,
        bytes,
        sha256,
        storageKey: key,
        uploadedBy,
        ...size,
      });
    } catch (err) {
      if (committed) await this.files.discard(this.files.pathOf(key));
      throw err;
    } finally {
      await this.files.discard(upload.path);
      await this.files.discard(clean);
    }
  }

  /** The record and file path of media this viewer may see; undefined otherwise (existence is not revealed). */
  async open(id: string, viewer: Viewer | null): Promise<{ record: MediaRecord; path: string } | undefined> {
    if (!isMediaId(id)) return undefined;
    const found = await this.media.findStored(id.toLowerCase());
    if (!found) return undefined;
    const { storageKey, uploadedBy, reporterUserId, ...record } = found;
    const allowed =
      record.published ||
      (viewer !== null &&
        (STAFF_ROLES.has(viewer.role) || uploadedBy === viewer.id || reporterUserId === viewer.id));
    return allowed ? { record, path: this.files.pathOf(storageKey) } : undefined;
  }

  /**
   * Inside the caller's transaction: links uploaded, still-unattached media to a report (and optionally a
   * report_events row). Uploads are capabilities: possession of the random id is enough. Throws
   * BAD_USER_INPUT naming every bad id.
   */
  async attach(
    tx: Kysely<DB>,
    args: { mediaIds: string[]; reportId: string; reportEventId?: string | null },
  ): Promise<MediaRecord[]> {
    if (args.mediaIds.length === 0) return [];
    if (args.mediaIds.length > MAX_ATTACH) {
      throw badInput(`mediaIds: at most ${MAX_ATTACH} per report (got ${args.mediaIds.length})`);
    }
    const repo = new MediaRepository(tx);
    const ids = args.mediaIds.map((id) => id.toLowerCase());
    const wellFormed = [...new Set(ids.filter(isMediaId))];
    const found = new Map((await repo.lockForAttach(wellFormed)).map((r) => [r.id, r]));
    const problems = [
      listed(
        'not a media id',
        args.mediaIds.filter((id) => !isMediaId(id)),
      ),
      listed('listed twice', [...new Set(ids.filter((id, i) => ids.indexOf(id) !== i))]),
      listed(
        'unknown',
        wellFormed.filter((id) => !found.has(id)),
      ),
      listed(
        'already attached',
        wellFormed.filter((id) => found.get(id)?.reportId != null),
      ),
    ].filter(Boolean);
    if (problems.length > 0) throw badInput(`mediaIds: ${problems.join('; ')}`);
    const eventId = args.reportEventId ?? null;
    if (eventId !== null && !(await repo.reportEventBelongsTo(eventId, args.reportId))) {
      throw badInput(`reportEventId ${eventId} is not an event of report ${args.reportId}`);
    }
    const attached = await repo.attach(wellFormed, args.reportId, eventId);
    // The rows are locked, so nothing can have attached them in between.
    if (attached.length !== wellFormed.length)
      throw new Error('media attach changed fewer rows than it locked');
    const byId = new Map(attached.map((m) => [m.id, m]));
    return wellFormed.map((id) => byId.get(id)!);
  }

  /** Media of these reports that this viewer may see, grouped by report id (every id present). For a DataLoader. */
  async forReports(reportIds: readonly string[], viewer: Viewer | null): Promise<Map<string, MediaRecord[]>> {
    const grouped = new Map<string, MediaRecord[]>(reportIds.map((id) => [id, []]));
    const ids = [...new Set(reportIds)].filter((id) => /^\d{1,18}$/.test(id));
    const audience: MediaAudience =
      viewer && STAFF_ROLES.has(viewer.role) ? { all: true } : { all: false, userId: viewer?.id ?? null };
    for (const m of await this.media.forReports(ids, audience)) grouped.get(m.reportId!)?.push(m);
    return grouped;
  }

  /** publishMedia / unpublishMedia: operators and admins, for media attached to a report; logs an event. */
  async setPublished(user: Viewer | null, id: string, published: boolean): Promise<MediaRecord> {
    if (!user) throw unauthenticated();
    if (!PUBLISHER_ROLES.has(user.role)) throw forbidden('Only operators and admins can publish media');
    if (!isMediaId(id)) throw badInput(`id must be a media id (a UUID), got ${JSON.stringify(id)}`);
    const mediaId = id.toLowerCase();
    return this.media.transaction(async (repo, tx) => {
      const changed = await repo.setPublished(mediaId, published, user.id);
      if (!changed) {
        const current = await repo.byId(mediaId);
        if (!current) throw notFound(`No media ${mediaId}`);
        return current; // already in the asked state: nothing happened, nothing to log
      }
      // Throwing here rolls the update back.
      if (changed.reportId === null) throw badInput(`Media ${mediaId} is not attached to a report`);
      await appendEvent(tx, {
        topic: 'report',
        type: published ? 'report.media_published' : 'report.media_unpublished',
        entityId: changed.reportId,
        payload: { reportId: changed.reportId, mediaId },
        actorUserId: user.id,
      });
      return changed;
    });
  }

  private async cleanPhoto(upload: ReceivedUpload, out: string): Promise<{ width: number; height: number }> {
    const strip = STRIPPERS[upload.info.format];
    if (!strip) throw new Error(`no metadata stripper for ${upload.info.format}`);
    const { data, width, height } = strip(await fs.promises.readFile(upload.path));
    await fs.promises.writeFile(out, data, { flag: 'wx', mode: 0o640 });
    return { width, height };
  }

  private async cleanVideo(upload: ReceivedUpload, out: string): Promise<{ width: number; height: number }> {
    if (this.#videoJobs >= (this.settings.maxConcurrentVideos ?? 2)) {
      throw new MediaRejected(503, 'Too many videos are being processed right now; try again in a minute');
    }
    this.#videoJobs++;
    try {
      return await stripVideo(upload.path, out, upload.info, this.settings.videoTools ?? DEFAULT_VIDEO_TOOLS);
    } finally {
      this.#videoJobs--;
    }
  }
}

function listed(problem: string, ids: string[]): string {
  return ids.length === 0 ? '' : `${problem}: ${ids.map((id) => JSON.stringify(id)).join(', ')}`;
}

async function digest(file: string): Promise<{ bytes: number; sha256: string }> {
  const hash = crypto.createHash('sha256');
  let bytes = 0;
  await pipeline(fs.createReadStream(file), async (source: AsyncIterable<Buffer>) => {
    for await (const chunk of source) {
      bytes += chunk.length;
      hash.update(chunk);
    }
  });
  return { bytes, sha256: hash.digest('hex') };
}

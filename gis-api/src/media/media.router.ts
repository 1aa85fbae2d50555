// HTTP for media: POST /media (multipart upload, one file in field "file") and GET /media/:id (download
// with role checks). JSON errors `{error}`; 404 for media the caller may not see, so existence is not revealed.
import { basename } from 'node:path';
import express from 'express';
import type { AuthService } from '../auth/auth.service.ts';
import type { Logger } from '../index.ts';
import type { RateLimiter } from '../http/rate-limit.ts';
import type { User } from '../users/user.repository.ts';
import { MediaRejected } from './media-errors.ts';
import { isMediaId, type MediaService } from './media.service.ts';
import { formatBytes, receiveUpload } from './upload-receiver.ts';

export interface MediaRouterOptions {
  media: MediaService;
  auth: AuthService;
  /** Uploads per client: by account when signed in, by IP otherwise. */
  uploadLimiter: RateLimiter;
  logger: Logger;
}

/** Multipart framing around the file: a body larger than the largest file by this much is refused unread. */
const MULTIPART_OVERHEAD = 64 * 1024;

export function mediaRouter({ media, auth, uploadLimiter, logger }: MediaRouterOptions): express.Router {
  const router = express.Router();
  const maxBytes = Math.max(media.limitFor('photo'), media.limitFor('video'));

  const fail = (req: express.Request, res: express.Response, err: unknown) => {
    // The rest of an unread body is not worth receiving: close the connection after the answer.
    if (!req.complete) res.setHeader('Connection', 'close');
    if (err instanceof MediaRejected) {
      res.status(err.status).json({ error: err.message });
    } else if (isUnauthenticated(err)) {
      res.status(401).json({ error: err.message });
    } else {
      logger.error(`media ${req.method} failed`, err);
      if (!res.headersSent) res.status(500).json({ error: 'Internal server error' });
    }
  };

  router.post('/media', async (req, res) => {
    try {
      const user = await auth.userFromAuthorization(req.headers.authorization);
      const decision = uploadLimiter.consume(
        user ? `user:${user.id}` : `ip:${req.ip ?? req.socket.remoteAddress}`,
      );
      if (!decision.allowed) {
        res.setHeader('Retry-After', String(decision.retryAfterSeconds));
        throw new MediaRejected(429, `Too many uploads; try again in ${decision.retryAfterSeconds} s`);
      }
      const declared = Number(req.headers['content-length']);
      if (declared > maxBytes + MULTIPART_OVERHEAD) {
        throw new MediaRejected(
          413,
          `The upload is larger than ${formatBytes(maxBytes)}, the largest accepted file`,
        );
      }
      const upload = await receiveUpload(req, {
        tempPath: () => media.receivingPath(),
        limitFor: (info) => media.limitFor(info.kind),
        maxBytes,
        discard: (path) => media.discard(path),
      });
      const m = await media.store(upload, user?.id ?? null);
      res.status(201).location(m.url).json({
        id: m.id,
        kind: m.kind,
        mime: m.mime,
        bytes: m.bytes,
        width: m.width,
        height: m.height,
        url: m.url,
      });
    } catch (err) {
      fail(req, res, err);
    }
  });

  router.get('/media/:id', async (req, res) => {
    try {
      const { id } = req.params;
      if (!isMediaId(id)) throw new MediaRejected(400, 'Not a media id: expected a UUID');
      const user: User | null = await auth.userFromAuthorization(req.headers.authorization);
      const found = await media.open(id, user);
      if (!found) {
        res.status(404).json({ error: 'No such media' });
        return;
      }
      const { record, path } = found;
      res.setHeader('Content-Type', record.mime);
      res.setHeader('Cache-Control', 'private');
      res.setHeader('X-Content-Type-Options', 'nosniff');
      res.setHeader('Content-Disposition', `inline; filename="${basename(path)}"`);
      // sendFile answers Range requests (browsers need them to seek in video) and conditional GETs.
      res.sendFile(path, { dotfiles: 'allow', cacheControl: false, acceptRanges: true }, (err) => {
        if (!err) return;
        if ((err as NodeJS.ErrnoException).code === 'ENOENT') {
          logger.error(`media ${record.id} has a row but no file`, err);
          if (!res.headersSent) res.status(404).json({ error: 'No such media' });
        } else if (!res.headersSent) {
          fail(req, res, err);
        }
      });
    } catch (err) {
      fail(req, res, err);
    }
  });

  return router;
}

function isUnauthenticated(err: unknown): err is Error {
  return (
    err instanceof Error &&
    (err as { extensions?: { code?: unknown } }).extensions?.code === 'UNAUTHENTICATED'
  );
}

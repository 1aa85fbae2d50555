// The HTTP face of the proxy, mounted at /cameras: /{id}/index.m3u8, the v-…m3u8 and s-… names the rewritten
// playlists hand out, and /{id}/snapshot.jpg. Unknown and (for the public) private cameras are 404 alike; a
// camera that cannot be reached is a 503 with a JSON reason, never a hang.
import express from 'express';
import type { Camera } from './camera.repository.ts';
import type { CameraSource } from './camera.directory.ts';
import type { SnapshotService } from './snapshot/snapshot.service.ts';
import { SnapshotError } from './snapshot/snapshot.service.ts';
import { UnknownResourceError, type StreamService } from './stream.service.ts';
import { UpstreamError } from './upstream/upstream.error.ts';
import { AuthError, type ViewerAuth } from './viewer.auth.ts';

export interface RouterParts {
  cameras: CameraSource;
  streams: StreamService;
  snapshots: SnapshotService;
  auth: ViewerAuth;
  log: (message: string, err: unknown) => void;
}

const PLAYLIST_NAME = /^(index|v-[A-Za-z0-9_-]{22})\.m3u8$/;
const MEDIA_NAME = /^s-[A-Za-z0-9_-]{22}\.[a-z0-9]{1,8}$/;

export function createCameraRouter({ cameras, streams, snapshots, auth, log }: RouterParts): express.Router {
  const router = express.Router();
  router.get(/^\/([A-Za-z0-9._-]{1,64})\/([A-Za-z0-9._-]{1,80})$/, async (req, res) => {
    const arrival = Date.now();
    const params = req.params as unknown as Record<string, string>;
    const id = params[0]!;
    const file = params[1]!;
    res.setHeader('X-Content-Type-Options', 'nosniff');
    let camera: Camera | undefined;
    try {
      const viewer = await auth.fromHeader(req.get('authorization'));
      camera = await cameras.find(id);
      if (!camera || (!camera.isPublic && !viewer.staff)) {
        notFound(res, `No camera "${id}"`);
        return;
      }
      if (!camera.upstreamUrl) {
        unavailable(res, camera, 'no_stream', `Camera "${camera.name}" has no stream registered`);
        return;
      }
      // Whatever a private camera shows must not land in a shared cache.
      const scope = camera.isPublic ? 'public' : 'private';
      if (PLAYLIST_NAME.test(file)) {
        const served = await streams.playlist(camera, file, arrival);
        res.setHeader('Content-Type', 'application/vnd.apple.mpegurl');
        res.setHeader('ETag', served.etag);
        res.setHeader('Cache-Control', `${scope}, max-age=${Math.floor(served.maxAgeMs / 1000)}`);
        res.send(served.body);
      } else if (MEDIA_NAME.test(file)) {
        const served = await streams.media(camera, file, arrival);
        res.setHeader('Content-Type', served.contentType);
        res.setHeader('ETag', served.etag);
        res.setHeader('Cache-Control', `${scope}, max-age=${Math.floor(served.maxAgeMs / 1000)}`);
        res.send(served.body);
      } else if (file === 'snapshot.jpg') {
        const shot = await snapshots.jpeg(camera, arrival);
        res.setHeader('Content-Type', 'image/jpeg');
        res.setHeader('Cache-Control', `${scope}, max-age=${Math.ceil(shot.maxAgeMs / 1000)}`);
        res.send(shot.body);
      } else {
        notFound(res, `No "${file}" for camera "${id}"`);
      }
    } catch (err) {
      if (err instanceof AuthError) {
        res.status(401).setHeader('WWW-Authenticate', 'Bearer').json({ error: err.message });
      } else if (err instanceof UnknownResourceError) {
        notFound(res, `Camera "${id}" has no current "${file}"; reload the playlist`);
      } else if (err instanceof UpstreamError && camera) {
        // A segment the camera no longer has is gone for the player too; anything else is the camera failing.
        if (
          err.reason === 'http_status' &&
          (err.upstreamStatus === 404 || err.upstreamStatus === 410) &&
          file.startsWith('s-')
        ) {
          notFound(res, `Camera "${id}" no longer has "${file}"`);
        } else {
          unavailable(
            res,
            camera,
            err.reason,
            `Camera "${camera.name}" is unavailable: ${err.message}`,
            err.upstreamStatus,
          );
        }
      } else if (err instanceof SnapshotError && camera) {
        unavailable(res, camera, 'snapshot_failed', `No snapshot of camera "${camera.name}": ${err.message}`);
      } else {
        log(`camera request ${req.originalUrl} failed`, err);
        res.status(503).setHeader('Cache-Control', 'no-store').json({ error: 'Camera registry unavailable' });
      }
    }
  });
  return router;
}

function notFound(res: express.Response, error: string): void {
  res.status(404).setHeader('Cache-Control', 'no-store').json({ error });
}

function unavailable(
  res: express.Response,
  camera: Camera,
  reason: string,
  error: string,
  upstreamStatus?: number,
): void {
  res
    .status(503)
    .setHeader('Cache-Control', 'no-store')
    .setHeader('Retry-After', '2')
    .json({
      error,
      camera: camera.code,
      reason,
      status: camera.status,
      ...(upstreamStatus ? { upstreamStatus } : {}),
    });
}

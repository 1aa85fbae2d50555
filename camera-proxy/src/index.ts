// The camera proxy's router, mounted at /cameras. This foundation answers every camera URL with a
// precise status; streaming through the proxy (HLS rewrite, shared segment cache, health) builds on it.
import express from 'express';
import type { Database } from '@ioc/sql';
import { findCamera } from './camera.repository.ts';
import type { CameraProxyConfig } from './config.ts';

export { readCameraProxyConfig, type CameraProxyConfig } from './config.ts';

export interface CameraProxy {
  router: express.Router;
  close(): Promise<void>;
}

export function createCameraProxy({
  database,
}: {
  database: Database;
  config: CameraProxyConfig;
}): CameraProxy {
  const router = express.Router();
  router.get(/^\/([A-Za-z0-9._-]{1,64})\/(.+)$/, async (req, res) => {
    const params = req.params as unknown as Record<string, string>;
    const id = params[0]!;
    try {
      const camera = await findCamera(database, id);
      if (!camera || !camera.is_public) {
        res.status(404).json({ error: `No camera "${id}"` });
        return;
      }
      if (!camera.upstream_url) {
        res
          .status(503)
          .json({ error: `Camera "${camera.name}" has no stream registered`, status: camera.status });
        return;
      }
      res
        .status(503)
        .json({ error: `Streaming for camera "${camera.name}" is not available yet`, status: camera.status });
    } catch {
      res.status(503).json({ error: 'Camera registry unavailable' });
    }
  });
  return { router, close: async () => {} };
}

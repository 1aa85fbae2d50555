// The public face of @ioc/camera-proxy: `createCameraProxy({ database, config })` gives the router mounted at
// /cameras (HLS through one shared cache, snapshots) and the health monitor; the simulator serves demo cameras.
import type express from 'express';
import type { Database } from '@ioc/sql';
import { CameraDirectory } from './camera.directory.ts';
import { CameraRepository } from './camera.repository.ts';
import { createCameraRouter } from './camera.router.ts';
import type { CameraProxyConfig } from './config.ts';
import { HealthMonitor } from './health/health.monitor.ts';
import { SnapshotService } from './snapshot/snapshot.service.ts';
import { StreamService } from './stream.service.ts';
import { AddressPolicy } from './upstream/address-policy.ts';
import { UpstreamClient, type RequestFn, type Resolver } from './upstream/upstream.client.ts';
import { usersIn, ViewerAuth } from './viewer.auth.ts';

export {
  readCameraProxyConfig,
  ConfigError,
  type CameraProxyConfig,
  type SimulatorConfig,
} from './config.ts';
export { CameraRepository, type Camera } from './camera.repository.ts';
export { createCameraSimulator, type CameraSimulator } from './simulator/camera.simulator.ts';
export { FAULT_MODES, type FaultMode } from './simulator/fault-mode.ts';
export { startDemoCameras, type DemoCameras } from './simulator/demo-cameras.ts';
export type { Verdict } from './health/camera-health.ts';

export interface CameraProxyOptions {
  database: Database;
  config: CameraProxyConfig;
  /** Start health checks only once this settles (e.g. the simulator has encoded its loops). */
  monitorAfter?: Promise<unknown>;
  /** Name resolution and request opening, replaceable in tests to prove refusals happen before any packet. */
  resolve?: Resolver;
  request?: RequestFn;
  log?: (message: string, err?: unknown) => void;
}

export interface CameraProxy {
  router: express.Router;
  monitor: HealthMonitor;
  streams: StreamService;
  /** Forgets cached camera rows (after upstream URLs were changed under a running proxy). */
  forgetCameras(): void;
  close(): Promise<void>;
}

export function createCameraProxy({
  database,
  config,
  monitorAfter,
  resolve,
  request,
  log = (message, err) => console.error(`[camera-proxy] ${message}`, err ?? ''),
}: CameraProxyOptions): CameraProxy {
  const repository = new CameraRepository(database);
  const directory = new CameraDirectory(repository);
  const policy = new AddressPolicy({
    allowedNetworks: config.allowedNetworks,
    allowedOrigins: config.allowedOrigins,
  });
  const client = new UpstreamClient({ policy, resolve, request });
  const streams = new StreamService({ client, settings: config });
  const snapshots = new SnapshotService({
    streams,
    ffmpegPath: config.ffmpegPath,
    ttlMs: config.snapshotTtlMs,
  });
  const auth = new ViewerAuth({ secret: config.authSecret, findUser: usersIn(database) });
  const monitor = new HealthMonitor({ repository, streams, intervalMs: config.healthIntervalMs, log });
  monitor.start(monitorAfter);
  const router = createCameraRouter({ cameras: directory, streams, snapshots, auth, log });
  return {
    router,
    monitor,
    streams,
    forgetCameras: () => directory.clear(),
    async close() {
      await monitor.stop();
      await Promise.all([streams.close(), snapshots.close()]);
    },
  };
}

// Demo mode: the simulator plays every Hà Nội demo camera, their upstream URLs point at it, and the proxy is
// allowed to reach exactly the simulator's loopback origin (nothing else on this machine).
import type { Database } from '@ioc/sql';
import { CameraRepository } from '../camera.repository.ts';
import type { CameraProxyConfig } from '../config.ts';
import { createCameraSimulator, type CameraSimulator } from './camera.simulator.ts';

export interface DemoCameras {
  simulator: CameraSimulator;
  /** The proxy's configuration with the simulator's origin allowed. */
  config: CameraProxyConfig;
  /** How many cameras now stream from the simulator. */
  registered: number;
}

export async function startDemoCameras(database: Database, config: CameraProxyConfig): Promise<DemoCameras> {
  const repository = new CameraRepository(database);
  const cameras = await repository.listDemoCameras();
  const sim = config.simulator;
  const simulator = await createCameraSimulator({
    cameras,
    ffmpegPath: config.ffmpegPath,
    cacheDir: sim.cacheDir,
    width: sim.width,
    height: sim.height,
    segmentSeconds: sim.segmentSeconds,
    port: sim.port,
    faults: sim.faults,
  });
  const registered = await repository.registerSimulatorStreams(simulator.baseUrl);
  return {
    simulator,
    registered,
    config: Object.freeze({
      ...config,
      allowedOrigins: Object.freeze([...config.allowedOrigins, simulator.baseUrl]),
    }),
  };
}

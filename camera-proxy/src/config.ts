// camera-proxy settings, read once from the environment, validated and frozen; nothing else in camera-proxy
// reads process.env.
import os from 'node:os';
import path from 'node:path';
import { FAULT_MODES, type FaultMode } from './simulator/fault-mode.ts';

export interface CameraProxyConfig {
  /**
   * Bound on reaching a camera (CAMERA_UPSTREAM_TIMEOUT_MS, default 2000): a viewer whose playlist or
   * segment has no upstream answer by then gets a 503 with a JSON reason, measured from its own arrival.
   */
  readonly upstreamTimeoutMs: number;
  /** Bound on downloading one segment's body once the camera has answered (CAMERA_SEGMENT_TIMEOUT_MS). */
  readonly segmentTimeoutMs: number;
  /** Largest playlist accepted from a camera (CAMERA_MAX_PLAYLIST_BYTES). */
  readonly maxPlaylistBytes: number;
  /** Largest segment, key or init section accepted from a camera (CAMERA_MAX_SEGMENT_BYTES). */
  readonly maxSegmentBytes: number;
  /** Byte budget of the shared segment cache (CAMERA_CACHE_MB, default 256). */
  readonly cacheBytes: number;
  /** How often the health monitor checks every camera with a stream (CAMERA_HEALTH_INTERVAL_MS; 0 = off). */
  readonly healthIntervalMs: number;
  /** How long a snapshot is reused (CAMERA_SNAPSHOT_TTL_MS). */
  readonly snapshotTtlMs: number;
  /**
   * Non-public networks cameras may live in, as CIDRs (CAMERA_ALLOWED_NETWORKS, e.g. a camera VPN
   * "10.20.0.0/16"). Loopback, link-local, private and reserved addresses are refused unless listed here.
   */
  readonly allowedNetworks: readonly string[];
  /**
   * Exact origins (scheme://host:port) exempt from the address check (CAMERA_ALLOWED_ORIGINS): a local
   * camera simulator. `npm start` adds its own simulator's origin; nothing else on loopback is reachable.
   */
  readonly allowedOrigins: readonly string[];
  /**
   * Key of the bearer tokens gis-api issues (AUTH_SECRET): staff see private cameras. Unset: private
   * cameras are never served (the composed server passes gis-api's key).
   */
  readonly authSecret: string | undefined;
  /** ffmpeg for snapshots and the simulator (FFMPEG_PATH, default "ffmpeg" on PATH). */
  readonly ffmpegPath: string;
  readonly simulator: SimulatorConfig;
  /** Port of the standalone server (PORT, default 8083). */
  readonly port: number;
  /** Interface the standalone server binds (HOST). */
  readonly host: string;
}

export interface SimulatorConfig {
  /** Run the camera simulator (CAMERA_SIMULATOR: 1/0; unset = in demo mode only). */
  readonly enabled: boolean | undefined;
  /** Loopback port of the simulator (CAMERA_SIMULATOR_PORT, default 0 = any free port). */
  readonly port: number;
  /** Picture size "WxH" (CAMERA_SIMULATOR_SIZE, default 320x180). */
  readonly width: number;
  readonly height: number;
  /** Segment duration in seconds (CAMERA_SIMULATOR_SEGMENT_S, default 2). */
  readonly segmentSeconds: number;
  /** Fault modes of demo cameras, "hn-007=stalled,hn-013=not-found" (CAMERA_SIMULATOR_FAULTS). */
  readonly faults: Readonly<Record<string, FaultMode>>;
  /** Where pre-encoded loops are kept between runs (CAMERA_SIMULATOR_CACHE_DIR). */
  readonly cacheDir: string;
}

export class ConfigError extends Error {
  override name = 'ConfigError';
}

/** Two demo cameras show what a broken camera looks like on the map. */
const DEFAULT_FAULTS = 'hn-017=stalled,hn-023=not-found';

export function readCameraProxyConfig(env: NodeJS.ProcessEnv = process.env): CameraProxyConfig {
  const problems: string[] = [];
  const str = (name: string) => env[name]?.trim() || undefined;
  const int = (name: string, fallback: number, min: number, max: number): number => {
    const raw = str(name);
    if (raw === undefined) return fallback;
    const n = Number(raw);
    if (!/^-?\d+$/.test(raw) || n < min || n > max) {
      problems.push(`${name} must be an integer from ${min} to ${max} (got "${raw}")`);
      return fallback;
    }
    return n;
  };
  const list = (name: string) =>
    (str(name) ?? '')
      .split(',')
      .map((s) => s.trim())
      .filter(Boolean);

  const allowedNetworks = list('CAMERA_ALLOWED_NETWORKS');
  for (const cidr of allowedNetworks) {
    if (!isCidr(cidr))
      problems.push(`CAMERA_ALLOWED_NETWORKS entries must be CIDRs like 10.20.0.0/16 (got "${cidr}")`);
  }
  const allowedOrigins = list('CAMERA_ALLOWED_ORIGINS');
  for (const origin of allowedOrigins) {
    if (originOf(origin) !== origin) {
      problems.push(
        `CAMERA_ALLOWED_ORIGINS entries must be origins like http://127.0.0.1:8090 (got "${origin}")`,
      );
    }
  }
  const authSecret = str('AUTH_SECRET');
  if (authSecret !== undefined && authSecret.length < 32) {
    problems.push(`AUTH_SECRET must be at least 32 characters (got ${authSecret.length})`);
  }

  const simRaw = str('CAMERA_SIMULATOR');
  if (simRaw !== undefined && !['0', '1', 'true', 'false'].includes(simRaw)) {
    problems.push(`CAMERA_SIMULATOR must be 1/0/true/false (got "${simRaw}")`);
  }
  const sizeRaw = str('CAMERA_SIMULATOR_SIZE') ?? '320x180';
  const size = /^(\d{2,4})x(\d{2,4})$/.exec(sizeRaw);
  const [width, height] = size ? [Number(size[1]), Number(size[2])] : [320, 180];
  if (!size || width % 2 || height % 2 || width > 1920 || height > 1080) {
    problems.push(`CAMERA_SIMULATOR_SIZE must be an even WxH up to 1920x1080 (got "${sizeRaw}")`);
  }
  const faults: Record<string, FaultMode> = {};
  for (const entry of (str('CAMERA_SIMULATOR_FAULTS') ?? DEFAULT_FAULTS).split(',').filter((s) => s.trim())) {
    const [code, mode] = entry.split('=').map((s) => s.trim());
    if (!code || !mode || !(FAULT_MODES as readonly string[]).includes(mode)) {
      problems.push(`CAMERA_SIMULATOR_FAULTS entries must be code=${FAULT_MODES.join('|')} (got "${entry}")`);
    } else {
      faults[code] = mode as FaultMode;
    }
  }

  const config: CameraProxyConfig = {
    upstreamTimeoutMs: int('CAMERA_UPSTREAM_TIMEOUT_MS', 2000, 100, 60_000),
    segmentTimeoutMs: int('CAMERA_SEGMENT_TIMEOUT_MS', 10_000, 100, 300_000),
    maxPlaylistBytes: int('CAMERA_MAX_PLAYLIST_BYTES', 1024 * 1024, 1024, 64 * 1024 * 1024),
    maxSegmentBytes: int('CAMERA_MAX_SEGMENT_BYTES', 32 * 1024 * 1024, 1024, 1024 * 1024 * 1024),
    cacheBytes: int('CAMERA_CACHE_MB', 256, 0, 64 * 1024) * 1024 * 1024,
    healthIntervalMs: int('CAMERA_HEALTH_INTERVAL_MS', 10_000, 0, 3_600_000),
    snapshotTtlMs: int('CAMERA_SNAPSHOT_TTL_MS', 5000, 0, 600_000),
    allowedNetworks: Object.freeze(allowedNetworks),
    allowedOrigins: Object.freeze(allowedOrigins),
    authSecret,
    ffmpegPath: str('FFMPEG_PATH') ?? 'ffmpeg',
    port: int('PORT', 8083, 0, 65535),
    host: str('HOST') ?? '0.0.0.0',
    simulator: Object.freeze({
      enabled: simRaw === undefined ? undefined : simRaw === '1' || simRaw === 'true',
      port: int('CAMERA_SIMULATOR_PORT', 0, 0, 65535),
      width,
      height,
      segmentSeconds: int('CAMERA_SIMULATOR_SEGMENT_S', 2, 1, 10),
      faults: Object.freeze(faults),
      cacheDir: path.resolve(
        str('CAMERA_SIMULATOR_CACHE_DIR') ?? path.join(os.tmpdir(), 'ioc-camera-simulator'),
      ),
    }),
  };
  if (problems.length > 0) throw new ConfigError(`Invalid environment variables: ${problems.join('; ')}`);
  return Object.freeze(config);
}

/** scheme://host[:port] of a URL as the proxy compares them (default ports dropped), or undefined. */
export function originOf(url: string): string | undefined {
  try {
    const u = new URL(url);
    return u.protocol === 'http:' || u.protocol === 'https:' ? u.origin : undefined;
  } catch {
    return undefined;
  }
}

function isCidr(s: string): boolean {
  const m = /^([0-9a-fA-F:.]+)\/(\d{1,3})$/.exec(s);
  if (!m) return false;
  const bits = Number(m[2]);
  return m[1]!.includes(':') ? bits <= 128 : /^\d{1,3}(\.\d{1,3}){3}$/.test(m[1]!) && bits <= 32;
}

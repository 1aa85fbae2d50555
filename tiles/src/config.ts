// The tiles settings, read once from the environment, validated and frozen; nothing else in tiles reads process.env.
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export interface TilesConfig {
  /** Bytes the in-memory tile cache may hold (TILE_CACHE_MB, default 64; 0 turns the cache off). */
  readonly cacheBytes: number;
  /** Browser/CDN max-age of tiles that change rarely: basemap, admin units (TILE_MAX_AGE_STATIC_S). */
  readonly maxAgeStaticSeconds: number;
  /**
   * Browser/CDN max-age of live tiles: reports, cameras, alerts, facilities (TILE_MAX_AGE_LIVE_S). Until
   * invalidation from the event log is wired, it is also how long the server cache keeps a live tile.
   */
  readonly maxAgeLiveSeconds: number;
  /**
   * Public URL of the tiles root as browsers reach it, e.g. `https://ioc.example.vn/tiles` (TILES_PUBLIC_URL).
   * Unset: built per request from Host / X-Forwarded-Proto / X-Forwarded-Host and the mount path.
   */
  readonly publicUrl: string | undefined;
  /** Folder of MapLibre SDF glyphs, one sub-folder per font (TILES_GLYPHS_DIR). */
  readonly glyphsDir: string;
  /** Where the style opens: longitude, latitude, zoom (TILES_STYLE_CENTER, default Hà Nội "105.85,21.03,11"). */
  readonly styleCenter: readonly [number, number, number];
  /** Port of the standalone server (PORT, default 8082). */
  readonly port: number;
  /** Interface the standalone server binds (HOST). */
  readonly host: string;
}

export class ConfigError extends Error {
  override name = 'ConfigError';
}

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');

export function readTilesConfig(env: NodeJS.ProcessEnv = process.env): TilesConfig {
  const problems: string[] = [];
  const int = (name: string, fallback: number, min: number, max: number): number => {
    const raw = env[name]?.trim();
    if (!raw) return fallback;
    const n = Number(raw);
    if (!Number.isInteger(n) || n < min || n > max) {
      problems.push(`${name} must be an integer from ${min} to ${max} (got "${raw}")`);
      return fallback;
    }
    return n;
  };

  const publicUrl = env.TILES_PUBLIC_URL?.trim().replace(/\/+$/, '') || undefined;
  if (publicUrl !== undefined && !/^https?:\/\/[^/\s?#]+(\/[^\s?#]*)?$/.test(publicUrl)) {
    problems.push(
      `TILES_PUBLIC_URL must be an http(s) URL without query, e.g. https://ioc.example.vn/tiles (got "${publicUrl}")`,
    );
  }

  const centerRaw = env.TILES_STYLE_CENTER?.trim() || '105.85,21.03,11';
  const center = centerRaw.split(',').map((s) => Number(s.trim()));
  const [lon, lat, zoom] = center;
  if (
    center.length !== 3 ||
    lon === undefined ||
    lat === undefined ||
    zoom === undefined ||
    !(Math.abs(lon) <= 180 && Math.abs(lat) <= 85 && zoom >= 0 && zoom <= 22)
  ) {
    problems.push(`TILES_STYLE_CENTER must be "longitude,latitude,zoom" (got "${centerRaw}")`);
  }

  const config: TilesConfig = {
    cacheBytes: int('TILE_CACHE_MB', 64, 0, 64 * 1024) * 1024 * 1024,
    maxAgeStaticSeconds: int('TILE_MAX_AGE_STATIC_S', 3600, 0, 365 * 24 * 3600),
    maxAgeLiveSeconds: int('TILE_MAX_AGE_LIVE_S', 30, 0, 24 * 3600),
    publicUrl,
    glyphsDir: path.resolve(env.TILES_GLYPHS_DIR?.trim() || path.join(repoRoot, 'data', 'basemap', 'glyphs')),
    styleCenter: [lon ?? 0, lat ?? 0, zoom ?? 0],
    port: int('PORT', 8082, 0, 65535),
    host: env.HOST?.trim() || '0.0.0.0',
  };
  if (problems.length > 0) throw new ConfigError(`Invalid environment variables: ${problems.join('; ')}`);
  return Object.freeze(config);
}

// Tiles as the router serves them: rendered by the source, gzipped and tagged once, cached per layer policy.
import crypto from 'node:crypto';
import { promisify } from 'node:util';
import zlib from 'node:zlib';
import type { TilesConfig } from './config.ts';
import type { TileLayer } from './layers.ts';
import type { Bbox, TileAddress } from './tile-address.ts';
import { TileCache, type CacheOutcome, type CachedTile, type Invalidation } from './tile.cache.ts';
import type { TileQuery, TileSource } from './tile.repository.ts';

const gzip = promisify(zlib.gzip);

/** The whole Web Mercator world, for layers without a data extent. */
export const WORLD_BOUNDS: Bbox = [-180, -85.051129, 180, 85.051129];
// TileJSON bounds are a hint; a minute-old extent is fine and saves a table scan per request.
const BOUNDS_TTL_MS = 60_000;
// Below this, gzip's header costs more than it saves.
const GZIP_MIN_BYTES = 256;

export type TileServiceConfig = Pick<TilesConfig, 'cacheBytes' | 'maxAgeLiveSeconds' | 'maxAgeStaticSeconds'>;

export class TileService {
  readonly #source: TileSource;
  readonly #config: TileServiceConfig;
  readonly #cache: TileCache;
  readonly #now: () => number;
  readonly #bounds = new Map<string, { value: Bbox; at: number }>();

  constructor(source: TileSource, config: TileServiceConfig, now: () => number = Date.now) {
    this.#source = source;
    this.#config = config;
    this.#now = now;
    this.#cache = new TileCache({ maxBytes: config.cacheBytes, now });
  }

  get cache(): TileCache {
    return this.#cache;
  }

  async tile(
    layer: TileLayer,
    address: TileAddress,
    query: TileQuery,
  ): Promise<{ tile: CachedTile; outcome: CacheOutcome }> {
    const key = { layer: layer.name, tile: address, query: new URLSearchParams(query).toString() };
    // Static tiles stay until evicted or invalidated; live ones for their max-age, until the event log drives invalidation.
    const ttlMs = layer.live ? this.#config.maxAgeLiveSeconds * 1000 : Infinity;
    return this.#cache.get(key, ttlMs, async () => pack(await this.#source.render(layer, address, query)));
  }

  /** Seconds browsers and CDNs may keep the layer's tiles. */
  maxAge(layer: TileLayer): number {
    return layer.live ? this.#config.maxAgeLiveSeconds : this.#config.maxAgeStaticSeconds;
  }

  async bounds(layer: TileLayer): Promise<Bbox> {
    const known = this.#bounds.get(layer.name);
    if (known && this.#now() - known.at < BOUNDS_TTL_MS) return known.value;
    const value = (await this.#source.bounds(layer)) ?? WORLD_BOUNDS;
    this.#bounds.set(layer.name, { value, at: this.#now() });
    return value;
  }

  /** Drops cached tiles that a change may have touched, e.g. `{ layers: ['reports'], bbox: [lon, lat, lon, lat] }`. */
  invalidate(match: Invalidation): number {
    return this.#cache.invalidate(match);
  }

  async close(): Promise<void> {
    await this.#cache.close();
  }
}

async function pack(bytes: Uint8Array): Promise<CachedTile> {
  const body = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const etag = `"${crypto.createHash('sha256').update(body).digest('base64url').slice(0, 32)}"`;
  let zipped: Buffer | undefined;
  if (body.length >= GZIP_MIN_BYTES) {
    const z = await gzip(body);
    if (z.length < body.length) zipped = z;
  }
  return { body, gzip: zipped, etag };
}

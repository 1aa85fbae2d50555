// The public face of @ioc/tiles: `createTilesRouter({ database, config })`, mounted at /tiles by the composed
// server and by the standalone main.
import type { Database } from '@ioc/sql';
import type express from 'express';
import type { TilesConfig } from './config.ts';
import { Glyphs } from './glyphs.ts';
import type { Invalidation } from './tile.cache.ts';
import { TileRepository } from './tile.repository.ts';
import { TileService } from './tile.service.ts';
import { createRouter } from './tiles.router.ts';

export { readTilesConfig, ConfigError, type TilesConfig } from './config.ts';
export { TILE_LAYERS, LAYER_NAMES, type TileLayerName } from './layers.ts';
export type { Invalidation } from './tile.cache.ts';
export { invalidationFor, TOPIC_LAYERS, type LoggedEvent } from './event-invalidation.ts';
export { tileAt, type Bbox, type TileAddress } from './tile-address.ts';

export interface TilesRouterOptions {
  database: Database;
  config: TilesConfig;
  /** Where database failures behind a 503 are reported (default: console.error). */
  log?: (message: string, err: unknown) => void;
}

export interface TilesRouter {
  router: express.Router;
  /**
   * Drops cached tiles a change may have touched: the seam for the event log (a report at a point, an alert
   * area, a camera's status). Returns how many cached tiles were dropped.
   */
  invalidate(match: Invalidation): number;
  /** Lets renders under way finish, then empties the cache. The database stays open: the caller owns it. */
  close(): Promise<void>;
}

export function createTilesRouter({ database, config, log = defaultLog }: TilesRouterOptions): TilesRouter {
  const service = new TileService(new TileRepository(database), config);
  const router = createRouter({ service, glyphs: new Glyphs(config.glyphsDir), config, log });
  return {
    router,
    invalidate: (match) => service.invalidate(match),
    close: () => service.close(),
  };
}

function defaultLog(message: string, err: unknown): void {
  console.error(`${message}: ${err instanceof Error ? err.message : String(err)}`);
}

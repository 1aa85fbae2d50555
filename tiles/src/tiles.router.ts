// The HTTP face of the tiles service, mounted at /tiles: vector tiles with cache validators and gzip, TileJSON,
// the style and its glyphs. Every error is JSON naming the reason; a tile is whole or not sent at all.
import express, { type Request, type Response } from 'express';
import type { TilesConfig } from './config.ts';
import type { Glyphs } from './glyphs.ts';
import { LAYER_NAMES, findLayer, parseLayerQuery } from './layers.ts';
import { BadHostError, publicBaseUrl } from './public-url.ts';
import { buildStyle, type Theme } from './style.builder.ts';
import { parseTileAddress } from './tile-address.ts';
import type { TileService } from './tile.service.ts';
import { buildTileJson } from './tilejson.builder.ts';

export const MVT_CONTENT_TYPE = 'application/vnd.mapbox-vector-tile';

export interface TilesRouterDeps {
  service: TileService;
  glyphs: Glyphs;
  config: Pick<TilesConfig, 'publicUrl' | 'styleCenter'>;
  /** Where failures the client only sees as 503 are reported. */
  log: (message: string, err: unknown) => void;
}

const ROUTES = ['/style.json', '/{layer}.json', '/{layer}/{z}/{x}/{y}.mvt', '/fonts/{fontstack}/{range}.pbf'];
// Style and TileJSON change with the seeded data and the deployment, not per request.
const DOCUMENT_MAX_AGE = 60;
const GLYPH_MAX_AGE_MS = 7 * 24 * 3600 * 1000;

export function createRouter({ service, glyphs, config, log }: TilesRouterDeps): express.Router {
  const router = express.Router();

  // Public, read-only data: any page may draw it.
  router.use((_req, res, next) => {
    res.set('Access-Control-Allow-Origin', '*');
    next();
  });

  router.get('/style.json', (req, res) => {
    const theme = req.query.theme ?? 'light';
    if (theme !== 'light' && theme !== 'dark') {
      return fail(res, 400, `theme must be "light" or "dark" (got ${JSON.stringify(theme)})`);
    }
    const baseUrl = baseUrlOr400(req, res);
    if (!baseUrl) return;
    documentHeaders(res);
    res.json(buildStyle({ baseUrl, theme: theme as Theme, center: config.styleCenter }));
  });

  router.get('/fonts/:fontstack/:range.pbf', (req, res) => {
    const found = glyphs.lookup(req.params.fontstack, req.params.range);
    if (!found.ok) return fail(res, found.status, found.error, found.fonts ? { fonts: found.fonts } : {});
    res.sendFile(found.file, {
      maxAge: GLYPH_MAX_AGE_MS,
      headers: { 'Content-Type': 'application/x-protobuf' },
    });
  });

  router.get('/:layer.json', async (req, res) => {
    const layer = findLayer(req.params.layer);
    if (!layer) return unknownLayer(res, req.params.layer);
    const baseUrl = baseUrlOr400(req, res);
    if (!baseUrl) return;
    let bounds;
    try {
      bounds = await service.bounds(layer);
    } catch (err) {
      log(`tiles: bounds of ${layer.name} failed`, err);
      return unavailable(res, 'the layer extent could not be read: the database is unavailable or failed');
    }
    documentHeaders(res);
    res.json(buildTileJson(layer, baseUrl, bounds));
  });

  router.get('/:layer/:z/:x/:y.mvt', async (req, res) => {
    const layer = findLayer(req.params.layer);
    if (!layer) return unknownLayer(res, req.params.layer);
    const address = parseTileAddress(req.params.z, req.params.x, req.params.y);
    if (!address.ok) return fail(res, 400, address.error);
    const query = parseLayerQuery(layer, req.query as Record<string, unknown>);
    if (!query.ok) return fail(res, 400, query.error);

    let result;
    try {
      result = await service.tile(layer, address.value, query.value);
    } catch (err) {
      const { z, x, y } = address.value;
      log(`tiles: ${layer.name}/${z}/${x}/${y} failed`, err);
      return unavailable(res, 'the tile could not be rendered: the database is unavailable or failed');
    }
    const { tile, outcome } = result;
    const gzip = tile.gzip && acceptsGzip(req) ? tile.gzip : undefined;
    res.set({
      'Cache-Control': `public, max-age=${service.maxAge(layer)}`,
      Vary: 'Accept-Encoding',
      // A different representation needs a different strong validator; either one proves the client's copy current.
      ETag: gzip ? tile.etag.replace(/"$/, '-gz"') : tile.etag,
      'X-Tile-Cache': outcome,
    });
    if (etagMatches(req.get('if-none-match'), tile.etag)) return res.status(304).end();
    // No features: 204, which MapLibre and deck.gl draw as an empty tile without parsing anything.
    if (tile.body.length === 0) return res.status(204).end();
    res.type(MVT_CONTENT_TYPE);
    if (gzip) res.set('Content-Encoding', 'gzip');
    res.send(gzip ?? tile.body);
  });

  router.use((req, res) => fail(res, 404, `no such tiles route: ${req.path}`, { routes: ROUTES }));

  // Anything thrown that the handlers did not expect: a bare 500, the details in the log only.
  router.use((err: unknown, _req: Request, res: Response, _next: express.NextFunction) => {
    log('tiles: unexpected error', err);
    if (!res.headersSent) fail(res, 500, 'internal error');
  });

  return router;

  function baseUrlOr400(req: Request, res: Response): string | undefined {
    try {
      return publicBaseUrl(req, config.publicUrl);
    } catch (err) {
      if (err instanceof BadHostError) {
        fail(res, 400, err.message);
        return undefined;
      }
      throw err;
    }
  }

  function documentHeaders(res: Response): void {
    res.set('Cache-Control', `public, max-age=${DOCUMENT_MAX_AGE}`);
    // Links inside are built from the request's host unless a public URL is configured.
    if (!config.publicUrl) res.set('Vary', 'Host, X-Forwarded-Host, X-Forwarded-Proto');
  }
}

function fail(res: Response, status: number, error: string, extra: Record<string, unknown> = {}): void {
  res
    .status(status)
    .set('Cache-Control', 'no-store')
    .json({ error, ...extra });
}

function unknownLayer(res: Response, name: string): void {
  fail(res, 404, `unknown layer "${name}"`, { layers: LAYER_NAMES });
}

function unavailable(res: Response, error: string): void {
  res.set('Retry-After', '5');
  fail(res, 503, error);
}

function acceptsGzip(req: Request): boolean {
  return req.get('accept-encoding') !== undefined && req.acceptsEncodings('gzip', 'identity') === 'gzip';
}

/** If-None-Match against the tile's tag, whichever encoding the client stored (weak comparison, RFC 9110 §13.1.2). */
function etagMatches(header: string | undefined, etag: string): boolean {
  if (!header) return false;
  if (header.trim() === '*') return true;
  const base = etag.slice(1, -1);
  return header.split(',').some((t) => {
    const opaque = t.trim().replace(/^W\//, '').replace(/^"|"$/g, '');
    return opaque === base || opaque === `${base}-gz`;
  });
}

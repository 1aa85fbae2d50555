// Finds out whether the tile server has a source at all, so a layer whose endpoint is missing starts switched off.
import type { TileSource } from './layer-keys.ts';
import { tileJsonUrl, tileUrlTemplate } from './tile-urls.ts';

type Fetch = (url: string, init?: RequestInit) => Promise<Response>;

/** The XYZ tile that contains a point (Web Mercator). */
export function tileAt(
  longitude: number,
  latitude: number,
  zoom: number,
): { x: number; y: number; z: number } {
  const n = 2 ** zoom;
  const lat = (latitude * Math.PI) / 180;
  const x = Math.floor(((longitude + 180) / 360) * n);
  const y = Math.floor(((1 - Math.log(Math.tan(lat) + 1 / Math.cos(lat)) / Math.PI) / 2) * n);
  return { x, y, z: zoom };
}

// A server's SPA fallback may answer a missing endpoint with index.html and 200: that is not a tile source.
function looksLikeData(response: Response): boolean {
  return response.ok && !(response.headers.get('content-type') ?? '').includes('text/html');
}

/**
 * True when the source answers: first its TileJSON, then (for servers without TileJSON) one tile at the given
 * point. A 404, another error status, or a network failure means "not available", never an exception.
 */
export async function probeSource(
  source: TileSource,
  at: { longitude: number; latitude: number; zoom: number },
  fetchFn: Fetch = (url, init) => fetch(url, init),
  signal?: AbortSignal,
): Promise<boolean> {
  const { x, y, z } = tileAt(at.longitude, at.latitude, Math.round(at.zoom));
  const tileUrl = tileUrlTemplate(source)
    .replace('{z}', String(z))
    .replace('{x}', String(x))
    .replace('{y}', String(y));
  for (const url of [tileJsonUrl(source), tileUrl]) {
    try {
      if (looksLikeData(await fetchFn(url, { signal }))) return true;
    } catch (error) {
      if (signal?.aborted) throw error;
    }
  }
  return false;
}

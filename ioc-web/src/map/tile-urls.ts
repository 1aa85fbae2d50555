// URLs of the tile server's endpoints, relative to the page so the same build works behind any host.
import type { TileSource } from './layer-keys.ts';

export const STYLE_URL = '/tiles/style.json';

/** XYZ template for deck.gl's MVTLayer. */
export function tileUrlTemplate(source: TileSource): string {
  return `/tiles/${source}/{z}/{x}/{y}.mvt`;
}

/** TileJSON 3.0 document describing a source. */
export function tileJsonUrl(source: TileSource): string {
  return `/tiles/${source}.json`;
}

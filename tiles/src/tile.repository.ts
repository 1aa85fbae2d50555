// The only tiles code that touches the database. PostGIS encodes a tile with its tile_<layer>() function;
// the embedded engine (no protobuf, so no ST_AsMVT) reads the same tile_<layer>_features() rows, cut to
// tile coordinates by tile_mvt_geom(), and encodes them in JS.
import { sql } from 'kysely';
import type { Database } from '@ioc/sql';
import { encodeMvt, type PropertyValue, type TileFeature, type TileGeometry } from './mvt.encoder.ts';
import { layerFields, type TileLayer, type TileLayerName } from './layers.ts';
import type { Bbox, TileAddress } from './tile-address.ts';

export const EXTENT = 4096;
/** Tile units drawn beyond each edge (as in the SQL functions), so strokes and icons do not break at seams. */
export const BUFFER = 64;

export type TileQuery = Readonly<Record<string, string>>;

/** What the tile service needs from storage; a fake in unit tests. */
export interface TileSource {
  render(layer: TileLayer, tile: TileAddress, query: TileQuery): Promise<Uint8Array>;
  /** Where the layer has data, in degrees; undefined when it has none. */
  bounds(layer: TileLayer): Promise<Bbox | undefined>;
}

export type TileEncoding = 'postgis' | 'js';

interface FeatureRow {
  layer: string;
  fid: string;
  props: Record<string, PropertyValue>;
  geometry: string;
}

// Where each layer's data lives, for TileJSON bounds. Reports and alerts come and go, so they take the
// extent of the administrative units the centre serves; the basemap is the world.
const BOUNDS_SOURCE: Record<TileLayerName, string | undefined> = {
  admin_units: 'select ST_Extent(geom) as e from admin_units',
  facilities: 'select ST_Extent(geom) as e from facilities',
  cameras: 'select ST_Extent(geom) as e from cameras where is_public',
  reports: 'select ST_Extent(geom) as e from admin_units where level > 1',
  alerts: 'select ST_Extent(geom) as e from admin_units where level > 1',
  basemap: undefined,
};

export class TileRepository implements TileSource {
  readonly #database: Database;
  readonly encoding: TileEncoding;

  /** `encoding` defaults to what the engine can do; tests force 'js' on PostGIS to compare the two. */
  constructor(database: Database, encoding?: TileEncoding) {
    this.#database = database;
    this.encoding = encoding ?? (database.capabilities.mvt ? 'postgis' : 'js');
    if (this.encoding === 'postgis' && !database.capabilities.mvt) {
      throw new Error(`the ${database.mode} engine has no ST_AsMVT; use the js encoding`);
    }
  }

  async render(layer: TileLayer, tile: TileAddress, query: TileQuery): Promise<Uint8Array> {
    return this.encoding === 'postgis'
      ? this.#renderInPostgis(layer, tile, query)
      : this.#renderInJs(layer, tile, query);
  }

  async bounds(layer: TileLayer): Promise<Bbox | undefined> {
    const source = BOUNDS_SOURCE[layer.name];
    if (!source) return undefined;
    const r = await sql<{ w: number | null; s: number | null; e: number | null; n: number | null }>`
      select ST_XMin(e) as w, ST_YMin(e) as s, ST_XMax(e) as e, ST_YMax(e) as n from (${sql.raw(source)}) t`.execute(
      this.#database.db,
    );
    const row = r.rows[0];
    if (!row || row.w === null || row.s === null || row.e === null || row.n === null) return undefined;
    return [row.w, row.s, row.e, row.n];
  }

  async #renderInPostgis(layer: TileLayer, { z, x, y }: TileAddress, query: TileQuery): Promise<Uint8Array> {
    const fn = sql.id(`tile_${layer.name}`);
    const r = await sql<{ mvt: Uint8Array | null }>`
      select ${fn}(${z}::integer, ${x}::integer, ${y}::integer, ${JSON.stringify(query)}::json) as mvt`.execute(
      this.#database.db,
    );
    return r.rows[0]?.mvt ?? new Uint8Array();
  }

  async #renderInJs(layer: TileLayer, { z, x, y }: TileAddress, query: TileQuery): Promise<Uint8Array> {
    const fn = sql.id(`tile_${layer.name}_features`);
    // Properties by name from the layer contract, so the geometry column is never serialised twice.
    const props = sql.join(layerFields(layer).map((name) => sql`${name}::text, ${sql.ref(`f.${name}`)}`));
    const r = await sql<FeatureRow>`
      select * from (
        select f.layer, f.fid::text as fid, jsonb_build_object(${props}) as props,
               ST_AsGeoJSON(tile_mvt_geom(f.geom, ST_TileEnvelope(${z}::integer, ${x}::integer, ${y}::integer),
                                          ${EXTENT}::integer, ${BUFFER}::integer), 0, 0) as geometry
        from ${fn}(${z}::integer, ${x}::integer, ${y}::integer, ${JSON.stringify(query)}::json) f
      ) t
      where geometry is not null`.execute(this.#database.db);
    const byLayer = new Map<string, TileFeature[]>(layer.vectorLayers.map((v) => [v.id, []]));
    for (const row of r.rows) {
      byLayer.get(row.layer)?.push({
        id: Number(row.fid),
        properties: row.props,
        geometry: JSON.parse(row.geometry) as TileGeometry,
      });
    }
    return encodeMvt(
      [...byLayer].map(([name, features]) => ({ name, features })),
      EXTENT,
    );
  }
}

// The properties each vector tile source carries per feature, as the tile server encodes them.

export interface AdminUnitProperties {
  id: number;
  code: string;
  name: string;
  name_en?: string;
  /** 1 province, 2 district, 3 ward (levels are data: the 2025 reform removed districts). */
  level: number;
  kind?: string;
}

export interface FacilityProperties {
  id: number;
  kind: string;
  name?: string;
  address?: string;
  phone?: string;
}

export interface CameraProperties {
  id: number;
  code?: string;
  name?: string;
  status?: string;
}

export interface ReportProperties {
  id: number;
  category_code?: string;
  status?: string;
  created_at?: string | number;
}

/** A feature as deck.gl hands it to accessors and picking callbacks. */
export interface TileFeature<P> {
  properties: P;
}

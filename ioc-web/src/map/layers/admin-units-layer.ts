// Administrative boundaries: districts as translucent, pickable fills; every level's outline on top.
import { MVTLayer } from '@deck.gl/geo-layers';
import { GeoJsonLayer } from '@deck.gl/layers';
import { DataFilterExtension, type DataFilterExtensionProps } from '@deck.gl/extensions';
import type { LayersList } from '@deck.gl/core';
import {
  ADMIN_DISTRICT_FILL,
  ADMIN_DISTRICT_LINE,
  ADMIN_HOVER,
  ADMIN_PROVINCE_LINE,
  ADMIN_WARD_LINE,
  type Rgba,
} from '../colors.ts';
import type { AdminUnitProperties, TileFeature } from '../feature-properties.ts';
import { tileUrlTemplate } from '../tile-urls.ts';
import { MVT_LOAD_OPTIONS } from './mvt-load-options.ts';

export const ADMIN_UNITS_LAYER_ID = 'admin_units';
export const DISTRICT_LEVEL = 2;

type Feature = TileFeature<AdminUnitProperties>;

const districtsOnly = new DataFilterExtension({ filterSize: 1 });

export function adminLineColor(level: number): Rgba {
  if (level <= 1) return ADMIN_PROVINCE_LINE;
  return level === DISTRICT_LEVEL ? ADMIN_DISTRICT_LINE : ADMIN_WARD_LINE;
}

export function adminLineWidthPixels(level: number): number {
  if (level <= 1) return 2.5;
  return level === DISTRICT_LEVEL ? 1.2 : 0.6;
}

// Only district polygons are filled and pickable: a filled province underneath would otherwise catch every
// click and hover, and a transparent fill is still pickable. Outlines of all levels come from the same tile
// (one fetch) in a second, unpickable sublayer. Both keep the tile's feature order, so MVTLayer's hover
// highlight index stays valid. Defined once at module level: a new function per render would rebuild all tiles.
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- deck.gl passes untyped sublayer props here.
function renderAdminSubLayers(props: any): LayersList {
  return [
    new GeoJsonLayer<Feature, DataFilterExtensionProps<Feature>>({
      ...props,
      id: `${props.id}-fill`,
      stroked: false,
      filled: true,
      extensions: [...(props.extensions ?? []), districtsOnly],
      getFilterValue: (f: Feature) => Number(f.properties.level),
      filterRange: [DISTRICT_LEVEL, DISTRICT_LEVEL],
    }),
    new GeoJsonLayer<Feature>({
      ...props,
      id: `${props.id}-outline`,
      filled: false,
      stroked: true,
      pickable: false,
    }),
  ];
}

const getLineColor = (f: Feature) => adminLineColor(Number(f.properties.level));
const getLineWidth = (f: Feature) => adminLineWidthPixels(Number(f.properties.level));

export function createAdminUnitsLayer() {
  return new MVTLayer<AdminUnitProperties>({
    id: ADMIN_UNITS_LAYER_ID,
    data: tileUrlTemplate('admin_units'),
    maxZoom: 14,
    loadOptions: MVT_LOAD_OPTIONS,
    pickable: true,
    autoHighlight: true,
    uniqueIdProperty: 'id',
    highlightColor: [...ADMIN_HOVER],
    getFillColor: ADMIN_DISTRICT_FILL,
    getLineColor,
    getLineWidth,
    lineWidthUnits: 'pixels',
    renderSubLayers: renderAdminSubLayers,
  });
}

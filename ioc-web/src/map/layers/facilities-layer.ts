// Schools and health facilities from one tile source; the two groups are toggled on the GPU, not refetched.
import { MVTLayer } from '@deck.gl/geo-layers';
import { DataFilterExtension, type DataFilterExtensionProps } from '@deck.gl/extensions';
import { facilityColor, facilityGroup, facilityRadiusMeters, type FacilityGroup } from '../facility-kinds.ts';
import type { FacilityProperties, TileFeature } from '../feature-properties.ts';
import { tileUrlTemplate } from '../tile-urls.ts';
import { POINT_STYLE } from './point-style.ts';

export const FACILITIES_LAYER_ID = 'facilities';

type Feature = TileFeature<FacilityProperties>;

const byGroup = new DataFilterExtension({ categorySize: 1 });

const getFillColor = (f: Feature) => facilityColor(f.properties.kind);
const getPointRadius = (f: Feature) => facilityRadiusMeters(f.properties.kind);
// Kinds outside the known list fall in 'other', which no toggle shows.
const getFilterCategory = (f: Feature) => facilityGroup(f.properties.kind) ?? 'other';

/** `groups` must be a stable array (memoised by the caller): a new one rebuilds every tile's sublayers. */
export function createFacilitiesLayer({ groups }: { groups: readonly FacilityGroup[] }) {
  return new MVTLayer<FacilityProperties, DataFilterExtensionProps<Feature>>({
    ...POINT_STYLE,
    id: FACILITIES_LAYER_ID,
    data: tileUrlTemplate('facilities'),
    getFillColor,
    getPointRadius,
    extensions: [byGroup],
    getFilterCategory,
    filterCategories: [...groups],
  });
}

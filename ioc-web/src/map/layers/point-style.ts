// Shared look of every point layer: circles sized in metres but clamped in pixels, with a white rim.
import { POINT_HOVER, POINT_OUTLINE } from '../colors.ts';
import { MVT_LOAD_OPTIONS } from './mvt-load-options.ts';

export const POINT_RADIUS_MIN_PIXELS = 3;
export const POINT_RADIUS_MAX_PIXELS = 11;

export const POINT_STYLE = Object.freeze({
  pointType: 'circle' as const,
  pointRadiusUnits: 'meters' as const,
  pointRadiusMinPixels: POINT_RADIUS_MIN_PIXELS,
  pointRadiusMaxPixels: POINT_RADIUS_MAX_PIXELS,
  stroked: true,
  getLineColor: POINT_OUTLINE,
  lineWidthUnits: 'pixels' as const,
  getLineWidth: 1,
  pickable: true,
  autoHighlight: true,
  uniqueIdProperty: 'id',
  highlightColor: [...POINT_HOVER], // deck.gl types this one as a mutable array
  maxZoom: 16,
  loadOptions: MVT_LOAD_OPTIONS,
});

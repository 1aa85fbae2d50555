// Citizen reports as points: orange while being handled, green once resolved or closed.
import { MVTLayer } from '@deck.gl/geo-layers';
import { REPORT_DONE, REPORT_OPEN, type Rgba } from '../colors.ts';
import type { ReportProperties, TileFeature } from '../feature-properties.ts';
import { tileUrlTemplate } from '../tile-urls.ts';
import { POINT_STYLE } from './point-style.ts';

export const REPORTS_LAYER_ID = 'reports';

const DONE_STATUSES: ReadonlySet<string> = new Set(['resolved', 'closed']);

type Feature = TileFeature<ReportProperties>;

export function reportColor(status: unknown): Rgba {
  return typeof status === 'string' && DONE_STATUSES.has(status) ? REPORT_DONE : REPORT_OPEN;
}

const getFillColor = (f: Feature) => reportColor(f.properties.status);

export function createReportsLayer() {
  return new MVTLayer<ReportProperties>({
    ...POINT_STYLE,
    id: REPORTS_LAYER_ID,
    data: tileUrlTemplate('reports'),
    getFillColor,
    getPointRadius: 35,
  });
}

// The colour swatch beside each layer toggle: the colour its features are drawn in.
import { ADMIN_DISTRICT_LINE, CAMERA_ONLINE, EDUCATION, HEALTH, REPORT_OPEN, type Rgba } from './colors.ts';
import type { LayerKey } from './layer-keys.ts';

export const LAYER_SWATCH: Readonly<Record<LayerKey, Rgba>> = Object.freeze({
  admin: ADMIN_DISTRICT_LINE,
  schools: EDUCATION,
  health: HEALTH,
  cameras: CAMERA_ONLINE,
  reports: REPORT_OPEN,
});

// Every colour the map draws with, named once here so the layers and the legend cannot disagree.

/** [red, green, blue, alpha], each 0–255, as deck.gl accessors want them. */
export type Rgba = readonly [number, number, number, number];

export const ADMIN_DISTRICT_FILL: Rgba = [37, 99, 235, 28];
export const ADMIN_DISTRICT_LINE: Rgba = [30, 64, 175, 200];
export const ADMIN_PROVINCE_LINE: Rgba = [15, 23, 42, 220];
export const ADMIN_WARD_LINE: Rgba = [100, 116, 139, 140];
export const ADMIN_HOVER: Rgba = [250, 204, 21, 110];

export const EDUCATION: Rgba = [124, 58, 237, 230];
export const HEALTH: Rgba = [220, 38, 38, 230];
export const FACILITY_UNKNOWN: Rgba = [100, 116, 139, 230];

export const CAMERA_ONLINE: Rgba = [5, 150, 105, 240];
export const CAMERA_OFFLINE: Rgba = [148, 163, 184, 240];

export const REPORT_OPEN: Rgba = [234, 88, 12, 235];
export const REPORT_DONE: Rgba = [22, 163, 74, 235];

/** The white rim around every point, so points stay readable over any basemap colour. */
export const POINT_OUTLINE: Rgba = [255, 255, 255, 255];
export const POINT_HOVER: Rgba = [250, 204, 21, 255];

/** The same colour as CSS, for the legend and the layer panel swatches. */
export function toCss([r, g, b, a]: Rgba): string {
  return `rgba(${r}, ${g}, ${b}, ${Math.round((a / 255) * 100) / 100})`;
}

// Traffic cameras as points, coloured by whether the camera is streaming.
import { MVTLayer } from '@deck.gl/geo-layers';
import { CAMERA_OFFLINE, CAMERA_ONLINE, type Rgba } from '../colors.ts';
import type { CameraProperties, TileFeature } from '../feature-properties.ts';
import { tileUrlTemplate } from '../tile-urls.ts';
import { POINT_STYLE } from './point-style.ts';

export const CAMERAS_LAYER_ID = 'cameras';

type Feature = TileFeature<CameraProperties>;

export function cameraColor(status: unknown): Rgba {
  return status === 'online' ? CAMERA_ONLINE : CAMERA_OFFLINE;
}

const getFillColor = (f: Feature) => cameraColor(f.properties.status);

export function createCamerasLayer() {
  return new MVTLayer<CameraProperties>({
    ...POINT_STYLE,
    id: CAMERAS_LAYER_ID,
    data: tileUrlTemplate('cameras'),
    getFillColor,
    getPointRadius: 45,
  });
}

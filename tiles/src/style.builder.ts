// The MapLibre style of the offline basemap (light, or dark for the video wall): every source and glyph URL
// points at this server, so the map draws with no internet. Labels are Vietnamese (`name`), English as fallback.
import type { TileLayer } from './layers.ts';
import { TILE_LAYERS } from './layers.ts';

export type Theme = 'light' | 'dark';

interface Palette {
  water: string;
  land: string;
  waterway: string;
  country: string;
  province: string;
  district: string;
  ward: string;
  casing: string;
  roads: Record<RoadClass, string>;
  label: string;
  labelHalo: string;
  waterLabel: string;
  districtLabel: string;
}

type RoadClass = 'motorway' | 'trunk' | 'primary' | 'secondary' | 'tertiary';

const PALETTES: Record<Theme, Palette> = {
  light: {
    water: '#aad3df',
    land: '#f4f1ea',
    waterway: '#8cc2dc',
    country: '#8d6a9f',
    province: '#9e8aa8',
    district: '#b29cbc',
    ward: '#cdbfd4',
    casing: '#b9aea0',
    roads: {
      motorway: '#e892a2',
      trunk: '#f9b29c',
      primary: '#fcd6a4',
      secondary: '#f7fabf',
      tertiary: '#ffffff',
    },
    label: '#333333',
    labelHalo: '#ffffff',
    waterLabel: '#2a6f97',
    districtLabel: '#5b4a66',
  },
  // Dim, low-contrast ground so the live layers drawn over it stand out on the wall.
  dark: {
    water: '#0f2130',
    land: '#161a1f',
    waterway: '#1e3a50',
    country: '#6e5a82',
    province: '#5d4f6b',
    district: '#4e4459',
    ward: '#3a3442',
    casing: '#0b0d10',
    roads: {
      motorway: '#8a6436',
      trunk: '#76603d',
      primary: '#4f545b',
      secondary: '#43474d',
      tertiary: '#373b40',
    },
    label: '#c3c8cf',
    labelHalo: '#0b0d10',
    waterLabel: '#6fa3c4',
    districtLabel: '#a99bb8',
  },
};

// Line widths in pixels by zoom; drawn minor first so majors cross over them.
const ROADS: ReadonlyArray<{ cls: RoadClass; minzoom: number; widths: number[] }> = [
  { cls: 'tertiary', minzoom: 12, widths: [12, 0.6, 14, 2.5, 18, 14] },
  { cls: 'secondary', minzoom: 11, widths: [11, 0.6, 12, 1.2, 14, 3.5, 18, 16] },
  { cls: 'primary', minzoom: 10, widths: [10, 0.8, 12, 1.8, 14, 4, 18, 18] },
  { cls: 'trunk', minzoom: 8, widths: [8, 0.8, 12, 2.4, 14, 5, 18, 20] },
  { cls: 'motorway', minzoom: 8, widths: [8, 1, 12, 2.8, 14, 6, 18, 24] },
];

export const FONTS = {
  regular: 'Noto Sans Regular',
  medium: 'Noto Sans Medium',
  italic: 'Noto Sans Italic',
} as const;

export interface StyleOptions {
  /** Absolute URL of the tiles root, e.g. `https://ioc.example.vn/tiles`. */
  baseUrl: string;
  theme: Theme;
  /** longitude, latitude, zoom */
  center: readonly [number, number, number];
}

type Json = Record<string, unknown>;

export function buildStyle({ baseUrl, theme, center }: StyleOptions): Json {
  const p = PALETTES[theme];
  const textPaint = (color: string) => ({
    'text-color': color,
    'text-halo-color': p.labelHalo,
    'text-halo-width': 1.4,
  });
  const name = ['coalesce', ['get', 'name'], ['get', 'name_en']];
  const byZoom = (stops: unknown[]) => ['interpolate', ['exponential', 1.5], ['zoom'], ...stops];

  const layers: Json[] = [
    { id: 'background', type: 'background', paint: { 'background-color': p.water } },
    { id: 'land', type: 'fill', source: 'basemap', 'source-layer': 'land', paint: { 'fill-color': p.land } },
    {
      id: 'water',
      type: 'fill',
      source: 'basemap',
      'source-layer': 'water',
      paint: { 'fill-color': p.water },
    },
    {
      id: 'waterways',
      type: 'line',
      source: 'basemap',
      'source-layer': 'waterways',
      paint: {
        'line-color': p.waterway,
        'line-width': byZoom([
          4,
          ['match', ['get', 'class'], 'river', 0.6, 0.2],
          14,
          ['match', ['get', 'class'], 'river', 4, 'canal', 2, 1],
        ]),
      },
    },
    {
      id: 'boundaries-ward',
      type: 'line',
      source: 'basemap',
      'source-layer': 'boundaries',
      minzoom: 12,
      paint: { 'line-color': p.ward, 'line-width': 0.8, 'line-dasharray': [3, 2] },
    },
    {
      id: 'boundaries-district',
      type: 'line',
      source: 'admin',
      'source-layer': 'admin_units',
      minzoom: 8,
      filter: ['==', ['get', 'level'], 2],
      paint: { 'line-color': p.district, 'line-width': byZoom([8, 0.6, 14, 2]), 'line-dasharray': [4, 2] },
    },
    {
      id: 'boundaries-province',
      type: 'line',
      source: 'admin',
      'source-layer': 'admin_units',
      filter: ['==', ['get', 'level'], 1],
      paint: { 'line-color': p.province, 'line-width': byZoom([4, 0.6, 12, 2.5]) },
    },
    {
      id: 'boundaries-country',
      type: 'line',
      source: 'basemap',
      'source-layer': 'countries',
      paint: { 'line-color': p.country, 'line-width': byZoom([2, 0.8, 10, 2.5]) },
    },
    ...ROADS.flatMap(({ cls, minzoom, widths }) => {
      const filter = ['in', ['get', 'class'], ['literal', [cls, `${cls}_link`]]];
      const casingWidths = widths.map((v, i) => (i % 2 === 1 ? v + 1.2 : v));
      return [
        {
          id: `road-${cls}-casing`,
          type: 'line',
          source: 'basemap',
          'source-layer': 'roads',
          minzoom: Math.max(minzoom, 12),
          filter,
          layout: { 'line-cap': 'round', 'line-join': 'round' },
          paint: { 'line-color': p.casing, 'line-width': byZoom(casingWidths) },
        },
        {
          id: `road-${cls}`,
          type: 'line',
          source: 'basemap',
          'source-layer': 'roads',
          minzoom,
          filter,
          layout: { 'line-cap': 'round', 'line-join': 'round' },
          paint: { 'line-color': p.roads[cls], 'line-width': byZoom(widths) },
        },
      ];
    }),
    {
      id: 'label-waterway',
      type: 'symbol',
      source: 'basemap',
      'source-layer': 'waterways',
      minzoom: 12,
      layout: {
        'symbol-placement': 'line',
        'text-field': name,
        'text-font': [FONTS.italic],
        'text-size': 12,
      },
      paint: textPaint(p.waterLabel),
    },
    {
      id: 'label-water',
      type: 'symbol',
      source: 'basemap',
      'source-layer': 'water',
      minzoom: 13,
      filter: ['has', 'name'],
      layout: { 'text-field': name, 'text-font': [FONTS.italic], 'text-size': 12 },
      paint: textPaint(p.waterLabel),
    },
    {
      id: 'label-road',
      type: 'symbol',
      source: 'basemap',
      'source-layer': 'roads',
      minzoom: 13,
      layout: {
        'symbol-placement': 'line',
        'text-field': name,
        'text-font': [FONTS.regular],
        'text-size': byZoom([13, 10, 18, 14]),
      },
      paint: textPaint(p.label),
    },
    {
      id: 'label-district',
      type: 'symbol',
      source: 'basemap',
      'source-layer': 'places',
      minzoom: 9,
      maxzoom: 15,
      filter: ['==', ['get', 'level'], 2],
      layout: {
        'text-field': name,
        'text-font': [FONTS.medium],
        'text-size': byZoom([9, 11, 14, 16]),
        'text-max-width': 8,
      },
      paint: textPaint(p.districtLabel),
    },
    {
      id: 'label-province',
      type: 'symbol',
      source: 'basemap',
      'source-layer': 'places',
      minzoom: 5,
      maxzoom: 9,
      filter: ['==', ['get', 'level'], 1],
      layout: {
        'text-field': name,
        'text-font': [FONTS.medium],
        'text-size': 12,
        'text-max-width': 8,
      },
      paint: textPaint(p.districtLabel),
    },
  ];

  return {
    version: 8,
    name: `IOC offline basemap (${theme})`,
    metadata: { 'ioc:theme': theme },
    center: [center[0], center[1]],
    zoom: center[2],
    sources: {
      basemap: vectorSource(TILE_LAYERS.basemap, baseUrl),
      admin: vectorSource(TILE_LAYERS.admin_units, baseUrl),
    },
    glyphs: `${baseUrl}/fonts/{fontstack}/{range}.pbf`,
    layers,
  };
}

function vectorSource(layer: TileLayer, baseUrl: string): Json {
  return {
    type: 'vector',
    tiles: [`${baseUrl}/${layer.name}/{z}/{x}/{y}.mvt`],
    minzoom: layer.minzoom,
    maxzoom: layer.maxzoom,
    ...(layer.attribution ? { attribution: layer.attribution } : {}),
  };
}

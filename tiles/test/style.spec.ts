// The offline basemap style: valid MapLibre style (both themes), every URL on this server, Vietnamese labels.
import { validateStyleMin, type StyleSpecification } from '@maplibre/maplibre-gl-style-spec';
import { describe, expect, it } from 'vitest';
import { buildStyle, FONTS } from '../src/style.builder.ts';

const baseUrl = 'https://ioc.example.vn/tiles';
const center = [105.85, 21.03, 11] as const;

function urlsIn(value: unknown): string[] {
  if (typeof value === 'string') return /^[a-z]+:\/\//i.test(value) ? [value] : [];
  if (Array.isArray(value)) return value.flatMap(urlsIn);
  if (value && typeof value === 'object') return Object.values(value).flatMap(urlsIn);
  return [];
}

describe('buildStyle', () => {
  for (const theme of ['light', 'dark'] as const) {
    it(`the ${theme} style passes the MapLibre style validator`, () => {
      const style = buildStyle({ baseUrl, theme, center });
      expect(validateStyleMin(style as unknown as StyleSpecification)).toEqual([]);
    });
  }

  it('every source and glyph URL is absolute on this server, none anywhere else', () => {
    const style = buildStyle({ baseUrl, theme: 'light', center });
    const urls = urlsIn(style);
    expect(urls.length).toBeGreaterThanOrEqual(3);
    for (const url of urls) expect(url.startsWith(`${baseUrl}/`), url).toBe(true);
    expect(style.glyphs).toBe(`${baseUrl}/fonts/{fontstack}/{range}.pbf`);
    expect(style.sources).toMatchObject({
      basemap: { type: 'vector', tiles: [`${baseUrl}/basemap/{z}/{x}/{y}.mvt`] },
      admin: { type: 'vector', tiles: [`${baseUrl}/admin_units/{z}/{x}/{y}.mvt`] },
    });
  });

  it('draws land, water, five road classes, boundaries and road, water and place labels', () => {
    const style = buildStyle({ baseUrl, theme: 'light', center });
    const ids = (style.layers as Array<{ id: string }>).map((l) => l.id);
    expect(ids[0]).toBe('background');
    for (const id of [
      'land',
      'water',
      'waterways',
      'boundaries-country',
      'boundaries-district',
      'label-road',
      'label-water',
    ]) {
      expect(ids).toContain(id);
    }
    for (const cls of ['motorway', 'trunk', 'primary', 'secondary', 'tertiary'])
      expect(ids).toContain(`road-${cls}`);
    expect(ids).toContain('label-district');
  });

  it('labels read the Vietnamese name first and use only the fonts this server has', () => {
    const style = buildStyle({ baseUrl, theme: 'light', center });
    const symbols = (style.layers as Array<{ type: string; layout?: Record<string, unknown> }>).filter(
      (l) => l.type === 'symbol',
    );
    expect(symbols.length).toBeGreaterThan(0);
    for (const l of symbols) {
      expect(l.layout?.['text-field']).toEqual(['coalesce', ['get', 'name'], ['get', 'name_en']]);
      for (const font of l.layout?.['text-font'] as string[]) expect(Object.values(FONTS)).toContain(font);
    }
  });

  it('the dark theme differs from the light one only in colours', () => {
    const light = buildStyle({ baseUrl, theme: 'light', center });
    const dark = buildStyle({ baseUrl, theme: 'dark', center });
    const shape = (s: Record<string, unknown>) => (s.layers as Array<{ id: string }>).map((l) => l.id);
    expect(shape(dark)).toEqual(shape(light));
    expect(JSON.stringify(dark)).not.toEqual(JSON.stringify(light));
  });
});

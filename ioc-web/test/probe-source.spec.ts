// A tile source counts as present only when the server really answers for it; a 404 or a dead server turns it off.
import { describe, expect, it } from 'vitest';
import { probeSource, tileAt } from '../src/map/probe-source.ts';

const AT = { longitude: 105.85, latitude: 21.03, zoom: 11 };

function fakeFetch(answers: Record<string, Response | Error>) {
  const asked: string[] = [];
  const fetchFn = async (url: string) => {
    asked.push(url);
    const answer = answers[url] ?? new Response('not found', { status: 404 });
    if (answer instanceof Error) throw answer;
    return answer;
  };
  return { fetchFn, asked };
}

const json = (body: unknown) =>
  new Response(JSON.stringify(body), { headers: { 'content-type': 'application/json' } });

describe('tileAt', () => {
  it('finds the Web Mercator tile over central Hà Nội', () => {
    expect(tileAt(105.85, 21.03, 11)).toEqual({ x: 1626, y: 901, z: 11 });
    expect(tileAt(105.85, 21.03, 0)).toEqual({ x: 0, y: 0, z: 0 });
  });
});

describe('probeSource', () => {
  it('is available when the TileJSON answers', async () => {
    const { fetchFn, asked } = fakeFetch({ '/tiles/cameras.json': json({ tilejson: '3.0.0' }) });
    expect(await probeSource('cameras', AT, fetchFn)).toBe(true);
    expect(asked).toEqual(['/tiles/cameras.json']);
  });

  it('falls back to one tile when the server has no TileJSON', async () => {
    const tile = new Response(new Uint8Array([0x1a]), {
      headers: { 'content-type': 'application/vnd.mapbox-vector-tile' },
    });
    const { fetchFn, asked } = fakeFetch({ '/tiles/reports/11/1626/901.mvt': tile });
    expect(await probeSource('reports', AT, fetchFn)).toBe(true);
    expect(asked).toEqual(['/tiles/reports.json', '/tiles/reports/11/1626/901.mvt']);
  });

  it('an empty tile (204) still means the source exists', async () => {
    const { fetchFn } = fakeFetch({ '/tiles/reports/11/1626/901.mvt': new Response(null, { status: 204 }) });
    expect(await probeSource('reports', AT, fetchFn)).toBe(true);
  });

  it('is unavailable when both answers are 404', async () => {
    const { fetchFn } = fakeFetch({});
    expect(await probeSource('cameras', AT, fetchFn)).toBe(false);
  });

  it('is unavailable when the SPA fallback answers with HTML', async () => {
    const html = () => new Response('<!doctype html>', { headers: { 'content-type': 'text/html' } });
    const { fetchFn } = fakeFetch({
      '/tiles/cameras.json': html(),
      '/tiles/cameras/11/1626/901.mvt': html(),
    });
    expect(await probeSource('cameras', AT, fetchFn)).toBe(false);
  });

  it('is unavailable, not an exception, when the server is down', async () => {
    const { fetchFn } = fakeFetch({
      '/tiles/cameras.json': new TypeError('Failed to fetch'),
      '/tiles/cameras/11/1626/901.mvt': new TypeError('Failed to fetch'),
    });
    expect(await probeSource('cameras', AT, fetchFn)).toBe(false);
  });
});

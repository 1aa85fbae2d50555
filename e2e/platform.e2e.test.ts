// The newcomer's path end to end: `npm start` in embedded mode on a fresh data folder brings up the API,
// tiles and the web app on one port; Chromium draws Hà Nội's districts and facilities on the public map;
// a second start reuses the data.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser } from './src/browser.ts';
import { repoRoot, startPlatform, type Platform } from './src/platform-process.ts';

const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'ioc-e2e-'));
const outDir = path.join(repoRoot, 'e2e', 'out');
let platform: Platform;
let browser: Browser;

beforeAll(async () => {
  fs.mkdirSync(outDir, { recursive: true });
  platform = await startPlatform({ IOC_DATA_DIR: dataDir, IOC_DEMO_REPORTS: '500' });
  browser = await launchBrowser();
});

afterAll(async () => {
  await browser?.close();
  await platform?.stop();
  fs.rmSync(dataDir, { recursive: true, force: true });
});

async function graphql<T>(query: string): Promise<T> {
  const res = await fetch(`${platform.baseUrl}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ query }),
  });
  expect(res.status).toBe(200);
  const body = (await res.json()) as { data: T; errors?: unknown };
  expect(body.errors).toBeUndefined();
  return body.data;
}

describe('the platform in embedded mode', () => {
  it('prints the URLs and the demo logins for every role', () => {
    const out = platform.output();
    for (const view of ['/wall', '/leader', '/ops', '/graphql']) expect(out).toContain(`${view}`);
    for (const role of ['admin', 'operator', 'leader', 'officer', 'citizen'])
      expect(out).toMatch(new RegExp(`\\[ioc\\]\\s+${role}\\s+\\S+\\s+\\S{8,}`));
  });

  it('is live and ready with migrations applied', async () => {
    expect((await fetch(`${platform.baseUrl}/healthz`)).status).toBe(200);
    const ready = await fetch(`${platform.baseUrl}/readyz`);
    expect(ready.status).toBe(200);
  });

  it('serves Hà Nội’s 30 districts over GraphQL', async () => {
    const data = await graphql<{ adminUnits: Array<{ name: string }> }>('{ adminUnits(level: 2) { name } }');
    expect(data.adminUnits).toHaveLength(30);
    expect(data.adminUnits.map((d) => d.name)).toContain('Quận Hoàn Kiếm');
  });

  it('serves the offline style and a facilities tile on the same port', async () => {
    const style = (await (await fetch(`${platform.baseUrl}/tiles/style.json`)).json()) as {
      version: number;
      glyphs: string;
    };
    expect(style.version).toBe(8);
    expect(style.glyphs.startsWith(platform.baseUrl)).toBe(true);
    // z=12 tile over Hoàn Kiếm (lon 105.85, lat 21.03).
    const tile = await fetch(`${platform.baseUrl}/tiles/facilities/12/3252/1803.mvt`);
    expect(tile.status).toBe(200);
    expect((await tile.arrayBuffer()).byteLength).toBeGreaterThan(100);
  });

  it('serves the web app for every view path', async () => {
    for (const p of ['/', '/wall', '/leader', '/ops']) {
      const res = await fetch(`${platform.baseUrl}${p}`);
      expect(res.status).toBe(200);
      expect(await res.text()).toContain('<div id="root">');
    }
  });
});

describe('live tiles', () => {
  // z=15 tiles: one around Hồ Hoàn Kiếm, one over Cầu Giấy about 6 km west.
  const lng = 105.8522;
  const lat = 21.0287;
  const tileOf = (z: number, lon: number, la: number) => {
    const n = 2 ** z;
    const r = (la * Math.PI) / 180;
    return [
      Math.floor(((lon + 180) / 360) * n),
      Math.floor(((1 - Math.log(Math.tan(r) + 1 / Math.cos(r)) / Math.PI) / 2) * n),
    ];
  };
  const etag = async (url: string) => (await fetch(url)).headers.get('etag');

  it('drops the tile under a new report, and only that one, as soon as the report is in the events log', async () => {
    const [x, y] = tileOf(15, lng, lat);
    const [fx, fy] = tileOf(15, 105.7963, 21.0335);
    const near = `${platform.baseUrl}/tiles/reports/15/${x}/${y}.mvt`;
    const far = `${platform.baseUrl}/tiles/reports/15/${fx}/${fy}.mvt`;
    const [nearBefore, farBefore] = [await etag(near), await etag(far)];
    const submitted = await graphql<{ submitReport: { id: string } }>(
      `mutation { submitReport(input: { lat: ${lat}, lng: ${lng}, categoryCode: "rac-thai",
        description: "Rác thải đổ trộm cạnh hồ Hoàn Kiếm", idempotencyKey: "e2e-live-tiles-0001" }) { id } }`,
    );
    expect(submitted.submitReport.id).toMatch(/^\d+$/);
    let nearAfter = nearBefore;
    for (let i = 0; i < 50 && nearAfter === nearBefore; i++) {
      await new Promise((resolve) => setTimeout(resolve, 100));
      nearAfter = await etag(near);
    }
    expect(nearAfter).not.toBe(nearBefore);
    expect(await etag(far)).toBe(farBefore);
  });
});

describe('the public map in Chromium', () => {
  it('draws the basemap, districts and facilities, in Vietnamese first', async () => {
    const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
    const failed: string[] = [];
    page.on('requestfailed', (r) => failed.push(r.url()));
    await page.goto(`${platform.baseUrl}/`);
    await page.waitForSelector('body[data-map-ready="1"]', { timeout: 90_000 });
    expect(await page.getAttribute('html', 'lang')).toBe('vi');
    // Let the vector tiles arrive and draw.
    await page.waitForLoadState('networkidle');
    await page.waitForTimeout(1500);
    await page.screenshot({ path: path.join(outDir, 'public-map.png') });
    const coverage = () =>
      page.evaluate(() => {
        const canvases = Array.from(
          document.querySelectorAll<HTMLCanvasElement>('[data-testid="map"] canvas'),
        );
        return canvases.map((c) => {
          const off = document.createElement('canvas');
          off.width = c.width;
          off.height = c.height;
          const ctx = off.getContext('2d')!;
          ctx.drawImage(c, 0, 0);
          const d = ctx.getImageData(0, 0, c.width, c.height).data;
          const colours = new Set<number>();
          let opaque = 0;
          for (let i = 0; i < d.length; i += 16) {
            if (d[i + 3]! > 0) opaque++;
            colours.add((d[i]! << 16) | (d[i + 1]! << 8) | d[i + 2]!);
          }
          return { opaque: opaque / (d.length / 16), colours: colours.size };
        });
      });
    const all = await coverage();
    // The MapLibre basemap canvas is painted with many colours (land, water, roads, labels) ...
    expect(all.length).toBeGreaterThanOrEqual(2);
    expect(all[0]!.colours).toBeGreaterThan(20);
    // ... and deck.gl's overlay canvas (transparent where nothing is drawn) holds the district fills ...
    expect(all[all.length - 1]!.opaque).toBeGreaterThan(0.3);
    // ... and, with districts, cameras and reports switched off, still the school and clinic dots.
    for (const layer of ['Ranh giới hành chính', 'Camera giao thông', 'Phản ánh'])
      await page.getByLabel(layer).uncheck();
    await page.waitForTimeout(1000);
    const facilitiesOnly = (await coverage()).at(-1)!.opaque;
    expect(facilitiesOnly).toBeGreaterThan(0.002);
    expect(facilitiesOnly).toBeLessThan(all[all.length - 1]!.opaque);
    for (const layer of ['Trường học', 'Cơ sở y tế']) await page.getByLabel(layer).uncheck();
    await page.waitForTimeout(1000);
    expect((await coverage()).at(-1)!.opaque).toBe(0);
    expect(failed.filter((u) => !u.startsWith(platform.baseUrl))).toEqual([]);
    await page.getByRole('button', { name: 'EN' }).click();
    expect(await page.getAttribute('html', 'lang')).toBe('en');
    await page.close();
  });
});

describe('a second start', () => {
  it('reuses the data and starts faster than the first', async () => {
    const first = platform.startMs;
    expect(await platform.stop('SIGINT')).toBe(0);
    expect(platform.output()).toContain('stopped');
    platform = await startPlatform({ IOC_DATA_DIR: dataDir, IOC_DEMO_REPORTS: '500' });
    expect(platform.output()).toContain('reusing existing data');
    expect(platform.output()).not.toContain('first start');
    expect(platform.startMs).toBeLessThan(first);
    const data = await graphql<{ adminUnits: Array<{ name: string }> }>('{ adminUnits(level: 2) { name } }');
    expect(data.adminUnits).toHaveLength(30);
  });
});

// Validates the hotspot statistics by simulation (on demand; the unit tests run a smaller version):
// power on planted clusters and false positives on uniform noise, for hotspots and emerging hotspots.
//
//   npx tsx bench/analytics/validate-statistics.ts [--maps 1000]
//
// Maps: 331 H3 resolution-8 cells around Hoàn Kiếm (rings ≤ 10), Poisson counts per cell. Hotspots:
// 5 reports per cell in the window, 20 in the baseline; planted +30 in one cell and +6 in each
// neighbour. Emerging: 217 cells, 6 per cell in each of 4 windows; planted 0/5/15/30 in one cell and
// 0/1/3/6 in each neighbour. alpha = 0.05, rings = 1. Prints a Markdown table.
import { gridDisk, latLngToCell } from 'h3-js';
import { detectEmerging, detectHotspots } from '../../gis-api/src/analytics/hotspot-detection.ts';
import { poisson, rng } from '../../gis-api/test/support/analytics-random.ts';

const i = process.argv.indexOf('--maps');
const MAPS = i > 0 ? Number(process.argv[i + 1]) : 1000;
const ALPHA = 0.05;
const centre = latLngToCell(21.0285, 105.8542, 8);

function hotspotRun(plant: boolean) {
  const area = gridDisk(centre, 10);
  const inside = new Set(area);
  const planted = gridDisk(centre, 4)[40]!;
  const ring = new Set(gridDisk(planted, 1));
  const near = new Set(gridDisk(planted, 2));
  let found = 0;
  let mapsWithFalse = 0;
  let falseTotal = 0;
  let rawSmall = 0;
  let tests = 0;
  for (let seed = 1; seed <= MAPS; seed++) {
    const r = rng(seed * 7919 + (plant ? 1 : 0));
    const w = new Map<string, number>();
    const b = new Map<string, number>();
    for (const cell of area) {
      w.set(cell, poisson(5, r) + (!plant ? 0 : cell === planted ? 30 : ring.has(cell) ? 6 : 0));
      b.set(cell, poisson(20, r));
    }
    const result = detectHotspots(w, b, 1, ALPHA, (c) => inside.has(c));
    if (result.hotspots.some((h) => h.cell === planted)) found++;
    const falses = result.hotspots.filter((h) => !plant || !near.has(h.cell)).length;
    falseTotal += falses;
    if (falses > 0) mapsWithFalse++;
    if (!plant) {
      const all = detectHotspots(w, b, 1, 1, (c) => inside.has(c));
      tests += all.tested;
      rawSmall += all.hotspots.filter((h) => h.pValue < ALPHA).length;
    }
  }
  return { found, mapsWithFalse, falseTotal, rawShare: tests ? rawSmall / tests : NaN };
}

function emergingRun(plant: boolean) {
  const area = gridDisk(centre, 8);
  const inside = new Set(area);
  const planted = gridDisk(centre, 3)[20]!;
  const ring = new Set(gridDisk(planted, 1));
  const near = new Set(gridDisk(planted, 2));
  let found = 0;
  let mapsWithFalse = 0;
  let falseTotal = 0;
  for (let seed = 1; seed <= MAPS; seed++) {
    const r = rng(seed * 104_729 + (plant ? 1 : 0));
    const s = new Map<string, number[]>();
    for (const cell of area) {
      const extra = !plant
        ? [0, 0, 0, 0]
        : cell === planted
          ? [0, 5, 15, 30]
          : ring.has(cell)
            ? [0, 1, 3, 6]
            : [0, 0, 0, 0];
      s.set(
        cell,
        extra.map((e) => poisson(6, r) + e),
      );
    }
    const result = detectEmerging(s, 4, 1, ALPHA, (c) => inside.has(c));
    if (result.hotspots.some((h) => h.cell === planted)) found++;
    const falses = result.hotspots.filter((h) => !plant || !near.has(h.cell)).length;
    falseTotal += falses;
    if (falses > 0) mapsWithFalse++;
  }
  return { found, mapsWithFalse, falseTotal };
}

const t = performance.now();
const hp = hotspotRun(true);
const hn = hotspotRun(false);
const ep = emergingRun(true);
const en = emergingRun(false);
const pct = (n: number) => `${((100 * n) / MAPS).toFixed(1)} %`;
console.log(
  [
    `${MAPS} simulated maps per row, alpha ${ALPHA} (false discovery rate), rings 1; ${((performance.now() - t) / 1000).toFixed(1)} s.`,
    '',
    '| test | planted cluster found | maps with any false hotspot | false hotspots per map | raw p < 0.05 among cells tested |',
    '|---|---:|---:|---:|---:|',
    `| hotspots, planted (false = outside the cluster's 2 rings) | ${pct(hp.found)} | ${pct(hp.mapsWithFalse)} | ${(hp.falseTotal / MAPS).toFixed(3)} | |`,
    `| hotspots, uniform noise | | ${pct(hn.mapsWithFalse)} | ${(hn.falseTotal / MAPS).toFixed(3)} | ${(100 * hn.rawShare).toFixed(2)} % |`,
    `| emerging, planted | ${pct(ep.found)} | ${pct(ep.mapsWithFalse)} | ${(ep.falseTotal / MAPS).toFixed(3)} | |`,
    `| emerging, steady noise | | ${pct(en.mapsWithFalse)} | ${(en.falseTotal / MAPS).toFixed(3)} | |`,
  ].join('\n'),
);

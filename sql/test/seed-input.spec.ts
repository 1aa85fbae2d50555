// A missing or malformed data file is named with its problem; bad settings are refused loudly.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { readDatabaseConfig } from '../src/config.ts';
import { readFeatures } from '../src/seed/data-files.ts';
import { planLifecycle } from '../src/seed/workload-lifecycle.ts';
import { rng } from '../src/seed/workload.ts';

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ioc-data-'));
fs.writeFileSync(path.join(dir, 'broken.geojson'), '{"type": "FeatureCollection", "features": [');
fs.writeFileSync(
  path.join(dir, 'lines.geojson'),
  JSON.stringify({
    type: 'FeatureCollection',
    features: [
      {
        type: 'Feature',
        properties: {},
        geometry: {
          type: 'LineString',
          coordinates: [
            [0, 0],
            [1, 1],
          ],
        },
      },
    ],
  }),
);

describe('data files', () => {
  it('names a missing file', () => {
    expect(() => readFeatures('nope.geojson', ['Point'], dir)).toThrow(
      `${path.join(dir, 'nope.geojson')}: missing`,
    );
  });
  it('names a file that is not JSON', () => {
    expect(() => readFeatures('broken.geojson', ['Point'], dir)).toThrow(/broken\.geojson: not valid JSON/);
  });
  it('names the feature whose geometry is of the wrong kind', () => {
    expect(() => readFeatures('lines.geojson', ['Point'], dir)).toThrow(
      /lines\.geojson: feature 0 has geometry LineString, expected Point/,
    );
  });
});

describe('database settings', () => {
  it('refuses a DATABASE_URL that is not postgres://', () => {
    expect(() => readDatabaseConfig({ DATABASE_URL: 'mysql://x' })).toThrow(
      /^Invalid environment variables: DATABASE_URL/,
    );
  });
  it('refuses a pool size that is not a whole number in range', () => {
    expect(() => readDatabaseConfig({ DB_POOL_SIZE: '0' })).toThrow(
      /DB_POOL_SIZE must be an integer from 1 to 200/,
    );
  });
  it('selects the embedded engine when DATABASE_URL is unset', () => {
    expect(readDatabaseConfig({}).url).toBeUndefined();
  });
});

describe('generated lifecycles', () => {
  const now = Date.parse('2026-11-01T00:00:00Z');
  const lives = Array.from({ length: 2000 }, (_, i) => {
    const r = rng(i + 1);
    return planLifecycle(
      { created: now - r() * 90 * 86_400_000, now, ack: 240, resolve: 2880, duplicate: false },
      r,
    );
  });

  it('never dates an event after now or before the report', () => {
    for (const l of lives) {
      const first = l.events[0]!;
      expect(first.action).toBe('submitted');
      for (const e of l.events) {
        expect(e.at).toBeGreaterThanOrEqual(first.at);
        expect(e.at).toBeLessThanOrEqual(now);
      }
    }
  });

  it('acknowledges most reports on time, as a working city does', () => {
    const acked = lives.filter((l) => l.acknowledgedAt !== null);
    const onTime = acked.filter((l) => l.acknowledgedAt! <= l.ackDue).length / acked.length;
    expect(onTime).toBeGreaterThan(0.75);
    expect(onTime).toBeLessThan(0.95);
  });

  it('emits an overdue event exactly when a deadline passed unmet', () => {
    for (const l of lives) {
      const late = l.acknowledgedAt === null ? l.ackDue <= now : l.acknowledgedAt > l.ackDue;
      const ackOverdueEvents = l.events.filter((e) => e.action === 'ack_overdue').length;
      if (l.status === 'duplicate' || l.status === 'rejected') continue;
      expect(ackOverdueEvents).toBe(late ? 1 : 0);
    }
  });
});

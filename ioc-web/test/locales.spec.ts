// The Vietnamese and English catalogues must cover the same keys, and every key the code asks for must exist.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import vi from '../src/i18n/vi.json';
import en from '../src/i18n/en.json';
import { LANGUAGES } from '../src/i18n/language.ts';
import { FACILITY_KINDS, facilityLabelKey } from '../src/map/facility-kinds.ts';
import { LAYER_KEYS } from '../src/map/layer-keys.ts';
import { VIEW_IDS } from '../src/router/routes.ts';
import { LEGEND_ENTRIES } from '../src/map/legend.tsx';

type Tree = { [key: string]: string | Tree };

function flatten(tree: Tree, prefix = ''): Map<string, string> {
  const out = new Map<string, string>();
  for (const [key, value] of Object.entries(tree)) {
    const path = prefix ? `${prefix}.${key}` : key;
    if (typeof value === 'string') out.set(path, value);
    else for (const [k, v] of flatten(value, path)) out.set(k, v);
  }
  return out;
}

const viKeys = flatten(vi);
const enKeys = flatten(en);

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return sourceFiles(path);
    return /\.tsx?$/.test(name) ? [path] : [];
  });
}

describe('locale catalogues', () => {
  it('vi and en have exactly the same keys', () => {
    expect([...enKeys.keys()].sort()).toEqual([...viKeys.keys()].sort());
  });

  it('no string is empty', () => {
    for (const [key, value] of [...viKeys, ...enKeys]) expect(value.trim(), key).not.toBe('');
  });

  it('Vietnamese strings carry their diacritics', () => {
    expect(viKeys.get('views.public.title')).toBe('Bản đồ công cộng');
    expect(viKeys.get('layers.admin')).toBe('Ranh giới hành chính');
    expect(viKeys.get('layers.schools')).toBe('Trường học');
    expect(viKeys.get('layers.health')).toBe('Cơ sở y tế');
    expect(viKeys.get('layers.cameras')).toBe('Camera giao thông');
    expect(viKeys.get('layers.reports')).toBe('Phản ánh');
    expect(viKeys.get('facility.kind.hospital')).toBe('Bệnh viện');
    expect(viKeys.get('facility.kind.clinic')).toBe('Phòng khám');
    expect(viKeys.get('facility.kind.kindergarten')).toBe('Mầm non');
    expect(viKeys.get('facility.kind.university')).toBe('Đại học');
  });

  it('every string is NFC, so search and comparison behave', () => {
    for (const [key, value] of [...viKeys, ...enKeys]) expect(value, key).toBe(value.normalize('NFC'));
  });

  it('keys built from code constants all exist', () => {
    const built = [
      ...LAYER_KEYS.map((k) => `layers.${k}`),
      ...VIEW_IDS.map((v) => `nav.${v}`),
      ...VIEW_IDS.map((v) => `views.${v}.title`),
      ...VIEW_IDS.filter((v) => v !== 'public').map((v) => `views.${v}.building`),
      ...FACILITY_KINDS.map(facilityLabelKey),
      ...LANGUAGES.map((l) => `language.${l}`),
      ...LEGEND_ENTRIES.map((e) => e.labelKey),
      'layers.checking',
      'layers.unavailable',
    ];
    for (const key of built) expect(viKeys.has(key), key).toBe(true);
  });

  it("every literal key passed to t('…') in the source exists", () => {
    const srcDir = join(import.meta.dirname, '..', 'src');
    const literal = /\bt\(\s*'([^'$`]+)'/g;
    const used = new Set<string>();
    for (const file of sourceFiles(srcDir)) {
      for (const match of readFileSync(file, 'utf8').matchAll(literal)) used.add(match[1] ?? '');
    }
    expect(used.size).toBeGreaterThan(10);
    for (const key of used) expect(viKeys.has(key), key).toBe(true);
  });
});

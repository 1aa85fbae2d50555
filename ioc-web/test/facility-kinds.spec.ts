// Every facility kind the tiles carry maps to a group, a colour and a label; unknown kinds fall back safely.
import { describe, expect, it } from 'vitest';
import vi from '../src/i18n/vi.json';
import en from '../src/i18n/en.json';
import { EDUCATION, FACILITY_UNKNOWN, HEALTH } from '../src/map/colors.ts';
import {
  FACILITY_GROUP_OF,
  FACILITY_KINDS,
  facilityColor,
  facilityGroup,
  facilityLabelKey,
} from '../src/map/facility-kinds.ts';

function lookup(tree: unknown, key: string): unknown {
  return key.split('.').reduce<unknown>((node, part) => (node as Record<string, unknown>)?.[part], tree);
}

describe('facility kinds', () => {
  it('cover exactly the six kinds the tile server sends', () => {
    expect([...FACILITY_KINDS].sort()).toEqual(
      ['clinic', 'doctors', 'hospital', 'kindergarten', 'school', 'university'].sort(),
    );
    expect(Object.keys(FACILITY_GROUP_OF).sort()).toEqual([...FACILITY_KINDS].sort());
  });

  it.each([
    ['school', 'education', EDUCATION],
    ['kindergarten', 'education', EDUCATION],
    ['university', 'education', EDUCATION],
    ['hospital', 'health', HEALTH],
    ['clinic', 'health', HEALTH],
    ['doctors', 'health', HEALTH],
  ] as const)('%s is %s and drawn in its colour', (kind, group, color) => {
    expect(facilityGroup(kind)).toBe(group);
    expect(facilityColor(kind)).toEqual(color);
  });

  it('education and health are told apart by colour', () => {
    expect(EDUCATION).not.toEqual(HEALTH);
  });

  it('every kind has a label in both languages', () => {
    for (const kind of FACILITY_KINDS) {
      expect(typeof lookup(vi, facilityLabelKey(kind)), kind).toBe('string');
      expect(typeof lookup(en, facilityLabelKey(kind)), kind).toBe('string');
    }
  });

  it('an unknown or missing kind has no group and a neutral colour', () => {
    for (const kind of ['pharmacy', '', undefined, 3, 'toString', '__proto__']) {
      expect(facilityGroup(kind)).toBeUndefined();
      expect(facilityColor(kind)).toEqual(FACILITY_UNKNOWN);
    }
  });
});

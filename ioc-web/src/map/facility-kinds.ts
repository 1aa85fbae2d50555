// The facility kinds the tiles carry, the group (education or health) each belongs to, and its colour and label.
import { EDUCATION, FACILITY_UNKNOWN, HEALTH, type Rgba } from './colors.ts';

export const FACILITY_KINDS = [
  'school',
  'kindergarten',
  'university',
  'hospital',
  'clinic',
  'doctors',
] as const;
export type FacilityKind = (typeof FACILITY_KINDS)[number];

export const FACILITY_GROUPS = ['education', 'health'] as const;
export type FacilityGroup = (typeof FACILITY_GROUPS)[number];

export const FACILITY_GROUP_OF: Readonly<Record<FacilityKind, FacilityGroup>> = Object.freeze({
  school: 'education',
  kindergarten: 'education',
  university: 'education',
  hospital: 'health',
  clinic: 'health',
  doctors: 'health',
});

export const FACILITY_GROUP_COLOR: Readonly<Record<FacilityGroup, Rgba>> = Object.freeze({
  education: EDUCATION,
  health: HEALTH,
});

export function isFacilityKind(kind: unknown): kind is FacilityKind {
  return typeof kind === 'string' && Object.hasOwn(FACILITY_GROUP_OF, kind);
}

export function facilityGroup(kind: unknown): FacilityGroup | undefined {
  return isFacilityKind(kind) ? FACILITY_GROUP_OF[kind] : undefined;
}

export function facilityColor(kind: unknown): Rgba {
  const group = facilityGroup(kind);
  return group ? FACILITY_GROUP_COLOR[group] : FACILITY_UNKNOWN;
}

/** The translation key for a kind; an unknown kind has none and is shown as the raw value. */
export function facilityLabelKey(kind: FacilityKind): string {
  return `facility.kind.${kind}`;
}

/** Larger institutions are drawn a little larger. */
export function facilityRadiusMeters(kind: unknown): number {
  return kind === 'hospital' || kind === 'university' ? 90 : 55;
}

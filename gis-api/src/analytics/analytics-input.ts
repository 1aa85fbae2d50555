// Checks the arguments of every analytics query, with messages that say exactly what is wrong, and
// turns them into the plain values the repositories take.
import { badInput } from '../errors.ts';
import { parseBBox, type BBox } from '../facilities/bbox.ts';
import { MAX_RESOLUTION, MIN_RESOLUTION } from './cells.ts';

const DAY_MS = 86_400_000;
/** The longest period any analytics query covers: a year, leap day included. */
export const MAX_PERIOD_DAYS = 366;

export interface Period {
  since: Date;
  until: Date;
}

/** What selects the reports an analysis counts (besides time). */
export interface ReportScope {
  bbox: BBox | null;
  categoryCode: string | null;
  /** Database values (lower case). */
  statuses: string[] | null;
  unitId: number | null;
}

export interface ScopeInput {
  bbox?: readonly number[] | null;
  categoryCode?: string | null;
  status?: readonly string[] | null;
  unitId?: string | number | null;
}

export function resolutionOf(value: number): number {
  if (!Number.isInteger(value) || value < MIN_RESOLUTION || value > MAX_RESOLUTION) {
    throw badInput(`resolution must be from ${MIN_RESOLUTION} to ${MAX_RESOLUTION} (got ${value})`);
  }
  return value;
}

export function intIn(name: string, value: number, min: number, max: number): number {
  if (!Number.isInteger(value) || value < min || value > max) {
    throw badInput(`${name} must be from ${min} to ${max} (got ${value})`);
  }
  return value;
}

export function instant(name: string, value: string | Date): Date {
  const d = value instanceof Date ? value : new Date(value);
  if (Number.isNaN(d.getTime())) throw badInput(`${name} must be an ISO 8601 date-time (got "${value}")`);
  return d;
}

/**
 * A half-open period [since, until). `until` defaults to now and `since` to `defaultDays` before
 * `until`. Inverted or empty periods and periods longer than a year are refused.
 */
export function periodOf(
  name: string,
  input: { since?: string | Date | null; until?: string | Date | null } | null | undefined,
  now: Date,
  defaultDays: number,
): Period {
  const until = input?.until == null ? now : instant(`${name}.until`, input.until);
  const since =
    input?.since == null
      ? new Date(until.getTime() - defaultDays * DAY_MS)
      : instant(`${name}.since`, input.since);
  if (since.getTime() >= until.getTime()) {
    throw badInput(
      `${name}.since (${since.toISOString()}) must be before ${name}.until (${until.toISOString()})`,
    );
  }
  const days = (until.getTime() - since.getTime()) / DAY_MS;
  if (days > MAX_PERIOD_DAYS) {
    throw badInput(
      `${name} spans ${Math.ceil(days)} days; at most ${MAX_PERIOD_DAYS} are allowed (ask for one year at a time)`,
    );
  }
  return { since, until };
}

const STATUSES = ['new', 'acknowledged', 'in_progress', 'resolved', 'closed', 'rejected', 'duplicate'];

export function scopeOf(input: ScopeInput | null | undefined): ReportScope {
  const statuses = input?.status == null ? null : [...new Set(input.status.map((s) => s.toLowerCase()))];
  if (statuses?.length === 0) throw badInput('status must not be empty (omit it for every status)');
  const unknown = statuses?.filter((s) => !STATUSES.includes(s)) ?? [];
  if (unknown.length > 0) throw badInput(`Unknown status ${unknown.join(', ')}`);
  return {
    bbox: input?.bbox == null ? null : parseBBox(input.bbox),
    categoryCode: input?.categoryCode ?? null,
    statuses,
    unitId: input?.unitId == null ? null : idOf('unitId', input.unitId),
  };
}

export function idOf(name: string, value: string | number): number {
  const n = typeof value === 'number' ? value : /^\d{1,9}$/.test(value) ? Number(value) : NaN;
  if (!Number.isSafeInteger(n) || n <= 0)
    throw badInput(`${name} must be a positive integer id (got "${value}")`);
  return n;
}

// Checks what clients send about reports and turns it into clean values, with messages that say
// exactly what is wrong. Pure functions: no database, no roles.
import crypto from 'node:crypto';
import { badInput } from '../errors.ts';

export const MAX_DESCRIPTION = 5000;
export const MAX_NOTE = 5000;
export const MAX_ADDRESS = 500;
export const MAX_MEDIA = 6;
export const DEFAULT_PAGE = 20;
export const MAX_PAGE = 100;

export interface SubmitInput {
  lat: unknown;
  lng: unknown;
  description: string;
  address?: string | null;
  categoryCode?: string | null;
  contact?: { name?: string | null; phone?: string | null; email?: string | null } | null;
  mediaIds?: readonly (string | number)[] | null;
  idempotencyKey?: string | null;
}

export interface CleanSubmission {
  lat: number;
  lng: number;
  description: string;
  address: string | null;
  categoryCode: string | null;
  contact: { name: string | null; phone: string | null; email: string | null };
  mediaIds: string[];
  idempotencyKey: string | null;
}

export function cleanSubmission(input: SubmitInput): CleanSubmission {
  const lat = coordinate(input.lat, 'lat', 90);
  const lng = coordinate(input.lng, 'lng', 180);
  const description = text(input.description, 'description', MAX_DESCRIPTION, true)!;
  const address = text(input.address, 'address', MAX_ADDRESS, false);
  const code = input.categoryCode?.trim() || null;
  if (code !== null && !/^[a-z0-9_-]{2,40}$/.test(code)) {
    throw badInput(`Unknown category "${code.slice(0, 60)}"; see the categories query for the codes`);
  }
  const key = input.idempotencyKey ?? null;
  if (key !== null && (key.length < 8 || key.length > 128 || !/^[\x21-\x7e]+$/.test(key))) {
    throw badInput('idempotencyKey must be 8–128 visible ASCII characters (a UUID is a good choice)');
  }
  return {
    lat,
    lng,
    description,
    address,
    categoryCode: code,
    contact: contact(input.contact),
    mediaIds: mediaIds(input.mediaIds),
    idempotencyKey: key,
  };
}

/** sha256 over the normalised submission and its submitter: a retry must match it exactly. */
export function fingerprint(s: CleanSubmission, submitter: number | null, source: string): string {
  const canonical = JSON.stringify([
    submitter,
    source,
    s.lat,
    s.lng,
    s.description,
    s.address,
    s.categoryCode,
    s.contact.name,
    s.contact.phone,
    s.contact.email,
    [...s.mediaIds].sort(),
  ]);
  return crypto.createHash('sha256').update(canonical).digest('hex');
}

function coordinate(value: unknown, name: 'lat' | 'lng', limit: number): number {
  if (typeof value !== 'number' || !Number.isFinite(value)) {
    throw badInput(`${name} must be a finite number (got ${String(value).slice(0, 40)})`);
  }
  if (value < -limit || value > limit)
    throw badInput(`${name} must be between -${limit} and ${limit} (got ${value})`);
  return value;
}

/** Trimmed text within `max` characters; null when empty and optional. */
export function text(
  value: string | null | undefined,
  name: string,
  max: number,
  required: boolean,
): string | null {
  const t = value?.trim() ?? '';
  if (t.length === 0) {
    if (required) throw badInput(`${name} must not be empty`);
    return null;
  }
  // Counted in characters as PostgreSQL counts them (code points), not UTF-16 units.
  const length = [...t].length;
  if (length > max) throw badInput(`${name} must be at most ${max} characters (got ${length})`);
  return t;
}

function contact(c: SubmitInput['contact']): CleanSubmission['contact'] {
  const name = text(c?.name, 'contact.name', 200, false);
  const phone = text(c?.phone, 'contact.phone', 40, false);
  const email = text(c?.email, 'contact.email', 254, false);
  if (phone !== null && !/^\+?[0-9 .-]{6,20}$/.test(phone)) {
    throw badInput('contact.phone must be 6–20 digits, spaces, dots or dashes, with an optional leading +');
  }
  if (email !== null && !/^[^@\s]+@[^@\s]+\.[^@\s]+$/.test(email)) {
    throw badInput('contact.email must look like name@example.vn');
  }
  return { name, phone, email };
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export function mediaIds(ids: readonly (string | number)[] | null | undefined): string[] {
  const list = [...new Set((ids ?? []).map((id) => String(id).toLowerCase()))];
  if (list.length > MAX_MEDIA)
    throw badInput(`At most ${MAX_MEDIA} photos or videos per report (got ${list.length})`);
  const bad = list.find((id) => !UUID.test(id));
  if (bad !== undefined) throw badInput(`mediaIds: "${bad.slice(0, 60)}" is not a media id`);
  return list;
}

/** A report id from the client: digits only (bigint), else BAD_USER_INPUT. */
export function reportId(id: string | number, name = 'id'): string {
  const s = String(id);
  if (!/^[1-9][0-9]{0,18}$/.test(s) || BigInt(s) > 9223372036854775807n) {
    throw badInput(`${name} must be a report id (digits), got "${s.slice(0, 40)}"`);
  }
  return s;
}

export function unitId(id: string | number): number {
  const n = Number(id);
  if (!/^[1-9][0-9]{0,9}$/.test(String(id)) || n > 2147483647) {
    throw badInput(`unitId must be a unit id (digits), got "${String(id).slice(0, 40)}"`);
  }
  return n;
}

export function pageSize(first: number | null | undefined): number {
  const n = first ?? DEFAULT_PAGE;
  if (!Number.isInteger(n) || n < 1 || n > MAX_PAGE)
    throw badInput(`first must be from 1 to ${MAX_PAGE} (got ${n})`);
  return n;
}

/** Cursors are opaque to clients: base64url of [created_at as PostgreSQL prints it, id]. */
export function encodeCursor(time: string, id: string): string {
  return Buffer.from(JSON.stringify([time, id])).toString('base64url');
}

export function decodeCursor(cursor: string): { time: string; id: string } {
  try {
    const v = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) as unknown;
    if (
      Array.isArray(v) &&
      v.length === 2 &&
      typeof v[0] === 'string' &&
      /^\d{4}-\d{2}-\d{2}[ T]\d{2}:\d{2}:\d{2}(\.\d{1,6})?([+-]\d{2}(:?\d{2})?|Z)$/.test(v[0]) &&
      typeof v[1] === 'string' &&
      /^\d{1,19}$/.test(v[1])
    ) {
      return { time: v[0], id: v[1] };
    }
  } catch {
    // fall through
  }
  throw badInput('after is not a cursor this API issued; pass pageInfo.endCursor of the previous page');
}

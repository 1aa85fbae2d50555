// Generates a realistic report workload: points along real Hà Nội roads plus a few clustered hotspots,
// a Vietnamese category mix, 90 days of history with daily rhythm, every lifecycle state (some overdue,
// rated, reopened, rejected, duplicates) and the matching history events. Bulk `unnest` inserts; for
// large loads on PostgreSQL the secondary indexes are dropped first and rebuilt after, in one transaction.
import { sql, type Kysely, type Transaction } from 'kysely';
import { cellToParent, latLngToCell } from 'h3-js';
import type { Database } from '../database.ts';
import type { DB } from '../schema.ts';
import { progress } from './progress.ts';
import { CATEGORIES } from './reference-data.ts';
import {
  DESCRIPTIONS,
  REJECT_REASONS,
  RESOLUTION_NOTES,
  personName,
  phoneNumber,
  pick,
} from './workload-text.ts';
import { planLifecycle, type Lifecycle } from './workload-lifecycle.ts';

export interface WorkloadOptions {
  reports: number;
  seed?: number;
  days?: number;
  now?: Date;
  quiet?: boolean;
}

export interface WorkloadResult {
  reports: number;
  events: number;
  ms: number;
}

const BATCH = 5000;
const DROP_INDEXES_FROM = 50_000;

/** Real places where problems cluster, each with the category it skews to (σ in metres). */
export const HOTSPOTS = [
  { name: 'Ngã Tư Sở', lng: 105.8199, lat: 21.0034, sigma: 180, category: 'ngap-ung' },
  { name: 'Chợ Đồng Xuân', lng: 105.8493, lat: 21.0382, sigma: 150, category: 'rac-thai' },
  { name: 'Cầu Giấy', lng: 105.7963, lat: 21.0335, sigma: 200, category: 'lan-chiem-via-he' },
  { name: 'Times City', lng: 105.8688, lat: 20.9953, sigma: 200, category: 'do-xe-trai-phep' },
  { name: 'Mỹ Đình', lng: 105.7797, lat: 21.0285, sigma: 220, category: 'duong-hu-hong' },
];
const HOTSPOT_SHARE = 0.15;

/** Mulberry32: small, fast, and the same stream on every machine for the same seed. */
export function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** H3 cell (hex string) as the signed 64-bit integer stored in the h3_r* columns. */
export function h3ToBigint(cell: string): string {
  return BigInt.asIntN(64, BigInt(`0x${cell}`)).toString();
}

interface Road {
  name: string;
  coords: Array<[number, number]>;
  cumulative: number[];
  length: number;
}

export async function seedWorkload(database: Database, options: WorkloadOptions): Promise<WorkloadResult> {
  const started = Date.now();
  const { db } = database;
  const r = rng(options.seed ?? 1);
  const now = options.now ?? new Date();
  const days = options.days ?? 90;
  const categories = await db
    .selectFrom('categories')
    .select(['id', 'code', 'ack_minutes', 'resolve_minutes'])
    .execute();
  const byCode = new Map(categories.map((c) => [c.code, c]));
  const weights = CATEGORIES.filter((c) => byCode.has(c.code)).map((c) => ({
    cat: byCode.get(c.code)!,
    w: c.weight,
  }));
  if (weights.length === 0) throw new Error('No categories: run the reference seed first');
  const totalWeight = weights.reduce((a, b) => a + b.w, 0);
  const roads = await loadRoads(db);
  const roadTotal = roads.reduce((a, b) => a + b.length, 0);
  if (roads.length === 0) throw new Error('No basemap roads: run the reference seed first');

  let events = 0;
  await db.transaction().execute(async (tx) => {
    await tx.deleteFrom('reports').where('source', '=', 'import').execute();
    const dropped =
      database.mode === 'pg' && options.reports >= DROP_INDEXES_FROM ? await dropIndexes(tx) : [];
    const base = Number(
      (await sql<{ m: string }>`select coalesce(max(id), 0)::text as m from reports`.execute(tx)).rows[0]!.m,
    );
    const bar = progress(`generating ${options.reports} reports`, options.reports, options.quiet);
    // Recent reports per category, so a duplicate can point at a real earlier one close by.
    const recent = new Map<number, Array<{ id: number; lng: number; lat: number; created: number }>>();
    for (let start = 0; start < options.reports; start += BATCH) {
      const n = Math.min(BATCH, options.reports - start);
      const batch = new ReportBatch();
      for (let i = 0; i < n; i++) {
        const id = base + start + i + 1;
        let cat = pickCategory(weights, totalWeight, r);
        let lng: number;
        let lat: number;
        let street: string;
        if (r() < HOTSPOT_SHARE) {
          const h = pick(HOTSPOTS, r);
          if (r() < 0.6 && byCode.has(h.category)) cat = byCode.get(h.category)!;
          [lng, lat] = gaussianAround(h.lng, h.lat, h.sigma, r);
          street = h.name;
        } else {
          [lng, lat, street] = pointOnRoads(roads, roadTotal, r);
        }
        let created = now.getTime() - sampleAgeMs(days, now, r);
        let duplicateOf: number | null = null;
        const pool = recent.get(cat.id);
        if (pool && pool.length > 0 && r() < 0.02) {
          const original = pick(pool, r);
          duplicateOf = original.id;
          [lng, lat] = gaussianAround(original.lng, original.lat, 15, r);
          created = Math.min(now.getTime() - 60_000, original.created + (10 + r() * 2 * 24 * 60) * 60_000);
        }
        const life = planLifecycle(
          {
            created,
            now: now.getTime(),
            ack: cat.ack_minutes,
            resolve: cat.resolve_minutes,
            duplicate: duplicateOf !== null,
          },
          r,
        );
        batch.add(id, cat.id, cat.code, lng, lat, street, created, life, duplicateOf, r);
        if (duplicateOf === null) {
          const list = recent.get(cat.id) ?? [];
          list.push({ id, lng, lat, created });
          if (list.length > 50) list.shift();
          recent.set(cat.id, list);
        }
      }
      events += await batch.insert(tx);
      bar.tick(n);
    }
    bar.done();
    await sql`select setval(pg_get_serial_sequence('reports', 'id'), greatest((select max(id) from reports), 1))`.execute(
      tx,
    );
    for (const def of dropped) await sql.raw(def).execute(tx);
    await tx
      .insertInto('events')
      .values({
        topic: 'system',
        type: 'workload.imported',
        payload: JSON.stringify({ reports: options.reports, seed: options.seed ?? 1 }),
      })
      .execute();
  });
  await sql`analyze reports`.execute(db);
  await sql`analyze report_events`.execute(db);
  return { reports: options.reports, events, ms: Date.now() - started };
}

class ReportBatch {
  readonly reports: Record<string, unknown[]> = {
    id: [],
    category_id: [],
    description: [],
    address: [],
    lng: [],
    lat: [],
    status: [],
    created_at: [],
    ack_due_at: [],
    resolve_due_at: [],
    acknowledged_at: [],
    started_at: [],
    resolved_at: [],
    closed_at: [],
    ack_overdue_at: [],
    resolve_overdue_at: [],
    rating: [],
    rated_at: [],
    reopen_count: [],
    duplicate_of: [],
    reject_reason: [],
    updated_at: [],
    h3_r6: [],
    h3_r7: [],
    h3_r8: [],
    h3_r9: [],
    h3_r10: [],
  };
  readonly events: Record<string, unknown[]> = {
    report_id: [],
    action: [],
    from_status: [],
    to_status: [],
    created_at: [],
    actor_role: [],
    note: [],
  };
  readonly reporters: Record<string, unknown[]> = { report_id: [], name: [], phone: [] };

  add(
    id: number,
    categoryId: number,
    code: string,
    lng: number,
    lat: number,
    street: string,
    created: number,
    life: Lifecycle,
    duplicateOf: number | null,
    r: () => number,
  ): void {
    const iso = (t: number | null) => (t === null ? null : new Date(t).toISOString());
    const cell = latLngToCell(lat, lng, 10);
    const rep = this.reports;
    rep.id!.push(id);
    rep.category_id!.push(categoryId);
    rep.description!.push(pick(DESCRIPTIONS[code] ?? DESCRIPTIONS.khac!, r).replace('{street}', street));
    rep.address!.push(`${street}, Hà Nội`);
    rep.lng!.push(lng);
    rep.lat!.push(lat);
    rep.status!.push(life.status);
    rep.created_at!.push(iso(created));
    rep.ack_due_at!.push(iso(life.ackDue));
    rep.resolve_due_at!.push(iso(life.resolveDue));
    rep.acknowledged_at!.push(iso(life.acknowledgedAt));
    rep.started_at!.push(iso(life.startedAt));
    rep.resolved_at!.push(iso(life.resolvedAt));
    rep.closed_at!.push(iso(life.closedAt));
    rep.ack_overdue_at!.push(iso(life.ackOverdueAt));
    rep.resolve_overdue_at!.push(iso(life.resolveOverdueAt));
    rep.rating!.push(life.rating);
    rep.rated_at!.push(iso(life.ratedAt));
    rep.reopen_count!.push(life.reopenCount);
    rep.duplicate_of!.push(life.status === 'duplicate' ? duplicateOf : null);
    rep.reject_reason!.push(life.status === 'rejected' ? pick(REJECT_REASONS, r) : null);
    rep.updated_at!.push(iso(life.events[life.events.length - 1]?.at ?? created));
    rep.h3_r10!.push(h3ToBigint(cell));
    rep.h3_r9!.push(h3ToBigint(cellToParent(cell, 9)));
    rep.h3_r8!.push(h3ToBigint(cellToParent(cell, 8)));
    rep.h3_r7!.push(h3ToBigint(cellToParent(cell, 7)));
    rep.h3_r6!.push(h3ToBigint(cellToParent(cell, 6)));
    for (const e of life.events) {
      this.events.report_id!.push(id);
      this.events.action!.push(e.action);
      this.events.from_status!.push(e.from);
      this.events.to_status!.push(e.to);
      this.events.created_at!.push(iso(e.at));
      this.events.actor_role!.push(e.role);
      this.events.note!.push(
        e.action === 'resolved'
          ? pick(RESOLUTION_NOTES, r)
          : e.action === 'rejected'
            ? pick(REJECT_REASONS, r)
            : null,
      );
    }
    // About a third of citizens leave contact details; they stay private (report_reporters).
    if (r() < 0.35) {
      this.reporters.report_id!.push(id);
      this.reporters.name!.push(personName(r));
      this.reporters.phone!.push(phoneNumber(r));
    }
  }

  async insert(tx: Transaction<DB>): Promise<number> {
    const a = this.reports;
    await sql`
      insert into reports (id, category_id, description, address, geom, admin_unit_id, unit_id, status, source,
        created_at, updated_at, ack_due_at, resolve_due_at, acknowledged_at, started_at, resolved_at, closed_at,
        ack_overdue_at, resolve_overdue_at, rating, rated_at, reopen_count, duplicate_of, reject_reason,
        h3_r6, h3_r7, h3_r8, h3_r9, h3_r10)
      overriding system value
      select t.id, t.category_id, t.description, t.address, p.geom, rt.admin_unit_id, rt.unit_id,
        t.status::report_status, 'import', t.created_at, t.updated_at, t.ack_due_at, t.resolve_due_at,
        t.acknowledged_at, t.started_at, t.resolved_at, t.closed_at, t.ack_overdue_at, t.resolve_overdue_at,
        t.rating::report_rating, t.rated_at, t.reopen_count, t.duplicate_of, t.reject_reason,
        t.h3_r6, t.h3_r7, t.h3_r8, t.h3_r9, t.h3_r10
      from unnest(${a.id}::bigint[], ${a.category_id}::int[], ${a.description}::text[], ${a.address}::text[],
        ${a.lng}::float8[], ${a.lat}::float8[], ${a.status}::text[], ${a.created_at}::timestamptz[],
        ${a.updated_at}::timestamptz[], ${a.ack_due_at}::timestamptz[], ${a.resolve_due_at}::timestamptz[],
        ${a.acknowledged_at}::timestamptz[], ${a.started_at}::timestamptz[], ${a.resolved_at}::timestamptz[],
        ${a.closed_at}::timestamptz[], ${a.ack_overdue_at}::timestamptz[], ${a.resolve_overdue_at}::timestamptz[],
        ${a.rating}::text[], ${a.rated_at}::timestamptz[], ${a.reopen_count}::int[], ${a.duplicate_of}::bigint[],
        ${a.reject_reason}::text[], ${a.h3_r6}::bigint[], ${a.h3_r7}::bigint[], ${a.h3_r8}::bigint[],
        ${a.h3_r9}::bigint[], ${a.h3_r10}::bigint[])
        as t(id, category_id, description, address, lng, lat, status, created_at, updated_at, ack_due_at,
          resolve_due_at, acknowledged_at, started_at, resolved_at, closed_at, ack_overdue_at, resolve_overdue_at,
          rating, rated_at, reopen_count, duplicate_of, reject_reason, h3_r6, h3_r7, h3_r8, h3_r9, h3_r10)
      cross join lateral (select ST_SetSRID(ST_MakePoint(t.lng, t.lat), 4326) as geom) p
      cross join lateral route_report(p.geom, t.category_id) rt`.execute(tx);
    const e = this.events;
    await sql`
      insert into report_events (report_id, action, from_status, to_status, created_at, actor_role, note, unit_id)
      select t.report_id, t.action::report_action, t.from_status::report_status, t.to_status::report_status,
        t.created_at, t.actor_role, t.note, r.unit_id
      from unnest(${e.report_id}::bigint[], ${e.action}::text[], ${e.from_status}::text[], ${e.to_status}::text[],
        ${e.created_at}::timestamptz[], ${e.actor_role}::text[], ${e.note}::text[])
        as t(report_id, action, from_status, to_status, created_at, actor_role, note)
      join reports r on r.id = t.report_id`.execute(tx);
    const p = this.reporters;
    if (p.report_id!.length > 0) {
      await sql`
        insert into report_reporters (report_id, name, phone)
        select * from unnest(${p.report_id}::bigint[], ${p.name}::text[], ${p.phone}::text[])`.execute(tx);
    }
    return e.report_id!.length;
  }
}

function pickCategory<C>(weights: Array<{ cat: C; w: number }>, total: number, r: () => number): C {
  let x = r() * total;
  for (const { cat, w } of weights) {
    x -= w;
    if (x <= 0) return cat;
  }
  return weights[weights.length - 1]!.cat;
}

// Reports come in the daytime: more in the morning and after work, few at night.
const HOUR_WEIGHT = [1, 0.5, 0.3, 0.3, 0.5, 1, 3, 6, 8, 8, 7, 6, 5, 5, 6, 6, 7, 8, 7, 5, 4, 3, 2, 1.5];
const HOUR_TOTAL = HOUR_WEIGHT.reduce((a, b) => a + b, 0);

function sampleAgeMs(days: number, now: Date, r: () => number): number {
  const day = Math.floor(r() * days);
  let x = r() * HOUR_TOTAL;
  let hour = 0;
  while (hour < 23 && x > HOUR_WEIGHT[hour]!) x -= HOUR_WEIGHT[hour++]!;
  // Hours are Hà Nội local time (UTC+7).
  const target = new Date(now.getTime() - day * 86_400_000);
  target.setUTCHours((hour - 7 + 24) % 24, Math.floor(r() * 60), Math.floor(r() * 60), 0);
  const age = now.getTime() - target.getTime();
  return age > 60_000 ? age : 60_000 + r() * 3_600_000;
}

function gaussianAround(lng: number, lat: number, sigmaM: number, r: () => number): [number, number] {
  const u = Math.max(r(), 1e-12);
  const radius = sigmaM * Math.sqrt(-2 * Math.log(u));
  const angle = 2 * Math.PI * r();
  const dLat = (radius * Math.sin(angle)) / 111_320;
  const dLng = (radius * Math.cos(angle)) / (111_320 * Math.cos((lat * Math.PI) / 180));
  return [lng + dLng, lat + dLat];
}

function pointOnRoads(roads: Road[], total: number, r: () => number): [number, number, string] {
  let x = r() * total;
  let lo = 0;
  // Roads are few (~1,300); a linear walk over cumulative lengths is fast enough and simple.
  let road = roads[0]!;
  for (lo = 0; lo < roads.length; lo++) {
    road = roads[lo]!;
    if (x <= road.length) break;
    x -= road.length;
  }
  let i = 1;
  while (i < road.cumulative.length - 1 && road.cumulative[i]! < x) i++;
  const a = road.coords[i - 1]!;
  const b = road.coords[i]!;
  const segStart = road.cumulative[i - 1]!;
  const segLen = road.cumulative[i]! - segStart || 1;
  const f = Math.min(1, Math.max(0, (x - segStart) / segLen));
  // A few metres off the centreline, where a sidewalk or a drain is.
  const [lng, lat] = gaussianAround(a[0] + (b[0] - a[0]) * f, a[1] + (b[1] - a[1]) * f, 8, r);
  return [lng, lat, road.name];
}

async function loadRoads(db: Kysely<DB>): Promise<Road[]> {
  const rows = await sql<{ name: string; g: string }>`
    select name, ST_AsGeoJSON(geom) as g from basemap_features
    where layer = 'roads' and name is not null and GeometryType(geom) = 'LINESTRING' order by id`.execute(db);
  return rows.rows.map((row) => {
    const coords = (JSON.parse(row.g) as { coordinates: Array<[number, number]> }).coordinates;
    const cumulative = [0];
    for (let i = 1; i < coords.length; i++) {
      const [x1, y1] = coords[i - 1]!;
      const [x2, y2] = coords[i]!;
      const dx = (x2 - x1) * 111_320 * Math.cos((y1 * Math.PI) / 180);
      const dy = (y2 - y1) * 111_320;
      cumulative.push(cumulative[i - 1]! + Math.hypot(dx, dy));
    }
    return { name: row.name, coords, cumulative, length: cumulative[cumulative.length - 1]! };
  });
}

/** Drops the secondary (non-constraint) indexes of the report tables; returns their definitions. */
async function dropIndexes(tx: Transaction<DB>): Promise<string[]> {
  const rows = await sql<{ name: string; def: string }>`
    select i.indexrelid::regclass::text as name, pg_get_indexdef(i.indexrelid) as def
    from pg_index i
    where i.indrelid in ('reports'::regclass, 'report_events'::regclass, 'report_reporters'::regclass)
      and not exists (select 1 from pg_constraint c where c.conindid = i.indexrelid)`.execute(tx);
  for (const row of rows.rows) await sql`drop index ${sql.raw(row.name)}`.execute(tx);
  return rows.rows.map((row) => row.def);
}

// Live data the reference seed does not have, placed around Hồ Hoàn Kiếm: reports (with a reporter whose
// contact must never reach a tile), alerts in every lifecycle state, and a public and a private camera.
import { sql, type Kysely } from 'kysely';
import type { DB } from '@ioc/sql';

export const HOAN_KIEM = { lon: 105.8524, lat: 21.0287 } as const;

export interface LiveFixtures {
  reports: { open: string; duplicate: string; rejected: string };
  alerts: { active: number; cancelled: number; expired: number; exercise: number };
  cameras: { public: number; private: number };
}

export async function insertLiveFixtures(db: Kysely<DB>): Promise<LiveFixtures> {
  const { lon, lat } = HOAN_KIEM;
  const report = async (status: string, duplicateOf: string | null, dLon: number) => {
    const r = await sql<{ id: string }>`
      insert into reports (category_id, description, geom, status, duplicate_of, created_at, ack_due_at, resolve_due_at,
                           h3_r6, h3_r7, h3_r8, h3_r9, h3_r10)
      select c.id, 'Đèn đường hỏng trước số 12 Hàng Khay', ST_SetSRID(ST_MakePoint(${lon + dLon}, ${lat}), 4326),
             ${status}::report_status, ${duplicateOf}::bigint, '2025-11-20T08:30:00Z',
             '2025-11-20T12:30:00Z', '2025-11-22T08:30:00Z', 0, 0, 0, 0, 0
      from categories c order by c.id limit 1
      returning id`.execute(db);
    return r.rows[0]!.id;
  };
  const open = await report('new', null, 0.001);
  const duplicate = await report('duplicate', open, 0.0012);
  const rejected = await report('rejected', null, 0.0014);
  await sql`insert into report_reporters (report_id, name, phone, email)
            values (${open}, 'Nguyễn Văn A', '0912 345 678', 'a@example.vn')`.execute(db);

  const alert = async (
    identifier: string,
    extra: { status?: string; cancelled?: boolean; expires?: string },
  ) => {
    const r = await sql<{ id: number }>`
      insert into alerts (identifier, sender, sent_at, status, msg_type, categories, event, urgency, severity, certainty,
                          headline, expires_at, cancelled_at, source)
      values (${identifier}, 'ioc@hanoi.gov.vn', now(), ${extra.status ?? 'Actual'}::alert_status, 'Alert', '{Met}',
              'Ngập lụt', 'Immediate', 'Severe', 'Observed', 'Ngập sâu quanh Hồ Gươm',
              ${extra.expires ?? null}::timestamptz, ${extra.cancelled ? sql`now()` : null}, 'seed')
      returning id`.execute(db);
    const id = r.rows[0]!.id;
    await sql`
      insert into alert_areas (alert_id, area_desc, polygon, geom)
      select ${id}, 'Hồ Gươm', p, ST_Multi(p)
      from (select ST_Buffer(ST_SetSRID(ST_MakePoint(${lon}, ${lat}), 4326), 0.004, 8) as p) s`.execute(db);
    return id;
  };
  const alerts = {
    active: await alert('test-active', { expires: '2099-01-01T00:00:00Z' }),
    cancelled: await alert('test-cancelled', { cancelled: true }),
    expired: await alert('test-expired', { expires: '2020-01-01T00:00:00Z' }),
    exercise: await alert('test-exercise', { status: 'Exercise' }),
  };

  const camera = async (code: string, isPublic: boolean, dLat: number) => {
    const r = await sql<{ id: number }>`
      insert into cameras (code, name, geom, is_public, status, source, external_id)
      values (${code}, ${`Camera ${code}`}, ST_SetSRID(ST_MakePoint(${lon}, ${lat + dLat}), 4326), ${isPublic}, 'online',
              'test', ${code})
      returning id`.execute(db);
    return r.rows[0]!.id;
  };
  const cameras = {
    public: await camera('test-public', true, 0.002),
    private: await camera('test-private', false, 0.0022),
  };

  return { reports: { open, duplicate, rejected }, alerts, cameras };
}

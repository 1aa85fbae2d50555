// Events are written with their audience and place, and only commit with the change they describe.
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '@ioc/sql/testing';
import { appendEvent } from '../src/events/event-writer.ts';

let t: TestDatabase;
beforeAll(async () => {
  t = await createTestDatabase({ seeded: false });
});
afterAll(async () => {
  await t?.drop();
});

describe('appendEvent', () => {
  it('stores the payload, the point and the audience columns', async () => {
    const seq = await appendEvent(t.db, {
      topic: 'report',
      type: 'report.acknowledged',
      entityId: 42,
      payload: { id: '42', status: 'acknowledged' },
      geometry: { lng: 105.85, lat: 21.03 },
      visibility: 'staff',
      unitId: 7,
      ownerUserId: 3,
    });
    const row = await sql<{
      entity_id: string;
      payload: unknown;
      wkt: string;
      visibility: string;
      unit_id: number;
      owner_user_id: number;
    }>`
      select entity_id, payload, ST_AsText(geom) as wkt, visibility, unit_id, owner_user_id from events where seq = ${seq}`.execute(
      t.db,
    );
    expect(row.rows[0]).toEqual({
      entity_id: '42',
      payload: { id: '42', status: 'acknowledged' },
      wkt: 'POINT(105.85 21.03)',
      visibility: 'staff',
      unit_id: 7,
      owner_user_id: 3,
    });
  });

  it('leaves no event behind when the transaction it belongs to rolls back', async () => {
    const before = await sql<{ n: number }>`select count(*)::int as n from events`.execute(t.db);
    await t.db
      .transaction()
      .execute(async (tx) => {
        await appendEvent(tx, { topic: 'system', type: 'test.rolled_back', payload: {} });
        throw new Error('abort');
      })
      .catch(() => {});
    const after = await sql<{ n: number }>`select count(*)::int as n from events`.execute(t.db);
    expect(after.rows[0]!.n).toBe(before.rows[0]!.n);
  });
});

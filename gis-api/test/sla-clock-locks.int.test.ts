// The SLA clock against a second PostgreSQL connection marking the same reports: row locks make each
// overdue report announced once, and a clock never waits on another instance's locked rows.
import { describe, expect, it } from 'vitest';
import { openDatabase, readDatabaseConfig } from '@ioc/sql';
import { SlaRepository } from '../src/sla/sla.repository.ts';
import { clock, insertReports, overdueEvents, slaDatabase, useSlaDatabase } from './support/sla-fixtures.ts';

useSlaDatabase();

describe('SLA clock beside another instance', () => {
  it('a clock passes over reports another instance is marking right now, without waiting, and never repeats them', async () => {
    await clock().tick();
    const ids = await insertReports(
      Array.from({ length: 6 }, (_, i) => ({ ackDue: -100 + i, resolveDue: 600 })),
    );
    const other = await openDatabase(
      readDatabaseConfig({ DATABASE_URL: slaDatabase().url!, DB_POOL_SIZE: '2' }),
    );
    try {
      let during: { ack: number; resolve: number } | undefined;
      await other.db.transaction().execute(async (tx) => {
        // "Another instance" has marked the three oldest and not committed yet.
        const held = await new SlaRepository(tx).markOverdue('ack', 3);
        expect(held.map((r) => r.id)).toEqual(ids.slice(0, 3));
        during = await clock().tick();
      });
      expect(during).toEqual({ ack: 3, resolve: 0 });
      expect(await clock().tick()).toEqual({ ack: 0, resolve: 0 });
      // The other instance's marks committed without events (it was only this repository call),
      // so exactly the three this clock took have one.
      expect((await overdueEvents(ids)).map((e) => e.entity_id)).toEqual(ids.slice(3));
    } finally {
      await other.close();
    }
  });
});

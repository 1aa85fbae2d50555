// Vitest global setup for the real-PostGIS tier: builds two template databases once per run
// (migrated; migrated + reference data seeded) that each suite clones with CREATE DATABASE … TEMPLATE.
import pg from 'pg';
import { readDatabaseConfig } from '../config.ts';
import { openDatabase } from '../database.ts';
import { migrate } from '../migrator.ts';
import { seedReferenceData } from '../seed/seed.ts';
import { adminUrl, templateMigrated, templateSeeded, urlFor } from './test-env.ts';

export default async function setup(): Promise<() => Promise<void>> {
  process.env.IOC_TEST_RUN_ID = String(process.pid);
  const templates = [templateMigrated(), templateSeeded()];
  const admin = new pg.Client({ connectionString: adminUrl(), connectionTimeoutMillis: 5000 });
  await admin.connect();
  try {
    for (const name of templates) {
      await admin.query(`drop database if exists ${name} with (force)`);
      await admin.query(`create database ${name}`);
      const database = await openDatabase(readDatabaseConfig({ DATABASE_URL: urlFor(name) }));
      try {
        await migrate(database);
        if (name === templateSeeded())
          await seedReferenceData(database, { quiet: true, demoPasswords: 'fixed' });
      } finally {
        await database.close();
      }
    }
  } finally {
    await admin.end();
  }
  return async () => {
    const client = new pg.Client({ connectionString: adminUrl(), connectionTimeoutMillis: 5000 });
    await client.connect();
    try {
      for (const name of templates) await client.query(`drop database if exists ${name} with (force)`);
    } finally {
      await client.end();
    }
  };
}

// Seeds the reference data (idempotent: run it any number of times) and, on request, a report workload.
import { sql } from 'kysely';
import type { Database } from '../database.ts';
import { loadAdminUnits } from './load-admin-units.ts';
import { loadBasemap } from './load-basemap.ts';
import { loadCameras } from './load-cameras.ts';
import { loadFacilities } from './load-facilities.ts';
import { loadOrganisation } from './load-organisation.ts';
import { loadDemoUsers, type DemoLogin } from './load-users.ts';
import { progress } from './progress.ts';

export interface SeedOptions {
  quiet?: boolean;
  /** 'fixed' gives every demo user `<username>-demo-pass` (tests); 'random' is for real installs. */
  demoPasswords?: 'fixed' | 'random';
  /** Where random demo passwords are kept so `npm start` can print them again. */
  credentialsFile?: string;
}

export interface SeedSummary {
  counts: Record<string, number>;
  logins: DemoLogin[];
}

export async function seedReferenceData(database: Database, options: SeedOptions = {}): Promise<SeedSummary> {
  const { db } = database;
  const steps = 6;
  const bar = progress('seeding reference data', steps, options.quiet);
  const counts: Record<string, number> = {};
  const admin = await loadAdminUnits(db);
  counts.provinces = admin.provinces;
  counts.districts = admin.districts;
  bar.tick();
  const org = await loadOrganisation(db);
  counts.units = org.units;
  counts.categories = org.categories;
  bar.tick();
  const basemap = await loadBasemap(db);
  counts.basemap_features = Object.values(basemap).reduce((a, b) => a + b, 0);
  bar.tick();
  const fac = await loadFacilities(db);
  counts.health_facilities = fac.health;
  counts.education_facilities = fac.education;
  bar.tick();
  const cams = await loadCameras(db);
  counts.cameras_hcmc = cams.hcmc;
  counts.cameras_hanoi = cams.hanoi;
  bar.tick();
  const logins = await loadDemoUsers(db, options.demoPasswords ?? 'random', options.credentialsFile);
  bar.tick();
  bar.done();
  await sql`analyze`.execute(db);
  return { counts, logins };
}

/** True when the reference data has been loaded (start-up seeds only a database that lacks it). */
export async function isSeeded(database: Database): Promise<boolean> {
  const r = await database.db
    .selectFrom('admin_units')
    .select((eb) => eb.fn.countAll<string>().as('n'))
    .where('level', '=', 2)
    .executeTakeFirstOrThrow();
  return Number(r.n) > 0;
}

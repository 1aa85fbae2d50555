// `npm run seed [-- --reports N] [-- --fixed-passwords]`: load the reference data (idempotent) and optionally
// a generated workload of N reports.
import path from 'node:path';
import { parseArgs } from 'node:util';
import { readDatabaseConfig } from '../config.ts';
import { openDatabase } from '../database.ts';
import { migrate } from '../migrator.ts';
import { seedReferenceData } from '../seed/seed.ts';
import { seedWorkload } from '../seed/workload.ts';
import { runCli } from './run-cli.ts';

class SeedError extends Error {
  override name = 'SeedError';
}

await runCli(async () => {
  const { values } = parseArgs({
    options: {
      reports: { type: 'string' },
      'fixed-passwords': { type: 'boolean', default: false },
      seed: { type: 'string', default: '1' },
    },
  });
  const reports = values.reports === undefined ? undefined : Number(values.reports);
  if (reports !== undefined && (!Number.isInteger(reports) || reports < 0 || reports > 5_000_000)) {
    throw new SeedError(`--reports must be a whole number from 0 to 5000000 (got "${values.reports}")`);
  }
  const config = readDatabaseConfig();
  const database = await openDatabase(config);
  try {
    await migrate(database);
    const { counts } = await seedReferenceData(database, {
      demoPasswords: values['fixed-passwords'] ? 'fixed' : 'random',
      credentialsFile: path.join(config.dataDir, 'demo-logins.json'),
    });
    console.log(
      `reference data: ${Object.entries(counts)
        .map(([k, v]) => `${k}=${v}`)
        .join(' ')}`,
    );
    if (reports !== undefined) {
      const r = await seedWorkload(database, { reports, seed: Number(values.seed) });
      console.log(
        `workload: ${r.reports} reports, ${r.events} history events in ${(r.ms / 1000).toFixed(1)} s`,
      );
    }
  } finally {
    await database.close();
  }
});

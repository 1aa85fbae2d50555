// `npm run db:migrate`: apply pending migrations to DATABASE_URL (or the embedded database) and exit.
import { readDatabaseConfig } from '../config.ts';
import { openDatabase } from '../database.ts';
import { migrate } from '../migrator.ts';
import { runCli } from './run-cli.ts';

await runCli(async () => {
  const database = await openDatabase(readDatabaseConfig());
  try {
    const { applied, functions } = await migrate(database, (line) => console.log(line));
    console.log(
      `${database.location}: ${applied.length} migration(s) applied, ${functions} function file(s) refreshed`,
    );
  } finally {
    await database.close();
  }
});

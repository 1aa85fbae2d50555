// Runs a command-line entry: known errors print one clear line (no stack trace) and exit 1.
export async function runCli(main: () => Promise<void>): Promise<void> {
  try {
    await main();
  } catch (err) {
    const e = err as Error;
    const known = ['ConfigError', 'DatabaseUnavailableError', 'MigrationError', 'DataFileError', 'SeedError'];
    console.error(known.includes(e.name) ? `error: ${e.message}` : e);
    process.exitCode = 1;
  }
}

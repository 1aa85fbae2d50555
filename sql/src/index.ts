// The public face of @ioc/sql: config, the database factory, the migrator, seeding and the table types.
export { readDatabaseConfig, ConfigError, type DatabaseConfig } from './config.ts';
export {
  openDatabase,
  describeUrl,
  DatabaseUnavailableError,
  type Database,
  type DatabaseMode,
} from './database.ts';
export { appendEvent, type EventTopic, type NewEvent } from './event-writer.ts';
export { migrate, pendingMigrations, MigrationError } from './migrator.ts';
export type * from './schema.ts';
export { hashPassword, verifyPassword, DECOY_HASH } from './password-hash.ts';
export { h3ToBigint } from './seed/workload.ts';
export { reportCells, type ReportCells } from './h3-cells.ts';

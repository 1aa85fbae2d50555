// Test helpers for other workspaces: `import { createTestDatabase } from '@ioc/sql/testing'`.
export { createTestDatabase, type TestDatabase, type TestDatabaseOptions } from './test-database.ts';
export { testDbMode } from './test-env.ts';

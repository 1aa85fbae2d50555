// Scratch databases for one benchmark run: a template (migrated, reference data seeded) cloned with
// CREATE DATABASE … TEMPLATE for each measurement, like the test tier does, all dropped at the end.
import pg from 'pg';
import { migrate, openDatabase, readDatabaseConfig, type Database } from '@ioc/sql';
import { seedReferenceData } from '../../sql/src/seed/seed.ts';

export class ScratchDatabases {
  readonly #adminUrl: string;
  readonly #prefix = `ioc_bench_reports_${process.pid}`;
  readonly #created: string[] = [];

  constructor(adminUrl: string) {
    this.#adminUrl = adminUrl;
  }

  get template(): string {
    return `${this.#prefix}_tpl`;
  }

  urlOf(name: string): string {
    const u = new URL(this.#adminUrl);
    u.pathname = `/${name}`;
    return u.toString();
  }

  /** Migrated and seeded with the reference data (demo users with the tests' fixed passwords). */
  async createTemplate(): Promise<void> {
    await this.#create(this.template);
    const database = await this.open(this.template);
    try {
      await migrate(database);
      await seedReferenceData(database, { quiet: true, demoPasswords: 'fixed' });
    } finally {
      await database.close();
    }
  }

  /** A fresh copy of the template; its name is `<prefix>_<suffix>`. */
  async clone(suffix: string): Promise<{ name: string; url: string }> {
    const name = `${this.#prefix}_${suffix}`;
    await this.#create(name, this.template);
    return { name, url: this.urlOf(name) };
  }

  open(name: string, poolSize = 5): Promise<Database> {
    return openDatabase(
      readDatabaseConfig({ DATABASE_URL: this.urlOf(name), DB_POOL_SIZE: String(poolSize) }),
    );
  }

  async drop(name: string): Promise<void> {
    await this.#admin(`drop database if exists ${name} with (force)`);
    this.#created.splice(this.#created.indexOf(name), 1);
  }

  /** Newest first, so the clones go before their template. */
  async dropAll(): Promise<void> {
    for (const name of [...this.#created].reverse()) await this.drop(name).catch(() => {});
  }

  async #create(name: string, template?: string): Promise<void> {
    await this.#admin(`drop database if exists ${name} with (force)`);
    await this.#admin(`create database ${name}${template ? ` template ${template}` : ''}`);
    this.#created.push(name);
  }

  async #admin(text: string): Promise<void> {
    const client = new pg.Client({ connectionString: this.#adminUrl, connectionTimeoutMillis: 5000 });
    await client.connect();
    try {
      await client.query(text);
    } finally {
      await client.end();
    }
  }
}

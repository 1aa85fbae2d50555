// Creates the demo users, one or more per role. Passwords are random per installation (kept in a
// file beside the data, printed by `npm start` in demo mode) or fixed ones for tests.
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import type { Kysely } from 'kysely';
import { hashPassword } from '../password-hash.ts';
import type { DB } from '../schema.ts';
import { DEMO_USERS } from './reference-data.ts';

export interface DemoLogin {
  username: string;
  role: string;
  password: string;
}

/** The password every demo user gets in tests: `<username>-demo-pass`. */
export function fixedDemoPassword(username: string): string {
  return `${username}-demo-pass`;
}

export async function loadDemoUsers(
  db: Kysely<DB>,
  mode: 'fixed' | 'random',
  credentialsFile: string | undefined,
): Promise<DemoLogin[]> {
  const known = readCredentials(credentialsFile);
  const existing = new Set(
    (await db.selectFrom('users').select('username').execute()).map((u) => u.username),
  );
  const logins: DemoLogin[] = [];
  for (const u of DEMO_USERS) {
    const remembered = known.find((k) => k.username === u.username);
    // Users created earlier keep their password: re-seeding must not lock anyone out.
    if (existing.has(u.username)) {
      if (remembered) logins.push(remembered);
      continue;
    }
    const password =
      mode === 'fixed' ? fixedDemoPassword(u.username) : crypto.randomBytes(9).toString('base64url');
    const unit = u.unit_code
      ? await db.selectFrom('units').select('id').where('code', '=', u.unit_code).executeTakeFirstOrThrow()
      : undefined;
    await db
      .insertInto('users')
      .values({
        username: u.username,
        display_name: u.display_name,
        role: u.role,
        unit_id: unit?.id ?? null,
        password_hash: await hashPassword(password),
      })
      .execute();
    logins.push({ username: u.username, role: u.role, password });
  }
  if (credentialsFile && mode === 'random') {
    fs.mkdirSync(path.dirname(credentialsFile), { recursive: true });
    fs.writeFileSync(credentialsFile, JSON.stringify(logins, null, 2) + '\n', { mode: 0o600 });
  }
  return logins;
}

export function readCredentials(file: string | undefined): DemoLogin[] {
  if (!file || !fs.existsSync(file)) return [];
  try {
    return JSON.parse(fs.readFileSync(file, 'utf8')) as DemoLogin[];
  } catch {
    return [];
  }
}

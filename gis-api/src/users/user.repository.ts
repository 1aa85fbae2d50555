// SQL for users: look-ups for signing in and for the bearer token's subject.
import type { Kysely } from 'kysely';
import type { DB, UserRole } from '@ioc/sql';

export interface User {
  id: number;
  username: string;
  displayName: string;
  role: UserRole;
  unitId: number | null;
  disabled: boolean;
}

export class UserRepository {
  constructor(private readonly db: Kysely<DB>) {}

  async byUsername(username: string): Promise<(User & { passwordHash: string }) | undefined> {
    return this.select()
      .select('password_hash as passwordHash')
      .where('username', '=', username)
      .executeTakeFirst();
  }

  async byId(id: number): Promise<User | undefined> {
    return this.select().where('id', '=', id).executeTakeFirst();
  }

  private select() {
    return this.db
      .selectFrom('users')
      .select(['id', 'username', 'display_name as displayName', 'role', 'unit_id as unitId', 'disabled']);
  }
}

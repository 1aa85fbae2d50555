// SQL look-ups the analytics inputs need: a category code's id, whether a unit or admin unit exists.
import type { Kysely } from 'kysely';
import type { DB } from '@ioc/sql';

export class LookupRepository {
  constructor(private readonly db: Kysely<DB>) {}

  async categoryId(code: string): Promise<number | undefined> {
    const row = await this.db
      .selectFrom('categories')
      .select('id')
      .where('code', '=', code)
      .executeTakeFirst();
    return row?.id;
  }

  async unitExists(id: number): Promise<boolean> {
    return (
      (await this.db.selectFrom('units').select('id').where('id', '=', id).executeTakeFirst()) !== undefined
    );
  }

  async adminUnitExists(id: number): Promise<boolean> {
    return (
      (await this.db.selectFrom('admin_units').select('id').where('id', '=', id).executeTakeFirst()) !==
      undefined
    );
  }
}

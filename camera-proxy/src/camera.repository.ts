// Camera lookups for the proxy: only registered cameras are ever proxied.
import type { Database } from '@ioc/sql';

export interface CameraRow {
  id: number;
  code: string;
  name: string;
  upstream_url: string | null;
  is_public: boolean;
  status: string;
}

export async function findCamera(database: Database, idOrCode: string): Promise<CameraRow | undefined> {
  const q = database.db
    .selectFrom('cameras')
    .select(['id', 'code', 'name', 'upstream_url', 'is_public', 'status']);
  return /^[0-9]{1,9}$/.test(idOrCode)
    ? q.where('id', '=', Number(idOrCode)).executeTakeFirst()
    : q.where('code', '=', idOrCode).executeTakeFirst();
}

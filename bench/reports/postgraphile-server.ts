// PostGraphile 5 (Amber preset, its own generated schema) over the benchmark's database, on 127.0.0.1 and a
// free port, in its own process like gis-api; prints {"url": …} as its first line.
//
//   DATABASE_URL=postgres://… DB_POOL_SIZE=10 [PG_CUSTOM_PLANS=1] node --import tsx bench/reports/postgraphile-server.ts
//
// PG_CUSTOM_PLANS=1 sets plan_cache_mode = force_custom_plan on its connections (see reads.bench.ts).
import './promise-with-resolvers.ts';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { postgraphile } from 'postgraphile';
import { makePgService } from 'postgraphile/adaptors/pg';
import { grafserv } from 'postgraphile/grafserv/node';
import { PostGraphileAmberPreset } from 'postgraphile/presets/amber';

const connectionString = process.env.DATABASE_URL;
const poolSize = Number(process.env.DB_POOL_SIZE ?? '10');
const customPlans = process.env.PG_CUSTOM_PLANS === '1';
if (!connectionString || !Number.isInteger(poolSize) || poolSize < 1) {
  console.error(
    'Invalid environment variables: DATABASE_URL and DB_POOL_SIZE (a positive integer) are required',
  );
  process.exit(1);
}

const preset: GraphileConfig.Preset = {
  extends: [PostGraphileAmberPreset],
  pgServices: [
    makePgService({
      connectionString,
      schemas: ['public'],
      poolConfig: {
        max: poolSize,
        ...(customPlans ? { options: '-c plan_cache_mode=force_custom_plan' } : {}),
      },
    }),
  ],
  grafserv: { graphiql: false, watch: false, maxRequestLength: 1024 * 1024 },
};

const pgl = postgraphile(preset);
const serv = pgl.createServ(grafserv);
const server = http.createServer();
serv.addTo(server).catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
// Build the schema before saying "ready", so the first measured request does not pay for introspection.
await pgl.getSchema();
server.listen(0, '127.0.0.1', () => {
  const { port } = server.address() as AddressInfo;
  console.log(JSON.stringify({ url: `http://127.0.0.1:${port}` }));
});

const stop = async () => {
  server.closeAllConnections();
  server.close();
  await pgl.release();
  process.exit(0);
};
process.once('SIGTERM', () => void stop());
process.once('SIGINT', () => void stop());

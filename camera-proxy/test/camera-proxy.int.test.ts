// The camera proxy refuses what it must: unknown and private cameras 404, cameras without a stream 503 with a reason.
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import express from 'express';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '@ioc/sql/testing';
import { createCameraProxy } from '../src/index.ts';

let database: TestDatabase;
let server: http.Server;
let base: string;

beforeAll(async () => {
  database = await createTestDatabase();
  const proxy = createCameraProxy({ database, config: { upstreamTimeoutMs: 2000 } });
  const app = express();
  app.use('/cameras', proxy.router);
  server = app.listen(0);
  await new Promise((resolve) => server.once('listening', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(async () => {
  server?.close();
  await database?.drop();
});

describe('camera proxy foundation', () => {
  it('answers 404 with the id for a camera that is not registered', async () => {
    const res = await fetch(`${base}/cameras/no-such-camera/index.m3u8`);
    expect(res.status).toBe(404);
    expect(await res.json()).toEqual({ error: 'No camera "no-such-camera"' });
  });

  it('hides private cameras from the public as if they did not exist', async () => {
    const cam = await database.db
      .selectFrom('cameras')
      .select('code')
      .where('is_public', '=', false)
      .executeTakeFirstOrThrow();
    const res = await fetch(`${base}/cameras/${cam.code}/index.m3u8`);
    expect(res.status).toBe(404);
  });

  it('answers 503 with the camera name when no stream is registered', async () => {
    const cam = await database.db
      .selectFrom('cameras')
      .select(['id', 'name'])
      .where('code', '=', 'hn-001')
      .executeTakeFirstOrThrow();
    const res = await fetch(`${base}/cameras/${cam.id}/index.m3u8`);
    expect(res.status).toBe(503);
    const body = (await res.json()) as { error: string };
    expect(body.error).toContain(cam.name);
  });
});

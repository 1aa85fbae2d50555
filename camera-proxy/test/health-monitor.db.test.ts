// The health monitor on both engines: each fault mode ends in the right status, with last_seen_at and
// last_error in the cameras table and exactly one camera.status event per change (staff-only for a private
// camera); a camera that recovers goes back online.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '@ioc/sql/testing';
import { CameraRepository } from '../src/camera.repository.ts';
import type { CameraSimulator } from '../src/simulator/camera.simulator.ts';
import { setUpstream, startProxy, startSimulator, type ProxyServer } from './support/camera-stack.ts';

const FAULTS = {
  'hn-001': 'none',
  'hn-002': 'none', // made to stall below
  'hn-003': 'not-found',
  'hn-004': 'garbage',
  'hn-005': 'slow',
  'hn-006': 'off-origin',
  'hn-007': 'hang',
  'hn-010': 'none', // private
} as const;

let database: TestDatabase;
let sim: CameraSimulator;
let stack: ProxyServer;
let repository: CameraRepository;

beforeAll(async () => {
  database = await createTestDatabase();
  repository = new CameraRepository(database);
  sim = await startSimulator(
    Object.keys(FAULTS).map((code) => ({ code })),
    { faults: FAULTS },
  );
  await setUpstream(database, Object.fromEntries(Object.keys(FAULTS).map((c) => [c, sim.streamUrl(c)])));
  stack = await startProxy({ database, config: { allowedOrigins: [sim.baseUrl], upstreamTimeoutMs: 1000 } });
});

afterAll(async () => {
  await stack?.close();
  await sim?.close();
  await database?.drop();
});

async function state(code: string) {
  return database.db
    .selectFrom('cameras')
    .select(['id', 'status', 'last_error', 'last_seen_at'])
    .where('code', '=', code)
    .executeTakeFirstOrThrow();
}

async function events(code: string) {
  const { id } = await state(code);
  return database.db
    .selectFrom('events')
    .select(['type', 'payload', 'visibility'])
    .where('topic', '=', 'camera')
    .where('entity_id', '=', String(id))
    .orderBy('seq')
    .execute();
}

const checkAll = () => stack.proxy.monitor.checkAll();

describe('health monitor', () => {
  it('marks every healthy camera online and every broken one offline, with the reason', async () => {
    const verdicts = await checkAll();
    expect(Object.fromEntries([...verdicts].map(([code, v]) => [code, v.status]))).toEqual({
      'hn-001': 'online',
      'hn-002': 'online',
      'hn-003': 'offline',
      'hn-004': 'offline',
      'hn-005': 'offline',
      'hn-006': 'offline',
      'hn-007': 'offline',
      'hn-010': 'online',
    });
    expect(await state('hn-001')).toMatchObject({ status: 'online', last_error: null });
    expect((await state('hn-001')).last_seen_at).not.toBeNull();
    expect((await state('hn-003')).last_error).toBe('the camera answered HTTP 404');
    expect((await state('hn-004')).last_error).toMatch(/not valid HLS/);
    expect((await state('hn-005')).last_error).toBe(
      'the newest segment failed: the camera did not answer in time',
    );
    expect((await state('hn-006')).last_error).toBe("the playlist points outside the camera's origin");
    expect((await state('hn-007')).last_error).toBe('the camera did not answer in time');
    expect((await state('hn-007')).last_seen_at).toBeNull();
  });

  it('appends one camera.status event per change, staff-only for a private camera', async () => {
    expect(await events('hn-003')).toEqual([
      {
        type: 'camera.status',
        visibility: 'public',
        payload: expect.objectContaining({ code: 'hn-003', status: 'offline', previousStatus: 'unknown' }),
      },
    ]);
    expect((await events('hn-010')).map((e) => e.visibility)).toEqual(['staff']);
  });

  it('writes nothing new when nothing changed', async () => {
    await checkAll();
    expect(await events('hn-003')).toHaveLength(1);
    expect(await events('hn-001')).toHaveLength(1);
  });

  it('calls a camera whose stream stopped advancing stale, and online again when it moves', async () => {
    sim.setFault('hn-002', 'stalled');
    const camera = (await repository.find('hn-002'))!;
    await new Promise((r) => setTimeout(r, 1100)); // past the cached playlist and its grace period
    await stack.proxy.monitor.check(camera); // sees the frozen window for the first time
    await new Promise((r) => setTimeout(r, 3300)); // > 3 target durations of 1 s
    expect((await stack.proxy.monitor.check(camera)).status).toBe('stale');
    expect(await state('hn-002')).toMatchObject({
      status: 'stale',
      last_error: 'the stream has not advanced for more than 3 s',
    });
    sim.setFault('hn-002', 'none');
    await new Promise((r) => setTimeout(r, 1100)); // past the cached playlist and its grace period
    expect((await stack.proxy.monitor.check((await repository.find('hn-002'))!)).status).toBe('online');
    expect((await events('hn-002')).map((e) => (e.payload as { status: string }).status)).toEqual([
      'online',
      'stale',
      'online',
    ]);
  });

  it('brings an offline camera back online once it answers again', async () => {
    sim.setFault('hn-003', 'none');
    await new Promise((r) => setTimeout(r, 1100)); // past the remembered failure
    expect((await stack.proxy.monitor.check((await repository.find('hn-003'))!)).status).toBe('online');
    expect(await state('hn-003')).toMatchObject({ status: 'online', last_error: null });
  });

  it('does not announce a change another instance already recorded', async () => {
    const camera = (await repository.find('hn-001'))!;
    const stale = { ...camera, status: 'unknown' as const };
    expect(await repository.recordHealth(stale, { status: 'offline', error: 'x' })).toBe(false);
    expect(await state('hn-001')).toMatchObject({ status: 'online' });
  });
});

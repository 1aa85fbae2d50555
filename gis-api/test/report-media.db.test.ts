// Photos on reports: attached at submission and with a resolution (after-photos on that history step),
// seen by staff and the reporter until published, and never attachable twice.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import zlib from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '@ioc/sql/testing';
import { crc32 } from '../src/media/crc32.ts';
import { startApiServer, type ApiServer } from './support/api-server.ts';
import {
  SUBMIT,
  act,
  addMatrixUsers,
  loginAll,
  rowCounts,
  submitInput,
  type Actor,
} from './support/report-fixtures.ts';

let database: TestDatabase;
let server: ApiServer;
let tokens: Record<Actor, string | undefined>;
let mediaDir: string;

beforeAll(async () => {
  database = await createTestDatabase();
  await addMatrixUsers(database);
  mediaDir = fs.mkdtempSync(path.join(os.tmpdir(), 'ioc-report-media-'));
  server = await startApiServer(database, {
    REPORT_RATE_BURST: '100000',
    LOGIN_RATE_BURST: '1000',
    MEDIA_DIR: mediaDir,
  });
  tokens = await loginAll(server);
});

afterAll(async () => {
  await server?.close();
  await database?.drop();
  fs.rmSync(mediaDir, { recursive: true, force: true });
});

/** A valid 2×2 RGB PNG, built here so the suite needs no image tools. */
function png(): Buffer {
  const chunk = (type: string, data: Buffer) => {
    const body = Buffer.concat([Buffer.from(type, 'latin1'), data]);
    const len = Buffer.alloc(4);
    len.writeUInt32BE(data.length);
    const crc = Buffer.alloc(4);
    crc.writeUInt32BE(crc32(body) >>> 0);
    return Buffer.concat([len, body, crc]);
  };
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(2, 0);
  ihdr.writeUInt32BE(2, 4);
  ihdr.set([8, 2, 0, 0, 0], 8);
  const rows = Buffer.from([0, 255, 0, 0, 0, 255, 0, 0, 0, 0, 255, 255, 255, 255]);
  return Buffer.concat([
    Buffer.from('\x89PNG\r\n\x1a\n', 'latin1'),
    chunk('IHDR', ihdr),
    chunk('IDAT', zlib.deflateSync(rows)),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

async function upload(token: string | undefined): Promise<string> {
  const form = new FormData();
  form.append('file', new Blob([png()], { type: 'image/png' }), 'photo.png');
  const res = await fetch(`${server.url}/media`, {
    method: 'POST',
    body: form,
    headers: token ? { authorization: `Bearer ${token}` } : {},
  });
  const body = (await res.json()) as { id: string };
  expect(res.status, JSON.stringify(body)).toBe(201);
  return body.id;
}

const MEDIA = `query M($id: ID!) { report(id: $id) { media { id } history { action media { id } } } }`;
type MediaView = {
  report: { media: Array<{ id: string }>; history: Array<{ action: string; media: Array<{ id: string }> }> };
};

describe('photos on reports', () => {
  it('a citizen’s photo is attached to the report and its submission; staff and the reporter see it, the public not yet', async () => {
    const photo = await upload(tokens.citizen);
    const res = await server.gql<{ submitReport: { id: string } }>(
      SUBMIT,
      { input: submitInput({ mediaIds: [photo] }) },
      tokens.citizen,
    );
    expect(res.errors).toBeUndefined();
    const id = res.data!.submitReport.id;
    for (const who of ['citizen', 'operator', 'officerOfUnit'] as const) {
      const view = await server.gql<MediaView>(MEDIA, { id }, tokens[who]);
      expect(view.data!.report.media.map((m) => m.id)).toEqual([photo]);
      expect(view.data!.report.history[0]!.media.map((m) => m.id)).toEqual([photo]);
    }
    for (const who of ['public', 'otherCitizen'] as const) {
      const view = await server.gql<MediaView>(MEDIA, { id }, tokens[who]);
      expect(view.data!.report.media).toEqual([]);
    }
  });

  it('an officer’s after-photos belong to the resolution step', async () => {
    const { data } = await server.gql<{ submitReport: { id: string } }>(
      SUBMIT,
      { input: submitInput() },
      tokens.citizen,
    );
    const id = data!.submitReport.id;
    await act(server, tokens.operator, 'acknowledgeReport', { id });
    await act(server, tokens.officerOfUnit, 'startReport', { id });
    const after = await upload(tokens.officerOfUnit);
    const res = await act(server, tokens.officerOfUnit, 'resolveReport', {
      id,
      note: 'Đã dọn',
      mediaIds: [after],
    });
    expect(res.errors).toBeUndefined();
    const view = await server.gql<MediaView>(MEDIA, { id }, tokens.citizen);
    expect(view.data!.report.history.find((h) => h.action === 'RESOLVED')!.media.map((m) => m.id)).toEqual([
      after,
    ]);
  });

  it('a photo already attached to another report is refused and nothing is written', async () => {
    const photo = await upload(tokens.citizen);
    await server.gql(SUBMIT, { input: submitInput({ mediaIds: [photo] }) }, tokens.citizen);
    const before = await rowCounts(database);
    const again = await server.gql(SUBMIT, { input: submitInput({ mediaIds: [photo] }) }, tokens.citizen);
    expect(again.errors?.[0]).toMatchObject({ extensions: { code: 'BAD_USER_INPUT' } });
    expect(again.errors?.[0]?.message).toMatch(/already attached/);
    expect(await rowCounts(database)).toEqual(before);
  });
});

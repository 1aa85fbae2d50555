// POST /media and GET /media/:id over real HTTP with real files in a temp MEDIA_DIR: types from content,
// metadata stripped, limits, nothing half-stored, who may download what, publication, attaching to reports.
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hashPassword } from '@ioc/sql';
import { createTestDatabase, type TestDatabase } from '@ioc/sql/testing';
import { MediaRepository } from '../src/media/media.repository.ts';
import { MediaService } from '../src/media/media.service.ts';
import { MediaStore } from '../src/media/media-store.ts';
import { startApiServer, type ApiServer } from './support/api-server.ts';
import {
  HEIGHT,
  WIDTH,
  decodes,
  heicHead,
  jpegWithMetadata,
  leaks,
  makeFixtures,
  probeTags,
  webpWithMetadata,
  type Fixtures,
} from './fixtures/media/fixtures.ts';

const MAX_PHOTO = 200_000;
const MAX_VIDEO = 400_000;

let database: TestDatabase;
let server: ApiServer;
let mediaDir: string;
let fx: Fixtures;
let service: MediaService;
const tokens: Record<string, string> = {};
const userIds: Record<string, number> = {};

beforeAll(async () => {
  database = await createTestDatabase();
  mediaDir = fs.mkdtempSync(path.join(os.tmpdir(), 'ioc-media-store-'));
  fx = makeFixtures();
  server = await startApiServer(database, {
    MEDIA_DIR: mediaDir,
    MEDIA_MAX_PHOTO_BYTES: String(MAX_PHOTO),
    MEDIA_MAX_VIDEO_BYTES: String(MAX_VIDEO),
    MEDIA_UPLOAD_RATE_BURST: '1000',
  });
  service = new MediaService(new MediaRepository(database.db), new MediaStore(mediaDir), {
    maxPhotoBytes: MAX_PHOTO,
    maxVideoBytes: MAX_VIDEO,
  });
  await database.db
    .insertInto('users')
    .values({
      username: 'citizen.b',
      display_name: 'Trần Thị B',
      role: 'citizen',
      password_hash: await hashPassword('citizen.b-demo-pass'),
    })
    .execute();
  for (const name of ['citizen', 'citizen.b', 'officer.hoankiem', 'operator', 'leader', 'admin']) {
    const res = await server.gql<{ login: { token: string; user: { id: string } } }>(
      'mutation L($u: String!, $p: String!) { login(username: $u, password: $p) { token user { id } } }',
      { u: name, p: `${name}-demo-pass` },
    );
    if (!res.data) throw new Error(`login ${name}: ${JSON.stringify(res.errors)}`);
    tokens[name] = res.data.login.token;
    userIds[name] = Number(res.data.login.user.id);
  }
});

afterAll(async () => {
  await server?.close();
  await database?.drop();
  fx?.remove();
  if (mediaDir) fs.rmSync(mediaDir, { recursive: true, force: true });
});

interface Uploaded {
  id: string;
  kind: string;
  mime: string;
  bytes: number;
  width: number | null;
  height: number | null;
  url: string;
}

async function upload(
  data: Buffer,
  { name = 'upload.bin', type = 'application/octet-stream', token, url = server.url } = {} as {
    name?: string;
    type?: string;
    token?: string;
    url?: string;
  },
): Promise<{ status: number; body: Uploaded & { error?: string }; headers: Headers }> {
  const form = new FormData();
  form.append('file', new Blob([data], { type }), name);
  const res = await fetch(`${url}/media`, {
    method: 'POST',
    body: form,
    headers: token ? { authorization: `Bearer ${token}` } : {},
  });
  return {
    status: res.status,
    body: (await res.json()) as Uploaded & { error?: string },
    headers: res.headers,
  };
}

const download = (id: string, token?: string) =>
  fetch(`${server.url}/media/${id}`, { headers: token ? { authorization: `Bearer ${token}` } : {} });

/** Every file under MEDIA_DIR, temp files included. */
const filesOnDisk = () =>
  (fs.readdirSync(mediaDir, { recursive: true }) as string[]).filter((f) =>
    fs.statSync(path.join(mediaDir, f)).isFile(),
  );
const mediaRows = async () =>
  Number(
    (
      await database.db
        .selectFrom('media')
        .select((eb) => eb.fn.countAll<string>().as('n'))
        .executeTakeFirstOrThrow()
    ).n,
  );

async function stored(id: string) {
  const row = await database.db
    .selectFrom('media')
    .selectAll()
    .where('id', '=', id)
    .executeTakeFirstOrThrow();
  return { row, data: fs.readFileSync(path.join(mediaDir, row.storage_key)) };
}

/** A report straight in SQL, optionally submitted by a signed-in citizen. */
async function insertReport(reporterUserId?: number): Promise<string> {
  const { rows } = await sql<{ id: string }>`
    insert into reports (category_id, description, geom, ack_due_at, resolve_due_at, h3_r6, h3_r7, h3_r8, h3_r9, h3_r10)
    values ((select min(id) from categories), 'Ổ gà trên phố Tràng Tiền', ST_SetSRID(ST_MakePoint(105.852, 21.028), 4326),
            now() + interval '1 day', now() + interval '3 days', 1, 2, 3, 4, 5)
    returning id`.execute(database.db);
  const id = rows[0]!.id;
  if (reporterUserId !== undefined) {
    await sql`insert into report_reporters (report_id, user_id) values (${id}, ${reporterUserId})`.execute(
      database.db,
    );
  }
  return id;
}

const attach = (mediaIds: string[], reportId: string, reportEventId?: string) =>
  database.db
    .transaction()
    .execute((tx) => service.attach(tx, { mediaIds, reportId, reportEventId: reportEventId ?? null }));

describe('POST /media', () => {
  it('accepts each photo and video format and stores it cleaned under MEDIA_DIR/<yyyy>/<mm>/<id>.<ext>', async () => {
    const cases: Array<[Buffer, string, string, string]> = [
      [jpegWithMetadata(fx.jpeg), 'photo', 'image/jpeg', 'jpg'],
      [fx.png, 'photo', 'image/png', 'png'],
      [webpWithMetadata(fx.webp), 'photo', 'image/webp', 'webp'],
      [fx.mp4, 'video', 'video/mp4', 'mp4'],
      [fx.mov, 'video', 'video/quicktime', 'mov'],
      [fx.webm, 'video', 'video/webm', 'webm'],
    ];
    const now = new Date();
    const month = `${now.getUTCFullYear()}/${String(now.getUTCMonth() + 1).padStart(2, '0')}`;
    for (const [data, kind, mime, ext] of cases) {
      const res = await upload(data, { name: `x.${ext}` });
      expect(res.status, `${mime}: ${res.body.error}`).toBe(201);
      expect(res.body).toEqual({
        id: expect.stringMatching(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/),
        kind,
        mime,
        bytes: expect.any(Number),
        width: WIDTH,
        height: HEIGHT,
        url: `/media/${res.body.id}`,
      });
      const { row, data: file } = await stored(res.body.id);
      expect(row.storage_key).toBe(`${month}/${res.body.id}.${ext}`);
      expect(row).toMatchObject({ kind, mime, bytes: file.length, uploaded_by: null, published: false });
      expect(row.sha256).toBe(crypto.createHash('sha256').update(file).digest('hex'));
      expect(res.body.bytes).toBe(file.length);
      expect(leaks(file), mime).toEqual([]);
      expect(decodes(file, ext)).toBe(true);
    }
    expect(filesOnDisk().filter((f) => f.startsWith('.tmp'))).toEqual([]);
  });

  it('a PNG named x.jpg and sent as image/jpeg is stored as PNG', async () => {
    const res = await upload(fx.png, { name: 'x.jpg', type: 'image/jpeg' });
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({ kind: 'photo', mime: 'image/png' });
    expect((await stored(res.body.id)).row.storage_key).toMatch(/\.png$/);
  });

  it('refuses a text file, a PDF and an ELF binary with 415 naming what was detected, storing nothing', async () => {
    const before = { files: filesOnDisk(), rows: await mediaRows() };
    const cases: Array<[Buffer, string]> = [
      [Buffer.from('Ổ gà to ở phố Huế, xin xử lý giúp.\n'.repeat(50)), 'a text file'],
      [
        Buffer.from('%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<< /Type /Catalog >>\nendobj\n', 'latin1'),
        'a PDF document',
      ],
      [fs.readFileSync(process.execPath).subarray(0, 100_000), 'an ELF executable'],
    ];
    for (const [data, detected] of cases) {
      // A friendly name and type change nothing.
      const res = await upload(data, { name: 'photo.jpg', type: 'image/jpeg' });
      expect(res.status).toBe(415);
      expect(res.body.error).toContain(`detected ${detected}`);
      expect(res.body.error).toContain('Accepted: JPEG, PNG or WebP photos; MP4, MOV or WebM videos');
    }
    expect(filesOnDisk()).toEqual(before.files);
    expect(await mediaRows()).toBe(before.rows);
  });

  it('refuses HEIC with 415 and asks for JPEG', async () => {
    const res = await upload(heicHead(), { name: 'IMG_0001.HEIC', type: 'image/heic' });
    expect(res.status).toBe(415);
    expect(res.body.error).toMatch(/HEIC.*send JPEG/);
  });

  it('a photo over the photo limit is cut off with 413, leaving no file and no row', async () => {
    const before = { files: filesOnDisk(), rows: await mediaRows() };
    // Starts like a JPEG, so the photo limit applies: larger than it but smaller than the video limit.
    const big = Buffer.concat([fx.jpeg.subarray(0, 20), crypto.randomBytes(MAX_PHOTO + 50_000)]);
    const res = await upload(big);
    expect(res.status).toBe(413);
    expect(res.body.error).toBe('The photo is larger than 195.3 KB, the limit for a photo');
    expect(filesOnDisk()).toEqual(before.files);
    expect(await mediaRows()).toBe(before.rows);
  });

  it('a body declared larger than any accepted file gets 413 before it is read', async () => {
    const before = filesOnDisk();
    const res = await upload(Buffer.concat([fx.mp4, crypto.randomBytes(MAX_VIDEO * 2)]));
    expect(res.status).toBe(413);
    expect(res.body.error).toMatch(/larger than .*largest accepted file/);
    expect(filesOnDisk()).toEqual(before);
  });

  it('a truncated JPEG or a garbage video gets 400 and nothing is stored', async () => {
    const before = { files: filesOnDisk(), rows: await mediaRows() };
    const jpeg = await upload(fx.jpeg.subarray(0, fx.jpeg.length - 100));
    expect(jpeg.status).toBe(400);
    expect(jpeg.body.error).toMatch(/^The JPEG file is damaged or truncated/);
    const video = await upload(Buffer.concat([fx.mp4.subarray(0, 32), crypto.randomBytes(5000)]));
    expect(video.status).toBe(400);
    expect(video.body.error).toMatch(/^The MP4 file is damaged or truncated/);
    expect(filesOnDisk()).toEqual(before.files);
    expect(await mediaRows()).toBe(before.rows);
  });

  it('an empty file, a missing file field and two files are 400', async () => {
    expect((await upload(Buffer.alloc(0))).body.error).toBe('The file is empty');
    const noFile = new FormData();
    noFile.append('note', 'hello');
    const res1 = await fetch(`${server.url}/media`, { method: 'POST', body: noFile });
    expect(res1.status).toBe(400);
    expect(((await res1.json()) as { error: string }).error).toMatch(/No file/);
    const two = new FormData();
    two.append('file', new Blob([fx.png]), 'a.png');
    two.append('file', new Blob([fx.png]), 'b.png');
    const res2 = await fetch(`${server.url}/media`, { method: 'POST', body: two });
    expect(res2.status).toBe(400);
    const res3 = await fetch(`${server.url}/media`, {
      method: 'POST',
      body: 'x',
      headers: { 'content-type': 'text/plain' },
    });
    expect(res3.status).toBe(400);
  });

  it('EXIF GPS planted in a JPEG and a WebP is gone from the stored files', async () => {
    for (const [dirty, ext] of [
      [jpegWithMetadata(fx.jpeg), 'jpg'],
      [webpWithMetadata(fx.webp), 'webp'],
    ] as const) {
      expect(leaks(dirty)).toContain('GPS latitude');
      const res = await upload(dirty, { token: tokens.citizen });
      const { row, data } = await stored(res.body.id);
      expect(leaks(data)).toEqual([]);
      expect(decodes(data, ext)).toBe(true);
      expect(row.uploaded_by).toBe(userIds.citizen);
    }
  });

  it('a video loses its location, title and device name', async () => {
    const res = await upload(fx.mp4, { name: 'VID_0001.mp4', type: 'video/mp4' });
    const { row } = await stored(res.body.id);
    const tags = probeTags(path.join(mediaDir, row.storage_key));
    expect(tags).not.toMatch(/location|ISO6709|Nguyen|Pixel/);
  });

  it('an invalid bearer token is 401, never a silent anonymous upload', async () => {
    const res = await upload(fx.png, { token: 'not-a-token' });
    expect(res.status).toBe(401);
  });

  it('uploads beyond the rate limit get 429 with Retry-After', async () => {
    const limited = await startApiServer(database, {
      MEDIA_DIR: mediaDir,
      MEDIA_UPLOAD_RATE_BURST: '2',
      MEDIA_UPLOAD_RATE_PER_MINUTE: '1',
    });
    try {
      const statuses = [];
      for (let i = 0; i < 3; i++) statuses.push((await upload(fx.png, { url: limited.url })).status);
      expect(statuses).toEqual([201, 201, 429]);
      const res = await upload(fx.png, { url: limited.url });
      expect(Number(res.headers.get('retry-after'))).toBeGreaterThan(0);
      expect(res.body.error).toMatch(/Too many uploads/);
    } finally {
      await limited.close();
    }
  });
});

describe('GET /media/:id', () => {
  const publish = (id: string, token: string, mutation = 'publishMedia') =>
    server.gql<Record<string, { id: string; published: boolean; kind: string; url: string }>>(
      `mutation P($id: ID!) { ${mutation}(id: $id) { id published kind url } }`,
      { id },
      token,
    );

  it('is seen by staff and the uploader, and by everyone once an operator publishes it', async () => {
    const { body } = await upload(fx.jpeg, { token: tokens.citizen });
    await attach([body.id], await insertReport());
    const viewers = {
      public: undefined,
      uploader: tokens.citizen,
      otherCitizen: tokens['citizen.b'],
      officer: tokens['officer.hoankiem'],
      operator: tokens.operator,
    };
    const matrix = async () =>
      Object.fromEntries(
        await Promise.all(
          Object.entries(viewers).map(async ([who, token]) => [who, (await download(body.id, token)).status]),
        ),
      );
    expect(await matrix()).toEqual({
      public: 404,
      uploader: 200,
      otherCitizen: 404,
      officer: 200,
      operator: 200,
    });

    const published = await publish(body.id, tokens.operator!);
    expect(published.errors).toBeUndefined();
    expect(published.data!.publishMedia).toEqual({
      id: body.id,
      published: true,
      kind: 'PHOTO',
      url: body.url,
    });
    expect(await matrix()).toEqual({
      public: 200,
      uploader: 200,
      otherCitizen: 200,
      officer: 200,
      operator: 200,
    });

    expect((await publish(body.id, tokens.admin!, 'unpublishMedia')).data!.unpublishMedia!.published).toBe(
      false,
    );
    expect(await matrix()).toEqual({
      public: 404,
      uploader: 200,
      otherCitizen: 404,
      officer: 200,
      operator: 200,
    });
  });

  it('the citizen who submitted the report sees its media, also what staff uploaded', async () => {
    const { body } = await upload(fx.png, { token: tokens['officer.hoankiem'] });
    await attach([body.id], await insertReport(userIds['citizen.b']));
    expect((await download(body.id, tokens['citizen.b'])).status).toBe(200);
    expect((await download(body.id, tokens.citizen)).status).toBe(404);
  });

  it('streams the stored file with its type, private caching, nosniff and inline disposition', async () => {
    const { body } = await upload(fx.webm, { name: 'clip.mp4', type: 'video/mp4' });
    const res = await download(body.id, tokens['officer.hoankiem']);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('video/webm');
    expect(res.headers.get('cache-control')).toBe('private');
    expect(res.headers.get('x-content-type-options')).toBe('nosniff');
    expect(res.headers.get('content-disposition')).toBe(`inline; filename="${body.id}.webm"`);
    const file = Buffer.from(await res.arrayBuffer());
    expect(file).toEqual((await stored(body.id)).data);
    const range = await fetch(`${server.url}/media/${body.id}`, {
      headers: { authorization: `Bearer ${tokens.operator}`, range: 'bytes=0-99' },
    });
    expect(range.status).toBe(206);
    expect((await range.arrayBuffer()).byteLength).toBe(100);
  });

  it('an anonymous upload is not visible even to its anonymous sender until published', async () => {
    const { body } = await upload(fx.png);
    expect((await download(body.id)).status).toBe(404);
  });

  it('a malformed id is 400, an unknown one 404', async () => {
    expect((await download('../../etc/passwd')).status).toBe(404); // not even routed: a different path
    expect((await download('not-a-uuid')).status).toBe(400);
    expect((await download(crypto.randomUUID(), tokens.admin)).status).toBe(404);
  });
});

describe('publishMedia / unpublishMedia', () => {
  it('only operators and admins may publish', async () => {
    const { body } = await upload(fx.png);
    await attach([body.id], await insertReport());
    for (const [token, code] of [
      [undefined, 'UNAUTHENTICATED'],
      [tokens.citizen, 'FORBIDDEN'],
      [tokens['officer.hoankiem'], 'FORBIDDEN'],
    ] as const) {
      const res = await server.gql(
        'mutation P($id: ID!) { publishMedia(id: $id) { id } }',
        { id: body.id },
        token,
      );
      expect(res.errors?.[0]?.extensions?.code).toBe(code);
    }
  });

  it('writes a public report.media_published event with the report and media ids', async () => {
    const { body } = await upload(fx.png);
    const reportId = await insertReport();
    await attach([body.id], reportId);
    await server.gql(
      'mutation P($id: ID!) { publishMedia(id: $id) { id } }',
      { id: body.id },
      tokens.operator,
    );
    // Publishing again changes nothing and logs nothing.
    await server.gql(
      'mutation P($id: ID!) { publishMedia(id: $id) { id } }',
      { id: body.id },
      tokens.operator,
    );
    const events = await database.db
      .selectFrom('events')
      .select(['topic', 'type', 'entity_id', 'payload', 'visibility', 'actor_user_id'])
      .where('type', 'like', 'report.media_%')
      .where(sql<boolean>`payload->>'mediaId' = ${body.id}`)
      .execute();
    expect(events).toEqual([
      {
        topic: 'report',
        type: 'report.media_published',
        entity_id: reportId,
        payload: { reportId, mediaId: body.id },
        visibility: 'public',
        actor_user_id: userIds.operator,
      },
    ]);
  });

  it('refuses media not attached to a report, unknown ids and malformed ids', async () => {
    const { body } = await upload(fx.png);
    const gql = (id: string) =>
      server.gql('mutation P($id: ID!) { publishMedia(id: $id) { id } }', { id }, tokens.operator);
    expect((await gql(body.id)).errors?.[0]).toMatchObject({
      message: `Media ${body.id} is not attached to a report`,
      extensions: { code: 'BAD_USER_INPUT' },
    });
    expect((await stored(body.id)).row.published).toBe(false);
    expect((await gql(crypto.randomUUID())).errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
    expect((await gql('42')).errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
  });
});

describe('MediaService.attach and forReports', () => {
  it('links uploads to a report and an event of it', async () => {
    const a = (await upload(fx.png)).body;
    const b = (await upload(fx.jpeg)).body;
    const reportId = await insertReport();
    const { rows } = await sql<{ id: string }>`
      insert into report_events (report_id, action) values (${reportId}, 'resolved') returning id`.execute(
      database.db,
    );
    const attached = await attach([b.id, a.id], reportId, rows[0]!.id);
    expect(attached.map((m) => [m.id, m.reportId, m.reportEventId, m.url])).toEqual([
      [b.id, reportId, rows[0]!.id, b.url],
      [a.id, reportId, rows[0]!.id, a.url],
    ]);
  });

  it('names every unknown, already attached, malformed or repeated id and attaches none', async () => {
    const free = (await upload(fx.png)).body.id;
    const taken = (await upload(fx.png)).body.id;
    await attach([taken], await insertReport());
    const unknown = crypto.randomUUID();
    const reportId = await insertReport();
    await expect(attach([free, unknown, taken, 'abc', free], reportId)).rejects.toMatchObject({
      message:
        `mediaIds: not a media id: "abc"; listed twice: "${free}"; unknown: "${unknown}"; ` +
        `already attached: "${taken}"`,
      extensions: { code: 'BAD_USER_INPUT' },
    });
    expect((await stored(free)).row.report_id).toBeNull();
  });

  it('refuses an event of another report', async () => {
    const id = (await upload(fx.png)).body.id;
    const other = await insertReport();
    const { rows } = await sql<{ id: string }>`
      insert into report_events (report_id, action) values (${other}, 'resolved') returning id`.execute(
      database.db,
    );
    await expect(attach([id], await insertReport(), rows[0]!.id)).rejects.toThrow(
      /is not an event of report/,
    );
  });

  it('forReports gives staff everything, the public what is published, and the reporter their own', async () => {
    const reportId = await insertReport(userIds.citizen);
    const hidden = (await upload(fx.png, { token: tokens['officer.hoankiem'] })).body.id;
    const shown = (await upload(fx.jpeg)).body.id;
    await attach([hidden, shown], reportId);
    await server.gql('mutation P($id: ID!) { publishMedia(id: $id) { id } }', { id: shown }, tokens.operator);
    const seen = async (viewer: { id: number; role: string; unitId: number | null } | null) =>
      ((await service.forReports([reportId, '999999'], viewer)).get(reportId) ?? []).map((m) => m.id);
    expect(await seen(null)).toEqual([shown]);
    expect(await seen({ id: userIds['citizen.b']!, role: 'citizen', unitId: null })).toEqual([shown]);
    expect(await seen({ id: userIds.citizen!, role: 'citizen', unitId: null })).toEqual([hidden, shown]);
    expect(await seen({ id: userIds.leader!, role: 'leader', unitId: null })).toEqual([hidden, shown]);
    expect((await service.forReports(['999999'], null)).get('999999')).toEqual([]);
  });
});

// Refusals happen before a single packet: the request opener is never called and names are resolved only by
// the injected resolver. When a request does go out, it connects to the address that was checked.
import type http from 'node:http';
import { describe, expect, it } from 'vitest';
import { AddressPolicy } from '../src/upstream/address-policy.ts';
import { UpstreamClient, type RequestFn } from '../src/upstream/upstream.client.ts';
import { UpstreamError } from '../src/upstream/upstream.error.ts';

const NAMES: Record<string, string[]> = {
  'metadata.internal': ['169.254.169.254'],
  'sneaky.example': ['93.184.216.34', '10.0.0.7'],
  localhost: ['127.0.0.1', '::1'],
  'camera.example': ['93.184.216.34'],
};

function setup(options: { allowedOrigins?: string[] } = {}) {
  const opened: http.RequestOptions[] = [];
  const resolved: string[] = [];
  const request: RequestFn = (o) => {
    opened.push(o);
    throw new Error('stop here: the test only looks at what would be sent');
  };
  const client = new UpstreamClient({
    policy: new AddressPolicy(options),
    resolve: async (name) => {
      resolved.push(name);
      const answer = NAMES[name];
      if (!answer) throw Object.assign(new Error('ENOTFOUND'), { code: 'ENOTFOUND' });
      return answer;
    },
    request,
  });
  return { client, opened, resolved };
}

async function reasonOf(p: Promise<unknown>): Promise<string> {
  try {
    await p;
  } catch (err) {
    if (err instanceof UpstreamError) return `${err.reason}: ${err.message}`;
    return `other: ${(err as Error).message}`;
  }
  return 'accepted';
}

const fetchOf = (url: string, origin = new URL(url).origin) => ({
  url,
  origin,
  maxBytes: 1000,
  headersBy: Date.now() + 1000,
  bodyBy: Date.now() + 1000,
});

describe('UpstreamClient refusals', () => {
  it.each([
    'http://169.254.169.254/latest/meta-data/',
    'http://10.0.0.1/cam.m3u8',
    'http://127.0.0.1:5432/',
    'http://[::1]:8080/index.m3u8',
    'http://[::ffff:127.0.0.1]/x',
    'http://2130706433/x', // 127.0.0.1 as one number
    'http://0x7f.0.0.1/x', // 127.0.0.1 in hex
    'http://0/x',
  ])('refuses %s without resolving or connecting', async (url) => {
    const { client, opened, resolved } = setup();
    expect(await reasonOf(client.fetch(fetchOf(url)))).toMatch(
      /^refused: .* address is not allowed for cameras$/,
    );
    expect(opened).toEqual([]);
    expect(resolved).toEqual([]);
  });

  it.each(['metadata.internal', 'localhost', 'sneaky.example'])(
    'refuses a name that resolves to a disallowed address (%s) without connecting',
    async (name) => {
      const { client, opened, resolved } = setup();
      expect(await reasonOf(client.fetch(fetchOf(`http://${name}/index.m3u8`)))).toMatch(/^refused: /);
      expect(resolved).toEqual([name]);
      expect(opened).toEqual([]);
    },
  );

  it('refuses other schemes and other origins before anything else', async () => {
    const { client, opened, resolved } = setup();
    expect(await reasonOf(client.fetch(fetchOf('file:///etc/passwd', 'http://camera.example')))).toBe(
      'refused: a file: URI is not allowed for cameras',
    );
    expect(await reasonOf(client.fetch(fetchOf('http://evil.example/x', 'http://camera.example')))).toBe(
      "refused: a URI leaves the camera's origin",
    );
    expect([opened, resolved]).toEqual([[], []]);
  });

  it('lets an exempt origin through to loopback, and only that origin', async () => {
    const { client, opened } = setup({ allowedOrigins: ['http://127.0.0.1:8090'] });
    expect(await reasonOf(client.fetch(fetchOf('http://127.0.0.1:8090/sim/a/index.m3u8')))).toMatch(
      /stop here/,
    );
    expect(opened).toHaveLength(1);
    expect(await reasonOf(client.fetch(fetchOf('http://127.0.0.1:8091/x')))).toMatch(/^refused/);
    expect(opened).toHaveLength(1);
  });

  it('pins the connection to the address it checked', async () => {
    const { client, opened } = setup();
    await reasonOf(client.fetch(fetchOf('http://user:p%40ss@camera.example:8443/live/a.m3u8?k=1')));
    const o = opened[0]!;
    expect(o).toMatchObject({
      hostname: 'camera.example',
      port: '8443',
      path: '/live/a.m3u8?k=1',
      auth: 'user:p@ss',
    });
    const looked = await new Promise((resolve) =>
      (o.lookup as unknown as (h: string, opts: object, cb: (...a: unknown[]) => void) => void)(
        'camera.example',
        { all: true },
        (_err, addresses) => resolve(addresses),
      ),
    );
    expect(looked).toEqual([{ address: '93.184.216.34', family: 4 }]);
  });

  it('reports a name that does not resolve as unreachable', async () => {
    const { client } = setup();
    expect(await reasonOf(client.fetch(fetchOf('http://nowhere.example/x')))).toBe(
      "unreachable: the camera's host name did not resolve",
    );
  });
});

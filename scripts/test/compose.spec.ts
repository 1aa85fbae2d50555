// Checks the container deployment without a Docker engine: docker-compose.yml as docker-compose normalises it, and the nginx front proxy (textually, then run for real).
import { execFileSync, spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import http from 'node:http';
import net from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const nginxConfPath = path.join(root, 'docker/nginx.conf');

const SERVICES = ['db', 'migrate', 'gis-api', 'tiles', 'camera-proxy', 'web'];
const NODE_SERVICES = ['migrate', 'gis-api', 'tiles', 'camera-proxy'];
const LONG_RUNNING_NODE_SERVICES = ['gis-api', 'tiles', 'camera-proxy'];

// DESIGN.md's URL layout: a sample request for every documented path → the container that must answer it.
const ROUTES: Array<[string, string]> = [
  ['/graphql', 'gis-api'],
  ['/graphql?query=%7B__typename%7D', 'gis-api'],
  ['/tiles/reports/12/3249/1803.mvt', 'tiles'],
  ['/tiles/reports.json', 'tiles'],
  ['/tiles/style.json', 'tiles'],
  ['/tiles/fonts/Noto%20Sans%20Regular/0-255.pbf', 'tiles'],
  ['/cameras/hcm-0001/index.m3u8', 'camera-proxy'],
  ['/cameras/hcm-0001/segment-000042.ts', 'camera-proxy'],
  ['/cameras/hcm-0001/snapshot.jpg', 'camera-proxy'],
  ['/media', 'gis-api'],
  ['/media/7f3c2a', 'gis-api'],
  ['/export/reports.geojson?status=open', 'gis-api'],
  ['/export/reports.csv', 'gis-api'],
  ['/open311/v2/services.json', 'gis-api'],
  ['/open311/v2/requests.json', 'gis-api'],
  ['/ogc/collections/reports/items?limit=10', 'gis-api'],
  ['/cap/alerts.xml', 'gis-api'],
  ['/healthz', 'gis-api'],
  ['/readyz', 'gis-api'],
  ['/metrics', 'gis-api'],
];
const SPA_PATHS = ['/', '/wall', '/leader', '/ops', '/reports/123'];

// ---------------------------------------------------------------------------------------------
// docker-compose 1.29 has no `config --format json`, and the repo has no YAML parser. Its output is
// PyYAML block style with sorted keys, so splitting by indentation is exact enough for these checks.

interface Node {
  value: string; // the inline scalar after "key:", '' for a block
  body: string[]; // the lines nested under the key
}

/** The keys at `indent` in `lines`, each with its inline value and the lines nested under it. */
function children(lines: string[], indent: number): Map<string, Node> {
  const out = new Map<string, Node>();
  let current: Node | undefined;
  for (const line of lines) {
    if (line.trim() === '') continue;
    const lead = line.length - line.trimStart().length;
    const text = line.trimStart();
    // PyYAML writes sequences unindented: "ports:" and its "- ..." items share a column.
    if (lead === indent && !text.startsWith('- ')) {
      const m = /^(['"]?)([^'":]+)\1:\s?(.*)$/.exec(text);
      if (!m) throw new Error(`unexpected line in compose output: ${line}`);
      current = { value: m[3]!.replace(/^'(.*)'$|^"(.*)"$/, '$1$2'), body: [] };
      out.set(m[2]!, current);
    } else if (lead < indent) {
      current = undefined;
    } else {
      current?.body.push(line);
    }
  }
  return out;
}

function child(node: Node | undefined, key: string, indent: number): Node | undefined {
  return node ? children(node.body, indent).get(key) : undefined;
}

function compose(args: string[], env: Record<string, string> = {}): string {
  const cleanEnv = { ...process.env, ...env };
  // The demo default must be what the test sees unless a case sets it.
  if (!('POSTGRES_PASSWORD' in env)) delete cleanEnv.POSTGRES_PASSWORD;
  try {
    return execFileSync('docker-compose', ['-f', 'docker-compose.yml', ...args], {
      cwd: root,
      env: cleanEnv,
      encoding: 'utf8',
      timeout: 60_000,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
  } catch (error) {
    const e = error as NodeJS.ErrnoException & { stderr?: string; status?: number };
    if (e.code === 'ENOENT')
      throw new Error('docker-compose is not installed (Debian: apt-get install docker-compose)');
    throw new Error(`docker-compose ${args.join(' ')} exited ${e.status}:\n${e.stderr}`);
  }
}

function servicesOf(configText: string): Map<string, Node> {
  const top = children(configText.split('\n'), 0);
  return children(top.get('services')?.body ?? [], 2);
}

function envOf(service: Node | undefined): Map<string, string> {
  const env = children(child(service, 'environment', 4)?.body ?? [], 6);
  return new Map([...env].map(([k, v]) => [k, v.value]));
}

describe('docker-compose.yml', () => {
  let services: Map<string, Node>;

  beforeAll(() => {
    services = servicesOf(compose(['config']));
  }, 60_000);

  it('is accepted by docker-compose config', () => {
    // compose() throws with docker-compose's own message on a non-zero exit.
    expect(compose(['config', '--quiet'])).toBe('');
  });

  it('defines exactly the db, migrate, gis-api, tiles, camera-proxy and web services', () => {
    const listed = compose(['config', '--services']).trim().split('\n');
    expect([...listed].sort()).toEqual([...SERVICES].sort());
    expect([...services.keys()].sort()).toEqual([...SERVICES].sort());
  });

  it('publishes a port only for web, and that port is 8080 to nginx on 80', () => {
    const publishing = [...services].filter(([, s]) => child(s, 'ports', 4)).map(([name]) => name);
    expect(publishing).toEqual(['web']);
    const ports = child(services.get('web'), 'ports', 4)!.body.join('\n');
    expect(ports).toMatch(/published: 8080\b/);
    expect(ports).toMatch(/target: 80\b/);
  });

  it('runs PostGIS with a pg_isready healthcheck on the ioc database', () => {
    const db = services.get('db');
    expect(child(db, 'image', 4)?.value).toMatch(/^postgis\/postgis:15-3\.4$/);
    const test = child(child(db, 'healthcheck', 4), 'test', 6)?.body.join(' ') ?? '';
    expect(test).toMatch(/pg_isready\b.*-U ioc\b.*-d ioc\b/);
    expect(child(db, 'volumes', 4)?.body.join('\n')).toMatch(/:\/var\/lib\/postgresql\/data\b/);
  });

  it('points every node service at the db service through DATABASE_URL', () => {
    for (const name of NODE_SERVICES) {
      const url = envOf(services.get(name)).get('DATABASE_URL');
      expect(url, name).toBeDefined();
      const parsed = new URL(url!);
      expect(parsed.protocol, name).toMatch(/^postgres(ql)?:$/);
      expect(parsed.hostname, name).toBe('db');
      expect(parsed.pathname, name).toBe('/ioc');
      expect(parsed.username, name).toBe('ioc');
      expect(decodeURIComponent(parsed.password), name).toBe('ioc');
    }
  });

  it('takes the database password from POSTGRES_PASSWORD for db and every DATABASE_URL alike', () => {
    const overridden = servicesOf(compose(['config'], { POSTGRES_PASSWORD: 'not-the-demo-one' }));
    expect(envOf(overridden.get('db')).get('POSTGRES_PASSWORD')).toBe('not-the-demo-one');
    for (const name of NODE_SERVICES) {
      expect(new URL(envOf(overridden.get(name)).get('DATABASE_URL')!).password, name).toBe(
        'not-the-demo-one',
      );
    }
  });

  it('starts migrate after db is healthy, and the services only after migrate has succeeded', () => {
    const condition = (name: string, on: string) =>
      child(child(child(services.get(name), 'depends_on', 4), on, 6), 'condition', 8)?.value;
    expect(condition('migrate', 'db')).toBe('service_healthy');
    expect(child(services.get('migrate'), 'command', 4)?.body.join(' ')).toMatch(
      /sql\/src\/cli\/migrate\.ts.*&&.*sql\/src\/cli\/seed\.ts/,
    );
    for (const name of LONG_RUNNING_NODE_SERVICES) {
      expect(condition(name, 'migrate'), name).toBe('service_completed_successfully');
      expect(condition(name, 'db'), name).toBe('service_healthy');
    }
  });

  it('health-checks each node service on its own /healthz and restarts it unless stopped', () => {
    for (const name of LONG_RUNNING_NODE_SERVICES) {
      const service = services.get(name);
      expect(child(child(service, 'healthcheck', 4), 'test', 6)?.body.join(' '), name).toMatch(/\/healthz/);
      expect(child(service, 'restart', 4)?.value, name).toBe('unless-stopped');
      expect(envOf(service).get('PORT'), name).toMatch(/^\d+$/);
    }
  });

  it('keeps gis-api uploads on a named volume mounted at MEDIA_DIR', () => {
    const gisApi = services.get('gis-api');
    const mediaDir = envOf(gisApi).get('MEDIA_DIR');
    expect(mediaDir).toBeTruthy();
    const mounts = child(gisApi, 'volumes', 4)?.body.map((l) => l.trim().replace(/^- /, '')) ?? [];
    expect(mounts.some((m) => /^[\w-]+:/.test(m) && m.split(':')[1] === mediaDir)).toBe(true);
  });

  it('copies every workspace manifest into both images before npm ci', () => {
    // npm ci refuses the lockfile when a workspace's package.json is missing, so a new workspace
    // must be added to the Dockerfiles' manifest layers too.
    const { workspaces } = JSON.parse(readFileSync(path.join(root, 'package.json'), 'utf8')) as {
      workspaces: string[];
    };
    for (const file of ['docker/node.Dockerfile', 'docker/web.Dockerfile']) {
      const dockerfile = readFileSync(path.join(root, file), 'utf8');
      for (const ws of workspaces) {
        expect(dockerfile, `${file} lacks ${ws}/package.json`).toMatch(
          new RegExp(`^COPY ${ws}/package\\.json ${ws}/$`, 'm'),
        );
      }
    }
  });

  it('has nginx.conf send each upstream to the PORT its service listens on', () => {
    const upstreams = upstreamVariables(readFileSync(nginxConfPath, 'utf8'));
    for (const url of upstreams.values()) {
      const { hostname, port } = new URL(url);
      expect(envOf(services.get(hostname)).get('PORT'), hostname).toBe(port);
    }
  });
});

// ---------------------------------------------------------------------------------------------
// nginx.conf read as text: which location wins for a URI, and where it proxies to.

interface Location {
  modifier: '' | '=';
  path: string;
  body: string;
}

function stripComments(conf: string): string {
  return conf.replace(/#[^\n]*/g, '');
}

/** The body of the block opened by the `{` at `open`, found by counting braces. */
function blockAt(text: string, open: number): string {
  let depth = 0;
  for (let i = open; i < text.length; i++) {
    if (text[i] === '{') depth++;
    if (text[i] === '}' && --depth === 0) return text.slice(open + 1, i);
  }
  throw new Error('unbalanced braces in nginx.conf');
}

function locations(conf: string): Location[] {
  const text = stripComments(conf);
  const out: Location[] = [];
  for (const m of text.matchAll(/\blocation\s+(?:(=|\^~|~\*?)\s*)?([^\s{]+)\s*\{/g)) {
    const modifier = m[1] ?? '';
    // The matcher below is nginx's prefix/exact rule only; a regex location would make it lie.
    if (modifier.startsWith('~')) throw new Error(`regex location ${m[2]} is not modelled by this test`);
    out.push({
      modifier: modifier === '=' ? '=' : '',
      path: m[2]!,
      body: blockAt(text, m.index + m[0].length - 1),
    });
  }
  return out;
}

/** nginx's choice for prefix and exact locations: an exact match wins, else the longest prefix. */
function locationFor(locs: Location[], uri: string): Location {
  const pathOnly = uri.split('?')[0]!;
  const exact = locs.find((l) => l.modifier === '=' && l.path === pathOnly);
  if (exact) return exact;
  const prefixes = locs.filter((l) => l.modifier === '' && pathOnly.startsWith(l.path));
  prefixes.sort((a, b) => b.path.length - a.path.length);
  if (!prefixes[0]) throw new Error(`no location matches ${uri}`);
  return prefixes[0];
}

/** `set $name http://host:port;` at server level: the upstreams, by variable name. */
function upstreamVariables(conf: string): Map<string, string> {
  const vars = new Map<string, string>();
  for (const m of stripComments(conf).matchAll(/\bset\s+\$(\w+)\s+(https?:\/\/[^\s;]+)\s*;/g))
    vars.set(m[1]!, m[2]!);
  return vars;
}

/** The compose service a location proxies to, or undefined when it serves files. */
function upstreamOf(conf: string, loc: Location): string | undefined {
  const pass = /\bproxy_pass\s+([^\s;]+)\s*;/.exec(loc.body)?.[1];
  if (!pass) return undefined;
  const url = pass.startsWith('$') ? upstreamVariables(conf).get(pass.slice(1)) : pass;
  if (!url) throw new Error(`proxy_pass ${pass} names no upstream`);
  return new URL(url).hostname;
}

function directives(body: string, name: string): string[] {
  return [...body.matchAll(new RegExp(`\\b${name}\\s+([^;]+);`, 'g'))].map((m) => m[1]!.trim());
}

describe('docker/nginx.conf, read as text', () => {
  const conf = readFileSync(nginxConfPath, 'utf8');
  const locs = locations(conf);
  const serverLevel = locs.reduce((text, l) => text.replace(l.body, ''), stripComments(conf));

  it.each(ROUTES)('routes %s to %s', (uri, upstream) => {
    expect(upstreamOf(conf, locationFor(locs, uri))).toBe(upstream);
  });

  it.each(SPA_PATHS)('serves %s from the SPA with index.html as the fallback', (uri) => {
    const loc = locationFor(locs, uri);
    expect(upstreamOf(conf, loc)).toBeUndefined();
    expect(directives(loc.body, 'try_files').join(' ')).toMatch(/\/index\.html$/);
  });

  it('passes the WebSocket Upgrade and Connection headers on /graphql', () => {
    const headers = directives(locationFor(locs, '/graphql').body, 'proxy_set_header');
    expect(headers).toContain('Upgrade $http_upgrade');
    expect(headers).toContain('Connection $connection_upgrade');
    expect(stripComments(conf)).toMatch(/map\s+\$http_upgrade\s+\$connection_upgrade\s*\{/);
    expect(directives(serverLevel, 'proxy_http_version')).toContain('1.1');
  });

  it('forwards X-Forwarded-Proto, -Host and -For from every proxied location', () => {
    for (const loc of locs.filter((l) => upstreamOf(conf, l))) {
      // nginx inherits proxy_set_header only into locations that set none themselves.
      const own = directives(loc.body, 'proxy_set_header');
      const effective = (own.length ? own : directives(serverLevel, 'proxy_set_header')).map(
        (h) => h.split(/\s+/)[0],
      );
      expect(effective, loc.path).toEqual(
        expect.arrayContaining(['X-Forwarded-Proto', 'X-Forwarded-Host', 'X-Forwarded-For']),
      );
    }
  });

  it('accepts photo and video uploads of at least 50 MB on /media', () => {
    const size = directives(locationFor(locs, '/media').body, 'client_max_body_size')[0] ?? '';
    const megabytes = /^(\d+)[mM]$/.exec(size)?.[1];
    expect(Number(megabytes)).toBeGreaterThanOrEqual(50);
  });
});

// ---------------------------------------------------------------------------------------------
// The same config run by a real nginx (Debian's nginx package), with the three upstreams replaced by
// echo servers on loopback: proves the routing, the headers and the SPA fallback end to end.

function nginxBinary(): string {
  for (const candidate of ['/usr/sbin/nginx', '/usr/local/sbin/nginx', '/usr/bin/nginx']) {
    if (existsSync(candidate)) return candidate;
  }
  return 'nginx';
}

interface Echo {
  upstream: string;
  url: string;
  headers: http.IncomingHttpHeaders;
  bodyBytes: number;
}

function startEcho(upstream: string): Promise<http.Server> {
  const server = http.createServer((req, res) => {
    let bodyBytes = 0;
    req.on('data', (chunk: Buffer) => (bodyBytes += chunk.length));
    req.on('end', () => {
      const echo: Echo = { upstream, url: req.url ?? '', headers: req.headers, bodyBytes };
      res.setHeader('content-type', 'application/json');
      res.end(JSON.stringify(echo));
    });
  });
  // Answer the WebSocket handshake minimally, then report what arrived, as graphql-ws would see it.
  server.on('upgrade', (req, socket) => {
    const echo: Echo = { upstream, url: req.url ?? '', headers: req.headers, bodyBytes: 0 };
    socket.end(
      'HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n\r\n' +
        JSON.stringify(echo),
    );
  });
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve(server)));
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = net.createServer();
    probe.on('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const { port } = probe.address() as net.AddressInfo;
      probe.close(() => resolve(port));
    });
  });
}

async function waitForPort(port: number, nginx: ChildProcess, stderr: () => string): Promise<void> {
  const deadline = Date.now() + 10_000;
  while (Date.now() < deadline) {
    if (nginx.exitCode !== null) throw new Error(`nginx exited ${nginx.exitCode}:\n${stderr()}`);
    const open = await new Promise<boolean>((resolve) => {
      const socket = net.connect(port, '127.0.0.1', () => (socket.destroy(), resolve(true)));
      socket.on('error', () => resolve(false));
    });
    if (open) return;
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error(`nginx did not listen on ${port}:\n${stderr()}`);
}

/** Replaces `pattern` and insists it was there, so a reworded nginx.conf fails here, not silently. */
function mustReplace(text: string, pattern: RegExp, replacement: (...groups: string[]) => string): string {
  if (!pattern.test(text)) throw new Error(`nginx.conf no longer contains ${pattern}`);
  return text.replace(pattern, (...args: string[]) => replacement(...args));
}

describe('docker/nginx.conf, run by nginx', () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'ioc-nginx-'));
  const echoes = new Map<string, http.Server>();
  let nginx: ChildProcess | undefined;
  let nginxStderr = '';
  let base = '';

  beforeAll(async () => {
    for (const name of ['gis-api', 'tiles', 'camera-proxy']) echoes.set(name, await startEcho(name));
    const port = await freePort();
    base = `http://127.0.0.1:${port}`;

    const html = path.join(dir, 'html');
    mkdirSync(path.join(html, 'assets'), { recursive: true });
    writeFileSync(path.join(html, 'index.html'), '<!doctype html><title>IOC</title><div id="root"></div>');
    writeFileSync(path.join(html, 'assets', 'index-abc123.js'), 'console.log("ioc");');

    let site = readFileSync(nginxConfPath, 'utf8');
    site = mustReplace(site, /listen 80;/, () => `listen 127.0.0.1:${port};`);
    // CI machines may lack IPv6; the container has it.
    site = mustReplace(site, /listen \[::\]:80;/, () => '');
    site = mustReplace(site, /root \/usr\/share\/nginx\/html;/, () => `root ${html};`);
    site = mustReplace(site, /(set\s+\$\w+\s+)http:\/\/([\w-]+):\d+;/g, (_m, head, host) => {
      const echo = echoes.get(host!);
      if (!echo) throw new Error(`nginx.conf proxies to unknown host ${host}`);
      return `${head}http://127.0.0.1:${(echo.address() as net.AddressInfo).port};`;
    });
    writeFileSync(path.join(dir, 'site.conf'), site);
    // The stock image's nginx.conf supplies this http {} around conf.d; here, with writable paths.
    writeFileSync(
      path.join(dir, 'nginx.conf'),
      [
        `pid ${dir}/nginx.pid;`,
        'error_log stderr warn;',
        // One process, no switch to an unprivileged user that could not read the temp dir.
        'daemon off;',
        'master_process off;',
        'events {}',
        'http {',
        '  access_log off;',
        ...['client_body', 'proxy', 'fastcgi', 'uwsgi', 'scgi'].map((t) => `  ${t}_temp_path ${dir}/${t};`),
        `  include ${dir}/site.conf;`,
        '}',
      ].join('\n'),
    );

    nginx = spawn(nginxBinary(), ['-e', 'stderr', '-p', dir, '-c', path.join(dir, 'nginx.conf')], {
      stdio: ['ignore', 'ignore', 'pipe'],
    });
    nginx.on('error', (error) => (nginxStderr += `${error.message} (Debian: apt-get install nginx)\n`));
    nginx.stderr?.on('data', (d: Buffer) => (nginxStderr += d.toString()));
    await waitForPort(port, nginx, () => nginxStderr);
  }, 30_000);

  afterAll(async () => {
    if (nginx && nginx.exitCode === null) {
      const exited = new Promise((r) => nginx!.once('exit', r));
      nginx.kill('SIGTERM');
      await exited;
    }
    await Promise.all([...echoes.values()].map((s) => new Promise((r) => s.close(r))));
    rmSync(dir, { recursive: true, force: true });
  });

  it('accepts the config under nginx -t', () => {
    const result = spawnSync(
      nginxBinary(),
      ['-t', '-e', 'stderr', '-p', dir, '-c', path.join(dir, 'nginx.conf')],
      {
        encoding: 'utf8',
      },
    );
    expect(result.error).toBeUndefined();
    expect(result.stderr).toContain('test is successful');
    expect(result.status).toBe(0);
  });

  it.each(ROUTES)('proxies %s to %s with the URI unchanged', async (uri, upstream) => {
    const res = await fetch(base + uri);
    const echo = (await res.json()) as Echo;
    expect(echo.upstream).toBe(upstream);
    expect(echo.url).toBe(uri);
  });

  it.each(SPA_PATHS)('answers %s with the SPA index.html, not cached', async (uri) => {
    const res = await fetch(base + uri);
    expect(res.status).toBe(200);
    expect(await res.text()).toContain('<div id="root">');
    expect(res.headers.get('cache-control')).toBe('no-cache');
  });

  it('serves fingerprinted assets as immutable and a missing asset as 404, not as index.html', async () => {
    const asset = await fetch(`${base}/assets/index-abc123.js`);
    expect(asset.status).toBe(200);
    expect(asset.headers.get('cache-control')).toContain('immutable');
    expect((await fetch(`${base}/assets/gone-000000.js`)).status).toBe(404);
  });

  it('tells the services the original scheme, host with port, and client address', async () => {
    const echo = (await (await fetch(`${base}/ogc/collections`)).json()) as Echo;
    const hostWithPort = new URL(base).host;
    expect(echo.headers['x-forwarded-proto']).toBe('http');
    expect(echo.headers['x-forwarded-host']).toBe(hostWithPort);
    expect(echo.headers.host).toBe(hostWithPort);
    expect(echo.headers['x-forwarded-for']).toBe('127.0.0.1');
  });

  it('keeps the scheme recorded by a TLS terminator in front', async () => {
    const res = await fetch(`${base}/open311/v2/services.json`, {
      headers: { 'x-forwarded-proto': 'https' },
    });
    expect(((await res.json()) as Echo).headers['x-forwarded-proto']).toBe('https');
  });

  it('upgrades /graphql to a WebSocket for graphql-ws', async () => {
    const echo = await new Promise<Echo>((resolve, reject) => {
      const req = http.request(`${base}/graphql`, {
        headers: {
          Connection: 'Upgrade',
          Upgrade: 'websocket',
          'Sec-WebSocket-Version': '13',
          'Sec-WebSocket-Key': 'dGhlIHNhbXBsZSBub25jZQ==',
          'Sec-WebSocket-Protocol': 'graphql-transport-ws',
        },
      });
      req.on('upgrade', (res, socket, head) => {
        let text = head.toString();
        socket.on('data', (d: Buffer) => (text += d.toString()));
        socket.on('end', () =>
          res.statusCode === 101 ? resolve(JSON.parse(text) as Echo) : reject(res.statusCode),
        );
      });
      req.on('response', (res) => reject(new Error(`expected 101, got ${res.statusCode}`)));
      req.on('error', reject);
      req.end();
    });
    expect(echo.upstream).toBe('gis-api');
    expect(echo.headers.upgrade).toBe('websocket');
    expect(echo.headers.connection).toBe('upgrade');
    expect(echo.headers['sec-websocket-protocol']).toBe('graphql-transport-ws');
  });

  it('keeps plain GraphQL POSTs free of a Connection: upgrade header', async () => {
    const res = await fetch(`${base}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ query: '{ __typename }' }),
    });
    expect(((await res.json()) as Echo).headers.connection).not.toBe('upgrade');
  });

  it('streams a 20 MB upload through /media to gis-api', async () => {
    const body = new Uint8Array(20 * 1024 * 1024);
    const res = await fetch(`${base}/media`, {
      method: 'POST',
      headers: { 'content-type': 'application/octet-stream' },
      body,
    });
    expect(res.status).toBe(200);
    expect(((await res.json()) as Echo).bodyBytes).toBe(body.length);
  });

  it('redirects /ogc to /ogc/ with a relative Location that survives the 8080→80 port mapping', async () => {
    const res = await fetch(`${base}/ogc`, { redirect: 'manual' });
    expect(res.status).toBe(301);
    expect(res.headers.get('location')).toBe('/ogc/');
  });
});

// The only way the proxy talks to a camera: one GET to a URL on the camera's own registered origin, checked
// before any packet is sent (scheme, origin, every resolved address), pinned to the checked address (no DNS
// rebinding between check and connect), redirects followed only within the origin, bounded in time and bytes.
import dns from 'node:dns';
import http from 'node:http';
import https from 'node:https';
import net from 'node:net';
import type { AddressPolicy } from './address-policy.ts';
import { UpstreamError } from './upstream.error.ts';

/** Resolves a host name to IP addresses (injected in tests so that no name is ever looked up). */
export type Resolver = (hostname: string) => Promise<string[]>;
/** Opens the HTTP(S) request (injected in tests to observe that nothing was sent). */
export type RequestFn = (options: http.RequestOptions & { protocol: string }) => http.ClientRequest;

export interface UpstreamTarget {
  /** Absolute URL to fetch. */
  readonly url: string;
  /** The camera's registered origin: the only one this fetch may touch. */
  readonly origin: string;
  /** A byte range of the resource (HLS EXT-X-BYTERANGE). */
  readonly range?: { readonly offset: number; readonly length: number };
  readonly maxBytes: number;
  /** Epoch ms by which the camera must have answered (status line and headers). */
  readonly headersBy: number;
  /** Epoch ms by which the whole body must have arrived. */
  readonly bodyBy: number;
}

export interface UpstreamResponse {
  readonly body: Buffer;
  readonly contentType: string | undefined;
  /** The URL finally answered, after same-origin redirects: the base for relative URIs in a playlist. */
  readonly url: string;
}

const MAX_REDIRECTS = 3;

const defaultResolve: Resolver = async (hostname) =>
  (await dns.promises.lookup(hostname, { all: true, verbatim: true })).map((a) => a.address);

const agents = {
  http: new http.Agent({ keepAlive: true, maxFreeSockets: 32 }),
  https: new https.Agent({ keepAlive: true, maxFreeSockets: 32 }),
};

const defaultRequest: RequestFn = (options) =>
  options.protocol === 'https:'
    ? https.request({ ...options, agent: agents.https })
    : http.request({ ...options, agent: agents.http });

export class UpstreamClient {
  readonly #policy: AddressPolicy;
  readonly #resolve: Resolver;
  readonly #request: RequestFn;
  /** Requests actually sent, for tests and the benchmark. */
  sent = 0;

  constructor(options: { policy: AddressPolicy; resolve?: Resolver; request?: RequestFn }) {
    this.#policy = options.policy;
    this.#resolve = options.resolve ?? defaultResolve;
    this.#request = options.request ?? defaultRequest;
  }

  async fetch(target: UpstreamTarget): Promise<UpstreamResponse> {
    let url = parse(target.url);
    for (let hop = 0; ; hop++) {
      const address = await this.#vet(url, target.origin, target.headersBy);
      const answer = await this.#send(url, address, target);
      if ('body' in answer) return answer;
      if (hop >= MAX_REDIRECTS)
        throw new UpstreamError('http_status', 'the camera redirected too many times');
      url = parse(answer.location, url);
    }
  }

  /** Everything that must hold before a packet goes out; returns the one address to connect to. */
  async #vet(url: URL, origin: string, deadline: number): Promise<string> {
    if (url.protocol !== 'http:' && url.protocol !== 'https:') {
      throw new UpstreamError(
        'refused',
        `a ${url.protocol.replace(/:$/, '')}: URI is not allowed for cameras`,
      );
    }
    if (url.origin !== origin) throw new UpstreamError('refused', "a URI leaves the camera's origin");
    const host = url.hostname.replace(/^\[(.*)\]$/, '$1');
    const addresses = net.isIP(host) ? [host] : await this.#lookup(host, deadline);
    if (addresses.length === 0)
      throw new UpstreamError('unreachable', "the camera's host name did not resolve");
    if (!this.#policy.originExempt(origin)) {
      // Every address must pass, so a name cannot mix a public address with a private one.
      for (const address of addresses) {
        const refusal = this.#policy.refusal(address);
        if (refusal) throw new UpstreamError('refused', refusal);
      }
    }
    return addresses[0]!;
  }

  async #lookup(host: string, deadline: number): Promise<string[]> {
    let timer: NodeJS.Timeout | undefined;
    try {
      return await Promise.race([
        this.#resolve(host),
        new Promise<never>((_, reject) => {
          timer = setTimeout(
            () => reject(new UpstreamError('timeout', "the camera's host name did not resolve in time")),
            Math.max(0, deadline - Date.now()),
          );
        }),
      ]);
    } catch (err) {
      if (err instanceof UpstreamError) throw err;
      throw new UpstreamError('unreachable', "the camera's host name did not resolve");
    } finally {
      clearTimeout(timer);
    }
  }

  #send(url: URL, address: string, target: UpstreamTarget): Promise<UpstreamResponse | { location: string }> {
    return new Promise((resolve, reject) => {
      let timer: NodeJS.Timeout | undefined;
      let settled = false;
      const fail = (err: UpstreamError) => {
        if (settled) return;
        settled = true;
        clearTimeout(timer);
        req.destroy();
        reject(err);
      };
      const arm = (at: number, message: string) => {
        clearTimeout(timer);
        timer = setTimeout(() => fail(new UpstreamError('timeout', message)), Math.max(0, at - Date.now()));
      };
      const family = net.isIPv6(address) ? 6 : 4;
      const headers: Record<string, string> = { 'user-agent': 'ioc-camera-proxy', accept: '*/*' };
      if (target.range) {
        headers.range = `bytes=${target.range.offset}-${target.range.offset + target.range.length - 1}`;
      }
      this.sent++;
      const req = this.#request({
        protocol: url.protocol,
        hostname: url.hostname.replace(/^\[(.*)\]$/, '$1'),
        port: url.port || undefined,
        path: `${url.pathname}${url.search}`,
        method: 'GET',
        headers,
        auth: url.username
          ? `${decodeURIComponent(url.username)}:${decodeURIComponent(url.password)}`
          : undefined,
        // Connect to the address that was checked, never to a fresh lookup.
        lookup: ((_host: string, options: { all?: boolean }, callback: (...args: unknown[]) => void) => {
          if (options.all) callback(null, [{ address, family }]);
          else callback(null, address, family);
        }) as unknown as typeof dns.lookup,
      });
      arm(target.headersBy, 'the camera did not answer in time');
      req.on('error', (err: NodeJS.ErrnoException) => fail(connectionError(err)));
      req.on('response', (res) => {
        const status = res.statusCode ?? 0;
        if ([301, 302, 303, 307, 308].includes(status) && res.headers.location) {
          settled = true;
          clearTimeout(timer);
          res.resume();
          resolve({ location: res.headers.location });
          return;
        }
        const partial = status === 206 && target.range !== undefined;
        if (status !== 200 && !partial) {
          res.resume();
          fail(new UpstreamError('http_status', `the camera answered HTTP ${status}`, status));
          return;
        }
        const declared = Number(res.headers['content-length']);
        if (Number.isFinite(declared) && declared > target.maxBytes) {
          fail(new UpstreamError('too_large', `the camera's answer is larger than ${target.maxBytes} bytes`));
          return;
        }
        arm(target.bodyBy, 'the camera did not send its data in time');
        const chunks: Buffer[] = [];
        let size = 0;
        res.on('data', (chunk: Buffer) => {
          size += chunk.length;
          if (size > target.maxBytes) {
            fail(
              new UpstreamError('too_large', `the camera's answer is larger than ${target.maxBytes} bytes`),
            );
            return;
          }
          chunks.push(chunk);
        });
        res.on('error', () => fail(new UpstreamError('unreachable', 'the connection to the camera broke')));
        res.on('end', () => {
          if (settled) return;
          settled = true;
          clearTimeout(timer);
          let body = Buffer.concat(chunks);
          // A camera that ignores Range sends the whole resource: cut the range out ourselves.
          if (target.range && !partial) {
            body = body.subarray(target.range.offset, target.range.offset + target.range.length);
          }
          resolve({ body, contentType: res.headers['content-type'], url: url.toString() });
        });
      });
      req.end();
    });
  }
}

function parse(uri: string, base?: URL): URL {
  try {
    return new URL(uri, base);
  } catch {
    throw new UpstreamError('refused', 'a URI is not a valid URL');
  }
}

function connectionError(err: NodeJS.ErrnoException): UpstreamError {
  if (err instanceof UpstreamError) return err;
  switch (err.code) {
    case 'ECONNREFUSED':
      return new UpstreamError('unreachable', 'the camera refused the connection');
    case 'ECONNRESET':
    case 'EPIPE':
      return new UpstreamError('unreachable', 'the camera closed the connection');
    case 'EHOSTUNREACH':
    case 'ENETUNREACH':
      return new UpstreamError('unreachable', 'the camera is not reachable');
    default:
      return new UpstreamError('unreachable', 'the connection to the camera failed');
  }
}

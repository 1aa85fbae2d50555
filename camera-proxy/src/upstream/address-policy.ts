// Which addresses the proxy may connect to for a camera: public unicast by default; loopback, private,
// link-local (cloud metadata), reserved and multicast ranges only for networks or origins the operator listed.
import net from 'node:net';

/** Ranges that are never a public camera: RFC 6890 special-purpose registries plus multicast. */
const SPECIAL_V4 = [
  ['0.0.0.0', 8], // "this network"; 0.0.0.0 reaches the local host on Linux
  ['10.0.0.0', 8],
  ['100.64.0.0', 10], // carrier-grade NAT
  ['127.0.0.0', 8],
  ['169.254.0.0', 16], // link-local, including cloud metadata at 169.254.169.254
  ['172.16.0.0', 12],
  ['192.0.0.0', 24],
  ['192.0.2.0', 24],
  ['192.88.99.0', 24],
  ['192.168.0.0', 16],
  ['198.18.0.0', 15],
  ['198.51.100.0', 24],
  ['203.0.113.0', 24],
  ['224.0.0.0', 4], // multicast
  ['240.0.0.0', 4], // reserved, and 255.255.255.255
] as const;

const SPECIAL_V6 = [
  ['::', 128],
  ['::1', 128],
  ['100::', 64], // discard-only
  ['2001::', 23], // IETF protocol assignments, Teredo
  ['2001:db8::', 32], // documentation
  ['2002::', 16], // 6to4 (embeds an IPv4 address)
  ['fc00::', 7], // unique local
  ['fe80::', 10], // link-local
  ['fec0::', 10], // site-local (deprecated)
  ['ff00::', 8], // multicast
] as const;

export interface AddressPolicyOptions {
  /** CIDRs of non-public networks cameras may live in (e.g. a camera VPN). */
  allowedNetworks?: readonly string[];
  /** Exact origins exempt from the address check (the local simulator). */
  allowedOrigins?: readonly string[];
}

export class AddressPolicy {
  readonly #special = new net.BlockList();
  readonly #allowed = new net.BlockList();
  readonly #origins: ReadonlySet<string>;

  constructor(options: AddressPolicyOptions = {}) {
    for (const [address, prefix] of SPECIAL_V4) this.#special.addSubnet(address, prefix, 'ipv4');
    for (const [address, prefix] of SPECIAL_V6) this.#special.addSubnet(address, prefix, 'ipv6');
    for (const cidr of options.allowedNetworks ?? []) {
      const [address, prefix] = cidr.split('/') as [string, string];
      this.#allowed.addSubnet(address, Number(prefix), net.isIPv6(address) ? 'ipv6' : 'ipv4');
    }
    this.#origins = new Set(options.allowedOrigins ?? []);
  }

  /** Whether the origin skips the address check (an operator-listed origin such as the simulator). */
  originExempt(origin: string): boolean {
    return this.#origins.has(origin);
  }

  /** Undefined when `address` (an IP literal) may be contacted; otherwise why not. */
  refusal(address: string): string | undefined {
    const v4 = embeddedIpv4(address);
    if (v4 !== undefined) return this.#check(v4, 'ipv4');
    if (net.isIPv6(address)) return this.#check(address, 'ipv6');
    return 'not an IP address';
  }

  #check(address: string, family: 'ipv4' | 'ipv6'): string | undefined {
    if (!this.#special.check(address, family)) return undefined;
    if (this.#allowed.check(address, family)) return undefined;
    return `${describe(address, family)} address is not allowed for cameras`;
  }
}

/** The IPv4 address an IPv4, IPv4-mapped (::ffff:a.b.c.d) or NAT64 (64:ff9b::a.b.c.d) address stands for. */
export function embeddedIpv4(address: string): string | undefined {
  if (net.isIPv4(address)) return address;
  if (!net.isIPv6(address)) return undefined;
  const words = expandIpv6(address);
  if (!words) return undefined;
  const mapped = words.slice(0, 5).every((w) => w === 0) && words[5] === 0xffff;
  const nat64 = words[0] === 0x64 && words[1] === 0xff9b && words.slice(2, 6).every((w) => w === 0);
  if (!mapped && !nat64) return undefined;
  return [words[6]! >> 8, words[6]! & 0xff, words[7]! >> 8, words[7]! & 0xff].join('.');
}

function expandIpv6(address: string): number[] | undefined {
  let text = address.replace(/%.*$/, '');
  // A dotted IPv4 tail becomes two 16-bit words.
  const tail = /(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})$/.exec(text);
  if (tail) {
    const [a, b, c, d] = tail.slice(1).map(Number) as [number, number, number, number];
    text = text.slice(0, tail.index) + `${((a << 8) | b).toString(16)}:${((c << 8) | d).toString(16)}`;
  }
  const [head, rest] = text.split('::') as [string, string | undefined];
  const parse = (s: string) => (s ? s.split(':').map((w) => parseInt(w, 16)) : []);
  const left = parse(head);
  const right = rest === undefined ? [] : parse(rest);
  const fill = 8 - left.length - right.length;
  if (fill < 0 || (rest === undefined && fill !== 0)) return undefined;
  return [...left, ...new Array<number>(fill).fill(0), ...right];
}

function describe(address: string, family: 'ipv4' | 'ipv6'): string {
  if (family === 'ipv4') {
    if (address.startsWith('127.')) return 'a loopback';
    if (address.startsWith('169.254.')) return 'a link-local';
    if (/^(10\.|192\.168\.|172\.(1[6-9]|2\d|3[01])\.)/.test(address)) return 'a private';
    return 'a reserved';
  }
  if (address === '::1') return 'a loopback';
  if (/^fe[89ab]/i.test(address)) return 'a link-local';
  if (/^f[cd]/i.test(address)) return 'a private';
  return 'a reserved';
}

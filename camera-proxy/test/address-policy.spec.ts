// Public unicast addresses pass; loopback, private, link-local, reserved and disguised forms of them do not,
// unless the operator listed their network — or the exact origin, as npm start does for its simulator.
import { describe, expect, it } from 'vitest';
import { AddressPolicy, embeddedIpv4 } from '../src/upstream/address-policy.ts';

describe('AddressPolicy', () => {
  const policy = new AddressPolicy();

  it.each(['93.184.216.34', '8.8.8.8', '2606:4700:4700::1111', '113.160.1.1'])(
    'allows the public address %s',
    (a) => {
      expect(policy.refusal(a)).toBeUndefined();
    },
  );

  it.each([
    ['127.0.0.1', 'loopback'],
    ['127.255.0.9', 'loopback'],
    ['0.0.0.0', 'reserved'],
    ['10.1.2.3', 'private'],
    ['172.16.0.1', 'private'],
    ['172.31.255.255', 'private'],
    ['192.168.1.10', 'private'],
    ['169.254.169.254', 'link-local'],
    ['100.64.0.1', 'reserved'],
    ['203.0.113.7', 'reserved'],
    ['224.0.0.1', 'reserved'],
    ['255.255.255.255', 'reserved'],
    ['::1', 'loopback'],
    ['::', 'reserved'],
    ['fe80::1', 'link-local'],
    ['fd00::1', 'private'],
    ['ff02::1', 'reserved'],
    ['::ffff:127.0.0.1', 'loopback'],
    ['::ffff:7f00:1', 'loopback'],
    ['::ffff:a9fe:a9fe', 'link-local'],
    ['64:ff9b::10.0.0.1', 'private'],
    ['2002:7f00:1::', 'reserved'],
  ])('refuses %s as %s', (address, kind) => {
    expect(policy.refusal(address)).toContain(kind);
  });

  it('refuses anything that is not an IP literal', () => {
    expect(policy.refusal('localhost')).toBe('not an IP address');
  });

  it('allows listed camera networks and nothing next to them', () => {
    const vpn = new AddressPolicy({ allowedNetworks: ['10.20.0.0/16', 'fd12:3456::/32'] });
    expect(vpn.refusal('10.20.5.6')).toBeUndefined();
    expect(vpn.refusal('fd12:3456::9')).toBeUndefined();
    expect(vpn.refusal('10.21.0.1')).toContain('private');
    expect(vpn.refusal('127.0.0.1')).toContain('loopback');
  });

  it('exempts exactly the listed origins', () => {
    const sim = new AddressPolicy({ allowedOrigins: ['http://127.0.0.1:8090'] });
    expect(sim.originExempt('http://127.0.0.1:8090')).toBe(true);
    expect(sim.originExempt('http://127.0.0.1:8080')).toBe(false);
    expect(sim.originExempt('https://127.0.0.1:8090')).toBe(false);
  });

  it('finds the IPv4 address inside mapped and NAT64 IPv6 addresses', () => {
    expect(embeddedIpv4('::ffff:192.168.0.1')).toBe('192.168.0.1');
    expect(embeddedIpv4('::ffff:c0a8:1')).toBe('192.168.0.1');
    expect(embeddedIpv4('64:ff9b::c0a8:1')).toBe('192.168.0.1');
    expect(embeddedIpv4('2001:db8::1')).toBeUndefined();
  });
});

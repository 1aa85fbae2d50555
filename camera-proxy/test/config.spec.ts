// Settings are read once, defaulted sensibly and refused loudly.
import { describe, expect, it } from 'vitest';
import { readCameraProxyConfig } from '../src/config.ts';

describe('readCameraProxyConfig', () => {
  it('has defaults that need nothing set', () => {
    const c = readCameraProxyConfig({});
    expect(c).toMatchObject({
      upstreamTimeoutMs: 2000,
      cacheBytes: 256 * 1024 * 1024,
      allowedNetworks: [],
      allowedOrigins: [],
      authSecret: undefined,
      simulator: { enabled: undefined, port: 0, width: 320, height: 180, segmentSeconds: 2 },
    });
    expect(Object.isFrozen(c)).toBe(true);
  });

  it('reads the allowed networks, origins and simulator faults', () => {
    const c = readCameraProxyConfig({
      CAMERA_ALLOWED_NETWORKS: '10.20.0.0/16, fd00::/8',
      CAMERA_ALLOWED_ORIGINS: 'http://127.0.0.1:8090',
      CAMERA_SIMULATOR: '1',
      CAMERA_SIMULATOR_FAULTS: 'hn-002=slow,hn-003=garbage',
    });
    expect(c.allowedNetworks).toEqual(['10.20.0.0/16', 'fd00::/8']);
    expect(c.allowedOrigins).toEqual(['http://127.0.0.1:8090']);
    expect(c.simulator).toMatchObject({ enabled: true, faults: { 'hn-002': 'slow', 'hn-003': 'garbage' } });
  });

  it('names every invalid variable at once', () => {
    expect(() =>
      readCameraProxyConfig({
        CAMERA_UPSTREAM_TIMEOUT_MS: '5',
        CAMERA_ALLOWED_NETWORKS: '10.0.0.0',
        CAMERA_ALLOWED_ORIGINS: 'http://127.0.0.1:8090/path',
        CAMERA_SIMULATOR_FAULTS: 'hn-001=on-fire',
        AUTH_SECRET: 'short',
      }),
    ).toThrow(
      /^Invalid environment variables: CAMERA_ALLOWED_NETWORKS .*; CAMERA_ALLOWED_ORIGINS .*; AUTH_SECRET .*; CAMERA_SIMULATOR_FAULTS .*; CAMERA_UPSTREAM_TIMEOUT_MS must be an integer from 100 to 60000 \(got "5"\)$/,
    );
  });
});

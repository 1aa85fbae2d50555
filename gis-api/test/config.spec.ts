// gis-api configuration: defaults, every invalid variable named at once, and a frozen result.
import { describe, expect, it } from 'vitest';
import { readGisApiConfig } from '../src/config.ts';

const secret = 'x'.repeat(40);

describe('gis-api config', () => {
  it('has working defaults with only AUTH_SECRET set', () => {
    const config = readGisApiConfig({ AUTH_SECRET: secret });
    expect(config).toMatchObject({
      authSecret: secret,
      authSecretEphemeral: false,
      port: 8081,
      bodyLimitBytes: 1024 * 1024,
      readyTimeoutMs: 2000,
      corsOrigins: [],
      graphqlIntrospection: true,
    });
    expect(Object.isFrozen(config)).toBe(true);
  });

  it('outside production an unset AUTH_SECRET becomes a random per-process key, flagged as such', () => {
    const config = readGisApiConfig({});
    expect(config.authSecretEphemeral).toBe(true);
    expect(config.authSecret.length).toBeGreaterThanOrEqual(32);
  });

  it('names every invalid variable in one "Invalid environment variables" message', () => {
    expect(() =>
      readGisApiConfig({
        NODE_ENV: 'production',
        PORT: 'eighty',
        CORS_ORIGINS: 'https://ok.example, ftp://bad',
        GRAPHQL_INTROSPECTION: 'maybe',
      }),
    ).toThrow(
      'Invalid environment variables: AUTH_SECRET is required in production (at least 32 characters); ' +
        'CORS_ORIGINS entries must look like https://host[:port] without a path (got "ftp://bad"); ' +
        'PORT must be an integer from 0 to 65535 (got "eighty"); GRAPHQL_INTROSPECTION must be true or false (got "maybe")',
    );
  });

  it('refuses a short AUTH_SECRET', () => {
    expect(() => readGisApiConfig({ AUTH_SECRET: 'short' })).toThrow(
      'Invalid environment variables: AUTH_SECRET must be at least 32 characters (got 5)',
    );
  });

  it('reads CORS origins as a list', () => {
    const config = readGisApiConfig({
      AUTH_SECRET: secret,
      CORS_ORIGINS: 'http://localhost:5173, https://ioc.example.vn',
    });
    expect(config.corsOrigins).toEqual(['http://localhost:5173', 'https://ioc.example.vn']);
  });
});

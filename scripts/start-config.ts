// Settings of the composed one-process platform (`npm start`); the services read their own.
import { ConfigError, intFrom } from '../sql/src/config.ts';

export interface StartConfig {
  readonly port: number;
  readonly host: string;
  /** Demo mode: seed a generated workload on first run and print the demo logins. */
  readonly demo: boolean;
  readonly demoReports: number;
  /** Skip rebuilding the web app even when its sources are newer (CI builds it once). */
  readonly skipWebBuild: boolean;
}

export function readStartConfig(env: NodeJS.ProcessEnv = process.env): StartConfig {
  const demoRaw = env.IOC_DEMO?.trim();
  if (demoRaw && !['0', '1', 'true', 'false'].includes(demoRaw)) {
    throw new ConfigError(
      `Invalid environment variables: IOC_DEMO must be 1/0/true/false (got "${demoRaw}")`,
    );
  }
  // Embedded mode is the zero-setup demo; against a real database demo data is opt-in.
  const demo = demoRaw ? demoRaw === '1' || demoRaw === 'true' : !env.DATABASE_URL;
  return Object.freeze({
    port: intFrom(env, 'PORT', 8080, 0, 65535),
    host: env.HOST?.trim() || '0.0.0.0',
    demo,
    demoReports: intFrom(env, 'IOC_DEMO_REPORTS', 3000, 0, 1_000_000),
    skipWebBuild: env.IOC_SKIP_WEB_BUILD === '1',
  });
}

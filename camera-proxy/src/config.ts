// camera-proxy settings, read once from the environment; nothing else in camera-proxy reads process.env.
export interface CameraProxyConfig {
  /** Bound on any upstream request, so a dead camera answers 503 instead of hanging. */
  readonly upstreamTimeoutMs: number;
}

export function readCameraProxyConfig(env: NodeJS.ProcessEnv = process.env): CameraProxyConfig {
  const raw = env.CAMERA_UPSTREAM_TIMEOUT_MS?.trim();
  const upstreamTimeoutMs = raw ? Number(raw) : 2000;
  if (!Number.isInteger(upstreamTimeoutMs) || upstreamTimeoutMs < 100 || upstreamTimeoutMs > 60_000) {
    throw new Error(
      `Invalid environment variables: CAMERA_UPSTREAM_TIMEOUT_MS must be 100–60000 (got "${raw}")`,
    );
  }
  return Object.freeze({ upstreamTimeoutMs });
}

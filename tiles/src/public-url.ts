// The absolute URL of the tiles root as the browser reached it, for style and TileJSON links: the configured
// public URL, else the request's host (X-Forwarded-Host/Proto from a front proxy first) and the mount path.
import type { Request } from 'express';

// A host name, IPv4 or bracketed IPv6, with an optional port: anything else is not echoed into links.
const HOST =
  /^(?:[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?)*|\[[0-9A-Fa-f:.]+\])(?::\d{1,5})?$/;

export class BadHostError extends Error {
  override name = 'BadHostError';
}

export function publicBaseUrl(req: Request, configured: string | undefined): string {
  if (configured) return configured;
  const proto = first(req.get('x-forwarded-proto'))?.toLowerCase();
  const scheme = proto === 'https' || proto === 'http' ? proto : req.protocol === 'https' ? 'https' : 'http';
  const forwarded = first(req.get('x-forwarded-host'));
  const host = forwarded && HOST.test(forwarded) ? forwarded : req.get('host');
  if (!host || !HOST.test(host)) throw new BadHostError('the Host header is missing or not a host name');
  return `${scheme}://${host}${req.baseUrl}`;
}

// Proxies append: "client-facing, next hop".
function first(header: string | undefined): string | undefined {
  return header?.split(',')[0]?.trim() || undefined;
}

// Rewrites a camera's HLS playlist so that every URI in it points back at the proxy: URI lines (segments,
// variant streams) and URI attributes (keys, init sections, renditions, I-frame streams, session data, parts).
// URIs resolve against the playlist's own URL as RFC 8216 §4.1 says (RFC 3986 §5: a relative reference keeps
// its own query; an empty one or "?q" takes the base path). A URI on another origin or scheme refuses the
// whole playlist: dropping a segment would shift every later media sequence number.
import {
  attributeValue,
  parseAttributes,
  quoted,
  serializeAttributes,
  type Attribute,
} from './attribute-list.ts';
import { UpstreamError } from '../upstream/upstream.error.ts';

export interface ByteRange {
  readonly offset: number;
  readonly length: number;
}

/** An upstream resource a playlist refers to. */
export interface ResourceRef {
  /** 'playlist' for variant/rendition playlists, 'media' for segments, keys, init sections and the like. */
  readonly kind: 'playlist' | 'media';
  /** Absolute upstream URL, fragment removed, query kept byte for byte. */
  readonly url: string;
  readonly range?: ByteRange;
  /** File extension for the proxy's URI (players and ffmpeg look at it). */
  readonly ext: string;
}

export interface RewriteContext {
  /** The URL the playlist was fetched from (after redirects): the base of relative URIs. */
  readonly baseUrl: string;
  /** The camera's registered origin; URIs must stay on it. */
  readonly origin: string;
  /** Registers a resource and returns the proxy URI that stands for it, relative to the playlist. */
  register(ref: ResourceRef): string;
}

export interface SegmentInfo {
  /** The proxy URI of the segment. */
  readonly uri: string;
  readonly duration: number;
  /** The proxy URI of its init section (EXT-X-MAP), if any. */
  readonly map?: string;
  /** Whether it is encrypted (EXT-X-KEY other than NONE). */
  readonly encrypted: boolean;
}

export interface RewrittenPlaylist {
  readonly text: string;
  readonly kind: 'master' | 'media';
  /** EXT-X-TARGETDURATION in seconds (media playlists). */
  readonly targetDuration: number;
  readonly mediaSequence: number;
  readonly endList: boolean;
  /** Sum of the segment durations: how long the playlist spans. */
  readonly duration: number;
  readonly segments: readonly SegmentInfo[];
  /** Variant streams of a master playlist: proxy URI and declared bandwidth. */
  readonly variants: readonly { readonly uri: string; readonly bandwidth: number }[];
}

/** Tags whose URI attribute names another playlist. */
const PLAYLIST_URI_TAGS = new Set(['EXT-X-MEDIA', 'EXT-X-I-FRAME-STREAM-INF', 'EXT-X-RENDITION-REPORT']);
/** Tags whose URI attribute names a resource served as bytes. */
const MEDIA_URI_TAGS = new Set([
  'EXT-X-KEY',
  'EXT-X-SESSION-KEY',
  'EXT-X-MAP',
  'EXT-X-SESSION-DATA',
  'EXT-X-PART',
]);
/**
 * Dropped: blocking reloads and delta updates need the player's query parameters, which the shared cache
 * ignores, and preload hints name open-ended ranges. Without them a low-latency stream plays as plain live.
 */
const DROPPED_TAGS = new Set([
  'EXT-X-SERVER-CONTROL',
  'EXT-X-PRELOAD-HINT',
  'EXT-X-CONTENT-STEERING',
  'EXT-X-SKIP',
]);

const MEDIA_EXTENSIONS = new Set([
  'ts',
  'm4s',
  'mp4',
  'm4a',
  'm4v',
  'aac',
  'ac3',
  'ec3',
  'mp3',
  'vtt',
  'webvtt',
  'cmfv',
  'cmfa',
  'key',
  'json',
]);

export function rewritePlaylist(text: string, ctx: RewriteContext): RewrittenPlaylist {
  const lines = text.replace(/^\uFEFF/, '').split(/\r?\n/);
  if (lines[0]?.trimEnd() !== '#EXTM3U') throw invalid('it does not start with #EXTM3U');

  const out: string[] = ['#EXTM3U'];
  const segments: SegmentInfo[] = [];
  const variants: { uri: string; bandwidth: number }[] = [];
  let kind: 'master' | 'media' | undefined;
  let targetDuration: number | undefined;
  let mediaSequence = 0;
  let endList = false;
  let duration = 0;
  // State carried from tags to the URI line they describe.
  let pendingDuration: number | undefined;
  let pendingRange: { length: number; offset: number | undefined } | undefined;
  let pendingVariant: number | undefined;
  let lastRange: { url: string; end: number } | undefined;
  let currentMap: string | undefined;
  let encrypted = false;

  const setKind = (k: 'master' | 'media') => {
    if (kind && kind !== k) throw invalid('it mixes master and media playlist tags');
    kind = k;
  };

  for (let i = 1; i < lines.length; i++) {
    const line = lines[i]!.trim();
    if (line === '') continue;
    if (!line.startsWith('#')) {
      // A URI line: the segment or variant stream described by the tags before it.
      if (pendingVariant !== undefined) {
        const uri = ctx.register({ kind: 'playlist', url: resolveUrl(line, ctx), ext: 'm3u8' });
        variants.push({ uri, bandwidth: pendingVariant });
        out.push(uri);
        pendingVariant = undefined;
      } else if (pendingDuration !== undefined) {
        const url = resolveUrl(line, ctx);
        let range: ByteRange | undefined;
        if (pendingRange) {
          const offset = pendingRange.offset ?? (lastRange?.url === url ? lastRange.end : undefined);
          if (offset === undefined)
            throw invalid('a byte range has no offset and follows no range of the same file');
          range = { offset, length: pendingRange.length };
          lastRange = { url, end: offset + pendingRange.length };
        }
        const uri = ctx.register({ kind: 'media', url, range, ext: extensionOf(url, 'ts') });
        segments.push({ uri, duration: pendingDuration, map: currentMap, encrypted });
        duration += pendingDuration;
        out.push(uri);
        pendingDuration = undefined;
        pendingRange = undefined;
      } else {
        throw invalid('a URI line follows no #EXTINF or #EXT-X-STREAM-INF');
      }
      continue;
    }
    if (!line.startsWith('#EXT')) continue; // a comment: not passed on
    const colon = line.indexOf(':');
    const tag = (colon < 0 ? line : line.slice(0, colon)).slice(1);
    const value = colon < 0 ? '' : line.slice(colon + 1);

    switch (tag) {
      case 'EXTM3U':
        continue;
      case 'EXT-X-DEFINE':
        throw invalid('variable substitution (EXT-X-DEFINE) is not supported');
      case 'EXT-X-TARGETDURATION':
        setKind('media');
        targetDuration = number(value, tag);
        out.push(line);
        continue;
      case 'EXT-X-MEDIA-SEQUENCE':
        setKind('media');
        mediaSequence = number(value, tag);
        out.push(line);
        continue;
      case 'EXT-X-ENDLIST':
        endList = true;
        out.push(line);
        continue;
      case 'EXTINF':
        setKind('media');
        pendingDuration = number(value.split(',')[0]!, tag);
        out.push(line);
        continue;
      case 'EXT-X-BYTERANGE': {
        // Each sub-range becomes a resource of its own, so the tag is not passed on.
        setKind('media');
        pendingRange = byteRange(value);
        continue;
      }
      case 'EXT-X-STREAM-INF': {
        setKind('master');
        const attributes = attributesOf(value, tag);
        pendingVariant = Number(attributeValue(attributes, 'BANDWIDTH') ?? 0) || 0;
        out.push(line);
        continue;
      }
      case 'EXT-X-KEY':
        encrypted = (attributeValue(attributesOf(value, tag), 'METHOD') ?? 'NONE') !== 'NONE';
        break;
    }
    if (DROPPED_TAGS.has(tag)) continue;
    if (PLAYLIST_URI_TAGS.has(tag) || MEDIA_URI_TAGS.has(tag)) {
      if (tag === 'EXT-X-I-FRAME-STREAM-INF') setKind('master');
      const rewritten = rewriteUriAttribute(tag, value, ctx);
      if (tag === 'EXT-X-MAP') currentMap = rewritten.uri;
      out.push(`#${tag}:${rewritten.value}`);
      continue;
    }
    // Any other tag carrying a URI would send players straight to the camera: leave it out.
    if (/\bURI\s*=/.test(value)) continue;
    out.push(line);
  }

  if (pendingDuration !== undefined || pendingVariant !== undefined)
    throw invalid('it ends before a URI line');
  if (kind === undefined) throw invalid('it has neither segments nor variant streams');
  if (kind === 'media' && targetDuration === undefined) throw invalid('it has no #EXT-X-TARGETDURATION');
  return {
    text: `${out.join('\n')}\n`,
    kind,
    targetDuration: targetDuration ?? 0,
    mediaSequence,
    endList,
    duration,
    segments,
    variants,
  };
}

function rewriteUriAttribute(
  tag: string,
  value: string,
  ctx: RewriteContext,
): { value: string; uri?: string } {
  const attributes = attributesOf(value, tag);
  const uriValue = attributeValue(attributes, 'URI');
  if (uriValue === undefined) return { value };
  const kind = PLAYLIST_URI_TAGS.has(tag) ? 'playlist' : 'media';
  const url = resolveUrl(uriValue, ctx);
  let range: ByteRange | undefined;
  const rangeValue = attributeValue(attributes, 'BYTERANGE');
  if (rangeValue !== undefined && (tag === 'EXT-X-MAP' || tag === 'EXT-X-PART')) {
    const r = byteRange(rangeValue);
    range = { offset: r.offset ?? 0, length: r.length };
  }
  const fallback =
    tag === 'EXT-X-MAP' ? 'mp4' : tag.endsWith('KEY') ? 'key' : tag === 'EXT-X-SESSION-DATA' ? 'json' : 'm4s';
  const uri = ctx.register(
    kind === 'playlist' ? { kind, url, ext: 'm3u8' } : { kind, url, range, ext: extensionOf(url, fallback) },
  );
  const kept: Attribute[] = attributes
    .filter((a) => a.name !== 'BYTERANGE' || range === undefined)
    .map((a) => (a.name === 'URI' ? { name: 'URI', raw: quoted(uri) } : a));
  return { value: serializeAttributes(kept), uri };
}

/** The absolute URL of a URI in the playlist, refused unless it is http(s) on the camera's origin. */
function resolveUrl(uri: string, ctx: RewriteContext): string {
  let url: URL;
  try {
    url = new URL(uri, ctx.baseUrl);
  } catch {
    throw invalid('it contains a URI that is not a valid URL');
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw new UpstreamError('refused', `the playlist contains a ${url.protocol.replace(/:$/, '')}: URI`);
  }
  if (url.origin !== ctx.origin)
    throw new UpstreamError('refused', "the playlist points outside the camera's origin");
  url.hash = '';
  return url.toString();
}

function extensionOf(url: string, fallback: string): string {
  const ext = /\.([A-Za-z0-9]{1,8})$/.exec(new URL(url).pathname)?.[1]?.toLowerCase();
  return ext && MEDIA_EXTENSIONS.has(ext) ? ext : fallback;
}

function byteRange(value: string): { length: number; offset: number | undefined } {
  const m = /^\s*(\d{1,15})(?:@(\d{1,15}))?\s*$/.exec(value);
  if (!m || Number(m[1]) === 0) throw invalid('a byte range is malformed');
  return { length: Number(m[1]), offset: m[2] === undefined ? undefined : Number(m[2]) };
}

function attributesOf(value: string, tag: string): Attribute[] {
  const attributes = parseAttributes(value);
  if (!attributes) throw invalid(`its #${tag} attributes are malformed`);
  return attributes;
}

function number(value: string, tag: string): number {
  const n = Number(value.trim());
  if (value.trim() === '' || !Number.isFinite(n) || n < 0) throw invalid(`its #${tag} value is not a number`);
  return n;
}

function invalid(why: string): UpstreamError {
  return new UpstreamError('invalid_playlist', `the camera's playlist is not valid HLS: ${why}`);
}

// Every URI a playlist can carry comes back pointing at the proxy, resolved per RFC 3986 with its query kept;
// anything off the camera's origin or scheme refuses the playlist; the stream's numbering is untouched.
import { describe, expect, it } from 'vitest';
import { rewritePlaylist, type ResourceRef } from '../src/hls/playlist.rewriter.ts';
import { UpstreamError } from '../src/upstream/upstream.error.ts';

const ORIGIN = 'http://cam.example:8080';
const BASE = `${ORIGIN}/live/cam1/index.m3u8?session=abc`;

function rewrite(text: string, baseUrl = BASE) {
  const refs: ResourceRef[] = [];
  const result = rewritePlaylist(text, {
    baseUrl,
    origin: ORIGIN,
    register(ref) {
      refs.push(ref);
      return `${ref.kind === 'playlist' ? 'v' : 's'}-${refs.length}.${ref.ext}`;
    },
  });
  return { ...result, refs };
}

function refusal(text: string): UpstreamError {
  try {
    rewrite(text);
  } catch (err) {
    if (err instanceof UpstreamError) return err;
    throw err;
  }
  throw new Error('the playlist was accepted');
}

const live = (uris: string[]) =>
  ['#EXTM3U', '#EXT-X-TARGETDURATION:2', '#EXT-X-MEDIA-SEQUENCE:1234']
    .concat(uris.flatMap((u) => ['#EXTINF:2.000,', u]))
    .join('\n');

describe('rewritePlaylist', () => {
  it('resolves relative, root-relative and absolute segment URIs against the playlist URL', () => {
    const r = rewrite(live(['seg1.ts', '../cam1/seg2.ts', '/other/seg3.ts', `${ORIGIN}/live/cam1/seg4.ts`]));
    expect(r.refs.map((x) => x.url)).toEqual([
      `${ORIGIN}/live/cam1/seg1.ts`,
      `${ORIGIN}/live/cam1/seg2.ts`,
      `${ORIGIN}/other/seg3.ts`,
      `${ORIGIN}/live/cam1/seg4.ts`,
    ]);
    expect(r.text).toBe(
      [
        '#EXTM3U',
        '#EXT-X-TARGETDURATION:2',
        '#EXT-X-MEDIA-SEQUENCE:1234',
        ...[1, 2, 3, 4].flatMap((n) => ['#EXTINF:2.000,', `s-${n}.ts`]),
        '',
      ].join('\n'),
    );
    expect(r).toMatchObject({
      kind: 'media',
      targetDuration: 2,
      mediaSequence: 1234,
      duration: 8,
      endList: false,
    });
  });

  it('keeps each URI its own query and inherits the base query only as RFC 3986 says', () => {
    const r = rewrite(live(['seg1.ts?token=x%2Fy&n=1', 'seg2.ts', '?part=3']));
    expect(r.refs.map((x) => x.url)).toEqual([
      `${ORIGIN}/live/cam1/seg1.ts?token=x%2Fy&n=1`,
      `${ORIGIN}/live/cam1/seg2.ts`,
      `${ORIGIN}/live/cam1/index.m3u8?part=3`,
    ]);
  });

  it('drops fragments, which are never sent to a server', () => {
    expect(rewrite(live(['seg1.ts#t=3'])).refs[0]!.url).toBe(`${ORIGIN}/live/cam1/seg1.ts`);
  });

  it('rewrites keys and init sections, keeping their other attributes and quoting', () => {
    const r = rewrite(
      [
        '#EXTM3U',
        '#EXT-X-VERSION:7',
        '#EXT-X-TARGETDURATION:4',
        '#EXT-X-MAP:URI="init.mp4?v=2"',
        '#EXT-X-KEY:METHOD=AES-128,URI="/keys/k1.bin?sig=a,b"',
        '#EXTINF:4,',
        'seg1.m4s',
        '#EXT-X-KEY:METHOD=NONE',
        '#EXTINF:4,',
        'seg2.m4s',
      ].join('\n'),
      `${ORIGIN}/index.m3u8`,
    );
    expect(r.text).toContain('#EXT-X-MAP:URI="s-1.mp4"');
    expect(r.text).toContain('#EXT-X-KEY:METHOD=AES-128,URI="s-2.key"');
    expect(r.refs[1]!.url).toBe(`${ORIGIN}/keys/k1.bin?sig=a,b`);
    expect(r.segments.map((s) => [s.uri, s.map, s.encrypted])).toEqual([
      ['s-3.m4s', 's-1.mp4', true],
      ['s-4.m4s', 's-1.mp4', false],
    ]);
  });

  it('keeps a key URI with commas and its IV intact', () => {
    const r = rewrite(
      [
        '#EXTM3U',
        '#EXT-X-TARGETDURATION:4',
        '#EXT-X-KEY:METHOD=AES-128,URI="keys/k1.bin?sig=a,b",IV=0x00000000000000000000000000000001',
        '#EXTINF:4,',
        'seg1.ts',
      ].join('\n'),
    );
    expect(r.refs[0]).toEqual({ kind: 'media', url: `${ORIGIN}/live/cam1/keys/k1.bin?sig=a,b`, ext: 'key' });
    expect(r.text).toContain('#EXT-X-KEY:METHOD=AES-128,URI="s-1.key",IV=0x00000000000000000000000000000001');
  });

  it('turns byte ranges into resources of their own, with implicit offsets following the previous range', () => {
    const r = rewrite(
      [
        '#EXTM3U',
        '#EXT-X-VERSION:4',
        '#EXT-X-TARGETDURATION:2',
        '#EXT-X-MAP:URI="main.mp4",BYTERANGE="720@0"',
        '#EXTINF:2,',
        '#EXT-X-BYTERANGE:1000@720',
        'main.mp4',
        '#EXTINF:2,',
        '#EXT-X-BYTERANGE:2000',
        'main.mp4',
        '#EXTINF:2,',
        '#EXT-X-BYTERANGE:500@0',
        'other.mp4',
      ].join('\n'),
    );
    expect(r.refs.map((x) => x.range)).toEqual([
      { offset: 0, length: 720 },
      { offset: 720, length: 1000 },
      { offset: 1720, length: 2000 },
      { offset: 0, length: 500 },
    ]);
    expect(r.text).not.toContain('BYTERANGE');
    expect(r.text).toContain('#EXT-X-MAP:URI="s-1.mp4"\n');
  });

  it('refuses a byte range without an offset that follows no range of the same file', () => {
    const err = refusal(
      ['#EXTM3U', '#EXT-X-TARGETDURATION:2', '#EXTINF:2,', '#EXT-X-BYTERANGE:100', 'a.ts'].join('\n'),
    );
    expect(err.reason).toBe('invalid_playlist');
  });

  it('rewrites a master playlist: variant URI lines, renditions and I-frame streams', () => {
    const r = rewrite(
      [
        '#EXTM3U',
        '#EXT-X-INDEPENDENT-SEGMENTS',
        '#EXT-X-MEDIA:TYPE=AUDIO,GROUP-ID="aud",NAME="Tiếng Việt",LANGUAGE="vi",URI="audio/vi.m3u8"',
        '#EXT-X-STREAM-INF:BANDWIDTH=800000,RESOLUTION=640x360,CODECS="avc1.4d401e,mp4a.40.2",AUDIO="aud"',
        'low/index.m3u8?q=low',
        '#EXT-X-STREAM-INF:BANDWIDTH=200000,RESOLUTION=320x180',
        'http://cam.example:8080/live/cam1/tiny/index.m3u8',
        '#EXT-X-I-FRAME-STREAM-INF:BANDWIDTH=90000,URI="iframes.m3u8"',
        '#EXT-X-SESSION-DATA:DATA-ID="vn.ioc.camera",URI="meta.json"',
      ].join('\n'),
    );
    expect(r.kind).toBe('master');
    expect(r.variants).toEqual([
      { uri: 'v-2.m3u8', bandwidth: 800000 },
      { uri: 'v-3.m3u8', bandwidth: 200000 },
    ]);
    expect(r.refs.map((x) => [x.kind, x.url])).toEqual([
      ['playlist', `${ORIGIN}/live/cam1/audio/vi.m3u8`],
      ['playlist', `${ORIGIN}/live/cam1/low/index.m3u8?q=low`],
      ['playlist', `${ORIGIN}/live/cam1/tiny/index.m3u8`],
      ['playlist', `${ORIGIN}/live/cam1/iframes.m3u8`],
      ['media', `${ORIGIN}/live/cam1/meta.json`],
    ]);
    expect(r.text).toContain('NAME="Tiếng Việt",LANGUAGE="vi",URI="v-1.m3u8"');
    expect(r.text).toContain('RESOLUTION=640x360,CODECS="avc1.4d401e,mp4a.40.2",AUDIO="aud"\nv-2.m3u8\n');
  });

  it('passes on tags it does not rewrite, drops comments and low-latency blocking tags', () => {
    const r = rewrite(
      [
        '#EXTM3U',
        '# an internal note',
        '#EXT-X-SERVER-CONTROL:CAN-BLOCK-RELOAD=YES,PART-HOLD-BACK=1.0',
        '#EXT-X-TARGETDURATION:2',
        '#EXT-X-DISCONTINUITY-SEQUENCE:7',
        '#EXT-X-PROGRAM-DATE-TIME:2026-01-01T00:00:00.000Z',
        '#EXT-X-DISCONTINUITY',
        '#EXTINF:2.000,cổng trường',
        'a.ts',
        '#EXT-X-PRELOAD-HINT:TYPE=PART,URI="b.ts"',
        '#EXT-X-VENDOR-THING:URI="http://elsewhere.example/x"',
        '#EXT-X-ENDLIST',
      ].join('\n'),
    );
    expect(r.text).toBe(
      [
        '#EXTM3U',
        '#EXT-X-TARGETDURATION:2',
        '#EXT-X-DISCONTINUITY-SEQUENCE:7',
        '#EXT-X-PROGRAM-DATE-TIME:2026-01-01T00:00:00.000Z',
        '#EXT-X-DISCONTINUITY',
        '#EXTINF:2.000,cổng trường',
        's-1.ts',
        '#EXT-X-ENDLIST',
        '',
      ].join('\n'),
    );
    expect(r.endList).toBe(true);
  });

  it('accepts CRLF line ends and a byte-order mark', () => {
    expect(rewrite('\uFEFF' + live(['a.ts']).replace(/\n/g, '\r\n')).segments).toHaveLength(1);
  });

  it.each([
    ['another host', 'http://evil.example/seg.ts'],
    ['another port', 'http://cam.example:8081/seg.ts'],
    ['another scheme on the same host', 'https://cam.example:8080/seg.ts'],
    ['a scheme-relative URI to another host', '//evil.example/seg.ts'],
    ['a file: URI', 'file:///etc/passwd'],
    ['a data: URI', 'data:video/mp2t;base64,AAAA'],
    ['cloud metadata', 'http://169.254.169.254/latest/meta-data/'],
  ])('refuses the whole playlist for a segment on %s', (_what, uri) => {
    expect(refusal(live(['ok.ts', uri])).reason).toBe('refused');
  });

  it('refuses an off-origin key or init section', () => {
    const key = [
      '#EXTM3U',
      '#EXT-X-TARGETDURATION:2',
      '#EXT-X-KEY:METHOD=AES-128,URI="http://evil.example/k"',
    ];
    expect(refusal([...key, '#EXTINF:2,', 'a.ts'].join('\n')).reason).toBe('refused');
    const map = ['#EXTM3U', '#EXT-X-TARGETDURATION:2', '#EXT-X-MAP:URI="data:video/mp4;base64,AAAA"'];
    expect(refusal([...map, '#EXTINF:2,', 'a.ts'].join('\n')).reason).toBe('refused');
  });

  it.each([
    ['no #EXTM3U', '<html><body>Login</body></html>'],
    ['no target duration', '#EXTM3U\n#EXTINF:2,\na.ts'],
    ['a URI line without #EXTINF', '#EXTM3U\n#EXT-X-TARGETDURATION:2\na.ts'],
    ['an #EXTINF without its URI', '#EXTM3U\n#EXT-X-TARGETDURATION:2\n#EXTINF:2,'],
    [
      'master and media tags together',
      '#EXTM3U\n#EXT-X-TARGETDURATION:2\n#EXT-X-STREAM-INF:BANDWIDTH=1\nv.m3u8',
    ],
    ['a broken attribute list', '#EXTM3U\n#EXT-X-STREAM-INF:BANDWIDTH="1\nv.m3u8'],
    ['variable substitution', '#EXTM3U\n#EXT-X-DEFINE:NAME="h",VALUE="x"\n#EXT-X-TARGETDURATION:2'],
    ['nothing in it', '#EXTM3U\n'],
  ])('refuses a playlist with %s as invalid', (_what, text) => {
    expect(refusal(text).reason).toBe('invalid_playlist');
  });
});

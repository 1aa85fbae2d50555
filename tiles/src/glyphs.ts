// Which glyph file answers /fonts/{fontstack}/{range}.pbf: font names are matched against the folders that
// exist (never joined into a path as given), and ranges must be one of MapLibre's 256-codepoint blocks.
import fs from 'node:fs';
import path from 'node:path';

export type GlyphLookup =
  { ok: true; file: string } | { ok: false; status: 400 | 404; error: string; fonts?: string[] };

export class Glyphs {
  readonly #dir: string;
  #fonts: string[] | undefined;

  constructor(dir: string) {
    this.#dir = dir;
  }

  /** The fonts on disk, read once. */
  fonts(): string[] {
    this.#fonts ??= fs.existsSync(this.#dir)
      ? fs
          .readdirSync(this.#dir, { withFileTypes: true })
          .filter((d) => d.isDirectory())
          .map((d) => d.name)
          .sort()
      : [];
    return this.#fonts;
  }

  /** `fontstack` as decoded from the URL: one or more comma-separated font names; the first one present wins. */
  lookup(fontstack: string, range: string): GlyphLookup {
    if (/[/\\\0]|\.\./.test(fontstack))
      return { ok: false, status: 400, error: 'font names cannot contain /, \\ or ..' };
    const m = /^(\d{1,5})-(\d{1,5})$/.exec(range);
    const start = Number(m?.[1]);
    const end = Number(m?.[2]);
    if (!m || start % 256 !== 0 || end !== start + 255 || end > 65535) {
      return {
        ok: false,
        status: 400,
        error: `range must be a 256-codepoint block like 0-255 (got "${range}")`,
      };
    }
    const fonts = this.fonts();
    const font = fontstack
      .split(',')
      .map((f) => f.trim())
      .find((f) => fonts.includes(f));
    if (!font) return { ok: false, status: 404, error: `no such font: ${fontstack}`, fonts };
    const file = path.join(this.#dir, font, `${start}-${end}.pbf`);
    if (!fs.existsSync(file)) return { ok: false, status: 404, error: `no glyphs for ${font} ${range}` };
    return { ok: true, file };
  }
}

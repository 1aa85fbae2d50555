// Vietnamese report text → syllables: NFC, lower case, and a tone-mark-free copy (đ → d) for text typed without them.

/**
 * Common chat abbreviations, as typed without tone marks, and what they stand for. Only unambiguous
 * ones: "hong" stays because it may be "hỏng" (broken) as well as southern "hông" (not), and "tui"
 * because it may be "túi" (bag) as well as southern "tui" (I).
 */
const TEENCODE: ReadonlyMap<string, readonly string[]> = new Map(
  Object.entries({
    ko: ['khong'],
    k: ['khong'],
    kg: ['khong'],
    khg: ['khong'],
    hok: ['khong'],
    dc: ['duoc'],
    r: ['roi'],
    ng: ['nguoi'],
    nc: ['nuoc'],
    j: ['gi'],
    vs: ['voi'],
    wa: ['qua'],
    qa: ['qua'],
    mn: ['moi', 'nguoi'],
    ae: ['anh', 'em'],
    bj: ['bi'],
    cty: ['cong', 'ty'],
    oto: ['o', 'to'],
    dg: ['duong'],
    trc: ['truoc'],
    lm: ['lam'],
  }),
);

/** NFC (tone marks typed as combining characters become one code point) and lower case. */
export function normalize(text: string): string {
  return text.normalize('NFC').toLowerCase();
}

/** Removes tone and vowel marks and turns đ into d: "Đường ngập" → "Duong ngap". */
export function foldDiacritics(text: string): string {
  return text
    .normalize('NFD')
    .replace(/\p{M}+/gu, '')
    .replace(/đ/g, 'd')
    .replace(/Đ/g, 'D')
    .normalize('NFC');
}

/** Splits on anything that is not a letter or a digit; Vietnamese words are space-separated syllables. */
export function syllables(text: string): string[] {
  return text.split(/[^\p{L}\p{N}]+/u).filter((s) => s.length > 0);
}

export interface Tokens {
  /** Syllables as typed (lower case, NFC), abbreviations kept; digit runs become "0" (house numbers say nothing). */
  accented: string[];
  /** The same without tone marks, abbreviations spelled out ("ko" → "khong", "mn" → "moi nguoi"). */
  folded: string[];
}

export function tokenize(text: string): Tokens {
  const lower = normalize(text).replace(/\p{N}+/gu, '0');
  const accented = syllables(lower);
  const folded = syllables(foldDiacritics(lower)).flatMap((s) => TEENCODE.get(s) ?? [s]);
  return { accented, folded };
}

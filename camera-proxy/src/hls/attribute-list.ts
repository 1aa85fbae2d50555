// HLS attribute lists (RFC 8216 §4.2): NAME=value pairs separated by commas, where quoted strings may contain
// commas. Kept in order with their raw text so that rewriting one attribute leaves the others untouched.
export interface Attribute {
  readonly name: string;
  /** The value as written, quotes included. */
  readonly raw: string;
}

const ATTRIBUTE = /\s*([A-Z0-9-]+)\s*=\s*("[^"\r\n]*"|[^",\s]*)\s*(?:,|$)/y;

/** The attributes of `text`, or undefined when it is not a well-formed attribute list. */
export function parseAttributes(text: string): Attribute[] | undefined {
  const out: Attribute[] = [];
  ATTRIBUTE.lastIndex = 0;
  while (ATTRIBUTE.lastIndex < text.length) {
    const start = ATTRIBUTE.lastIndex;
    const m = ATTRIBUTE.exec(text);
    if (!m || ATTRIBUTE.lastIndex === start) return text.slice(start).trim() === '' ? out : undefined;
    out.push({ name: m[1]!, raw: m[2]! });
  }
  return out;
}

export function serializeAttributes(attributes: readonly Attribute[]): string {
  return attributes.map((a) => `${a.name}=${a.raw}`).join(',');
}

/** The value of an attribute without its quotes. */
export function attributeValue(attributes: readonly Attribute[], name: string): string | undefined {
  const raw = attributes.find((a) => a.name === name)?.raw;
  return raw === undefined ? undefined : raw.replace(/^"(.*)"$/, '$1');
}

export function quoted(value: string): string {
  return `"${value}"`;
}

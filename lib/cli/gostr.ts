/** Go string formatting helpers used to reproduce docker CLI messages byte for byte. */

const utf8 = new TextEncoder();

function isPrintable(cp: number): boolean {
  // Approximation of Go's unicode.IsPrint: no C0/C1 controls, no DEL, no unpaired surrogates, no line/paragraph separators.
  if (cp < 0x20 || (cp >= 0x7f && cp < 0xa0)) return false;
  if (cp === 0xad) return false;
  if (cp >= 0xd800 && cp <= 0xdfff) return false;
  if (cp === 0x2028 || cp === 0x2029) return false;
  if (cp >= 0x200b && cp <= 0x200f) return false;
  if (cp >= 0x202a && cp <= 0x202e) return false;
  if (cp >= 0x2060 && cp <= 0x206f) return false;
  if (cp === 0xfeff || (cp >= 0xfff9 && cp <= 0xfffb)) return false;
  if (cp >= 0xe000 && cp <= 0xf8ff) return false;
  if (cp >= 0xf0000) return false;
  if ((cp & 0xfffe) === 0xfffe) return false;
  return true;
}

function escapeRune(cp: number, quote: string): string {
  switch (cp) {
    case 0x07: return '\\a';
    case 0x08: return '\\b';
    case 0x0c: return '\\f';
    case 0x0a: return '\\n';
    case 0x0d: return '\\r';
    case 0x09: return '\\t';
    case 0x0b: return '\\v';
    case 0x5c: return '\\\\';
  }
  if (String.fromCodePoint(cp) === quote) return '\\' + quote;
  if (isPrintable(cp)) return String.fromCodePoint(cp);
  if (cp < 0x80) return '\\x' + cp.toString(16).padStart(2, '0');
  if (cp < 0x10000) return '\\u' + cp.toString(16).padStart(4, '0');
  return '\\U' + cp.toString(16).padStart(8, '0');
}

/** Go's strconv.Quote / fmt %q for a string (lone surrogates are shown as Go shows invalid UTF-8: \ufffd escapes). */
export function goQuote(s: string): string {
  let out = '"';
  for (const ch of s) {
    const cp = ch.codePointAt(0)!;
    if (cp >= 0xd800 && cp <= 0xdfff) { out += '\\ufffd'; continue; }
    out += escapeRune(cp, '"');
  }
  return out + '"';
}

/** Go's %q for a single byte/rune (strconv.QuoteRune), e.g. 'x', '\x1b'. */
export function goQuoteRune(cp: number): string {
  return "'" + escapeRune(cp, "'") + "'";
}

/** UTF-8 byte length (Go's len(s)). */
export function byteLen(s: string): number {
  return utf8.encode(s).length;
}

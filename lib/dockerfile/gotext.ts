// Go-compatible text helpers used by the Dockerfile front end.
//
// Strings are JavaScript strings of code points. Bytes that are not valid UTF-8 are kept as
// lone surrogates U+DC80..U+DCFF ("surrogate escape"), so that a Dockerfile read from bytes can be
// dumped byte-for-byte like Go's strconv.Quote does (invalid bytes become \xNN).

const RUNE_ERROR = 0xfffd;

/** Decode UTF-8 bytes like Go: invalid bytes (one at a time) become U+DC80+byte. Linear time. */
export function decodeUtf8(bytes: Uint8Array, start = 0, end = bytes.length): string {
  const parts: string[] = [];
  let codes: number[] = [];
  const flush = (): void => {
    if (codes.length) {
      parts.push(String.fromCodePoint(...codes));
      codes = [];
    }
  };
  let i = start;
  while (i < end) {
    const b0 = bytes[i]!;
    if (b0 < 0x80) {
      codes.push(b0);
      i++;
    } else {
      const [cp, width] = decodeRuneAt(bytes, i, end);
      if (width === 0) {
        codes.push(0xdc00 + b0);
        i++;
      } else {
        codes.push(cp);
        i += width;
      }
    }
    if (codes.length >= 4096) flush();
  }
  flush();
  return parts.join('');
}

/** Returns [codePoint, width], width 0 when the sequence at i is invalid (Go utf8.DecodeRune rules). */
function decodeRuneAt(b: Uint8Array, i: number, end: number): [number, number] {
  const b0 = b[i]!;
  const cont = (k: number, lo = 0x80, hi = 0xbf): number => {
    if (i + k >= end) return -1;
    const c = b[i + k]!;
    return c >= lo && c <= hi ? c & 0x3f : -1;
  };
  if (b0 >= 0xc2 && b0 <= 0xdf) {
    const c1 = cont(1);
    return c1 < 0 ? [0, 0] : [((b0 & 0x1f) << 6) | c1, 2];
  }
  if (b0 >= 0xe0 && b0 <= 0xef) {
    const lo = b0 === 0xe0 ? 0xa0 : 0x80;
    const hi = b0 === 0xed ? 0x9f : 0xbf;
    const c1 = cont(1, lo, hi);
    if (c1 < 0) return [0, 0];
    const c2 = cont(2);
    if (c2 < 0) return [0, 0];
    return [((b0 & 0x0f) << 12) | (c1 << 6) | c2, 3];
  }
  if (b0 >= 0xf0 && b0 <= 0xf4) {
    const lo = b0 === 0xf0 ? 0x90 : 0x80;
    const hi = b0 === 0xf4 ? 0x8f : 0xbf;
    const c1 = cont(1, lo, hi);
    if (c1 < 0) return [0, 0];
    const c2 = cont(2);
    if (c2 < 0) return [0, 0];
    const c3 = cont(3);
    if (c3 < 0) return [0, 0];
    return [((b0 & 0x07) << 18) | (c1 << 12) | (c2 << 6) | c3, 4];
  }
  return [0, 0];
}

/** Encode to UTF-8; surrogate escapes U+DC80..U+DCFF become their original byte, other lone surrogates U+FFFD. */
export function encodeUtf8(s: string): Uint8Array {
  const out: number[] = [];
  for (let i = 0; i < s.length; i++) {
    let cp = s.charCodeAt(i);
    if (cp < 0x80) {
      out.push(cp);
      continue;
    }
    if (cp >= 0xd800 && cp <= 0xdbff && i + 1 < s.length) {
      const lo = s.charCodeAt(i + 1);
      if (lo >= 0xdc00 && lo <= 0xdfff) {
        cp = 0x10000 + ((cp - 0xd800) << 10) + (lo - 0xdc00);
        i++;
      }
    }
    if (cp >= 0xdc80 && cp <= 0xdcff) {
      out.push(cp - 0xdc00);
      continue;
    }
    if (cp >= 0xd800 && cp <= 0xdfff) cp = RUNE_ERROR;
    if (cp < 0x800) out.push(0xc0 | (cp >> 6), 0x80 | (cp & 0x3f));
    else if (cp < 0x10000) out.push(0xe0 | (cp >> 12), 0x80 | ((cp >> 6) & 0x3f), 0x80 | (cp & 0x3f));
    else out.push(0xf0 | (cp >> 18), 0x80 | ((cp >> 12) & 0x3f), 0x80 | ((cp >> 6) & 0x3f), 0x80 | (cp & 0x3f));
  }
  return Uint8Array.from(out);
}

/** UTF-8 byte length of a string (surrogate escapes count 1). */
export function utf8Length(s: string): number {
  let n = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c < 0x80) n += 1;
    else if (c < 0x800) n += 2;
    else if (c >= 0xd800 && c <= 0xdbff && i + 1 < s.length && (s.charCodeAt(i + 1) & 0xfc00) === 0xdc00) {
      n += 4;
      i++;
    } else if (c >= 0xdc80 && c <= 0xdcff) n += 1;
    else n += 3;
  }
  return n;
}

/** Go unicode.IsSpace. */
export function isGoSpace(cp: number): boolean {
  if (cp <= 0xff) return cp === 0x20 || (cp >= 0x09 && cp <= 0x0d) || cp === 0x85 || cp === 0xa0;
  return (
    cp === 0x1680 ||
    (cp >= 0x2000 && cp <= 0x200a) ||
    cp === 0x2028 ||
    cp === 0x2029 ||
    cp === 0x202f ||
    cp === 0x205f ||
    cp === 0x3000
  );
}

/** Go strings.TrimSpace. */
export function goTrimSpace(s: string): string {
  let a = 0;
  let b = s.length;
  while (a < b && isGoSpace(s.charCodeAt(a))) a++;
  while (b > a && isGoSpace(s.charCodeAt(b - 1))) b--;
  return a === 0 && b === s.length ? s : s.slice(a, b);
}

/** Go strings.TrimLeftFunc(s, unicode.IsSpace). */
export function goTrimLeftSpace(s: string): string {
  let a = 0;
  while (a < s.length && isGoSpace(s.charCodeAt(a))) a++;
  return a === 0 ? s : s.slice(a);
}

const PRINT_RE = /^[\p{L}\p{M}\p{N}\p{P}\p{S}]$/u;
const HEX = '0123456789abcdef';

/** Go unicode.IsPrint for a code point. */
export function isGoPrint(cp: number): boolean {
  if (cp < 0x7f) return cp >= 0x20;
  if (cp < 0xa1) return false;
  if (cp >= 0xd800 && cp <= 0xdfff) return false;
  return PRINT_RE.test(String.fromCodePoint(cp));
}

/** Go strconv.Quote. */
export function goQuote(s: string): string {
  let out = '"';
  for (let i = 0; i < s.length; i++) {
    let cp = s.charCodeAt(i);
    if (cp >= 0xd800 && cp <= 0xdbff && i + 1 < s.length) {
      const lo = s.charCodeAt(i + 1);
      if (lo >= 0xdc00 && lo <= 0xdfff) {
        cp = 0x10000 + ((cp - 0xd800) << 10) + (lo - 0xdc00);
        i++;
      }
    }
    if (cp >= 0xdc80 && cp <= 0xdcff) {
      const b = cp - 0xdc00;
      out += '\\x' + HEX[b >> 4] + HEX[b & 15];
      continue;
    }
    if (cp >= 0xd800 && cp <= 0xdfff) cp = RUNE_ERROR;
    if (cp === 0x22 || cp === 0x5c) {
      out += '\\' + String.fromCharCode(cp);
      continue;
    }
    if (cp >= 0x20 && cp < 0x7f) {
      out += String.fromCharCode(cp);
      continue;
    }
    if (cp >= 0x80 && isGoPrint(cp)) {
      out += String.fromCodePoint(cp);
      continue;
    }
    switch (cp) {
      case 7: out += '\\a'; continue;
      case 8: out += '\\b'; continue;
      case 12: out += '\\f'; continue;
      case 10: out += '\\n'; continue;
      case 13: out += '\\r'; continue;
      case 9: out += '\\t'; continue;
      case 11: out += '\\v'; continue;
    }
    if (cp < 0x20 || cp === 0x7f) out += '\\x' + HEX[cp >> 4] + HEX[cp & 15];
    else if (cp < 0x10000) out += '\\u' + cp.toString(16).padStart(4, '0');
    else out += '\\U' + cp.toString(16).padStart(8, '0');
  }
  return out + '"';
}

/** Go `%q` of a []string: ["a" "b"]. */
export function goQuoteSlice(items: readonly string[]): string {
  return '[' + items.map(goQuote).join(' ') + ']';
}

/** Replace surrogate escapes and lone surrogates by U+FFFD (what Go does when it decodes runes). */
export function toValidRunes(s: string): string {
  // eslint-disable-next-line no-control-regex
  return s.replace(/[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g, '\ufffd');
}

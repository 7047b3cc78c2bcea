/**
 * Go's strconv.FormatFloat for 64-bit floats ('e', 'f', 'g'), as fmt uses it for %e %f %g %v.
 * Digits are exact (BigInt expansion of the double) and rounded half-to-even like Go's decimal type,
 * so `%.3g` of 1.125 gives "1.12" as in Go (JavaScript's toPrecision would say "1.13").
 */

interface Digits { d: string; dp: number } // value = 0.d × 10^dp ; d has no leading/trailing zeros ("" = zero)

function exactDigits(x: number): Digits {
  if (x === 0) return { d: '', dp: 0 };
  const view = new DataView(new ArrayBuffer(8));
  view.setFloat64(0, x);
  const hi = view.getUint32(0);
  const lo = view.getUint32(4);
  const expBits = (hi >>> 20) & 0x7ff;
  let mant = (BigInt(hi & 0xfffff) << 32n) | BigInt(lo);
  let exp: number;
  if (expBits === 0) exp = -1074;
  else { mant |= 1n << 52n; exp = expBits - 1075; }
  let digits: string;
  let dp: number;
  if (exp >= 0) {
    digits = (mant << BigInt(exp)).toString();
    dp = digits.length;
  } else {
    digits = (mant * 5n ** BigInt(-exp)).toString();
    dp = digits.length + exp;
  }
  return trimDigits(digits, dp);
}

function trimDigits(digits: string, dp: number): Digits {
  let start = 0;
  while (start < digits.length && digits[start] === '0') { start++; dp--; }
  let end = digits.length;
  while (end > start && digits[end - 1] === '0') end--;
  const d = digits.slice(start, end);
  return d === '' ? { d: '', dp: 0 } : { d, dp };
}

/** Round to nd significant digits, half to even on exact ties (Go strconv decimal.Round). */
function roundDigits(x: Digits, nd: number): Digits {
  if (nd < 0) return { d: '', dp: 0 };
  if (nd >= x.d.length) return x;
  let up: boolean;
  const c = x.d.charCodeAt(nd) - 48;
  if (c === 5 && nd + 1 === x.d.length) up = nd > 0 && (x.d.charCodeAt(nd - 1) - 48) % 2 === 1;
  else up = c >= 5;
  if (!up) return trimDigits(x.d.slice(0, nd), x.dp);
  const arr = x.d.slice(0, nd).split('').map(Number);
  let i = nd - 1;
  while (i >= 0) {
    if (arr[i] < 9) { arr[i]++; break; }
    arr[i] = 0;
    i--;
  }
  if (i < 0) return { d: '1', dp: x.dp + 1 };
  return trimDigits(arr.join(''), x.dp);
}

function shortestDigits(x: number): Digits {
  if (x === 0) return { d: '', dp: 0 };
  const s = Math.abs(x).toExponential(); // shortest round-trip digits
  const m = /^(\d)(?:\.(\d+))?e([+-]\d+)$/.exec(s);
  if (!m) return exactDigits(Math.abs(x));
  return trimDigits(m[1] + (m[2] ?? ''), Number(m[3]) + 1);
}

/**
 * nd significant digits of abs via toExponential (exact and correctly rounded, but half-up on ties); null when the
 * value may be an exact tie, which Go rounds half to even (then the BigInt path decides).
 */
function fastRound(abs: number, nd: number): Digits | null {
  if (nd < 1 || nd > 100 || abs === 0) return null;
  const longer = abs.toExponential(Math.min(nd, 100));
  const mLonger = /^(\d)(?:\.(\d+))?e/.exec(longer);
  if (!mLonger) return null;
  const tail = (mLonger[2] ?? mLonger[1]);
  if (tail.endsWith('5') && Number(longer) === abs) return null;
  const m = /^(\d)(?:\.(\d+))?e([+-]\d+)$/.exec(abs.toExponential(nd - 1));
  if (!m) return null;
  return trimDigits(m[1] + (m[2] ?? ''), Number(m[3]) + 1);
}

function digitAt(x: Digits, i: number): string {
  return i >= 0 && i < x.d.length ? x.d[i] : '0';
}

function fmtE(neg: boolean, x: Digits, prec: number, fmt: 'e' | 'E'): string {
  let s = neg ? '-' : '';
  s += x.d.length === 0 ? '0' : x.d[0];
  if (prec > 0) {
    s += '.';
    for (let i = 1; i <= prec; i++) s += digitAt(x, i);
  }
  s += fmt;
  let exp = x.d.length === 0 ? 0 : x.dp - 1;
  if (exp < 0) { s += '-'; exp = -exp; } else s += '+';
  s += exp < 10 ? '0' + exp : String(exp);
  return s;
}

function fmtF(neg: boolean, x: Digits, prec: number): string {
  let s = neg ? '-' : '';
  if (x.dp > 0) {
    for (let i = 0; i < x.dp; i++) s += digitAt(x, i);
  } else s += '0';
  if (prec > 0) {
    s += '.';
    for (let i = 1; i <= prec; i++) s += digitAt(x, x.dp + i - 1);
  }
  return s;
}

export type FloatFmt = 'e' | 'E' | 'f' | 'F' | 'g' | 'G';

/**
 * strconv.FormatFloat(f, fmt, prec, 64). prec < 0 = shortest representation that round-trips.
 * `exactOnly` skips the toExponential fast path (tests compare both).
 */
export function formatFloat(f: number, fmt: FloatFmt, prec: number, exactOnly = false): string {
  if (Number.isNaN(f)) return 'NaN';
  if (f === Infinity) return '+Inf';
  if (f === -Infinity) return '-Inf';
  const neg = f < 0 || Object.is(f, -0);
  const abs = Math.abs(f);
  const shortest = prec < 0;
  let digs: Digits;
  if (shortest) {
    digs = shortestDigits(abs);
    switch (fmt) {
      case 'e': case 'E': prec = Math.max(digs.d.length - 1, 0); break;
      case 'f': case 'F': prec = Math.max(digs.d.length - digs.dp, 0); break;
      default: prec = digs.d.length; break;
    }
  } else {
    switch (fmt) {
      case 'e': case 'E': digs = (exactOnly ? null : fastRound(abs, prec + 1)) ?? roundDigits(exactDigits(abs), prec + 1); break;
      case 'f': case 'F': { const exact = exactDigits(abs); digs = roundDigits(exact, exact.dp + prec); break; }
      default: if (prec === 0) prec = 1; digs = (exactOnly ? null : fastRound(abs, prec)) ?? roundDigits(exactDigits(abs), prec); break;
    }
  }
  switch (fmt) {
    case 'e': case 'E': return fmtE(neg, digs, prec, fmt);
    case 'f': case 'F': return fmtF(neg, digs, prec);
    default: {
      let eprec = prec;
      const nd = digs.d.length;
      if (eprec > nd && nd >= digs.dp) eprec = nd;
      if (shortest) eprec = 6;
      const exp = (nd === 0 ? 0 : digs.dp) - 1;
      if (exp < -4 || exp >= eprec) {
        if (prec > nd) prec = nd;
        return fmtE(neg, digs, Math.max(prec - 1, 0), fmt === 'G' ? 'E' : 'e');
      }
      if (prec > digs.dp) prec = nd;
      return fmtF(neg, digs, Math.max(prec - digs.dp, 0));
    }
  }
}

/** fmt's %.<prec>g (prec undefined = %g / %v shortest). */
export function goFormatFloat(f: number, prec?: number): string {
  return formatFloat(f, 'g', prec === undefined ? -1 : prec);
}

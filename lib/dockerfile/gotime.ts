// Go's time.ParseDuration, for HEALTHCHECK intervals. Returns nanoseconds.

import { goQuote } from './gotext';

const UNITS: Record<string, number> = {
  ns: 1,
  us: 1e3,
  '\u00b5s': 1e3,
  '\u03bcs': 1e3,
  ms: 1e6,
  s: 1e9,
  m: 60e9,
  h: 3600e9,
};
const MAX = 9223372036854775807;

export class GoDurationError extends Error {
  override readonly name = 'GoDurationError';
}

export function parseGoDuration(orig: string): number {
  let s = orig;
  let neg = false;
  if (s !== '' && (s[0] === '-' || s[0] === '+')) {
    neg = s[0] === '-';
    s = s.slice(1);
  }
  if (s === '0') return 0;
  const invalid = (): GoDurationError => new GoDurationError('time: invalid duration ' + goQuote(orig));
  if (s === '') throw invalid();
  let d = 0;
  const isDigit = (c: string | undefined): boolean => c !== undefined && c >= '0' && c <= '9';
  while (s !== '') {
    if (!(s[0] === '.' || isDigit(s[0]))) throw invalid();
    let i = 0;
    while (isDigit(s[i])) i++;
    const pre = i > 0;
    let v = i > 0 ? Number(s.slice(0, i)) : 0;
    if (v > MAX) throw invalid();
    s = s.slice(i);
    let frac = 0;
    let post = false;
    if (s[0] === '.') {
      s = s.slice(1);
      let j = 0;
      while (isDigit(s[j])) j++;
      post = j > 0;
      if (j > 0) frac = Number('0.' + s.slice(0, j));
      s = s.slice(j);
    }
    if (!pre && !post) throw invalid();
    let k = 0;
    while (k < s.length && !(s[k] === '.' || isDigit(s[k]))) k++;
    if (k === 0) throw new GoDurationError('time: missing unit in duration ' + goQuote(orig));
    const u = s.slice(0, k);
    s = s.slice(k);
    const unit = UNITS[u];
    if (unit === undefined) throw new GoDurationError('time: unknown unit ' + goQuote(u) + ' in duration ' + goQuote(orig));
    v = v * unit + Math.floor(frac * unit);
    d += v;
    if (d > MAX) throw invalid();
  }
  return neg ? -d : d;
}

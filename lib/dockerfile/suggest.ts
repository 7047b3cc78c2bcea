// BuildKit's util/suggest: "(did you mean X?)" hints from a Levenshtein distance below 3.

export function levenshtein(a: string, b: string): number {
  const s = Array.from(a);
  const t = Array.from(b);
  if (s.length === 0) return t.length;
  if (t.length === 0) return s.length;
  let prev = new Array<number>(t.length + 1);
  let cur = new Array<number>(t.length + 1);
  for (let j = 0; j <= t.length; j++) prev[j] = j;
  for (let i = 1; i <= s.length; i++) {
    cur[0] = i;
    for (let j = 1; j <= t.length; j++) {
      const cost = s[i - 1] === t[j - 1] ? 0 : 1;
      cur[j] = Math.min(prev[j]! + 1, cur[j - 1]! + 1, prev[j - 1]! + cost);
    }
    [prev, cur] = [cur, prev];
  }
  return prev[t.length]!;
}

function matchCase(val: string, orig: string): string {
  if (orig === orig.toLowerCase()) return val.toLowerCase();
  if (orig === orig.toUpperCase()) return val.toUpperCase();
  return val;
}

/** The suggestion BuildKit would append for `val` among `options`, or null. Ties: first option wins. */
export function suggest(val: string, options: readonly string[], caseSensitive: boolean): string | null {
  const orig = val;
  if (!caseSensitive) val = val.toLowerCase();
  let match = '';
  let mindist = 3;
  for (let opt of options) {
    if (!caseSensitive) opt = opt.toLowerCase();
    if (val === opt) return null;
    const d = levenshtein(val, opt);
    if (d < mindist) {
      match = caseSensitive ? opt : matchCase(opt, orig);
      mindist = d;
    }
  }
  return match === '' ? null : match;
}

/** `message (did you mean X?)` when there is a suggestion. */
export function withSuggestion(message: string, val: string, options: readonly string[], caseSensitive: boolean): string {
  const m = suggest(val, options, caseSensitive);
  return m === null ? message : `${message} (did you mean ${m}?)`;
}

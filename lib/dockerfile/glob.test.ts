import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { GlobPatternError, replacePattern, trimPrefix, trimSuffix } from './glob';
import { processWord } from './shell-lex';

// Reference: the pattern as a JavaScript RegExp (backtracking, leftmost-first like Go's regexp for these
// patterns). Only used on small inputs.
function toRegExp(pattern: string, greedy: boolean, anchored: boolean): RegExp {
  const p = Array.from(pattern);
  let out = anchored ? '^' : '';
  for (let i = 0; i < p.length; i++) {
    const t = p[i]!;
    if (t === '*') out += greedy ? '[^\\n]*' : '[^\\n]*?';
    else if (t === '?') out += '[^\\n]';
    else if (t === '\\') {
      if (p[i + 1] === '}' || p[i + 1] === '/') continue;
      i++;
      out += '\\' + p[i];
    } else out += t.replace(/[[\]{}.+()|^$\\*?/-]/g, '\\$&');
  }
  return new RegExp(out, 'gu');
}
function refTrimPrefix(pattern: string, value: string, greedy: boolean): string {
  const re = toRegExp(pattern, greedy, true);
  const m = re.exec(value);
  return m ? value.slice(m.index + m[0].length) : value;
}
function refReplace(pattern: string, value: string, repl: string, all: boolean): string {
  const re = toRegExp(pattern, true, false);
  if (!all) {
    const m = re.exec(value);
    return m ? value.slice(0, m.index) + repl + value.slice(m.index + m[0].length) : value;
  }
  let out = '';
  let last = 0;
  let pos = 0;
  while (pos <= value.length) {
    re.lastIndex = pos;
    const m = re.exec(value);
    if (!m) break;
    const a0 = m.index;
    const a1 = m.index + m[0].length;
    out += value.slice(last, a0);
    if (a1 > last || a0 === 0) out += repl;
    last = a1;
    pos = pos + 1 > a1 ? pos + 1 : a1;
  }
  return out + value.slice(last);
}

const pat = fc.array(fc.constantFrom('a', 'b', '*', '?', '.', '/'), { maxLength: 6 }).map((x) => x.join(''));
const val = fc.array(fc.constantFrom('a', 'b', '.', '/', '\n'), { maxLength: 10 }).map((x) => x.join(''));

describe('glob VM agrees with a backtracking regexp on small inputs', () => {
  it('prefix trimming, shortest and longest', () => {
    fc.assert(
      fc.property(pat, val, fc.boolean(), (p, v, greedy) => {
        expect(trimPrefix(p, v, greedy)).toBe(refTrimPrefix(p, v, greedy));
      }),
      { numRuns: 3000, seed: 1 },
    );
  });
  it('replace first and all', () => {
    fc.assert(
      fc.property(pat, val, fc.boolean(), (p, v, all) => {
        expect(replacePattern(p, v, 'X', all)).toBe(refReplace(p, v, 'X', all));
      }),
      { numRuns: 3000, seed: 2 },
    );
  });
});

describe('shell pattern substitutions', () => {
  const env = { F: 'archive.tar.gz', P: '/usr/local/bin/app', V: 'a-b-c', E: '' };
  const cases: [string, string][] = [
    ['${F#*.}', 'tar.gz'],
    ['${F##*.}', 'gz'],
    ['${F%.*}', 'archive.tar'],
    ['${F%%.*}', 'archive'],
    ['${P##*/}', 'app'],
    ['${P%/*}', '/usr/local/bin'],
    ['${V/-/_}', 'a_b-c'],
    ['${V//-/_}', 'a_b_c'],
    ['${V//?/x}', 'xxxxx'],
    ['${V/#a/x}', 'a-b-c'],
    ['${F#\\*}', 'archive.tar.gz'],
    ['${F%\\?}', 'archive.tar.gz'],
    ['${V//*/$0}', ''], // the replacement is expanded first: $0 is an unset special parameter
    ['${V//-/$$}', 'abc'],
    ['${E#*}', ''],
    ['${UNSET%%*}', ''],
  ];
  for (const [word, want] of cases) {
    it(`${word} -> ${want}`, () => {
      expect(processWord(word, env)).toBe(want);
    });
  }
  it('bad escapes are errors with BuildKit wording', () => {
    expect(() => processWord('${F#a\\b}', env)).toThrow('failed to process "${F#a\\\\b}": invalid pattern (a\\b) in substitution: invalid escape \'\\b\'');
    expect(() => trimPrefix('\\x', 'v', true)).toThrow(GlobPatternError);
  });
  it('no blowup on many stars and long values', () => {
    const v = 'a'.repeat(3000);
    const p = '*a'.repeat(40) + 'b';
    const t0 = performance.now();
    expect(trimPrefix(p, v, false)).toBe(v);
    expect(trimSuffix(p, v, true)).toBe(v);
    expect(replacePattern(p, v, 'X', true)).toBe(v);
    expect(performance.now() - t0).toBeLessThan(20_000);
  });
});

// Display widths and formatter.Ellipsis (cases from docker/cli displayutils_test.go).
import { describe, expect, it } from 'vitest';
import { ellipsis, runeWidth, stringWidth } from './width';

describe('ellipsis', () => {
  const cases: [string, number, string][] = [
    ['t🐳ststring', 0, ''], ['t🐳ststring', 1, 't'], ['t🐳ststring', 2, 't…'], ['t🐳ststring', 6, 't🐳st…'], ['t🐳ststring', 20, 't🐳ststring'],
    ['你好世界teststring', 0, ''], ['你好世界teststring', 1, '你'], ['你好世界teststring', 3, '你…'], ['你好世界teststring', 6, '你好…'],
    ['你好世界teststring', 20, '你好世界teststring'],
    ['RUN /bin/sh -c npm ci --omit=dev && npm cache clean --force # buildkit', 45, 'RUN /bin/sh -c npm ci --omit=dev && npm cach…'],
    ['exactly', 7, 'exactly'], ['', 5, ''],
  ];
  for (const [s, w, want] of cases) it(`${s} ${w}`, () => expect(ellipsis(s, w)).toBe(want));
});

describe('stringWidth (go-runewidth)', () => {
  const cases: [string, number][] = [['abc', 3], ['日本語', 6], ['🐳', 2], ['e\u0301', 1], ['\u200b', 0], ['한글', 4], ['ｆｕｌｌ', 8], ['é', 1]];
  for (const [s, w] of cases) it(JSON.stringify(s), () => expect(stringWidth(s)).toBe(w));
  it('control characters are zero width', () => expect(runeWidth(7)).toBe(0));
});

// tabulateUniform (the direct path for uniform tables) must give exactly what the TabWriter gives, and decline the rest.
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { TabWriter, tabulateUniform } from './tabwriter';

function viaTabWriter(text: string): string {
  const t = new TabWriter(10, 1, 3, ' ', 0);
  t.write(text);
  return t.flush();
}

const cellArb = fc.oneof(
  fc.string({ maxLength: 14 }).map((s) => s.replace(/[\t\n\v\f]/g, '')),
  fc.constantFrom('', 'nginx', '/usr/sbin/nginx -g …', '漢字テスト', 'e\u0301', '🐳 whale', '0.0.0.0:80->80/tcp, [::]:80->80/tcp', ' ', 'x'.repeat(40)),
);

describe('tabulateUniform = TabWriter(10, 1, 3, " ", 0)', () => {
  it('on uniform tables of any cells (ASCII, wide, combining, emoji, empty)', () => {
    fc.assert(fc.property(fc.integer({ min: 2, max: 7 }), fc.integer({ min: 1, max: 12 }), fc.array(cellArb, { minLength: 84, maxLength: 84 }), (cols, rows, pool) => {
      let text = '';
      for (let r = 0; r < rows; r++) {
        const cells: string[] = [];
        for (let c = 0; c < cols; c++) cells.push(pool[(r * cols + c) % pool.length]);
        text += cells.join('\t') + '\n';
      }
      const fast = tabulateUniform(text, 10, 3);
      expect(fast).toBeDefined();
      expect(fast).toBe(viaTabWriter(text));
    }), { numRuns: 500 });
  });

  it('declines what it does not handle, and agrees whenever it answers', () => {
    fc.assert(fc.property(fc.array(fc.array(cellArb, { minLength: 1, maxLength: 4 }), { minLength: 1, maxLength: 6 }), fc.constantFrom('\n', '', 'tail', '\f\n', '\v\n'), (lines, end) => {
      const text = lines.map((l) => l.join('\t')).join('\n') + end;
      const fast = tabulateUniform(text, 10, 3);
      if (fast !== undefined) expect(fast).toBe(viaTabWriter(text));
    }), { numRuns: 1000 });
    expect(tabulateUniform('a\tb\nc\n', 10, 3)).toBeUndefined(); // ragged
    expect(tabulateUniform('a\tb\nc\td', 10, 3)).toBeUndefined(); // no final newline
    expect(tabulateUniform('a\nb\n', 10, 3)).toBeUndefined(); // no columns
    expect(tabulateUniform('a\tb\n', 10, 3)).toBe('a         b\n');
  });
});

import { describe, expect, it } from 'vitest';
import fs from 'node:fs';
import path from 'node:path';
import { runDocker } from './cli';
import { captureCtx } from './test-helpers';

const dir = path.join(__dirname, 'testdata/help');
const paths = fs.readFileSync(path.join(dir, 'commands.txt'), 'utf8').split('\n').filter((l) => l && !l.startsWith('#'));

describe('help goldens (docker CLI 28.2.2)', () => {
  for (const p of paths) {
    const words = p === '-' ? [] : p.split(' ');
    const name = words.join('-') || 'docker';
    it(`docker ${words.join(' ')} --help`, async () => {
      const golden = fs.readFileSync(path.join(dir, `${name}.txt`), 'utf8');
      const { ctx, out } = captureCtx();
      const code = await runDocker([...words, '--help'], ctx);
      expect(code).toBe(0);
      expect(out()).toBe(golden);
    });
  }
});

describe('help at other terminal widths (under a pseudo-terminal)', () => {
  for (const f of fs.readdirSync(dir).filter((n) => n.startsWith('tty-'))) {
    const [, cols, ...rest] = f.replace(/\.txt$/, '').split('-');
    const name = rest.join('-');
    const words = name === 'docker' ? [] : name.split('-');
    it(`${cols} columns: docker ${words.join(' ')} --help`, async () => {
      const { ctx, out } = captureCtx();
      ctx.io = { ...ctx.io, isTTY: true, columns: Number(cols) };
      expect(await runDocker([...words, '--help'], ctx)).toBe(0);
      expect(out()).toBe(fs.readFileSync(path.join(dir, f), 'utf8'));
    });
  }
});

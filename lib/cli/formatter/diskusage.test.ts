// docker system df [-v] and docker volume ls: real docker CLI 28.2.2 output (testdata/docker-df.json, made with
// /work/notes/captures-formatter/gen-df.mjs) vs formatDiskUsage / formatVolumes.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { DiskUsage } from '../../api/types';
import { FormatError } from './context';
import { formatDiskUsage, sortBuildCache } from './diskusage';
import { formatVolumes, naturalLess } from './volume';

interface Golden { df: DiskUsage; cases: { args: string[]; stdout: string; stderr: string; rc: number }[] }
const golden = JSON.parse(readFileSync(new URL('./testdata/docker-df.json', import.meta.url), 'utf8')) as Golden;
const NOW = Date.parse('2026-11-27T03:00:00Z');

function run(args: string[]): { stdout: string; stderr: string } {
  const format = args.includes('--format') ? args[args.indexOf('--format') + 1] : '';
  try {
    if (args[0] === 'volume') return { stdout: formatVolumes(golden.df.Volumes, { format, quiet: args.includes('-q') }), stderr: '' };
    return { stdout: formatDiskUsage(golden.df, { format, verbose: args.includes('-v'), now: NOW }), stderr: '' };
  } catch (e) {
    if (!(e instanceof FormatError)) throw e;
    return { stdout: '', stderr: e.message + '\n' };
  }
}

describe('docker system df / volume ls (real CLI vs ours)', () => {
  for (const c of golden.cases) {
    it(c.args.join(' '), () => expect(run(c.args)).toEqual({ stdout: c.stdout, stderr: c.stderr }));
  }
});

describe('helpers', () => {
  it('naturalLess', () => {
    const names = ['vol10', 'vol2', 'a', 'vol1', 'Vol3', 'vol02'];
    expect(names.sort((x, y) => (naturalLess(x, y) ? -1 : naturalLess(y, x) ? 1 : 0))).toEqual(['Vol3', 'a', 'vol1', 'vol2', 'vol02', 'vol10']);
  });
  it('build cache order: never used first, then oldest use', () => {
    const rec = (ID: string, LastUsedAt: string | null) => ({ ID, LastUsedAt, Parents: null, Type: 'regular', Description: '', InUse: false, Shared: false, Size: 0, CreatedAt: '2020-01-01T00:00:00Z', UsageCount: 0 });
    expect(sortBuildCache([rec('b', '2021-01-01T00:00:00Z'), rec('c', null), rec('a', '2020-01-01T00:00:00Z'), rec('0', null)]).map((r) => r.ID)).toEqual(['0', 'c', 'a', 'b']);
  });
});

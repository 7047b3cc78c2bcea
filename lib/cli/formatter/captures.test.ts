// Golden comparisons: our formatters on the fake API's data vs the real docker CLI 28.2.2's captured stdout/stderr.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { HistoryItem, ImageSearchResult, ImageSummary } from '../../api/types';
import { FormatError } from './context';
import { formatHistory } from './history';
import { formatImages } from './image';
import { formatSearch } from './search';
import { CONFORMANCE, getJSON } from './__tests__/fake-routes';

const capture = (name: string, ext: 'stdout' | 'stderr') => readFileSync(`${CONFORMANCE}/captures/${name}.${ext}`, 'utf8');

/** Unix seconds of a "2026-11-26 20:51:56 +0000 UTC" / "2026-11-26T20:52:07Z" string. */
const parseTime = (s: string) => Date.parse(s.replace(' +0000 UTC', 'Z').replace(' ', 'T')) / 1000;

/** The clock at capture time: the capture shows myapp's creation time, which the fake puts at now-90 (history: now-90 too). */
function captureNow(name: string): number {
  const out = capture(name, 'stdout');
  const m = /(\d{4}-\d\d-\d\d[ T]\d\d:\d\d:\d\d(?: \+0000 UTC|Z))/.exec(out);
  return m ? parseTime(m[1]) + 90 : 1_795_000_000;
}

function runFormat(fn: () => string): { stdout: string; stderr: string } {
  try {
    return { stdout: fn(), stderr: '' };
  } catch (e) {
    if (e instanceof FormatError) return { stdout: '', stderr: e.message + '\n' };
    throw e;
  }
}

type Case = [name: string, opts: { format?: string; quiet?: boolean; noTrunc?: boolean; digests?: boolean; human?: boolean }];

describe('image ls captures', () => {
  const cases: Case[] = [
    ['image-ls-default', {}],
    ['images-q', { quiet: true }],
    ['image-ls-digests', { digests: true }],
    ['image-ls-no-trunc', { noTrunc: true }],
    ['image-ls-q-no-trunc', { quiet: true, noTrunc: true }],
    ['image-ls-format-id-repo', { format: '{{.ID}}:{{.Repository}}' }],
    ['image-ls-format-json', { format: 'json' }],
    ['image-ls-format-json-template', { format: '{{json .}}' }],
    ['image-ls-format-raw', { format: 'raw' }],
    ['image-ls-format-table-custom', { format: 'table {{.Repository}}\\t{{.Tag}}\\t{{.Size}}\\t{{.CreatedAt}}\\t{{.Containers}}\\t{{.SharedSize}}\\t{{.UniqueSize}}' }],
    ['image-ls-format-table-only-header', { format: 'table' }],
    ['image-ls-table-digests-autoappend', { format: 'table {{.Repository}}\\t{{.Tag}}', digests: true }],
    ['format-bad-parse', { format: '{{.ID' }],
    ['format-bad-template', { format: '{{.Nope}}' }],
  ];
  for (const [name, opts] of cases) {
    it(name, () => {
      const now = captureNow(name);
      const images = getJSON<ImageSummary[]>('/v1.50/images/json', now);
      const got = runFormat(() => formatImages(images, { ...opts, now: now * 1000 + 300 }));
      expect(got.stdout).toBe(capture(name, 'stdout'));
      expect(got.stderr).toBe(capture(name, 'stderr'));
    });
  }
  it('image-ls-empty', () => {
    expect(formatImages([], { now: 0 })).toBe(capture('image-ls-empty', 'stdout'));
  });
});

describe('history captures', () => {
  const cases: Case[] = [
    ['history-default', {}],
    ['history-H-false', { human: false }],
    ['history-format-custom', { format: '{{.ID}}|{{.CreatedSince}}|{{.CreatedAt}}|{{.Size}}|{{.Comment}}' }],
    ['history-format-json', { format: 'json' }],
    ['history-format-table', { format: 'table {{.ID}}\\t{{.CreatedBy}}', noTrunc: true }],
    ['history-no-trunc', { noTrunc: true }],
    ['history-q', { quiet: true }],
  ];
  for (const [name, opts] of cases) {
    it(name, () => {
      const now = captureNow(name);
      const items = getJSON<HistoryItem[]>('/v1.50/images/myapp:dev/history', now);
      const got = runFormat(() => formatHistory(items, { ...opts, now: now * 1000 + 300 }));
      expect(got.stdout).toBe(capture(name, 'stdout'));
      expect(got.stderr).toBe(capture(name, 'stderr'));
    });
  }
});

describe('search captures', () => {
  const cases: Case[] = [
    ['search-default', {}],
    ['search-json', { format: 'json' }],
    ['search-format', { format: '{{.Name}}: {{.StarCount}} {{.IsOfficial}} {{.IsAutomated}}' }],
    ['search-no-trunc-limit', { noTrunc: true }],
  ];
  for (const [name, opts] of cases) {
    it(name, () => {
      const results = getJSON<ImageSearchResult[]>('/v1.50/images/search?term=nginx', 0);
      const got = runFormat(() => formatSearch(results, opts));
      expect(got.stdout).toBe(capture(name, 'stdout'));
      expect(got.stderr).toBe(capture(name, 'stderr'));
    });
  }
});

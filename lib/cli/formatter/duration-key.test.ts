// humanDuration through humanDurationKey/durationText = docker/go-units HumanDuration, on every boundary and at random.
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { durationText, humanDuration, humanDurationKey } from './units';

/** go-units HumanDuration, written out branch by branch (the reference). */
function reference(ms: number): string {
  const seconds = Math.trunc(ms / 1000);
  if (seconds < 1) return 'Less than a second';
  if (seconds === 1) return '1 second';
  if (seconds < 60) return `${seconds} seconds`;
  const minutes = Math.trunc(ms / 60000);
  if (minutes === 1) return 'About a minute';
  if (minutes < 60) return `${minutes} minutes`;
  const hours = Math.trunc(ms / 3600000 + 0.5);
  if (hours === 1) return 'About an hour';
  if (hours < 48) return `${hours} hours`;
  if (hours < 24 * 7 * 2) return `${Math.trunc(hours / 24)} days`;
  if (hours < 24 * 30 * 2) return `${Math.trunc(hours / 24 / 7)} weeks`;
  if (hours < 24 * 365 * 2) return `${Math.trunc(hours / 24 / 30)} months`;
  return `${Math.trunc(Math.trunc(ms / 3600000) / 24 / 365)} years`;
}

describe('humanDurationKey', () => {
  it('gives the reference text at every unit boundary and at random durations; equal keys mean equal texts', () => {
    const H = 3600000;
    const edges = [-5, 0, 999, 1000, 1999, 2000, 59999, 60000, 119999, 120000, 3599999, 0.5 * H - 1, 0.5 * H, 1.5 * H, 47.5 * H, 48 * H, 336 * H, 1440 * H, 17520 * H, 1e13];
    for (const e of edges) for (const d of [-1, 0, 1]) expect(humanDuration(e + d), String(e + d)).toBe(reference(e + d));
    const seen = new Map<number, string>();
    fc.assert(fc.property(fc.integer({ min: -1000, max: 4e12 }), (ms) => {
      const key = humanDurationKey(ms);
      expect(durationText(key)).toBe(reference(ms));
      const before = seen.get(key);
      if (before !== undefined) expect(before).toBe(reference(ms));
      seen.set(key, reference(ms));
    }), { numRuns: 5000 });
  });
});

/** An engine state over the real simulated hub with a manual clock and seeded randomness, for builder tests and the bench. */
import { ManualClock, SeededRandom } from '../clock';
import { createState } from '../index';
import type { EngineState } from '../state';

/** A fresh engine state (no images); the clock advances `stepMs` (1) per read. */
export function testState(opts: { startMs?: number; stepMs?: number; seed?: string } = {}): EngineState & { clock: ManualClock } {
  const clock = new ManualClock(opts.startMs ?? Date.UTC(2026, 10, 26, 12, 0, 0), opts.stepMs ?? 1);
  const state = createState({ clock, random: new SeededRandom(opts.seed ?? 'builder-test') });
  return state as EngineState & { clock: ManualClock };
}

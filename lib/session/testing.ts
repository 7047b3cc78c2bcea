/**
 * A console over a fresh session for tests: a ManualClock, a seeded random source, optional workspace files, and
 * `run(line)` collecting what one command line prints. The same composition as the page's console (createSession).
 */
import { ManualClock } from '../engine/clock';
import type { ConsoleIO } from '../console/types';
import { createSession, type Session } from './index';

export interface LineResult { out: string; err: string; code: number }

export function testConsole(opts: { seed: string; files?: Record<string, string>; startMs?: number }): {
  session: Session; engine: Session['engine']; workspace: Session['workspace']; clock: ManualClock; run(line: string, io?: Partial<ConsoleIO>): Promise<LineResult>;
} {
  const clock = new ManualClock(opts.startMs ?? Date.UTC(2026, 10, 27, 4, 0, 0));
  const session = createSession({ clock, seed: opts.seed, files: Object.entries(opts.files ?? {}).map(([path, data]) => ({ path, data })) });
  const run = async (line: string, io: Partial<ConsoleIO> = {}): Promise<LineResult> => {
    const r: LineResult = { out: '', err: '', code: -1 };
    r.code = await session.console.run(line, {
      stdout: (s) => { r.out += s; }, stderr: (s) => { r.err += s; }, readLine: async () => null, isTTY: false, columns: 80, ...io,
    });
    return r;
  };
  return { session, engine: session.engine, workspace: session.workspace, clock, run };
}

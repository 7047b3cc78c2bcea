/**
 * The engine + console + workspace behind a lesson's console and its exercises. Each exercise gets its own fresh one
 * (so checks see exactly what the student did); the lesson's "Run" dock shares one.
 *
 * The engine: lib/engine's createEngine when it is available; until then the in-memory FakeEngineClient of lib/api,
 * which answers the common commands approximately. `engineKind` tells the UI which one runs.
 */
import type { EngineClient } from '@/lib/api/types';
import { FakeEngineClient } from '@/lib/api/fake-client';
import { MemoryWorkspace, createConsole } from '@/lib/console';
import type { Console, Workspace } from '@/lib/console/types';

export interface LessonBackend {
  client: EngineClient;
  console: Console;
  workspace: Workspace;
  engineKind: 'engine' | 'stand-in';
}

/** A fixed epoch so replays (and the teacher's view of a submission) print the same IDs and times. */
const EPOCH = Date.UTC(2026, 0, 1) / 1000;

export async function createLessonBackend(opts: { deterministic?: boolean } = {}): Promise<LessonBackend> {
  let tick = 0;
  const now = opts.deterministic ? () => EPOCH + tick++ : () => Math.floor(Date.now() / 1000);
  const client: EngineClient = new FakeEngineClient({ empty: true, now, seed: 1 });
  const workspace = new MemoryWorkspace(() => now() * 1000);
  const console = createConsole({ client, workspace, now: () => now() * 1000 });
  return { client, console, workspace, engineKind: 'stand-in' };
}

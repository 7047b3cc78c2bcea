/**
 * The engine + console + workspace behind a lesson's console and its exercises. Each exercise gets its own fresh one
 * (so checks see exactly what the student did); the lesson's "Run" dock shares one.
 *
 * The engine is lib/engine (through lib/exercises/sandbox). While it lacks endpoints the lessons use (LESSON_METHODS),
 * the lessons use the in-memory FakeEngineClient of lib/api instead, which answers the common commands approximately;
 * `engineKind` tells the UI which one runs.
 */
import type { EngineClient } from '@/lib/api/types';
import type { Console, Workspace } from '@/lib/console/types';

export interface LessonBackend {
  client: EngineClient;
  console: Console;
  workspace: Workspace;
  engineKind: 'engine' | 'stand-in';
}

export async function createLessonBackend(opts: { deterministic?: boolean } = {}): Promise<LessonBackend> {
  const { createSandbox } = await import('@/lib/exercises/sandbox');
  const sb = createSandbox(opts);
  if (sb.readyForLessons) return { client: sb.client, console: sb.console, workspace: sb.workspace, engineKind: 'engine' };
  const [{ FakeEngineClient }, { createConsole, MemoryWorkspace }] = await Promise.all([import('@/lib/api/fake-client'), import('@/lib/console')]);
  let tick = 0;
  const base = Date.UTC(2026, 0, 1);
  const nowMs = opts.deterministic ? () => base + 1000 * tick++ : () => Date.now();
  const client = new FakeEngineClient({ empty: true, now: () => Math.floor(nowMs() / 1000), seed: 1 });
  const workspace = new MemoryWorkspace(nowMs);
  return { client, console: createConsole({ client, workspace, now: nowMs }), workspace, engineKind: 'stand-in' };
}

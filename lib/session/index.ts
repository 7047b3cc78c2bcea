/**
 * One playground session: an engine (with every area installed), a workspace and the console over them.
 * This is the single place where the pieces are composed, so that the page's worker, `npm run console`,
 * `npm run daemon`, lesson consoles and exercise checks all run the same engine and the same console.
 */
import type { EngineClient } from '../api/types';
import type { Clock } from '../engine/clock';
import { systemClock } from '../engine/clock';
import { createEngine, Engine, engineCurl, type SavedState } from '../engine';
import { createConsole } from '../console';
import { MemoryWorkspace } from '../console/workspace';
import type { Console, Workspace } from '../console/types';

export interface SessionFile { path: string; data: Uint8Array | string; mode?: number; /** ms; default: now */ mtime?: number }

export interface SessionOptions {
  /** A saved engine (`session.snapshot()`), to continue where it was. */
  engineState?: SavedState;
  /** The workspace to use, or files to fill a new one with. */
  workspace?: Workspace;
  files?: Iterable<SessionFile>;
  /** Console environment (`DOCKER_BUILDKIT=0` selects the legacy builder). */
  env?: Record<string, string>;
  /** The engine's clock; default: the system clock, fixed by `sourceDateEpoch` when given. */
  clock?: Clock;
  sourceDateEpoch?: string | number;
  /** Seed of the engine's random source (container IDs...), for runs that must replay exactly. */
  seed?: string;
}

export interface Session {
  engine: Engine;
  /** The engine as the CLI sees it. */
  client: EngineClient;
  workspace: Workspace;
  console: Console;
  /** The engine's state, JSON-serializable (IndexedDB, `--state FILE`, share links). */
  snapshot(): SavedState;
}

export function createSession(opts: SessionOptions = {}): Session {
  const clock = opts.clock ?? systemClock({ sourceDateEpoch: opts.sourceDateEpoch });
  const engineOpts = { clock, ...(opts.seed !== undefined ? { seed: opts.seed } : {}) };
  const engine = opts.engineState ? Engine.fromJSON(opts.engineState, engineOpts) : createEngine(engineOpts);
  const now = () => clock.now();
  let workspace = opts.workspace;
  if (!workspace) {
    const ws = new MemoryWorkspace(now);
    for (const f of opts.files ?? []) ws.write(f.path, f.data, f.mode, f.mtime);
    workspace = ws;
  }
  // Bind mounts (`-v ./site:/usr/share/nginx/html`) serve the workspace: it is the host's `/`.
  engine.setHostFiles(workspace);
  const client: EngineClient = engine;
  const console = createConsole({
    client,
    workspace,
    env: opts.env,
    now,
    buildkit: engine.buildkitFrontend(),
    curl: engineCurl(engine),
  });
  return { engine, client, workspace, console, snapshot: () => engine.toJSON() };
}

/**
 * Builds the workspace + engine + console that the worker hosts.
 * The real implementations live in lib/console (createConsole, MemoryWorkspace) and lib/engine (createEngine);
 * until they exist this uses the stand-in in fallback.ts.
 */
import type { EngineClient } from '@/lib/api/types';
import type { Console, Workspace } from '@/lib/console/types';
import { MemoryWorkspace } from '@/lib/console/workspace';
import { createFallbackConsole } from './fallback';
import type { WireFile } from './protocol';

export interface Backend {
  console: Console;
  workspace: Workspace;
  /** The engine as the CLI sees it (image panel queries); null while only the stand-in is available. */
  client: EngineClient | null;
  kind: 'real' | 'loading';
  /** The engine's state for IndexedDB, when the engine can serialise itself. */
  snapshot(): unknown;
}

export interface BackendOptions {
  files: WireFile[];
  engineState?: unknown;
  now?: () => number;
}

export async function createBackend(opts: BackendOptions): Promise<Backend> {
  const now = opts.now ?? (() => Date.now());
  const workspace = new MemoryWorkspace(now);
  for (const f of opts.files) workspace.write(f.path, f.data, f.mode);
  return {
    console: createFallbackConsole(workspace),
    workspace,
    client: null,
    kind: 'loading',
    snapshot: () => undefined,
  };
}

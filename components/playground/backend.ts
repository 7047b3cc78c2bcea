/**
 * Builds the workspace + engine + console that the worker hosts:
 *   lib/console  createConsole({ client, workspace, env, now }), MemoryWorkspace
 *   lib/engine   createEngine(opts), Engine.fromJSON(saved), engine.toJSON()
 * The stand-in console (fallback.ts) is used only if the engine fails to start.
 */
import type { EngineClient } from '@/lib/api/types';
import { EngineError } from '@/lib/api/errors';
import type { Console, Workspace } from '@/lib/console/types';
import { createConsole } from '@/lib/console';
import { MemoryWorkspace } from '@/lib/console/workspace';
import { Engine, createEngine, type SavedState } from '@/lib/engine';
import { createBuildKitFrontend, engineBuild, shellRun, type BuilderHost } from '@/lib/engine/builder';
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

/**
 * The engine grows area by area (images first, then builder, containers...). Until an EngineClient method exists,
 * calling it answers like a daemon that lacks the endpoint instead of crashing the console.
 */
function asClient(engine: Engine, extra: Partial<EngineClient>): EngineClient {
  return new Proxy(engine, {
    get(target, prop, receiver) {
      const value: unknown = Reflect.has(target, prop) ? Reflect.get(target, prop, receiver) : (extra as Record<PropertyKey, unknown>)[prop];
      if (typeof value === 'function') return (value as (...a: unknown[]) => unknown).bind(target);
      if (value === undefined && typeof prop === 'string') {
        return () => {
          throw new EngineError('unavailable', `${prop} is not available in the playground yet`);
        };
      }
      return value;
    },
  }) as unknown as EngineClient;
}

export async function createBackend(opts: BackendOptions): Promise<Backend> {
  const now = opts.now ?? (() => Date.now());
  const workspace = new MemoryWorkspace(now);
  for (const f of opts.files) workspace.write(f.path, f.data, f.mode);
  let engine: Engine;
  try {
    engine = opts.engineState ? Engine.fromJSON(opts.engineState as SavedState) : createEngine();
  } catch (e) {
    if (opts.engineState) throw e; // the worker retries without the saved state
    console.error('engine failed to start', e);
    return { console: createFallbackConsole(workspace), workspace, client: null, kind: 'loading', snapshot: () => undefined };
  }
  // The builder is its own area over the engine's state (lib/engine/builder); RUN steps go through lib/shell.
  const host: BuilderHost = { state: engine.state, run: shellRun };
  const client = asClient(engine, { build: (context, options) => engineBuild(host, context, options) });
  return {
    console: createConsole({ client, workspace, now, buildkit: createBuildKitFrontend(host) }),
    workspace,
    client,
    kind: 'real',
    snapshot: () => engine.toJSON(),
  };
}

/**
 * Builds the workspace + engine + console that the worker hosts:
 *   lib/session  createSession({ files, engineState, clock }) — engine + workspace + console, as in `npm run console`
 * The stand-in console (fallback.ts) is used only if the engine fails to start.
 */
import type { EngineClient } from '@/lib/api/types';
import type { Console, Workspace } from '@/lib/console/types';
import { MemoryWorkspace } from '@/lib/console/workspace';
import type { SavedState } from '@/lib/engine';
import { createSession, type Session } from '@/lib/session';
import { createFallbackConsole } from './fallback';
import { observeBuilds, type BuildStepUpdate } from './build-steps';
import type { WireFile } from './protocol';
import { explainImage, layerFiles, recordBuilds, type FileRow, type ImageExplanation } from '@/lib/layers';

export interface Backend {
  console: Console;
  workspace: Workspace;
  /** The engine as the CLI sees it (image panel queries); null while only the stand-in is available. */
  client: EngineClient | null;
  kind: 'real' | 'loading';
  /** The engine's state for IndexedDB, when the engine can serialise itself. */
  snapshot(): unknown;
  /** An HTTP request to a published host port (the preview); null when nothing listens. */
  httpRequest?(hostPort: number, path: string): { status: number; body: string; contentType?: string } | null;
  /** The layer explorer's data (lib/layers); absent while only the stand-in is available. */
  explainImage?(ref: string, container?: string): ImageExplanation;
  layerFiles?(ref: string, layer: number, cumulative: boolean, container?: string): FileRow[];
}

export interface BackendOptions {
  files: WireFile[];
  engineState?: unknown;
  now?: () => number;
  /** Every BuildKit build's running step (the editor highlights it). */
  onBuildStep?: (u: BuildStepUpdate) => void;
}

export async function createBackend(opts: BackendOptions): Promise<Backend> {
  const now = opts.now ?? (() => Date.now());
  let session: Session;
  try {
    // lib/session composes the engine (images, builder, containers, registry), the workspace and the console,
    // exactly as `npm run console` does.
    session = createSession({ files: opts.files, engineState: opts.engineState as SavedState | undefined, clock: { now } });
  } catch (e) {
    if (opts.engineState) throw e; // the worker retries without the saved state
    console.error('engine failed to start', e);
    const workspace = new MemoryWorkspace(now);
    for (const f of opts.files) workspace.write(f.path, f.data, f.mode);
    return { console: createFallbackConsole(workspace), workspace, client: null, kind: 'loading', snapshot: () => undefined };
  }
  if (opts.onBuildStep) observeBuilds(session.engine, opts.onBuildStep);
  recordBuilds(session.engine); // the layer explorer's cache status and Dockerfile lines of the last build
  const engine = session.engine;
  return {
    console: session.console, workspace: session.workspace, client: session.client, kind: 'real', snapshot: () => session.snapshot(),
    httpRequest: (port, path) => engine.httpRequest(port, path, 'GET'),
    explainImage: (ref, container) => explainImage(engine.state, ref, container === undefined ? {} : { container }),
    layerFiles: (ref, layer, cumulative, container) => layerFiles(engine.state, ref, layer, { cumulative, ...(container === undefined ? {} : { container }) }),
  };
}

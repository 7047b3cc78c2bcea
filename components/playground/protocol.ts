/**
 * The message protocol between the page and the engine worker (engine.worker.ts).
 * The worker owns the workspace, the engine and the console; the page owns the editor and the terminal.
 */
import type { CompletionResult } from '@/lib/console/types';
import type { HistoryItem, ImageSummary } from '@/lib/api/types';
import type { BuildStepUpdate } from './build-steps';
import type { FileRow, ImageExplanation } from '@/lib/layers';

export interface WireFile { path: string; data: Uint8Array; mode: number; /** ms; absent for the page's own edits (the worker stamps them) */ mtime?: number }

/** What the worker saves to IndexedDB under `<namespace>:state`. */
export interface PersistedState {
  version: 1;
  files: WireFile[];
  /** The engine's toJSON(), when it offers one. */
  engine?: unknown;
  savedAt: number;
}

export interface InitOptions {
  /** IndexedDB key prefix; null = do not persist (embeds, tests of share links). */
  namespace: string | null;
  /** Start from these files with a clean engine (share links, embeds, Reset) instead of the saved state. */
  files?: WireFile[];
  /** Ignore and overwrite the saved state. */
  fresh?: boolean;
}

export type ToWorker =
  | { type: 'init'; options: InitOptions }
  | { type: 'run'; id: number; line: string; columns: number; isTTY: boolean; /** the engine clock's reading for this command (ms) */ at?: number }
  | { type: 'stdin'; id: number; line: string | null }
  | { type: 'abort'; id: number }
  | { type: 'complete'; id: number; line: string; cursor: number }
  | { type: 'write'; path: string; data: Uint8Array; mode?: number }
  | { type: 'remove'; path: string }
  | { type: 'rename'; from: string; to: string }
  | { type: 'query'; id: number; query: Query }
  | { type: 'flush'; id: number };

export type Query = { kind: 'images' } | { kind: 'history'; ref: string }
  /** published host ports of running containers (the preview's list) */
  | { kind: 'ports' }
  /** an HTTP GET through the engine's program behind a published host port (the preview), like `curl localhost:PORT/path` */
  | { kind: 'http'; port: number; path: string }
  /** the layer explorer (lib/layers explainImage): `container` '' = no writable layer, absent = the newest container */
  | { kind: 'layers'; ref: string; container?: string }
  /** one layer's files (lib/layers layerFiles); `layer` = the number of history rows = the container's writable layer */
  | { kind: 'layerFiles'; ref: string; layer: number; cumulative: boolean; container?: string }
  /** the workspace files' modification times (ms), for share links */
  | { kind: 'mtimes' };
export type QueryResult = { kind: 'images'; images: ImageSummary[] } | { kind: 'history'; history: HistoryItem[] } | { kind: 'error'; message: string }
  | { kind: 'ports'; ports: PublishedPort[] }
  /** `response` null: nothing listens on that port (curl's "Couldn't connect to server") */
  | { kind: 'http'; response: { status: number; body: string; contentType: string } | null }
  | { kind: 'layers'; explanation: ImageExplanation }
  | { kind: 'layerFiles'; files: FileRow[] }
  | { kind: 'mtimes'; mtimes: Record<string, number> };

/** A published host port of a running container. */
export interface PublishedPort { hostPort: number; containerPort: number; protocol: string; container: string; image: string }

/** The build step being run, for the editor's highlight (see build-steps.ts). */
export type { BuildStepUpdate };

export type FromWorker =
  | { type: 'ready'; prompt: string; files: WireFile[]; engine: 'real' | 'loading'; restored: boolean }
  | { type: 'out'; id: number; stream: 'stdout' | 'stderr'; data: string }
  | { type: 'readLine'; id: number }
  | { type: 'done'; id: number; code: number; prompt: string }
  | { type: 'completion'; id: number; result: CompletionResult }
  | { type: 'files'; files: WireFile[] }
  | { type: 'changed' }
  | { type: 'queryResult'; id: number; result: QueryResult }
  | { type: 'flushed'; id: number }
  | { type: 'fatal'; message: string }
  | { type: 'buildStep'; update: BuildStepUpdate };

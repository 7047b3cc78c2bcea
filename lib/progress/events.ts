/**
 * Build progress events: a small model of BuildKit's SolveStatus (client.Vertex, VertexStatus, VertexLog,
 * VertexWarning), emitted by lib/engine/builder and rendered by the plain and tty displays of this folder.
 *
 * Times are milliseconds from the engine's injected clock, so a build replays to the same bytes.
 * Vertices are identified by a string `id` (BuildKit's digest); the displays number them (#1, #2...) in the order
 * they first start, as progressui does.
 */

export type Millis = number;

/** A vertex (one build step or internal operation), sent again each time its state changes. */
export interface VertexEvent {
  type: 'vertex';
  id: string;
  /** e.g. `[internal] load build definition from Dockerfile`, `[2/3] RUN apt-get update` */
  name: string;
  started?: Millis;
  completed?: Millis;
  cached?: boolean;
  /** set on failure, e.g. `process "/bin/sh -c false" did not complete successfully: exit code: 1` */
  error?: string;
}

/** A sub-status of a vertex: `transferring dockerfile: 245B done`, `exporting layers 0.1s done`. */
export interface StatusEvent {
  type: 'status';
  vertex: string;
  /** the text before the figures, e.g. `transferring dockerfile:` or `writing image sha256:...` */
  id: string;
  current?: number;
  total?: number;
  timestamp: Millis;
  started?: Millis;
  completed?: Millis;
}

/** Output of a running step (RUN's stdout/stderr). */
export interface LogEvent {
  type: 'log';
  vertex: string;
  /** 1 = stdout, 2 = stderr */
  stream: 1 | 2;
  data: string;
  timestamp: Millis;
}

/** A lint warning attached to a vertex (BuildKit's VertexWarning). */
export interface WarningEvent {
  type: 'warning';
  vertex: string;
  /** e.g. `JSONArgsRecommended: JSON arguments recommended for CMD ... (line 5)` */
  short: string;
  detail: string[];
  url: string;
  line: number;
}

export type BuildEvent = VertexEvent | StatusEvent | LogEvent | WarningEvent;

/** Where an error points in the Dockerfile (BuildKit's errdefs.Source). */
export interface ErrorSource {
  filename: string;
  data: string;
  /** 1-based line ranges */
  ranges: { start: number; end: number }[];
}

/**
 * A failed build as buildx reports it: `message` is the text after `ERROR: ` (e.g. `failed to solve: process ...`),
 * `sources` the snippets printed before it.
 */
export interface BuildFailure {
  message: string;
  sources: ErrorSource[];
}

export type EventSink = (ev: BuildEvent) => void;

/** The builder's contract with the engine and its callers (lib/cli `docker build`, the API daemon's POST /build). */
import type { BuildContext, JSONMessage, Labels } from '../../api/types';
import type { BuildEvent, BuildFailure, ErrorSource } from '../../progress/events';
import type { EngineState } from '../state';
import type { ImageRecord } from '../store';
import type { UnionFs } from '../fs/union';
import type { Entry } from '../fs/entry';

/** A command run by a RUN step (or an ONBUILD RUN), over the step's copy-on-write file system. */
export interface RunRequest {
  fs: UnionFs;
  /** the full argv, e.g. ["/bin/sh", "-c", "apt-get update"] */
  argv: string[];
  /** KEY=VALUE, build args included */
  env: string[];
  cwd: string;
  /** USER of the step ("" = root) */
  user: string;
  stdout(data: string): void;
  stderr(data: string): void;
  signal?: AbortSignal;
  /** the engine's random hex (mktemp names) and clock (file times, Unix seconds), for replayable output */
  randomHex?: (n: number) => string;
  now?: () => number;
  /** read-only mount points (RUN --mount binds without rw, secrets): writes under them fail */
  readOnly?: string[];
  /** the build container's hostname (its short ID) */
  hostname?: string;
}

/** A RUN's end: its exit code, or Docker's message when the process could not start (no shell, unknown user). */
export type RunOutcome = number | { exitCode: number; startError?: string };

/** What the builder needs from the engine. Defaults: `pull` = the engine's imagePull, `run` = shellRun (lib/shell). */
export interface BuilderHost {
  state: EngineState;
  /**
   * Pulls an image from the simulated hub into the stores, reporting moby's pull messages (the legacy stream shows them).
   * Throws EngineError (notFound: `pull access denied for x, repository does not exist or may require 'docker login': ...`).
   */
  pull?(ref: string, onMessage: (m: JSONMessage) => void): Promise<ImageRecord>;
  /** Runs a command; default: lib/shell's runShell (shell.ts). */
  run?(req: RunRequest): Promise<RunOutcome>;
  /** Daemon version for legacy configs (docker_version), default "28.2.2". */
  dockerVersion?: string;
}

export interface BuildRequest {
  context: BuildContext;
  /** Dockerfile path in the context, default "Dockerfile" */
  dockerfile?: string;
  tags?: string[];
  buildArgs?: Record<string, string | null>;
  labels?: Labels;
  noCache?: boolean;
  pull?: boolean;
  target?: string;
  platform?: string;
  quiet?: boolean;
  /** BuildKit `--secret id=x,src=file`: secret bytes by id (RUN --mount=type=secret) */
  secrets?: Record<string, Uint8Array>;
  /** BuildKit `--ssh default`: forwarded agent ids (RUN --mount=type=ssh) */
  ssh?: string[];
  /** BuildKit `--no-cache-filter stage`: stages whose steps skip the cache */
  noCacheFilter?: string[];
  /** buildx `--check` (`--call=check`): run the build checks only (BuildResult.checks), build nothing */
  check?: boolean;
  /** buildx `-o type=local|tar`: export the result's files (BuildResult.output) instead of creating an image */
  output?: { type: 'local' | 'tar' };
  /** legacy --cache-from: images whose history the steps may be taken from (moby image/cache ImageCache) */
  cacheFrom?: string[];
  /** legacy: remove intermediate containers (default true) */
  rm?: boolean;
  forceRm?: boolean;
}

/** Why a step was not taken from the cache (for the UI). */
export interface CacheMiss {
  /** 1-based Dockerfile line of the step */
  line: number;
  step: string;
  reason: 'no-cache' | 'first-build' | 'instruction-changed' | 'files-changed' | 'parent-changed' | 'base-changed';
  /** files that changed (COPY/ADD), relative to the context */
  files?: string[];
}

export interface BuildResult {
  /** sha256:... of the built image ('' on failure) */
  imageId: string;
  /** BuildKit: the failure as buildx prints it; legacy: the stream's error */
  failure?: BuildFailure;
  /** exit status the CLI uses (the RUN's exit code in legacy builds) */
  exitCode: number;
  cacheMisses: CacheMiss[];
  /** legacy: images committed by this build, in order (intermediate ones included) */
  committed: string[];
  /** tags applied (familiar strings) */
  tagged: string[];
  /** BuildKit build-check warnings (`JSONArgsRecommended: ... (line 5)`), printed by buildx after a successful build */
  warnings: string[];
  /** `--check`: the build-check warnings with their Dockerfile source, in line order */
  checks?: { rule: string; url: string; detail: string; source: ErrorSource }[];
  /** `-o type=local|tar`: the final stage's file system (absolute paths), for the client to write */
  output?: Map<string, Entry>;
}

export type BuildKitSink = (ev: BuildEvent) => void;
export type LegacySink = (m: JSONMessage) => void;

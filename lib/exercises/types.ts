/**
 * Exercises are data: a start state, a task, hints, a solution and checks. A check is a JSON-serialisable predicate
 * (CheckSpec) over the engine's state, evaluated through the EngineClient interface only (never over terminal text),
 * so that the same checks run in a lesson, in an assignment link and in the tests.
 */

/** Files by relative, slash-separated path (text only: exercises and assignments carry source files). */
export type FileMap = Record<string, string>;

export interface StartState {
  /** Workspace files written before anything runs. */
  files?: FileMap;
  /** Images pulled first (`docker pull <ref>`, one command each). */
  pull?: string[];
  /** Command lines replayed after the pulls. */
  commands?: string[];
}

export interface Solution {
  /** Files written (overwriting the start files of the same path) before the commands run. */
  files?: FileMap;
  commands: string[];
}

/** One condition on the engine's state. Refs are image references as a user types them (`nginx` = `nginx:latest`). */
export type CheckSpec =
  | { kind: 'imageExists'; ref: string }
  | { kind: 'imageAbsent'; ref: string }
  /** No image at all whose repository is `repo` (any tag). */
  | { kind: 'repoAbsent'; repo: string }
  | { kind: 'sameImage'; ref: string; other: string }
  | { kind: 'differentImage'; ref: string; other: string }
  | { kind: 'noDangling' }
  /** At most `max` images in `docker image ls` (top-level images, tagged or dangling). */
  | { kind: 'imageCountAtMost'; max: number }
  /** One of the image's history rows' CreatedBy matches `pattern` (a case-insensitive regular expression). */
  | { kind: 'historyMatches'; ref: string; pattern: string; what: string }
  | { kind: 'historyLacks'; ref: string; pattern: string; what: string }
  | { kind: 'exposes'; ref: string; port: string }
  | { kind: 'env'; ref: string; name: string; value?: string }
  | { kind: 'cmd'; ref: string; cmd: string[] }
  | { kind: 'entrypoint'; ref: string; entrypoint: string[] }
  | { kind: 'workdir'; ref: string; dir: string }
  | { kind: 'user'; ref: string; user: string }
  | { kind: 'label'; ref: string; key: string; value?: string }
  | { kind: 'volume'; ref: string; path: string }
  | { kind: 'healthcheck'; ref: string; contains: string }
  | { kind: 'stopSignal'; ref: string; signal: string }
  | { kind: 'shell'; ref: string; shell: string[] }
  | { kind: 'onbuild'; ref: string; contains: string }
  | { kind: 'author'; ref: string; author: string }
  | { kind: 'comment'; ref: string; comment: string }
  /** The image's layers start with all of `base`'s layers (it was built FROM base). */
  | { kind: 'basedOn'; ref: string; base: string }
  /** The image has a repo digest for `repo` (it was pushed to, or pulled from, a registry). */
  | { kind: 'pushed'; ref: string }
  /** A file exists in the image's file system (read from `docker save`), optionally containing `contains`. */
  | { kind: 'fileInImage'; ref: string; path: string; contains?: string }
  | { kind: 'fileNotInImage'; ref: string; path: string }
  /** A container named `name` exists, optionally in a given state and created from `image`. */
  | { kind: 'container'; name: string; state?: 'running' | 'exited' | 'created' | 'paused'; image?: string }
  | { kind: 'publishes'; name: string; hostPort: string; containerPort: string }
  /** The container's writable layer added or changed `path` (docker container diff). */
  | { kind: 'containerChanged'; name: string; path: string };

export interface Check { id: string; label: string; spec: CheckSpec }

export interface CheckResult { id: string; label: string; pass: boolean; detail: string }

export interface ExerciseDef {
  id: string;
  /** The slug of the lesson that holds it. */
  lesson: string;
  title: string;
  /** The task, in plain text; `backticks` mark code. */
  task: string;
  start: StartState;
  /** Revealed one by one. */
  hints: string[];
  solution: Solution;
  checks: Check[];
  /** A plausible wrong answer and the check it must fail (tests run it end to end). */
  wrong: Solution & { fails: string };
}

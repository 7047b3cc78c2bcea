/**
 * The exercise registry and the functions that drive a console into an exercise's start state or solution.
 * Checks only read the engine (see checks.ts); start states and solutions only type commands, as a student would.
 */
import type { EngineClient } from '../api/types';
import type { Console, ConsoleIO, Workspace } from '../console/types';
import { runCheckList } from './checks';
import { buildingImages } from './defs/building-images';
import { dockerCommit } from './defs/docker-commit';
import { dockerfileBaseAndCommands } from './defs/dockerfile-base-and-commands';
import { dockerfileEnvironmentAndFiles } from './defs/dockerfile-environment-and-files';
import { dockerfileMetadata } from './defs/dockerfile-metadata';
import { dockerignore } from './defs/dockerignore';
import { imagesAndContainers } from './defs/images-and-containers';
import { inspectingImages } from './defs/inspecting-images';
import { layeredFileSystem } from './defs/layered-file-system';
import { listingImages } from './defs/listing-images';
import { loginAndPush } from './defs/login-and-push';
import { parserDirectives } from './defs/parser-directives';
import { registriesAndRepositories } from './defs/registries-and-repositories';
import { removingImages } from './defs/removing-images';
import { searchAndPull } from './defs/search-and-pull';
import { taggingImages } from './defs/tagging-images';
import type { CheckResult, ExerciseDef, FileMap, Solution, StartState } from './types';

export type { Check, CheckResult, CheckSpec, ExerciseDef, FileMap, Solution, StartState } from './types';
export { evaluate, normalizeRef, runCheck, runCheckList, CHECK_KINDS } from './checks';

/** All exercises, in course order. */
export const exerciseList: readonly ExerciseDef[] = [
  ...imagesAndContainers,
  ...registriesAndRepositories,
  ...layeredFileSystem,
  ...listingImages,
  ...removingImages,
  ...inspectingImages,
  ...taggingImages,
  ...searchAndPull,
  ...buildingImages,
  ...dockerCommit,
  ...loginAndPush,
  ...dockerfileBaseAndCommands,
  ...dockerfileEnvironmentAndFiles,
  ...dockerfileMetadata,
  ...dockerignore,
  ...parserDirectives,
];

/** The registry by id. */
export const exercises: Readonly<Record<string, ExerciseDef>> = Object.fromEntries(exerciseList.map((e) => [e.id, e]));

export function exercisesOfLesson(slug: string): ExerciseDef[] {
  return exerciseList.filter((e) => e.lesson === slug);
}

/** Every image a start state or a solution pulls or builds from: the simulated registry must serve these. */
export const REQUIRED_IMAGES: readonly string[] = [
  'alpine:3.20', 'alpine:3.19', 'alpine:latest', 'busybox:latest', 'nginx:latest', 'ubuntu:18.10',
];

/** Evaluates every check of an exercise against the engine. */
export function runChecks(client: EngineClient, exercise: Pick<ExerciseDef, 'checks'>): Promise<CheckResult[]> {
  return runCheckList(client, exercise.checks);
}

// ---------- driving a console ----------

export interface ConsoleTarget {
  console: Console;
  workspace: Workspace;
}

export interface ReplayStep { line: string; code: number; stdout: string; stderr: string }

/**
 * A ConsoleIO that records output. The first line read is `y` (a replayed `docker image prune` without `-f` goes ahead,
 * as the student confirmed it when it ran), then end of input (so a command reading stdin until EOF never hangs).
 */
function recordingIO(columns = 120): ConsoleIO & { out: string; err: string } {
  let answered = false;
  const io = {
    out: '',
    err: '',
    isTTY: false,
    columns,
    stdout(data: string) {
      io.out += data;
    },
    stderr(data: string) {
      io.err += data;
    },
    async readLine(): Promise<string | null> {
      if (answered) return null;
      answered = true;
      return 'y';
    },
  };
  return io;
}

async function runLine(target: ConsoleTarget, line: string, io: ConsoleIO): Promise<number> {
  try {
    return await target.console.run(line, io);
  } catch (e) {
    io.stderr((e instanceof Error ? e.message : String(e)) + '\n');
    return 1;
  }
}

/**
 * Expands `$(command)` (not nested) by running the inner command and substituting its trimmed output, as a POSIX
 * shell would. The page's console has no command substitution; replays (solutions that need an image ID) do.
 */
export async function expandSubstitutions(target: ConsoleTarget, line: string): Promise<string> {
  let out = '';
  let rest = line;
  for (let m = /\$\(([^()]*)\)/.exec(rest); m; m = /\$\(([^()]*)\)/.exec(rest)) {
    const io = recordingIO();
    await runLine(target, m[1]!, io);
    out += rest.slice(0, m.index) + io.out.trim().split(/\s+/).join(' ');
    rest = rest.slice(m.index + m[0].length);
  }
  return out + rest;
}

/** Runs command lines one after the other; a failing line does not stop the replay (as in a terminal). */
export async function replay(target: ConsoleTarget, lines: readonly string[], onStep?: (s: ReplayStep) => void): Promise<ReplayStep[]> {
  const steps: ReplayStep[] = [];
  for (const raw of lines) {
    const line = raw.includes('$(') ? await expandSubstitutions(target, raw) : raw;
    const io = recordingIO();
    let code: number;
    try {
      code = await target.console.run(line, io);
    } catch (e) {
      io.err += (e instanceof Error ? e.message : String(e)) + '\n';
      code = 1;
    }
    const step = { line, code, stdout: io.out, stderr: io.err };
    steps.push(step);
    onStep?.(step);
  }
  return steps;
}

export function writeFiles(workspace: Workspace, files: FileMap | undefined): void {
  for (const [path, text] of Object.entries(files ?? {})) workspace.write(path, text);
}

/** The command lines of a start state: the pulls first, then the commands. */
export function startCommands(start: StartState): string[] {
  return [...(start.pull ?? []).map((ref) => `docker pull ${ref}`), ...(start.commands ?? [])];
}

/** Writes the start files and replays the pulls and commands. */
export async function applyStartState(target: ConsoleTarget, exercise: Pick<ExerciseDef, 'start'>, onStep?: (s: ReplayStep) => void): Promise<ReplayStep[]> {
  writeFiles(target.workspace, exercise.start.files);
  return replay(target, startCommands(exercise.start), onStep);
}

/** Writes the solution's files and types its commands (on top of the start state, which must be applied first). */
export async function applySolution(target: ConsoleTarget, solution: Solution, onStep?: (s: ReplayStep) => void): Promise<ReplayStep[]> {
  writeFiles(target.workspace, solution.files);
  return replay(target, solution.commands, onStep);
}

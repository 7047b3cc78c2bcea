/**
 * A fresh engine + workspace + console for one exercise, one lesson console, or one replayed submission.
 * Uses lib/engine's createEngine; while the engine does not yet implement every EngineClient method, `missing` lists
 * the absent ones (a call to one throws an EngineError that says so) and `complete` is false.
 */
import { EngineError } from '../api/errors';
import type { EngineClient } from '../api/types';
import type { Console, Workspace } from '../console/types';
import { createSession } from '../session';
import { ManualClock } from '../engine/clock';

/** Every EngineClient method, for checking an implementation at run time. */
export const ENGINE_CLIENT_METHODS = [
  'ping', 'version', 'info', 'diskUsage', 'imageList', 'imageInspect', 'imageHistory', 'imageRemove', 'imageTag', 'imagesPrune', 'imagePull',
  'imagePush', 'imageSearch', 'imageSave', 'imageLoad', 'imageImport', 'build', 'login', 'commit', 'containerList', 'containerCreate',
  'containerInspect', 'containerStart', 'containerStop', 'containerRestart', 'containerKill', 'containerPause', 'containerUnpause',
  'containerRemove', 'containerRename', 'containerLogs', 'containerDiff', 'containerTop', 'containerWait', 'containersPrune',
  'containerAttach', 'containerArchiveGet', 'containerArchivePut', 'execCreate', 'execStart', 'volumeList',
] as const satisfies readonly (keyof EngineClient)[];

/** What the lessons and exercises use; once the engine has all of these, lessons run on it. */
export const LESSON_METHODS = [
  'imageList', 'imageInspect', 'imageHistory', 'imageRemove', 'imageTag', 'imagesPrune', 'imagePull', 'imagePush', 'imageSearch', 'imageSave',
  'build', 'login', 'commit', 'containerList', 'containerCreate', 'containerInspect', 'containerStart', 'containerWait', 'containerAttach',
  'containerRemove', 'containerDiff',
] as const satisfies readonly (keyof EngineClient)[];

export interface Sandbox {
  client: EngineClient;
  console: Console;
  workspace: Workspace;
  /** EngineClient methods the engine does not implement yet. */
  missing: string[];
  complete: boolean;
  /** The engine implements every method of LESSON_METHODS. */
  readyForLessons: boolean;
}

/** The fixed start of a deterministic sandbox's clock (each reading advances it by one second). */
export const SANDBOX_EPOCH_MS = Date.UTC(2026, 0, 1);

/**
 * Wraps any object as an EngineClient, with `extra` methods for areas that live outside it (the builder); absent methods
 * throw a readable error instead of `undefined is not a function`.
 */
export function asEngineClient(impl: object, extra: Partial<EngineClient> = {}): { client: EngineClient; missing: string[] } {
  const record = impl as Record<string, unknown>;
  const more = extra as Record<string, unknown>;
  const missing = ENGINE_CLIENT_METHODS.filter((m) => typeof record[m] !== 'function' && typeof more[m] !== 'function');
  const client = new Proxy(impl, {
    get(target, prop, receiver) {
      const v = (Reflect.has(target, prop) ? Reflect.get(target, prop, receiver) : more[prop as string]) as unknown;
      if (typeof v === 'function') return (v as (...a: unknown[]) => unknown).bind(target);
      if (typeof prop === 'string' && (missing as string[]).includes(prop)) {
        return () => {
          throw new EngineError('system', `the simulated engine does not implement ${prop} yet`);
        };
      }
      return v;
    },
  }) as EngineClient;
  return { client, missing };
}

export interface SandboxOptions {
  deterministic?: boolean;
  seed?: string;
}

export function createSandbox(opts: SandboxOptions = {}): Sandbox {
  const clock = opts.deterministic ? new ManualClock(SANDBOX_EPOCH_MS, 1000) : { now: () => Date.now() };
  // The same composition as the playground (lib/session): engine with every area, workspace, console.
  const session = createSession({ clock, seed: opts.seed ?? 'exercise' });
  const { client, missing } = asEngineClient(session.engine);
  const console = session.console;
  const readyForLessons = LESSON_METHODS.every((m) => !missing.includes(m));
  return { client, console, workspace: session.workspace, missing, complete: missing.length === 0, readyForLessons };
}

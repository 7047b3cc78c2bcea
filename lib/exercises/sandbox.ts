/**
 * A fresh engine + workspace + console for one exercise, one lesson console, or one replayed submission.
 * Uses lib/engine's createEngine; while the engine does not yet implement every EngineClient method, `missing` lists
 * the absent ones (a call to one throws an EngineError that says so) and `complete` is false.
 */
import { EngineError } from '../api/errors';
import type { EngineClient } from '../api/types';
import { createConsole, MemoryWorkspace } from '../console';
import type { Console, Workspace } from '../console/types';
import { createEngine, getImage, type Engine } from '../engine';
import { writeTar, type TarWriteEntry } from '../api/tar-read';
import { createBuildKitFrontend, engineBuild, shellRun, type BuilderHost } from '../engine/builder';
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

/**
 * A stand-in for `docker save` while lib/engine has no imageSave: a tar with a manifest.json and one flattened layer
 * holding the image's files (generated "lazy" contents keep only their real head bytes). It serves the file checks
 * (fileInImage / fileNotInImage) and is not used once the engine implements imageSave (the engine's methods win).
 */
export function flattenedSave(engine: Engine): Partial<EngineClient> {
  if (typeof (engine as unknown as Record<string, unknown>).imageSave === 'function') return {};
  return {
    async imageSave(names: string[]) {
      const img = getImage(engine.state, names[0]!);
      const entries: TarWriteEntry[] = [];
      for (const [p, e] of engine.state.layers.view(img.topChain).entries) {
        if (p === '/') continue;
        const name = p.replace(/^\//, '');
        if (e.type === 'dir') entries.push({ name, type: 'dir' });
        else if (e.type === 'symlink') entries.push({ name, type: 'symlink', linkname: e.target });
        else entries.push({ name, data: e.data instanceof Uint8Array ? e.data : (e.data.head ?? new Uint8Array()) });
      }
      const enc = new TextEncoder();
      return writeTar([
        { name: 'blobs/sha256/flat', data: writeTar(entries) },
        { name: 'manifest.json', data: enc.encode(JSON.stringify([{ Config: 'config.json', RepoTags: [names[0]], Layers: ['blobs/sha256/flat'] }])) },
      ]);
    },
  };
}

export interface SandboxOptions {
  deterministic?: boolean;
  seed?: string;
  /** Extra EngineClient methods built over the engine; default: flattenedSave (until the engine has imageSave). */
  extra?: (engine: Engine) => Partial<EngineClient>;
}

export function createSandbox(opts: SandboxOptions = {}): Sandbox {
  const clock = opts.deterministic ? new ManualClock(SANDBOX_EPOCH_MS, 1000) : { now: () => Date.now() };
  const engine = createEngine({ clock, seed: opts.seed ?? 'exercise' });
  // The builder is its own area over the engine's state; RUN steps go through lib/shell (as in the playground).
  const host: BuilderHost = { state: engine.state, run: shellRun };
  const { client, missing } = asEngineClient(engine, { build: (context, options) => engineBuild(host, context, options), ...(opts.extra ?? flattenedSave)(engine) });
  const workspace = new MemoryWorkspace(() => clock.now());
  const console = createConsole({ client, workspace, now: () => clock.now(), buildkit: createBuildKitFrontend(host) });
  const readyForLessons = LESSON_METHODS.every((m) => !missing.includes(m));
  return { client, console, workspace, missing, complete: missing.length === 0, readyForLessons };
}

/**
 * The engine worker: hosts the workspace, the engine and the console, so a long build never freezes the page and a
 * runaway command can be stopped by terminating the worker (the page then restarts it from the last saved state).
 */
import type { EngineClient } from '@/lib/api/types';
import { bytesEqual } from '@/lib/engine/fs/bytes';
import type { ConsoleIO } from '@/lib/console/types';
import type { Backend } from './backend';
import type { BuildStepUpdate } from './build-steps';
import { defaultFiles } from './defaults';
import { kv } from './idb';
import type { FromWorker, InitOptions, PersistedState, PublishedPort, Query, QueryResult, ToWorker, WireFile } from './protocol';

/** The worker global, typed without the webworker lib (it clashes with the dom lib of the app's tsconfig). */
const ctx = globalThis as unknown as {
  postMessage(message: unknown, transfer: Transferable[]): void;
  onmessage: ((ev: MessageEvent<ToWorker>) => void) | null;
};

let backend: Backend | null = null;

/**
 * The engine's clock. While a command runs it reads the command's start time (`at`, chosen by the page; a share link
 * replays the sharer's readings), so what a quick command creates (image configs, container times) depends only on the
 * commands and their start times, and a replay is byte-identical. A command that runs longer than a second (an
 * interactive shell, docker stats, a long build) sees time pass from then on.
 */
const COMMAND_FREEZE_MS = 1000;
let frozenAt: number | null = null;
let frozenSince = 0;
function engineNow(): number {
  if (frozenAt === null) return Date.now();
  const now = Date.now();
  // Time spent while the shell interpreter's code was still loading does not count: a build that starts right after
  // the engine is up waits for it, and its replay (or the sharer's build) may find it loaded.
  const waited = Math.max(0, Math.min(now, shellLoadedAt ?? now) - frozenSince);
  return frozenAt + Math.max(0, now - frozenSince - waited - COMMAND_FREEZE_MS);
}
/** When just-bash (lib/shell/run) finished loading; null before. */
let shellLoadedAt: number | null = null;
let namespace: string | null = null;
let fromPage = false;
let filesTimer: ReturnType<typeof setTimeout> | null = null;
let persistTimer: ReturnType<typeof setTimeout> | null = null;
const aborts = new Map<number, AbortController>();
const stdinWaiters = new Map<number, (line: string | null) => void>();
const queue: ToWorker[] = [];


function post(msg: FromWorker, transfer: Transferable[] = []) {
  ctx.postMessage(msg, transfer);
}

function wireFiles(): WireFile[] {
  if (!backend) return [];
  return backend.workspace.list().map((f) => ({ path: f.path, data: f.data.slice(), mode: f.mode, mtime: f.mtime }));
}

async function persist() {
  if (!backend || namespace === null) return;
  let engine: unknown;
  try {
    engine = backend.snapshot();
  } catch {
    engine = undefined;
  }
  const state: PersistedState = { version: 1, files: wireFiles(), engine, savedAt: Date.now() };
  await kv.set(`${namespace}:state`, state);
}

function schedulePersist(delay = 300) {
  if (persistTimer) clearTimeout(persistTimer);
  persistTimer = setTimeout(() => {
    persistTimer = null;
    void persist();
  }, delay);
}

async function init(options: InitOptions) {
  namespace = options.namespace;
  let saved: PersistedState | undefined;
  if (namespace !== null && !options.fresh && !options.files) {
    saved = await kv.get<PersistedState>(`${namespace}:state`);
    if (saved && saved.version !== 1) saved = undefined;
  }
  const files = options.files ?? saved?.files ?? defaultFiles();
  // Show the files before the engine's code has loaded: the editor does not need the engine.
  post({ type: 'files', files });
  const { createBackend } = await import('./backend');
  try {
    backend = await createBackend({ files, engineState: saved?.engine, onBuildStep, now: engineNow });
  } catch (e) {
    // A saved engine state that no longer loads must not brick the playground: start clean with the files.
    backend = await createBackend({ files, onBuildStep, now: engineNow });
    saved = undefined;
    console.warn('engine state could not be restored', e);
  }
  backend.workspace.onChange(() => {
    schedulePersist();
    if (fromPage) return;
    if (filesTimer) return;
    filesTimer = setTimeout(() => {
      filesTimer = null;
      post({ type: 'files', files: wireFiles() });
    }, 30);
  });
  // Files the page created, renamed or deleted while the engine loaded wait in the queue: apply them before `ready`,
  // whose file list the page adopts, or they would vanish from the page.
  for (let i = 0; i < queue.length; ) {
    const m = queue[i]!;
    if (m.type === 'write' || m.type === 'remove' || m.type === 'rename') {
      queue.splice(i, 1);
      await handle(m);
    } else i++;
  }
  if (options.files || options.fresh) await persist();
  post({ type: 'ready', prompt: backend.console.prompt(), files: wireFiles(), engine: backend.kind, restored: !!saved });
  // The shell interpreter (just-bash) is a separate chunk: fetch it once the console is interactive, before the first RUN needs it.
  setTimeout(() => {
    void import('@/lib/shell/run')
      .then((m) => m.loadJustBash())
      .then(() => { shellLoadedAt = Date.now(); })
      .catch(() => { shellLoadedAt = Date.now(); });
  }, 50);
}

async function run(id: number, line: string, columns: number, isTTY: boolean, at?: number) {
  const b = backend!;
  const controller = new AbortController();
  aborts.set(id, controller);
  // Save edits still waiting for their timer first: a runaway command blocks timers, and a restart of the worker
  // (Ctrl+C that the command ignores) restores the last saved state.
  if (persistTimer) {
    clearTimeout(persistTimer);
    persistTimer = null;
    await persist().catch(() => undefined);
  }
  const io: ConsoleIO = {
    stdout: (data) => post({ type: 'out', id, stream: 'stdout', data }),
    stderr: (data) => post({ type: 'out', id, stream: 'stderr', data }),
    readLine: () =>
      new Promise<string | null>((resolve) => {
        if (controller.signal.aborted) return resolve(null);
        stdinWaiters.set(id, resolve);
        post({ type: 'readLine', id });
      }),
    isTTY,
    columns,
    signal: controller.signal,
  };
  let code: number;
  frozenAt = at ?? Date.now();
  frozenSince = Date.now();
  try {
    code = await b.console.run(line, io);
  } catch (e) {
    io.stderr(`${e instanceof Error ? e.message : String(e)}\n`);
    code = 1;
  } finally {
    frozenAt = null;
  }
  aborts.delete(id);
  stdinWaiters.delete(id);
  post({ type: 'done', id, code, prompt: b.console.prompt() });
  post({ type: 'changed' });
  schedulePersist(0);
}

function onBuildStep(update: BuildStepUpdate) {
  post({ type: 'buildStep', update });
}

/** Published host ports of running containers, in port order. */
async function publishedPorts(client: EngineClient): Promise<PublishedPort[]> {
  const out: PublishedPort[] = [];
  for (const c of await client.containerList({})) {
    for (const p of c.Ports ?? []) {
      if (p.PublicPort === undefined || out.some((o) => o.hostPort === p.PublicPort)) continue;
      out.push({ hostPort: p.PublicPort, containerPort: p.PrivatePort, protocol: p.Type, container: (c.Names?.[0] ?? c.Id.slice(0, 12)).replace(/^\//, ''), image: c.Image });
    }
  }
  return out.sort((a, b) => a.hostPort - b.hostPort);
}

async function query(q: Query): Promise<QueryResult> {
  const client = backend?.client;
  if (q.kind === 'mtimes') return { kind: 'mtimes', mtimes: Object.fromEntries((backend?.workspace.list() ?? []).map((f) => [f.path, f.mtime])) };
  if (q.kind === 'ports') return { kind: 'ports', ports: client ? await publishedPorts(client).catch(() => []) : [] };
  if (q.kind === 'http') {
    try {
      const r = backend?.httpRequest?.(q.port, q.path) ?? null;
      return { kind: 'http', response: r && { status: r.status, body: r.body, contentType: r.contentType ?? 'text/html' } };
    } catch (e) {
      return { kind: 'error', message: e instanceof Error ? e.message : String(e) };
    } finally {
      schedulePersist(); // the server's access log grew
    }
  }
  if (q.kind === 'layers' || q.kind === 'layerFiles') {
    const b = backend;
    try {
      if (q.kind === 'layers') {
        if (!b?.explainImage) return { kind: 'error', message: 'The engine is loading…' };
        return { kind: 'layers', explanation: b.explainImage(q.ref, q.container) };
      }
      return { kind: 'layerFiles', files: b?.layerFiles?.(q.ref, q.layer, q.cumulative, q.container) ?? [] };
    } catch (e) {
      return { kind: 'error', message: e instanceof Error ? e.message : String(e) };
    }
  }
  if (!client) return q.kind === 'images' ? { kind: 'images', images: [] } : { kind: 'history', history: [] };
  try {
    if (q.kind === 'images') return { kind: 'images', images: await client.imageList({}) };
    return { kind: 'history', history: await client.imageHistory(q.ref) };
  } catch (e) {
    return { kind: 'error', message: e instanceof Error ? e.message : String(e) };
  }
}

async function handle(msg: ToWorker) {
  switch (msg.type) {
    case 'init':
      await init(msg.options);
      return;
    case 'run':
      void run(msg.id, msg.line, msg.columns, msg.isTTY, msg.at);
      return;
    case 'stdin': {
      const w = stdinWaiters.get(msg.id);
      stdinWaiters.delete(msg.id);
      w?.(msg.line);
      return;
    }
    case 'abort': {
      aborts.get(msg.id)?.abort();
      const w = stdinWaiters.get(msg.id);
      stdinWaiters.delete(msg.id);
      w?.(null);
      return;
    }
    case 'complete': {
      let result = { items: [] as string[], start: msg.cursor };
      try {
        result = await backend!.console.complete(msg.line, msg.cursor);
      } catch {
        /* no completion */
      }
      post({ type: 'completion', id: msg.id, result });
      return;
    }
    case 'write':
      fromPage = true;
      try {
        // The same bytes again (an editor syncing on mount) keep the file's time: COPY puts it in the layer.
        const prev = backend!.workspace.read(msg.path);
        if (prev && (msg.mode === undefined || msg.mode === prev.mode) && bytesEqual(prev.data, msg.data)) return;
        backend!.workspace.write(msg.path, msg.data, msg.mode);
      } finally {
        fromPage = false;
      }
      return;
    case 'remove':
      fromPage = true;
      try {
        backend!.workspace.remove(msg.path);
      } finally {
        fromPage = false;
      }
      return;
    case 'rename':
      fromPage = true;
      try {
        backend!.workspace.rename(msg.from, msg.to);
      } finally {
        fromPage = false;
      }
      return;
    case 'query':
      post({ type: 'queryResult', id: msg.id, result: await query(msg.query) });
      return;
    case 'flush':
      await persist();
      post({ type: 'flushed', id: msg.id });
      return;
  }
}

// Messages before init completes wait in a queue; `run` is not awaited so that stdin/abort can arrive meanwhile.
let ready = false;
ctx.onmessage = (ev: MessageEvent<ToWorker>) => {
  const msg = ev.data;
  if (!ready && msg.type !== 'init') {
    queue.push(msg);
    return;
  }
  if (msg.type === 'init') {
    handle(msg)
      .then(async () => {
        ready = true;
        while (queue.length) await handle(queue.shift()!);
      })
      .catch((e: unknown) => post({ type: 'fatal', message: e instanceof Error ? e.message : String(e) }));
    return;
  }
  void handle(msg).catch((e: unknown) => post({ type: 'fatal', message: e instanceof Error ? e.message : String(e) }));
};

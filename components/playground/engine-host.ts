/**
 * The page side of the engine worker: a Console proxy for the terminal, workspace edits for the editor, queries for
 * the image panel, and a watchdog that restarts the worker from its last saved state when Ctrl+C cannot stop a command.
 */
import type { CompletionResult, Console, ConsoleIO } from '@/lib/console/types';
import type { BuildStepUpdate, FromWorker, InitOptions, Query, QueryResult, ToWorker, WireFile } from './protocol';

export interface HostEvents {
  onReady?(info: { files: WireFile[]; engine: 'real' | 'loading'; restored: boolean }): void;
  onFiles?(files: WireFile[]): void;
  /** After every command: the engine's state may have changed. */
  onChanged?(): void;
  onRestart?(reason: string): void;
  /** The step a build is running (the editor highlights it), its failure, or its end. */
  onBuildStep?(update: BuildStepUpdate): void;
}

function spawnWorker(): Worker {
  return new Worker(new URL('./engine.worker.ts', import.meta.url), { type: 'module', name: 'docker-engine' });
}

/** A worker started before the page hydrated (prestartEngineWorker); the first EngineHost adopts it. */
let prestarted: Worker | null = null;

/**
 * Starts the engine worker at once (call it when the page's script is evaluated, before hydration), so that its code
 * loads while the page hydrates; the first EngineHost created adopts it and sends it `init`.
 */
export function prestartEngineWorker(): void {
  if (prestarted || typeof Worker === 'undefined') return;
  try {
    prestarted = spawnWorker();
  } catch {
    prestarted = null;
  }
}

/** How long a command may ignore Ctrl+C before the worker is terminated and restarted. */
const ABORT_GRACE_MS = 1500;

interface Pending {
  io: ConsoleIO;
  resolve(code: number): void;
}

export class EngineHost implements Console {
  private worker: Worker | null = null;
  private nextId = 1;
  private runs = new Map<number, Pending>();
  private completions = new Map<number, (r: CompletionResult) => void>();
  private queries = new Map<number, (r: QueryResult) => void>();
  private flushes = new Map<number, () => void>();
  private currentPrompt = '$ ';
  private readyPromise: Promise<void>;
  private markReady!: () => void;
  private lastFiles: WireFile[] = [];
  private disposed = false;

  constructor(private options: InitOptions, private events: HostEvents = {}) {
    this.readyPromise = new Promise((r) => (this.markReady = r));
    this.start(options);
  }

  get ready(): Promise<void> {
    return this.readyPromise;
  }

  private start(options: InitOptions) {
    const worker = prestarted ?? spawnWorker();
    prestarted = null;
    this.worker = worker;
    worker.onmessage = (ev: MessageEvent<FromWorker>) => this.receive(ev.data);
    worker.onerror = (ev) => {
      console.error('engine worker error', ev.message);
    };
    this.send({ type: 'init', options });
  }

  private send(msg: ToWorker, transfer: Transferable[] = []) {
    this.worker?.postMessage(msg, transfer);
  }

  private receive(msg: FromWorker) {
    switch (msg.type) {
      case 'ready':
        this.currentPrompt = msg.prompt;
        this.lastFiles = msg.files;
        this.events.onReady?.({ files: msg.files, engine: msg.engine, restored: msg.restored });
        this.markReady();
        return;
      case 'out': {
        const p = this.runs.get(msg.id);
        if (!p) return;
        if (msg.stream === 'stdout') p.io.stdout(msg.data);
        else p.io.stderr(msg.data);
        return;
      }
      case 'readLine': {
        const p = this.runs.get(msg.id);
        if (!p) return;
        void p.io.readLine().then((line) => this.send({ type: 'stdin', id: msg.id, line }));
        return;
      }
      case 'done': {
        this.currentPrompt = msg.prompt;
        const p = this.runs.get(msg.id);
        this.runs.delete(msg.id);
        p?.resolve(msg.code);
        return;
      }
      case 'completion':
        this.completions.get(msg.id)?.(msg.result);
        this.completions.delete(msg.id);
        return;
      case 'files':
        this.lastFiles = msg.files;
        this.events.onFiles?.(msg.files);
        return;
      case 'changed':
        this.events.onChanged?.();
        return;
      case 'queryResult':
        this.queries.get(msg.id)?.(msg.result);
        this.queries.delete(msg.id);
        return;
      case 'flushed':
        this.flushes.get(msg.id)?.();
        this.flushes.delete(msg.id);
        return;
      case 'fatal':
        console.error('engine worker:', msg.message);
        return;
      case 'buildStep':
        this.events.onBuildStep?.(msg.update);
        return;
    }
  }

  // ---------- Console ----------
  prompt(): string {
    return this.currentPrompt;
  }

  /** Clock readings to give the next commands (a share link's replay), in order. */
  private replayTimes: number[] = [];
  /** The commands this page ran and the engine clock's reading for each (share links carry them). */
  readonly ran: { line: string; at: number }[] = [];

  /** The next commands run with these clock readings instead of the current time (replaying a share link). */
  setReplayTimes(times: readonly number[]): void {
    this.replayTimes = [...times];
  }

  async run(line: string, io: ConsoleIO): Promise<number> {
    await this.readyPromise;
    const id = this.nextId++;
    const at = this.replayTimes.shift() ?? Date.now();
    this.ran.push({ line, at });
    if (this.ran.length > 400) this.ran.splice(0, this.ran.length - 400);
    return new Promise<number>((resolve) => {
      let settled = false;
      const finish = (code: number) => {
        if (settled) return;
        settled = true;
        resolve(code);
      };
      this.runs.set(id, { io, resolve: finish });
      io.signal?.addEventListener(
        'abort',
        () => {
          this.send({ type: 'abort', id });
          setTimeout(() => {
            if (settled || !this.runs.has(id)) return;
            // The command ignores the signal (a runaway loop): stop the worker and restore the last saved state.
            this.runs.delete(id);
            this.restart('the command did not stop');
            finish(130);
          }, ABORT_GRACE_MS);
        },
        { once: true },
      );
      this.send({ type: 'run', id, line, columns: io.columns, isTTY: io.isTTY, at });
    });
  }

  async complete(line: string, cursor: number): Promise<CompletionResult> {
    await this.readyPromise;
    const id = this.nextId++;
    return new Promise((resolve) => {
      this.completions.set(id, resolve);
      this.send({ type: 'complete', id, line, cursor });
      setTimeout(() => {
        if (this.completions.delete(id)) resolve({ items: [], start: cursor });
      }, 2000);
    });
  }

  // ---------- workspace ----------
  // The page's own edits update lastFiles too: a restart without persistence (embeds) starts from them.
  write(path: string, data: Uint8Array, mode?: number) {
    const old = this.lastFiles.find((f) => f.path === path);
    this.lastFiles = [...this.lastFiles.filter((f) => f.path !== path), { path, data, mode: mode ?? old?.mode ?? 0o644 }];
    this.send({ type: 'write', path, data, mode });
  }
  remove(path: string) {
    this.lastFiles = this.lastFiles.filter((f) => f.path !== path);
    this.send({ type: 'remove', path });
  }
  rename(from: string, to: string) {
    this.lastFiles = this.lastFiles.filter((f) => f.path !== to).map((f) => (f.path === from ? { ...f, path: to } : f));
    this.send({ type: 'rename', from, to });
  }

  async query(query: Query): Promise<QueryResult> {
    await this.readyPromise;
    const id = this.nextId++;
    return new Promise((resolve) => {
      this.queries.set(id, resolve);
      this.send({ type: 'query', id, query });
    });
  }

  /** Resolves once the worker has saved its state (before a reload, say). */
  async flush(): Promise<void> {
    await this.readyPromise;
    const id = this.nextId++;
    return new Promise((resolve) => {
      this.flushes.set(id, resolve);
      this.send({ type: 'flush', id });
    });
  }

  /** Terminates the worker and starts a new one from the last saved state (or the last known files when not persisting). */
  restart(reason: string) {
    if (this.disposed) return;
    this.worker?.terminate();
    for (const [, p] of this.runs) p.resolve(130);
    this.runs.clear();
    for (const [, c] of this.completions) c({ items: [], start: 0 });
    this.completions.clear();
    this.readyPromise = new Promise((r) => (this.markReady = r));
    const options: InitOptions =
      this.options.namespace === null ? { namespace: null, files: this.lastFiles } : { namespace: this.options.namespace };
    this.events.onRestart?.(reason);
    this.start(options);
  }

  dispose() {
    this.disposed = true;
    this.worker?.terminate();
    this.worker = null;
  }
}

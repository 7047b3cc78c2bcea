/**
 * A console session for the lesson pages: runs command lines one at a time on a LessonBackend, keeps the transcript,
 * answers prompts (`[y/N]`) from the input box, and notifies React subscribers. A light alternative to xterm for
 * the many small consoles of the lessons.
 */
import type { ConsoleIO } from '@/lib/console/types';
import type { LessonBackend } from './backend';

export type Chunk = { kind: 'cmd' | 'out' | 'err' | 'info'; text: string; prompt?: string };

// eslint-disable-next-line no-control-regex
const ANSI = /\x1b\[[0-9;?]*[A-Za-z]|\x1b\][^\x07]*\x07/g;
const CLEAR = /\x1b\[(2J|3J|H)/;

export class ConsoleSession {
  chunks: Chunk[] = [];
  busy = false;
  /** Set while a command waits for a line (a prompt). */
  waitingForInput = false;
  private listeners = new Set<() => void>();
  private queue: { line: string; resolve: (code: number) => void }[] = [];
  private pendingInput: ((line: string | null) => void) | null = null;
  private abort: AbortController | null = null;
  version = 0;

  constructor(readonly backend: LessonBackend) {}

  subscribe(fn: () => void): () => void {
    this.listeners.add(fn);
    return () => this.listeners.delete(fn);
  }
  private emit() {
    this.version++;
    for (const fn of this.listeners) fn();
  }

  print(kind: Chunk['kind'], text: string) {
    if (CLEAR.test(text)) {
      this.chunks = [];
      text = text.replace(ANSI, '');
    }
    const clean = text.replace(ANSI, '').replace(/\r\n/g, '\n');
    if (!clean) return this.emit();
    const last = this.chunks[this.chunks.length - 1];
    if (last && last.kind === kind && kind !== 'cmd') last.text += clean;
    else this.chunks.push({ kind, text: clean });
    if (this.chunks.length > 400) this.chunks.splice(0, this.chunks.length - 400);
    this.emit();
  }

  prompt(): string {
    return this.backend.console.prompt();
  }

  /** Queues a command line; resolves with its exit status. */
  run(line: string): Promise<number> {
    return new Promise((resolve) => {
      this.queue.push({ line, resolve });
      void this.pump();
    });
  }

  /** Sends typed text: to the waiting prompt if any, else runs it as a command. */
  submit(line: string): void {
    if (this.pendingInput) {
      const r = this.pendingInput;
      this.pendingInput = null;
      this.waitingForInput = false;
      this.print('out', line + '\n');
      r(line);
      return;
    }
    void this.run(line);
  }

  interrupt(): void {
    if (this.pendingInput) {
      const r = this.pendingInput;
      this.pendingInput = null;
      this.waitingForInput = false;
      r(null);
    }
    this.abort?.abort();
  }

  clear(): void {
    this.chunks = [];
    this.emit();
  }

  private async pump() {
    if (this.busy) return;
    const next = this.queue.shift();
    if (!next) return;
    this.busy = true;
    this.chunks.push({ kind: 'cmd', text: next.line, prompt: this.prompt() });
    this.emit();
    const abort = new AbortController();
    this.abort = abort;
    const io: ConsoleIO = {
      stdout: (d) => this.print('out', d),
      stderr: (d) => this.print('err', d),
      readLine: () =>
        new Promise((resolve) => {
          this.pendingInput = resolve;
          this.waitingForInput = true;
          this.emit();
        }),
      isTTY: false,
      columns: 100,
      signal: abort.signal,
    };
    let code = 1;
    try {
      code = await this.backend.console.run(next.line, io);
    } catch (e) {
      this.print('err', (e instanceof Error ? e.message : String(e)) + '\n');
    }
    this.abort = null;
    this.busy = false;
    this.emit();
    next.resolve(code);
    void this.pump();
  }
}

/**
 * A shell session on an xterm.js terminal: prompt, line editing, history, reverse search, completion, Ctrl+C,
 * type-ahead and readLine for commands that ask (`[y/N]`, interactive container shells). It drives any Console.
 */
import type { Console, ConsoleIO } from '@/lib/console/types';
import { History, LineBuffer, commonPrefix, formatColumns, splitKeys } from './line-editor';

/** The part of xterm's Terminal the session uses (kept small so it can be faked). */
export interface TerminalSurface {
  readonly cols: number;
  write(data: string, callback?: () => void): void;
  readonly buffer: { readonly active: { readonly cursorX: number } };
}

export interface SessionOptions {
  history?: string[];
  onHistoryChange?(entries: readonly string[]): void;
  /** Called when a command starts and ends (toolbar spinners, image panel refresh). */
  onBusyChange?(busy: boolean): void;
  /** Every non-empty command line the user (or runCommand) submitted, with its exit code once done. */
  onCommand?(line: string, code: number): void;
}

type Mode = 'idle' | 'busy' | 'read' | 'search';

const ESC = '\x1b';

function visibleWidth(s: string): number {
  return s.replace(/\x1b\[[0-9;?]*[A-Za-z]/g, '').length;
}

function colorPrompt(prompt: string): string {
  // `$ ` / `# ` / `/ # `: dim path, bright sigil. Purely cosmetic; the text is the console's.
  const m = /^(.*?)([$#>] )$/.exec(prompt);
  if (!m) return prompt;
  return `${m[1] ? `\x1b[38;5;110m${m[1]}\x1b[0m` : ''}\x1b[38;5;114m${m[2]}\x1b[0m`;
}

export class ShellSession {
  private line = new LineBuffer();
  private history: History;
  private mode: Mode = 'idle';
  /** Column where the current line (prompt included) began. */
  private baseCol = 0;
  /** Row of the terminal cursor relative to the row where the line began. */
  private cursorRow = 0;
  private promptText = '';
  private pendingInput: string[] = [];
  private commandQueue: { line: string; resolve(code: number): void }[] = [];
  private abort: AbortController | null = null;
  private readResolve: ((line: string | null) => void) | null = null;
  private lastTab = '';
  private search = { query: '', index: -1, match: '', failed: false };
  /** History of the lines typed to an interactive container shell (`docker run -it ... sh`), kept apart. */
  private shellHistory = new History();
  /** The end of the last output: a read that follows a shell prompt (`/ # `) gets arrow-key history. */
  private outputTail = '';
  private readIsShell = false;
  private started = false;
  lastExitCode = 0;

  constructor(private term: TerminalSurface, private console: Console, private options: SessionOptions = {}) {
    this.history = new History(options.history ?? []);
  }

  get busy(): boolean {
    return this.mode === 'busy' || this.mode === 'read';
  }

  /** Prints an optional banner and the first prompt. */
  async start(banner?: string) {
    if (this.started) return;
    this.started = true;
    if (banner) this.term.write(banner);
    await this.showPrompt();
  }

  setHistory(entries: string[]) {
    this.history = new History(entries);
  }

  // ---------- input ----------
  /** Feed xterm's onData here. */
  input(data: string) {
    for (const key of splitKeys(data)) {
      if (this.mode === 'busy') {
        if (key === '\x03') this.interrupt();
        else this.pendingInput.push(key);
        continue;
      }
      if (this.completing) {
        // Keys typed while a completion is on its way apply after it, in order (like a real shell).
        this.pendingInput.push(key);
        continue;
      }
      if (this.pendingInput.length > 0 && this.mode !== 'read') {
        this.pendingInput.push(key);
        continue;
      }
      this.key(key);
    }
  }

  /** Types and runs a command as if the user had entered it (Build button, share-link replays). */
  runCommand(line: string): Promise<number> {
    return new Promise((resolve) => {
      this.commandQueue.push({ line, resolve });
      if (this.mode === 'idle' && this.started) void this.drainQueue();
    });
  }

  /** Ctrl+L */
  clearScreen() {
    if (this.mode === 'idle' || this.mode === 'search') {
      this.term.write(`${ESC}[H${ESC}[2J${ESC}[3J`);
      this.baseCol = 0;
      this.cursorRow = 0;
      this.render(true);
    } else {
      this.term.write(`${ESC}[H${ESC}[2J${ESC}[3J`);
    }
  }

  private key(key: string): void {
    if (this.mode === 'search') return this.searchKey(key);
    const read = this.mode === 'read';
    if (key !== '\t') this.lastTab = '';
    switch (key) {
      case '\r':
      case '\n':
        return void this.submit();
      case '\x7f':
      case '\b':
        if (this.line.backspace()) this.render();
        return;
      case `${ESC}[3~`:
        if (this.line.del()) this.render();
        return;
      case `${ESC}[D`:
      case '\x02':
        this.line.left();
        return this.placeCursor();
      case `${ESC}[C`:
      case '\x06':
        this.line.right();
        return this.placeCursor();
      case `${ESC}[H`:
      case `${ESC}OH`:
      case `${ESC}[1~`:
      case '\x01':
        this.line.home();
        return this.placeCursor();
      case `${ESC}[F`:
      case `${ESC}OF`:
      case `${ESC}[4~`:
      case '\x05':
        this.line.end();
        return this.placeCursor();
      case `${ESC}[1;5D`:
      case `${ESC}[1;3D`:
      case `${ESC}b`:
        this.line.wordLeft();
        return this.placeCursor();
      case `${ESC}[1;5C`:
      case `${ESC}[1;3C`:
      case `${ESC}f`:
        this.line.wordRight();
        return this.placeCursor();
      case '\x0b':
        this.line.killToEnd();
        return this.render();
      case '\x15':
        this.line.killToStart();
        return this.render();
      case '\x17':
      case `${ESC}\x7f`:
        this.line.killWordBack();
        return this.render();
      case '\x19':
        this.line.yank();
        return this.render();
      case `${ESC}[A`:
      case '\x10': {
        if (read) {
          if (!this.readIsShell) return;
          const prev = this.shellHistory.prev(this.line.text);
          if (prev !== undefined) {
            this.line.set(prev);
            this.render();
          }
          return;
        }
        const prev = this.history.prev(this.line.text);
        if (prev !== undefined) {
          this.line.set(prev);
          this.render();
        }
        return;
      }
      case `${ESC}[B`:
      case '\x0e': {
        if (read) {
          if (!this.readIsShell) return;
          const next = this.shellHistory.next();
          if (next !== undefined) {
            this.line.set(next);
            this.render();
          }
          return;
        }
        const next = this.history.next();
        if (next !== undefined) {
          this.line.set(next);
          this.render();
        }
        return;
      }
      case '\x03':
        return this.interrupt();
      case '\x04':
        if (read && this.line.text === '') return this.finishRead(null);
        if (this.line.del()) this.render();
        return;
      case '\x0c':
        return this.clearScreen();
      case '\x12':
        if (read) return;
        return this.enterSearch();
      case '\t':
        if (read) return;
        return void this.completeWord();
      default:
        if (key.startsWith(ESC)) return; // unhandled escape sequences (F-keys...)
        if (key < ' ') return; // other control characters
        this.line.insert(key);
        if (this.line.pos === this.line.text.length) this.writeAppend(key);
        else this.render();
    }
  }

  // ---------- rendering ----------
  private get prefixWidth(): number {
    return this.mode === 'search' ? visibleWidth(this.searchPrefix()) : visibleWidth(this.promptText);
  }

  private searchPrefix(): string {
    return `(${this.search.failed ? 'failed ' : ''}reverse-i-search)\`${this.search.query}': `;
  }

  /** Fast path for typing at the end of the line. */
  private writeAppend(s: string) {
    const cols = this.term.cols;
    const end = this.baseCol + this.prefixWidth + this.line.text.length;
    let out = s;
    if (end % cols === 0) out += '\r\n';
    this.term.write(out);
    this.cursorRow = Math.floor(end / cols);
  }

  /** Redraws the line (and the prompt when `withPrompt` or in search mode) and puts the cursor at its place. */
  private render(withPrompt = false) {
    const cols = this.term.cols;
    let out = '';
    if (this.cursorRow > 0) out += `${ESC}[${this.cursorRow}A`;
    const prefix = this.mode === 'search' ? this.searchPrefix() : this.promptText;
    const rewritePrefix = withPrompt || this.mode === 'search' || this.searchJustEnded;
    this.searchJustEnded = false;
    const start = this.baseCol + (rewritePrefix ? 0 : visibleWidth(prefix));
    const startRow = Math.floor(start / cols);
    if (startRow > 0) out += `${ESC}[${startRow}B`;
    out += `${ESC}[${(start % cols) + 1}G${ESC}[J`;
    if (rewritePrefix) out += this.mode === 'search' ? prefix : colorPrompt(prefix);
    const text = this.mode === 'search' ? this.search.match : this.line.text;
    out += text;
    const prefixWidth = visibleWidth(prefix);
    const end = this.baseCol + prefixWidth + text.length;
    const endRow = Math.floor(end / cols);
    if (end % cols === 0 && end > 0) out += '\r\n';
    const cursorIndex = this.mode === 'search' ? this.searchCursor() : this.line.pos;
    const cur = this.baseCol + prefixWidth + cursorIndex;
    const curRow = Math.floor(cur / cols);
    if (endRow > curRow) out += `${ESC}[${endRow - curRow}A`;
    out += `${ESC}[${(cur % cols) + 1}G`;
    this.cursorRow = curRow;
    this.term.write(out);
  }

  private searchJustEnded = false;

  private searchCursor(): number {
    const i = this.search.match.indexOf(this.search.query);
    return i < 0 ? 0 : i;
  }

  private placeCursor() {
    const cols = this.term.cols;
    const cur = this.baseCol + this.prefixWidth + this.line.pos;
    const row = Math.floor(cur / cols);
    let out = '';
    if (row < this.cursorRow) out += `${ESC}[${this.cursorRow - row}A`;
    else if (row > this.cursorRow) out += `${ESC}[${row - this.cursorRow}B`;
    out += `${ESC}[${(cur % cols) + 1}G`;
    this.cursorRow = row;
    this.term.write(out);
  }

  /** Moves the cursor below the line (before output or a new prompt). */
  private leaveLine() {
    const cols = this.term.cols;
    const end = this.baseCol + this.prefixWidth + (this.mode === 'search' ? this.search.match.length : this.line.text.length);
    const endRow = Math.floor(end / cols) - (end % cols === 0 && end > 0 ? 1 : 0);
    let out = '';
    if (endRow > this.cursorRow) out += `${ESC}[${endRow - this.cursorRow}B`;
    this.term.write(out + '\r\n');
    this.cursorRow = 0;
  }

  private flushed(): Promise<void> {
    return new Promise((resolve) => this.term.write('', resolve));
  }

  private async showPrompt() {
    await this.flushed();
    this.mode = 'idle';
    this.promptText = this.console.prompt();
    this.baseCol = this.term.buffer.active.cursorX;
    this.cursorRow = 0;
    this.line.set('');
    this.history.resetCursor();
    this.render(true);
    if (this.commandQueue.length > 0) return void this.drainQueue();
    if (this.pendingInput.length > 0) {
      const keys = this.pendingInput;
      this.pendingInput = [];
      this.input(keys.join(''));
    }
  }

  private async drainQueue() {
    const next = this.commandQueue.shift();
    if (!next) return;
    this.line.set(next.line);
    this.render();
    const code = await this.submit();
    next.resolve(code);
  }

  // ---------- running ----------
  private async submit(): Promise<number> {
    if (this.mode === 'read') {
      const text = this.line.text;
      this.leaveLine();
      this.finishRead(text);
      return 0;
    }
    const line = this.line.text;
    this.line.end();
    this.leaveLine();
    this.history.add(line);
    this.options.onHistoryChange?.(this.history.all);
    if (line.trim() === '') {
      await this.showPrompt();
      return this.lastExitCode;
    }
    this.mode = 'busy';
    this.options.onBusyChange?.(true);
    this.abort = new AbortController();
    const term = this.term;
    const io: ConsoleIO = {
      stdout: (data) => {
        this.noteOutput(data);
        term.write(data);
      },
      stderr: (data) => {
        this.noteOutput(data);
        term.write(data);
      },
      readLine: () => this.beginRead(),
      isTTY: true,
      columns: term.cols,
      signal: this.abort.signal,
    };
    let code: number;
    try {
      code = await this.console.run(line, io);
    } catch (e) {
      term.write(`${e instanceof Error ? e.message : String(e)}\r\n`);
      code = 1;
    }
    this.abort = null;
    this.readResolve = null;
    this.lastExitCode = code;
    this.options.onBusyChange?.(false);
    this.options.onCommand?.(line, code);
    await this.showPrompt();
    return code;
  }

  private noteOutput(data: string) {
    this.outputTail = (this.outputTail + data).slice(-80);
  }

  private async beginRead(): Promise<string | null> {
    if (this.abort?.signal.aborted) return null;
    await this.flushed();
    return new Promise((resolve) => {
      this.mode = 'read';
      this.readResolve = resolve;
      // A shell prompt (`/ # `, `root@abc:/# `, `$ `) rather than a question (`[y/N] `, `Password: `).
      this.readIsShell = /[#$] $/.test(this.outputTail);
      this.shellHistory.resetCursor();
      this.promptText = '';
      this.baseCol = this.term.buffer.active.cursorX;
      this.cursorRow = 0;
      this.line.set('');
      // Keys typed ahead while the command was working belong to this read.
      if (this.pendingInput.length > 0) {
        const keys = this.pendingInput;
        this.pendingInput = [];
        this.input(keys.join(''));
      }
    });
  }

  private finishRead(text: string | null) {
    if (text && this.readIsShell) this.shellHistory.add(text);
    this.outputTail = '';
    const resolve = this.readResolve;
    this.readResolve = null;
    this.mode = 'busy';
    this.line.set('');
    resolve?.(text);
  }

  private interrupt() {
    if (this.mode === 'busy' || this.mode === 'read') {
      this.term.write('^C\r\n');
      this.cursorRow = 0;
      this.pendingInput = [];
      const reading = this.mode === 'read';
      this.abort?.abort();
      if (reading) this.finishRead(null);
      return;
    }
    if (this.mode === 'search') this.mode = 'idle';
    this.line.end();
    this.render();
    this.term.write('^C');
    this.leaveLine();
    this.lastExitCode = 130;
    this.history.resetCursor();
    void this.showPrompt();
  }

  // ---------- completion ----------
  private completing = false;

  private async completeWord() {
    this.completing = true;
    try {
      await this.completeWordNow();
    } finally {
      this.completing = false;
      if (this.pendingInput.length > 0 && this.mode === 'idle') {
        const keys = this.pendingInput;
        this.pendingInput = [];
        this.input(keys.join(''));
      }
    }
  }

  private async completeWordNow() {
    const before = this.line.text;
    const pos = this.line.pos;
    const { items, start } = await this.console.complete(before, pos);
    if (this.mode !== 'idle' || this.line.text !== before || this.line.pos !== pos) return; // typed meanwhile
    const word = before.slice(start, pos);
    const unique = [...new Set(items)].sort();
    if (unique.length === 0) return;
    if (unique.length === 1) {
      const item = unique[0]!;
      const tail = before.slice(pos);
      const addSpace = !/[/=:]$/.test(item) && !tail.startsWith(' ');
      this.line.set(before.slice(0, start) + item + (addSpace ? ' ' : '') + tail, start + item.length + (addSpace ? 1 : 0));
      this.render();
      return;
    }
    const prefix = commonPrefix(unique);
    if (prefix.length > word.length) {
      this.line.set(before.slice(0, start) + prefix + before.slice(pos), start + prefix.length);
      this.render();
      this.lastTab = '';
      return;
    }
    if (this.lastTab === before) {
      // Second Tab: list the candidates, then redraw the prompt and the line.
      this.line.end();
      this.render();
      this.leaveLine();
      this.term.write(formatColumns(unique, this.term.cols) + '\r\n');
      const text = before;
      await this.flushed();
      this.baseCol = this.term.buffer.active.cursorX;
      this.cursorRow = 0;
      this.line.set(text, pos);
      this.render(true);
      this.lastTab = '';
    } else {
      this.lastTab = before;
    }
  }

  // ---------- reverse search ----------
  private enterSearch() {
    this.mode = 'search';
    this.search = { query: '', index: this.history.all.length, match: this.line.text, failed: false };
    this.render();
  }

  private updateSearch(from: number) {
    const found = this.history.search(this.search.query, from);
    if (found) {
      this.search.index = found.index;
      this.search.match = found.line;
      this.search.failed = false;
    } else {
      this.search.failed = true;
    }
    this.render();
  }

  private exitSearch(accept: boolean) {
    const match = this.search.match;
    this.mode = 'idle';
    this.searchJustEnded = true;
    if (accept) this.line.set(match);
    this.render();
  }

  private searchKey(key: string): void {
    switch (key) {
      case '\x12':
        return this.updateSearch(this.search.index);
      case '\x7f':
      case '\b':
        this.search.query = this.search.query.slice(0, -1);
        return this.updateSearch(this.history.all.length);
      case '\r':
        this.exitSearch(true);
        return void this.submit();
      case '\x07':
        return this.exitSearch(false);
      case '\x03':
        this.exitSearch(false);
        return this.interrupt();
      case ESC:
        return this.exitSearch(true);
      default:
        if (key.startsWith(ESC) || key < ' ') {
          // Movement keys accept the match and then act on it, like readline.
          this.exitSearch(true);
          return this.key(key);
        }
        this.search.query += key;
        return this.updateSearch(this.search.index + 1);
    }
  }
}

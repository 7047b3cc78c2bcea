/**
 * BuildKit's tty progress (progressui's consoleDisplay/ttyDisplay): a frame redrawn in place with cursor-up
 * escapes, `[+] Building 1.2s (7/7) FINISHED` + right-aligned `docker:default`, one ` => name   0.0s` row per
 * vertex and sub-status, completed rows in blue (red for errors), running rows with the tail of their output
 * (` => => # line`, faint). The final frame shows every row; then the error summary follows.
 */
import type { BuildEvent, Millis } from './events';
import { Trace, type TraceVertex } from './trace';
import { bytes2f } from './units';

const ESC = '\x1b[';
export const ANSI = {
  blue: ESC + '34m', red: ESC + '31m', yellow: ESC + '33m', faint: ESC + '2m', reset: ESC + '0m',
  hide: ESC + '?25l', show: ESC + '?25h',
};

export interface TtyOptions {
  /** `docker:default` */
  desc?: string;
  phase?: string;
  columns?: number;
  rows?: number;
  /** NO_COLOR: no colour codes */
  noColor?: boolean;
  /** minimum time between two frames (TTY_DISPLAY_RATE, 100 ms) */
  displayIntervalMs?: number;
}

interface Job {
  intervals: { start: Millis; stop?: Millis }[];
  isCompleted: boolean;
  name: string;
  status: string;
  hasError: boolean;
  isCanceled: boolean;
  vertex?: TraceVertex;
}

const TERM_HEIGHT = 6;

export class TtyPrinter {
  readonly trace = new Trace();
  private lineCount = 0;
  private repeated = false;
  private lastFrame = -Infinity;
  private readonly width: number;
  private readonly height: number;

  constructor(private readonly write: (s: string) => void, private readonly now: () => Millis, private readonly opts: TtyOptions = {}) {
    this.width = opts.columns && opts.columns > 0 ? opts.columns : 80;
    this.height = opts.rows && opts.rows > 0 ? opts.rows : 24;
  }

  /** Records an event; redraws when the display interval has passed. */
  update(ev: BuildEvent): void {
    this.trace.update(ev);
    const t = this.now();
    if (t - this.lastFrame >= (this.opts.displayIntervalMs ?? 100)) this.refresh();
  }

  /** Redraws the current frame (the ticker calls this every 150 ms while a build runs). */
  refresh(): void {
    this.lastFrame = this.now();
    this.print(false);
  }

  /** Final frame, then the error summary. */
  done(): void {
    this.print(true);
    this.write(this.trace.errorLogs());
  }

  private jobs(now: Millis): Job[] {
    const jobs: Job[] = [];
    for (const v of this.trace.vertices) {
      let name = v.name.replace(/\t/g, ' ');
      const j: Job = {
        intervals: v.started !== undefined ? [{ start: v.started, stop: v.completed }] : [],
        isCompleted: v.completed !== undefined, name, status: '', hasError: false, isCanceled: false, vertex: v,
      };
      if (v.error) {
        if (v.error.endsWith('context canceled')) { j.isCanceled = true; name = 'CANCELED ' + name; }
        else { j.hasError = true; name = 'ERROR ' + name; }
      }
      if (v.cached) name = 'CACHED ' + name;
      j.name = name;
      jobs.push(j);
      for (const s of v.statuses) {
        let status = '';
        if (s.total !== 0) status = `${bytes2f(s.current)} / ${bytes2f(s.total)}`;
        else if (s.current !== 0) status = bytes2f(s.current);
        jobs.push({
          intervals: s.started !== undefined ? [{ start: s.started, stop: s.completed }] : [], isCompleted: s.completed !== undefined,
          name: '=> ' + s.id, status, hasError: false, isCanceled: false,
        });
      }
      for (const w of v.warnings) {
        jobs.push({
          intervals: v.started !== undefined ? [{ start: v.started, stop: v.completed }] : [], isCompleted: false,
          name: 'WARN: ' + w.short, status: '', hasError: false, isCanceled: true,
        });
      }
    }
    void now;
    return jobs;
  }

  private print(all: boolean): void {
    const now = this.now();
    const width = this.width;
    let jobs = this.jobs(now);
    // running vertices with output show its last lines when there is room
    const showTerm = new Set<Job>();
    let numInUse = 0;
    const candidates: Job[] = [];
    for (const j of jobs) {
      if (j.vertex && j.vertex.allLogs.length > 0 && !j.isCompleted) candidates.push(j);
      if (!j.isCompleted) numInUse++;
    }
    let numFree = this.height - 2 - numInUse;
    let numToHide = 0;
    const termLimit = TERM_HEIGHT + 3;
    for (let i = 0; numFree > termLimit && i < candidates.length; i++) {
      showTerm.add(candidates[i]);
      numToHide += Math.min(TERM_HEIGHT, candidates[i].vertex!.allLogs.length);
      numFree -= termLimit;
    }
    if (!all) jobs = wrapHeight(jobs, this.height - 2 - numToHide);

    let out = '';
    let seq = '';
    for (let i = 0; i <= this.lineCount; i++) seq += ESC + '1A';
    if (!this.repeated) seq += ESC + '1B';
    this.repeated = true;
    out += seq + ESC + '0G';
    out += ANSI.hide;

    const t = this.trace;
    let countTotal = 0, countCompleted = 0;
    for (const v of t.byId.values()) {
      countTotal++;
      if (v.started !== undefined && v.completed !== undefined) countCompleted++;
    }
    const status = countCompleted > 0 && countCompleted === countTotal && all ? 'FINISHED' : '';
    const start = t.startTime ?? now;
    let header = `[+] ${this.opts.phase ?? 'Building'} ${((now - start) / 1000).toFixed(1)}s (${countCompleted}/${countTotal}) ${status}`;
    header = this.opts.desc ? align(header, this.opts.desc, width - 1) : align(header, '', width);
    if (header.length > width) header = header.slice(0, width);
    out += header + '\n';

    let lineCount = 0;
    const color = (s: string, c: string): string => (this.opts.noColor ? s : c + s + ANSI.reset);
    for (const j of jobs) {
      if (j.intervals.length === 0) continue;
      let dt = 0;
      for (const iv of j.intervals) dt += ((iv.stop ?? now) - iv.start) / 1000;
      if (dt < 0.05) dt = 0;
      const pfx = ' => ';
      const timer = ` ${dt.toFixed(1).padStart(3)}s\n`;
      let left = width - pfx.length - timer.length - 1;
      let showStatus = false;
      if (j.status !== '' && left + j.status.length > 20) {
        showStatus = true;
        left -= j.status.length + 1;
      }
      if (left < 12) continue;
      let name = j.name;
      if (name.length > left) name = name.slice(0, left);
      let line = pfx + name;
      if (showStatus) line += ' ' + j.status;
      line = align(line, timer, width);
      if (j.isCompleted) {
        const c = j.isCanceled ? ANSI.yellow : j.hasError ? ANSI.red : ANSI.blue;
        line = color(line, c);
      }
      out += line;
      lineCount++;
      if (showTerm.has(j)) {
        const logs = j.vertex!.allLogs;
        for (const l of logs.slice(Math.max(0, logs.length - TERM_HEIGHT))) {
          const text = l.slice(l.indexOf(' ') + 1).slice(0, Math.max(1, width - 10));
          if (text.trim() === '') continue;
          out += this.opts.noColor ? ` => => # ${text}\n` : ANSI.faint + ` => => # ${text}\n` + ANSI.reset;
          lineCount++;
        }
      }
    }
    const diff = this.lineCount - lineCount;
    if (diff > 0) {
      for (let i = 0; i < diff; i++) out += ' '.repeat(width) + '\n';
      out += ESC + `${diff}A` + ESC + '0G';
    }
    this.lineCount = lineCount;
    out += ANSI.show;
    this.write(out);
  }
}

/** Go's fmt.Sprintf("%-[2]*[1]s %[3]s", l, w-len(r)-1, r). */
function align(l: string, r: string, w: number): string {
  const pad = w - r.length - 1;
  return (l.length < pad ? l + ' '.repeat(pad - l.length) : l) + ' ' + r;
}

function wrapHeight(j: Job[], limit: number): Job[] {
  if (limit < 0) return [];
  let wrapped = [...j];
  if (j.length > limit) {
    wrapped = wrapped.slice(j.length - limit);
    const invisible = j.slice(0, j.length - limit).filter((x) => !x.isCompleted);
    let l = invisible.length;
    if (l > 0) {
      const rewrapped: Job[] = [];
      for (const x of wrapped) {
        if (!x.isCompleted || l <= 0) rewrapped.push(x);
        l--;
      }
      const freespace = wrapped.length - rewrapped.length;
      wrapped = [...invisible.slice(invisible.length - freespace), ...rewrapped];
    }
  }
  return wrapped;
}

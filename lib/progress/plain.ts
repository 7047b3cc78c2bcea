/**
 * BuildKit's plain progress (`--progress=plain`, and what `docker build` shows when stderr is not a terminal),
 * after progressui's textMux: a `#N name` header when the printed vertex changes, its statuses, its log lines
 * (`#N 0.512 text`) and a closing `#N DONE 1.2s` / `#N CACHED` / `#N ERROR: ...`.
 */
import type { BuildEvent, Millis } from './events';
import { Trace, type TraceVertex } from './trace';
import { bytes2f, secs } from './units';

/** Lines of a failed vertex's logs that the plain display keeps for the error summary. */
export const PLAIN_ERROR_LOG_LINES = 10;

export interface PlainOptions {
  /** `building with "default" instance using docker driver` (printed as `#0 ...`); empty for none */
  desc?: string;
  /**
   * progressui's rate limiter (100 ms): an update is printed only when this long has passed since the last printed
   * one, by the events' own times (so replays print the same); updates in between are merged, e.g. a status started
   * and completed within it prints once, with `done`. 0 = print every update.
   */
  rateLimitMs?: number;
}

function eventTime(ev: BuildEvent): Millis {
  if (ev.type === 'vertex') return ev.completed ?? ev.started ?? 0;
  if (ev.type === 'status') return ev.completed ?? ev.timestamp;
  if (ev.type === 'log') return ev.timestamp;
  return 0;
}

export class PlainPrinter {
  readonly trace = new Trace();
  private current = '';
  private notFirst = false;
  private descPrinted = false;
  private readonly last = new Map<string, { current: number; timestamp: Millis }>();

  constructor(private readonly write: (s: string) => void, private readonly opts: PlainOptions = {}) {}

  private lastPrint = -Infinity;

  update(ev: BuildEvent): void {
    this.trace.update(ev);
    const limit = this.opts.rateLimitMs ?? 0;
    if (limit > 0) {
      const t = eventTime(ev);
      if (t - this.lastPrint < limit) return;
      this.lastPrint = t;
    }
    this.print();
  }

  /** Prints pending updates (progressui's 150 ms ticker). */
  refresh(): void {
    this.print();
  }

  /** Flushes pending updates and prints the error summary (`------` blocks). */
  done(): void {
    this.print();
    this.write(this.trace.errorLogs(PLAIN_ERROR_LOG_LINES));
  }

  private print(): void {
    const t = this.trace;
    if (this.opts.desc && !this.descPrinted) {
      this.write(`#0 ${this.opts.desc}\n`);
      this.descPrinted = true;
      this.notFirst = true;
    }
    const completed: TraceVertex[] = [];
    const rest: TraceVertex[] = [];
    for (const id of t.updates) {
      const v = t.byId.get(id);
      if (!v) continue;
      (v.completed !== undefined ? completed : rest).push(v);
    }
    const current = this.current;
    const cur = current ? t.byId.get(current) : undefined;
    if (cur && completed.includes(cur)) this.printVtx(cur);
    completed.sort((a, b) => (a.completed ?? 0) - (b.completed ?? 0));
    for (const v of completed) if (v !== cur) this.printVtx(v);

    if (rest.length === 0) {
      if (cur && cur.started !== undefined && cur.completed === undefined) return;
      for (const v of t.vertices) {
        if (v.started !== undefined && v.completed === undefined) {
          if (t.updates.has(v.id) || v.id !== this.current) this.printVtx(v);
          return;
        }
      }
      return;
    }
    if (cur && rest.includes(cur)) {
      this.printVtx(cur);
      return;
    }
    if (!this.current || (cur && cur.completed !== undefined)) this.printVtx(rest[0]);
  }

  private printVtx(v: TraceVertex): void {
    const w = this.write;
    if (v.id !== this.current) {
      if (this.current) {
        const old = this.trace.byId.get(this.current);
        if (old) {
          if (old.logsPartial) w('\n');
          old.logsOffset = 0;
          w(`#${old.index} ...\n`);
        }
      }
      if (this.notFirst) w('\n');
      else this.notFirst = true;
      w(`#${v.index} ${v.name}\n`);
    }

    for (const s of v.statuses) {
      if (!v.statusUpdates.has(s.id)) continue;
      const last = this.last.get(s.id);
      if (last && s.completed === undefined) {
        const progressDelta = s.total > 0 ? (s.current - last.current) / s.total : 0;
        const timeDelta = s.timestamp - last.timestamp;
        if (progressDelta < 0.05 && timeDelta < 5000) continue;
      }
      this.last.set(s.id, { current: s.current, timestamp: s.timestamp });
      let b = '';
      if (s.total !== 0) b = ` ${bytes2f(s.current)} / ${bytes2f(s.total)}`;
      else if (s.current !== 0) b = ` ${bytes2f(s.current)}`;
      let tm = '';
      const end = s.completed ?? s.timestamp;
      if (s.started !== undefined) {
        const diff = (end - s.started) / 1000;
        if (diff > 0.01) tm = ` ${diff.toFixed(1)}s`;
      }
      if (s.completed !== undefined) tm += ' done';
      w(`#${v.index} ${s.id}${b}${tm}\n`);
    }
    v.statusUpdates.clear();

    for (; v.warningIdx < v.warnings.length; v.warningIdx++) w(`#${v.index} WARN: ${v.warnings[v.warningIdx].short}\n`);

    v.logs.forEach((l, i) => {
      if (i === 0) l = l.slice(v.logsOffset);
      if (i === 0 && v.logsOffset > 0) w(l);
      else w(`#${v.index} ${l}`);
      if (i !== v.logs.length - 1 || !v.logsPartial) w('\n');
    });
    if (v.logs.length > 0) {
      if (v.logsPartial) {
        v.logs = v.logs.slice(v.logs.length - 1);
        v.logsOffset = v.logs[0].length;
      } else {
        v.logs = [];
        v.logsOffset = 0;
      }
    }

    this.current = v.id;
    if (v.completed !== undefined) {
      this.current = '';
      if (v.error) {
        if (v.logsPartial) w('\n');
        if (v.error.endsWith('context canceled')) w(`#${v.index} CANCELED\n`);
        else w(`#${v.index} ERROR: ${v.error}\n`);
      } else if (v.cached) {
        w(`#${v.index} CACHED\n`);
      } else {
        const tm = v.started !== undefined ? ` ${secs(v.completed - v.started)}s` : '';
        w(`#${v.index} DONE${tm}\n`);
      }
    }
    this.trace.updates.delete(v.id);
  }
}

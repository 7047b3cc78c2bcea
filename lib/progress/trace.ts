/**
 * The state both displays keep about a build (progressui's trace): vertices in the order they started, their
 * sub-statuses, logs (split in lines, each prefixed with the seconds since the vertex started) and warnings.
 */
import type { BuildEvent, Millis } from './events';

export interface TraceStatus {
  id: string;
  current: number;
  total: number;
  timestamp: Millis;
  started?: Millis;
  completed?: Millis;
}

export interface TraceVertex {
  id: string;
  /** #N, from 1 in the order vertices first started */
  index: number;
  name: string;
  started?: Millis;
  completed?: Millis;
  cached: boolean;
  error: string;
  statuses: TraceStatus[];
  byStatusId: Map<string, TraceStatus>;
  /** status ids updated since the vertex was last printed */
  statusUpdates: Set<string>;
  /** formatted log lines ("0.512 text"); the last one may be partial */
  logs: string[];
  logsPartial: boolean;
  logsOffset: number;
  /** every log line of the vertex (kept for the error summary) */
  allLogs: string[];
  warnings: { short: string }[];
  warningIdx: number;
}

export class Trace {
  readonly vertices: TraceVertex[] = [];
  readonly byId = new Map<string, TraceVertex>();
  /** vertex ids updated since they were last printed, in update order */
  readonly updates = new Set<string>();
  startTime?: Millis;

  update(ev: BuildEvent): void {
    switch (ev.type) {
      case 'vertex': {
        let v = this.byId.get(ev.id);
        const changed = !v || v.name !== ev.name || v.started !== ev.started || (ev.completed !== undefined && v.completed !== ev.completed) ||
          v.cached !== !!ev.cached || v.error !== (ev.error ?? '');
        if (!v) {
          v = {
            id: ev.id, index: 0, name: ev.name, cached: false, error: '', statuses: [], byStatusId: new Map(), statusUpdates: new Set(),
            logs: [], logsPartial: false, logsOffset: 0, allLogs: [], warnings: [], warningIdx: 0,
          };
          this.byId.set(ev.id, v);
        }
        if (ev.started !== undefined && v.started === undefined) {
          if (this.startTime === undefined) this.startTime = ev.started;
          this.vertices.push(v);
          v.index = this.vertices.length;
        }
        v.name = ev.name;
        if (ev.started !== undefined) v.started = ev.started;
        if (ev.completed !== undefined) v.completed = ev.completed;
        v.cached = !!ev.cached;
        v.error = ev.error ?? '';
        if (changed && v.started !== undefined) this.updates.add(v.id);
        return;
      }
      case 'status': {
        const v = this.byId.get(ev.vertex);
        if (!v) return;
        let s = v.byStatusId.get(ev.id);
        if (!s) {
          s = { id: ev.id, current: 0, total: 0, timestamp: ev.timestamp };
          v.byStatusId.set(ev.id, s);
        }
        if (ev.started !== undefined && s.started === undefined) v.statuses.push(s);
        s.current = ev.current ?? 0;
        s.total = ev.total ?? 0;
        s.timestamp = ev.timestamp;
        if (ev.started !== undefined) s.started = ev.started;
        if (ev.completed !== undefined) s.completed = ev.completed;
        v.statusUpdates.add(ev.id);
        this.updates.add(v.id);
        return;
      }
      case 'warning': {
        const v = this.byId.get(ev.vertex);
        if (!v) return;
        v.warnings.push({ short: ev.short });
        this.updates.add(v.id);
        return;
      }
      case 'log': {
        const v = this.byId.get(ev.vertex);
        if (!v || ev.data === '') return;
        const parts = ev.data.split('\n');
        const complete = parts[parts.length - 1] === '';
        if (complete) parts.pop();
        parts.forEach((dt, i) => {
          if (v.logsPartial && v.logs.length !== 0 && i === 0) {
            v.logs[v.logs.length - 1] += dt;
            v.allLogs[v.allLogs.length - 1] += dt;
          } else {
            const sec = (ev.timestamp - (v.started ?? ev.timestamp)) / 1000;
            const prec = sec < 10 ? 3 : sec < 100 ? 2 : 1;
            const line = `${sec.toFixed(prec)} ${dt}`;
            v.logs.push(line);
            v.allLogs.push(line);
          }
        });
        v.logsPartial = !complete;
        this.updates.add(v.id);
        return;
      }
    }
  }

  /** Lines of the error summary printed after the progress (printErrorLogs): `------`, ` > name:`, logs, `------`. */
  errorLogs(keepLast = Infinity): string {
    let out = '';
    for (const v of this.vertices) {
      if (!v.error || v.error.endsWith('context canceled')) continue;
      out += '------\n';
      out += ` > ${v.name}:\n`;
      const logs = v.allLogs.length > keepLast ? v.allLogs.slice(v.allLogs.length - keepLast) : v.allLogs;
      for (const l of logs) out += l + '\n';
      out += '------\n';
    }
    return out;
  }
}

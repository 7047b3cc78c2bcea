/**
 * `docker events` / `docker system events` (cli/command/system/events.go): past events from --since, then live ones
 * until --until or Ctrl+C. Each line is prettyPrintEvent's `<RFC3339 with 9 fraction digits> <type> <action> <actor id>
 * (<attributes sorted, k=v, ", ">)`, or the --format template executed on the events.Message.
 */
import type { EventMessage } from '../../../api/types';
import { type CliContext, type CommandDef, noArgs, StatusError } from '../../command';
import { buildFilters, validateFilter } from '../../filters';
import { GO_TYPE, MARSHAL_JSON, Template, TemplateError, goJSON } from '../../gotemplate';

export interface EventsOptions { since: string; until: string; filter: string[]; format: string }

export const eventsCommand: CommandDef<EventsOptions> = {
  name: 'events',
  spec: 'events',
  args: noArgs,
  flagValidators: { filter: validateFilter },
  options: (f) => ({ since: f.string('since'), until: f.string('until'), filter: f.list('filter'), format: f.string('format') }),
  run: runEvents,
};

const pad = (n: number, w = 2) => String(n).padStart(w, '0');

/** The event's time in nanoseconds, exactly (a JSON number above 2^53 arrives rounded; its shortest digits are the sent ones). */
export function eventNanos(m: EventMessage): bigint | null {
  const tn = m.timeNano;
  if (typeof tn === 'bigint' && tn !== 0n) return tn;
  if (typeof tn === 'number' && tn !== 0) return BigInt(Number.isSafeInteger(tn) ? tn : String(tn).includes('e') ? Math.round(tn) : String(tn));
  if (m.time) return BigInt(m.time) * 1_000_000_000n;
  return null;
}

/** time.Unix(0, ns).Format("2006-01-02T15:04:05.000000000Z07:00") in UTC. */
export function rfc3339NanoFixed(ns: bigint): string {
  const sec = ns / 1_000_000_000n - (ns % 1_000_000_000n < 0n ? 1n : 0n);
  const frac = ns - sec * 1_000_000_000n;
  const d = new Date(Number(sec) * 1000);
  return `${pad(d.getUTCFullYear(), 4)}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())}T${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}:${pad(d.getUTCSeconds())}.${String(frac).padStart(9, '0')}Z`;
}

export function prettyEvent(m: EventMessage): string {
  const ns = eventNanos(m);
  let out = ns !== null ? rfc3339NanoFixed(ns) + ' ' : '';
  out += `${m.Type ?? ''} ${m.Action ?? ''} ${m.Actor?.ID ?? ''}`;
  const attrs = m.Actor?.Attributes ?? {};
  const keys = Object.keys(attrs).sort();
  if (keys.length) out += ` (${keys.map((k) => `${k}=${attrs[k]}`).join(', ')})`;
  return out + '\n';
}

/** events.Message as a Go struct for templates: Go field names, the JSON encoding with the json tags. */
export function goEventMessage(m: EventMessage): object {
  // A nil Attributes map still indexes to the zero value in Go templates: give templates an empty map, JSON keeps null.
  const attrs = m.Actor?.Attributes ?? null;
  const actor = { [GO_TYPE]: 'events.Actor', ID: m.Actor?.ID ?? '', Attributes: attrs ?? {} };
  const ns = eventNanos(m) ?? 0n;
  const v = {
    [GO_TYPE]: '*events.Message',
    Status: m.status ?? '', ID: m.id ?? '', From: m.from ?? '', Type: m.Type ?? '', Action: m.Action ?? '', Actor: actor, Scope: m.scope ?? '',
    Time: m.time ?? 0, TimeNano: ns,
    [MARSHAL_JSON]: () => {
      const parts: string[] = [];
      if (m.status) parts.push(`"status":${goJSON(m.status, true)}`);
      if (m.id) parts.push(`"id":${goJSON(m.id, true)}`);
      if (m.from) parts.push(`"from":${goJSON(m.from, true)}`);
      parts.push(`"Type":${goJSON(m.Type ?? '', true)}`, `"Action":${goJSON(m.Action ?? '', true)}`);
      parts.push(`"Actor":{"ID":${goJSON(actor.ID, true)},"Attributes":${goJSON(attrs, true)}}`);
      parts.push(`"scope":${goJSON(m.scope ?? '', true)}`, `"time":${m.time ?? 0}`, `"timeNano":${ns}`);
      return '{' + parts.join(',') + '}';
    },
  };
  return v;
}

function parseTemplate(format: string): Template | null {
  if (format === '') return null;
  const text = format === 'json' ? '{{json .}}' : format;
  try {
    const t = Template.parse(text);
    t.execute(goEventMessage({}));
    return t;
  } catch (e) {
    if (e instanceof TemplateError) throw new StatusError(`Error parsing format: ${e.message}`, 64);
    throw e;
  }
}

// ---------- timetypes.GetTimestamp (the CLI converts --since/--until before sending them) ----------
const DURATION = /^[-+]?((\d+(\.\d*)?|\.\d+)(ns|us|µs|ms|s|m|h))+$/;
function durationMs(v: string): number {
  let ms = 0;
  const sign = v.startsWith('-') ? -1 : 1;
  for (const m of v.matchAll(/(\d+(?:\.\d*)?|\.\d+)(ns|us|µs|ms|s|m|h)/g)) ms += Number(m[1]) * { ns: 1e-6, us: 1e-3, 'µs': 1e-3, ms: 1, s: 1000, m: 60000, h: 3600000 }[m[2] as 'h'];
  return sign * ms;
}

/** Returns the value sent to the daemon ("seconds" or "seconds.nanoseconds"), or throws the CLI's error text. */
export function getTimestamp(value: string, nowMs: number): string {
  if (value === '') return '';
  if (value !== '0' && (DURATION.test(value) || value === '0s')) return String(Math.floor((nowMs - durationMs(value)) / 1000));
  const inLocation = !/[zZ+]/.test(value) && (value.match(/-/g) ?? []).length !== 3;
  let iso: string | null = null;
  const date = /^(\d{4})-(\d{2})-(\d{2})/;
  if (date.test(value)) {
    let v = value;
    if (/T\d{2}$/.test(v) || /T\d{2}(Z|[+-]\d{2}:\d{2})$/.test(v)) v = v.replace(/(T\d{2})/, '$1:00');
    if (/T\d{2}:\d{2}(Z|[+-]\d{2}:\d{2})?$/.test(v)) v = v.replace(/(T\d{2}:\d{2})/, '$1:00');
    if (!v.includes('T')) v = v.replace(/^(\d{4}-\d{2}-\d{2})/, '$1T00:00:00');
    if (inLocation) v += 'Z';
    if (/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{1,9})?(Z|[+-]\d{2}:\d{2})$/.test(v)) iso = v;
  }
  if (iso) {
    const [, mo, d, h, mi, se] = /^\d{4}-(\d{2})-(\d{2})T(\d{2}):(\d{2}):(\d{2})/.exec(iso)!.map(Number);
    const range = mo < 1 || mo > 12 ? 'month' : d < 1 || d > 31 ? 'day' : h > 23 ? 'hour' : mi > 59 ? 'minute' : se > 59 ? 'second' : '';
    if (range) throw new StatusError(`parsing time ${JSON.stringify(value)}: ${range} out of range`, 1);
    const t = Date.parse(iso.replace(/(\.\d{3})\d+/, '$1'));
    if (!Number.isNaN(t)) {
      const frac = /\.(\d{1,9})/.exec(iso)?.[1] ?? '';
      return `${Math.floor(t / 1000)}.${frac.padEnd(9, '0')}`;
    }
  }
  if (value.includes('-')) throw new StatusError(`parsing time ${JSON.stringify(value)} as ${JSON.stringify('2006-01-02T15:04:05.999999999Z07:00')}: cannot parse ${JSON.stringify(value)} as ${JSON.stringify('2006')}`, 1);
  if (!/^\d+(\.\d{1,9})?$/.test(value)) throw new StatusError(`failed to parse value as time or duration: ${JSON.stringify(value)}`, 1);
  return value;
}

/** Ends with 130 (128 + SIGINT) when interrupted by Ctrl+C, like the CLI's signal-terminated context. */
export async function runEvents(ctx: CliContext, o: EventsOptions): Promise<number> {
  const tmpl = parseTemplate(o.format);
  const now = ctx.now();
  const since = getTimestamp(o.since, now);
  const until = getTimestamp(o.until, now);
  const stream = ctx.client.events({ since: since || undefined, until: until || undefined, filters: buildFilters(o.filter) }, ctx.io.signal);
  try {
    for await (const m of stream) {
      if (!tmpl) { ctx.io.stdout(prettyEvent(m)); continue; }
      try {
        ctx.io.stdout(tmpl.execute(goEventMessage(m)) + '\n');
      } catch (e) {
        if (e instanceof TemplateError) throw new StatusError(e.message, 1);
        throw e;
      }
      if (ctx.io.signal?.aborted) break;
    }
  } catch (e) {
    if (ctx.io.signal?.aborted) return 130;
    throw e;
  }
  return ctx.io.signal?.aborted ? 130 : 0;
}

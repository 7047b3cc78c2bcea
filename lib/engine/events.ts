/**
 * The engine's event bus (`docker events`, GET /events), after moby daemon/events: every area publishes
 * `{Type, Action, Actor{ID, Attributes}, scope, time, timeNano}` messages (plus the deprecated status/id/from of
 * container and image events, which API 1.50 still sends); the bus keeps the last 256 (moby's eventsLimit) for
 * `--since` and streams new ones to subscribers. Times come from the injected clock.
 */
import type { EventMessage, EventsOptions, Filters } from '../api/types';
import { invalidParameter } from '../api/errors';
import type { EngineState } from './state';

const EVENTS_LIMIT = 256;

type Listener = (m: EventMessage) => void;

export interface EventBus {
  log: EventMessage[];
  listeners: Set<Listener>;
  /** Container IDs whose events wait (a start in progress: its program may end before `start` is published). */
  held: Map<string, EventMessage[]>;
}

export function eventBus(state: EngineState): EventBus {
  let b = state.areas.get('events') as EventBus | undefined;
  if (!b) {
    // No area codec: a restored engine starts with an empty event log, like a restarted daemon.
    b = { log: [], listeners: new Set(), held: new Map() };
    state.areas.set('events', b);
  }
  return b;
}

/** Publishes one event (moby events.Log). Attributes are copied; the message is returned. */
export function publishEvent(state: EngineState, type: string, action: string, id: string, attributes: Record<string, string> = {}, atMs?: number): EventMessage {
  // `atMs`: an event the engine works out after the fact (a health probe caught up with the clock) keeps its own time
  const ms = atMs ?? state.clock.now();
  const m: EventMessage = {};
  if (type === 'container') { m.status = action; m.id = id; if (attributes.image !== undefined) m.from = attributes.image; }
  if (type === 'image') { m.status = action; m.id = id; }
  m.Type = type;
  m.Action = action;
  m.Actor = { ID: id, Attributes: { ...attributes } };
  m.scope = 'local';
  m.time = Math.floor(ms / 1000);
  m.timeNano = Math.floor(ms) * 1_000_000;
  const bus = eventBus(state);
  const held = bus.held.get(id);
  if (held && type === 'container' && action !== 'start') { held.push(m); return m; }
  deliver(bus, m, atMs !== undefined);
  return m;
}

function deliver(bus: EventBus, m: EventMessage, inOrder = false): void {
  // an event with a time of its own goes after the logged events of the same time or earlier
  let at = bus.log.length;
  if (inOrder) while (at > 0 && (bus.log[at - 1].timeNano ?? 0) > (m.timeNano ?? 0)) at--;
  bus.log.splice(at, 0, m);
  if (bus.log.length > EVENTS_LIMIT) bus.log.splice(0, bus.log.length - EVENTS_LIMIT);
  for (const l of [...bus.listeners]) l(m);
}

/** Holds a container's events (but `start`) until releaseEvents: keeps moby's order start -> die for quick programs. */
export function holdEvents(state: EngineState, id: string): void {
  const bus = eventBus(state);
  if (!bus.held.has(id)) bus.held.set(id, []);
}
export function releaseEvents(state: EngineState, id: string): void {
  const bus = eventBus(state);
  const held = bus.held.get(id);
  bus.held.delete(id);
  for (const m of held ?? []) deliver(bus, m);
}

/** What a container event needs of a container (lib/engine/containers/area.ts ContainerRecord). */
export interface EventContainer { id: string; name: string; config: { Labels?: Record<string, string> | null; Image?: string } }

/** A container event with moby's attributes: the container's labels, then image and name, then the action's own. */
export function containerEvent(state: EngineState, c: EventContainer, action: string, extra: Record<string, string> = {}, atMs?: number): EventMessage {
  return publishEvent(state, 'container', action, c.id, { ...(c.config.Labels ?? {}), image: c.config.Image ?? '', name: c.name, ...extra }, atMs);
}

/** Subscribes to new events; returns the unsubscribe function. */
export function subscribeEvents(state: EngineState, listener: Listener): () => void {
  const bus = eventBus(state);
  bus.listeners.add(listener);
  return () => bus.listeners.delete(listener);
}

// ---------- filters (moby daemon/events/filter.go) ----------

const ACCEPTED = new Set(['container', 'image', 'event', 'label', 'type', 'network', 'volume', 'daemon', 'plugin', 'node', 'service', 'secret', 'config', 'scope']);

/** Validates the filter keys like moby's events router (400 `invalid filter 'x'`). */
export function validateEventFilters(f: Filters): void {
  for (const k of Object.keys(f)) if (!ACCEPTED.has(k)) throw invalidParameter(`invalid filter '${k}'`);
}

const vals = (f: Filters, k: string): string[] => Object.keys(f[k] ?? {});
function exact(f: Filters, k: string, v: string): boolean {
  const set = vals(f, k);
  return set.length === 0 || set.includes(v);
}
function fuzzy(f: Filters, k: string, v: string): boolean {
  const set = vals(f, k);
  return set.length === 0 || set.some((x) => x === v || v.startsWith(x));
}
function stripTag(image: string): string {
  const slash = image.lastIndexOf('/');
  const colon = image.lastIndexOf(':');
  return colon > slash && !image.includes('@') ? image.slice(0, colon) : image;
}
function fuzzyName(f: Filters, m: EventMessage, type: string): boolean {
  const set = vals(f, type);
  if (set.length === 0) return true;
  // moby: only events of that type can match a `container=`/`network=`/`volume=` filter
  if (m.Type !== type) return false;
  return fuzzy(f, type, m.Actor?.ID ?? '') || fuzzy(f, type, m.Actor?.Attributes?.name ?? '\u0000');
}

export function eventMatches(f: Filters, m: EventMessage): boolean {
  const action = m.Action ?? '';
  const actionOk = ['health_status', 'exec_create', 'exec_start'].some((a) => vals(f, 'event').includes(a)) ? fuzzy(f, 'event', action) : exact(f, 'event', action);
  if (!actionOk) return false;
  if (!exact(f, 'type', m.Type ?? '')) return false;
  if (!exact(f, 'scope', m.scope ?? '')) return false;
  if (vals(f, 'daemon').length && m.Type !== 'daemon') return false;
  for (const t of ['container', 'network', 'volume', 'plugin', 'node', 'service', 'secret', 'config']) if (!fuzzyName(f, m, t)) return false;
  const images = vals(f, 'image');
  if (images.length) {
    const id = m.Actor?.ID ?? '';
    const name = m.Actor?.Attributes?.[m.Type === 'image' ? 'name' : 'image'] ?? '';
    if (![id, name, stripTag(id), stripTag(name)].some((x) => x !== '' && images.includes(x))) return false;
  }
  for (const l of vals(f, 'label')) {
    const i = l.indexOf('=');
    const attrs = m.Actor?.Attributes ?? {};
    if (i < 0 ? !(l in attrs) : attrs[l.slice(0, i)] !== l.slice(i + 1)) return false;
  }
  return true;
}

// ---------- timestamps (moby api/types/time ParseTimestamps) ----------

/** "1700000000", "1700000000.123456789" or "" -> ms since the epoch (NaN when unset). */
export function parseEventTimestamp(v: string | undefined, fallback: number): number {
  if (!v) return fallback;
  const m = /^(-?\d+)(?:\.(\d{1,9}))?$/.exec(v);
  if (!m) throw invalidParameter(`invalid timestamp: ${v}`);
  const frac = (m[2] ?? '').padEnd(9, '0');
  return Number(m[1]) * 1000 + Math.floor(Number(frac) / 1_000_000);
}

/**
 * GET /events: the logged events from `since` (none without it) that match, then, unless `until` has passed,
 * new events as they come until `until` or the signal. moby sends nothing more than that (no heartbeat).
 */
export async function* eventStream(state: EngineState, opts: EventsOptions, signal?: AbortSignal): AsyncGenerator<EventMessage> {
  const f = opts.filters ?? {};
  validateEventFilters(f);
  const now = state.clock.now();
  const since = parseEventTimestamp(opts.since, NaN);
  const until = parseEventTimestamp(opts.until, NaN);
  if (!Number.isNaN(since) && !Number.isNaN(until) && since > until) throw invalidParameter('`since` time cannot be after `until` time');
  const queue: EventMessage[] = [];
  let wake: (() => void) | undefined;
  const live = Number.isNaN(until) || until > now;
  const unsubscribe = live ? subscribeEvents(state, (m) => { queue.push(m); wake?.(); }) : () => false;
  try {
    if (!Number.isNaN(since)) {
      for (const m of eventBus(state).log) {
        const t = Number(m.timeNano ?? 0) / 1_000_000;
        if (t >= since && (Number.isNaN(until) || t <= until) && eventMatches(f, m)) yield m;
      }
    }
    if (!live) return;
    const onAbort = () => wake?.();
    signal?.addEventListener('abort', onAbort, { once: true });
    try {
      for (;;) {
        if (signal?.aborted) return;
        const m = queue.shift();
        if (m) {
          const t = Number(m.timeNano ?? 0) / 1_000_000;
          if (!Number.isNaN(until) && t > until) return;
          if (eventMatches(f, m)) yield m;
          continue;
        }
        if (!Number.isNaN(until) && state.clock.now() > until) return;
        await new Promise<void>((r) => {
          wake = r;
          // a clock that moves on its own ends an --until stream; check it now and then
          if (!Number.isNaN(until)) setTimeout(r, Math.max(10, Math.min(1000, until - state.clock.now())));
        });
        wake = undefined;
      }
    } finally {
      signal?.removeEventListener('abort', onAbort);
    }
  } finally {
    unsubscribe();
  }
}

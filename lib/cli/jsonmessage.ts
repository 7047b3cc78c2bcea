/**
 * moby pkg/jsonmessage (v28) as the docker CLI uses it to show pull/push/build/load streams: our own port of
 * DisplayJSONMessagesStream, JSONMessage.Display and JSONProgress.String.
 *
 * Non-TTY: one line per message; progress updates with a bar are skipped. TTY: one line per layer ID, updated in place
 * with ESC[nA (up), ESC[2K (erase line), \r and ESC[nB (down).
 */
import type { JSONMessage, JSONProgress } from '../api/types';
import { humanSize } from './formatter/units';

/** A stream message carrying errorDetail: the CLI prints `message` on stderr. */
export class JSONMessageError extends Error {
  readonly code: number;
  constructor(code: number, message: string) {
    super(message);
    this.name = 'JSONMessageError';
    this.code = code;
  }
}

export interface DisplayOptions {
  isTTY: boolean;
  /** Terminal width (JSONProgress uses 200 when it cannot ask the terminal). */
  columns?: number;
  /** Messages with `aux` go here instead of being displayed. */
  auxCallback?: (m: JSONMessage) => void;
  /** Clock in ms (time-left estimates); defaults to Date.now. */
  now?: () => number;
}

const ESC = '\x1b[';
const pad8 = (s: string): string => (s.length < 8 ? ' '.repeat(8 - s.length) + s : s);

/** Go's time.Duration.String() for a whole number of seconds (>= 0). */
function goDurationSeconds(sec: number): string {
  if (sec === 0) return '0s';
  const h = Math.floor(sec / 3600);
  const m = Math.floor((sec % 3600) / 60);
  const s = sec % 60;
  if (h > 0) return `${h}h${m}m${s}s`;
  if (m > 0) return `${m}m${s}s`;
  return `${s}s`;
}

/** The `[====>    ] ` box of a progress line (50 cells); empty when the terminal is 110 columns or narrower. */
export function renderProgressBar(current: number, total: number, width = 200): string {
  if (width <= 110) return '';
  let percentage = Math.trunc(Math.trunc((current / total) * 100) / 2);
  if (percentage > 50) percentage = 50;
  const spaces = 50 - percentage > 0 ? 50 - percentage : 0;
  return `[${'='.repeat(Math.max(percentage, 0))}>${' '.repeat(spaces)}] `;
}

/** JSONProgress.String(): bar (when the terminal is wider than 110), sizes, time left. */
export function jsonProgressString(p: JSONProgress, width = 200, nowMs: number = Date.now()): string {
  const current = p.current ?? 0;
  const total = p.total ?? 0;
  const start = p.start ?? 0;
  const units = p.units ?? '';
  if (current <= 0 && total <= 0) return '';
  if (total <= 0) {
    if (units === '') return pad8(humanSize(current));
    return `${current} ${units}`;
  }
  let percentage = Math.trunc(Math.trunc((current / total) * 100) / 2);
  if (percentage > 50) percentage = 50;
  const pbBox = renderProgressBar(current, total, width);
  let numbersBox = '';
  if (p.hidecounts) {
    numbersBox = '';
  } else if (units === '') {
    numbersBox = current > total ? pad8(humanSize(current)) : `${pad8(humanSize(current))}/${humanSize(total)}`;
  } else {
    numbersBox = current > total ? `${current} ${units}` : `${current}/${total} ${units}`;
  }
  let timeLeftBox = '';
  if (current > 0 && start > 0 && percentage < 50) {
    const fromStartNs = BigInt(Math.round(nowMs * 1e6)) - BigInt(start) * 1_000_000_000n;
    const perEntry = fromStartNs / BigInt(current);
    const left = BigInt(total - current) * perEntry;
    const leftSec = Number(left / 1_000_000_000n);
    if (width > 50) timeLeftBox = ' ' + (leftSec < 0 ? '-' + goDurationSeconds(-leftSec) : goDurationSeconds(leftSec));
  }
  return pbBox + numbersBox + timeLeftBox;
}

function rfc3339NanoFixed(ns: bigint): string {
  const ms = Number(ns / 1_000_000n);
  const d = new Date(ms);
  const p2 = (n: number) => String(n).padStart(2, '0');
  const frac = String(((ns % 1_000_000_000n) + 1_000_000_000n) % 1_000_000_000n).padStart(9, '0');
  return `${d.getUTCFullYear()}-${p2(d.getUTCMonth() + 1)}-${p2(d.getUTCDate())}T${p2(d.getUTCHours())}:${p2(d.getUTCMinutes())}:${p2(d.getUTCSeconds())}.${frac}Z`;
}

/** JSONMessage.Display: writes one message; throws JSONMessageError for errorDetail. */
export function displayMessage(jm: JSONMessage, out: (s: string) => void, isTTY: boolean, width = 200, nowMs = Date.now()): void {
  if (jm.errorDetail) throw new JSONMessageError(jm.errorDetail.code ?? 0, jm.errorDetail.message ?? '');
  const progress = jm.progressDetail;
  let endl = '';
  if (isTTY && !jm.stream && progress) {
    out(`${ESC}2K`);
    endl = '\r';
    out(endl);
  } else if (progress && jsonProgressString(progress, width, nowMs) !== '') {
    return; // no progress bars on a non-terminal
  }
  if (jm.timeNano) out(rfc3339NanoFixed(BigInt(jm.timeNano)) + ' ');
  else if (jm.time) out(rfc3339NanoFixed(BigInt(jm.time) * 1_000_000_000n) + ' ');
  if (jm.id) out(`${jm.id}: `);
  if (jm.from) out(`(from ${jm.from}) `);
  const status = jm.status ?? '';
  if (progress && isTTY) out(`${status} ${jsonProgressString(progress, width, nowMs)}${endl}`);
  else if (jm.progress) out(`${status} ${jm.progress}${endl}`);
  else if (jm.stream) out(`${jm.stream}${endl}`);
  else out(`${status}${endl}\n`);
}

/** DisplayJSONMessagesStream. Rejects with JSONMessageError on the first errorDetail (after writing what came before). */
export async function displayJSONMessages(messages: AsyncIterable<JSONMessage>, out: (s: string) => void, opts: DisplayOptions): Promise<void> {
  let ids = new Map<string, number>();
  const width = opts.columns ?? 200;
  const now = opts.now ?? (() => Date.now());
  for await (const jm of messages) {
    let diff = 0;
    if (jm.aux !== undefined && jm.aux !== null) {
      opts.auxCallback?.(jm);
      continue;
    }
    if (jm.id && (jm.progressDetail || jm.progress)) {
      let line = ids.get(jm.id);
      if (line === undefined) {
        line = ids.size;
        ids.set(jm.id, line);
        if (opts.isTTY) out('\n');
      }
      diff = ids.size - line;
      if (opts.isTTY && diff > 0) out(`${ESC}${diff}A`);
    } else {
      ids = new Map();
    }
    let err: unknown = null;
    try {
      displayMessage(jm, out, opts.isTTY, width, now());
    } catch (e) {
      err = e;
    }
    if (jm.id && opts.isTTY && diff > 0) out(`${ESC}${diff}B`);
    if (err) throw err;
  }
}

/** Parses a daemon stream body (JSON values one after another, newline separated) into messages. */
export function parseJSONMessages(text: string): JSONMessage[] {
  const out: JSONMessage[] = [];
  for (const line of text.split(/\r?\n/)) {
    const t = line.trim();
    if (t) out.push(JSON.parse(t) as JSONMessage);
  }
  return out;
}

/** Injected time and randomness, so that the same commands give the same IDs, timestamps and bytes. */
import { sha256Hex } from './digest';

export interface Clock {
  /** Milliseconds since the Unix epoch. */
  now(): number;
}

/** A clock that reads the host time, or a fixed one when SOURCE_DATE_EPOCH (seconds) is given. */
export function systemClock(opts: { sourceDateEpoch?: string | number } = {}): Clock {
  const sde = opts.sourceDateEpoch;
  if (sde !== undefined && sde !== '' && Number.isFinite(Number(sde))) {
    const ms = Number(sde) * 1000;
    return { now: () => ms };
  }
  return { now: () => Date.now() };
}

/** A manual clock for tests and replays: starts at `startMs` and moves only with `advance`/`set` (or `stepMs` per call). */
export class ManualClock implements Clock {
  constructor(private ms: number, private readonly stepMs = 0) {}
  now(): number {
    const v = this.ms;
    this.ms += this.stepMs;
    return v;
  }
  advance(ms: number): void { this.ms += ms; }
  set(ms: number): void { this.ms = ms; }
}

export interface Random {
  /** `n` lowercase hex characters. */
  hex(n: number): string;
  /** An integer in [0, max). */
  int(max: number): number;
  /** Serializable position, so a restored engine continues the same sequence. */
  state(): RandomState;
}
export interface RandomState { seed: string; counter: number }

/** Deterministic random source: sha256(seed + ":" + counter) blocks. */
export class SeededRandom implements Random {
  private counter: number;
  constructor(private readonly seed: string, counter = 0) {
    this.counter = counter;
  }
  static from(s: RandomState): SeededRandom {
    return new SeededRandom(s.seed, s.counter);
  }
  hex(n: number): string {
    // Each call draws whole blocks so that the sequence depends only on the counter (restorable).
    let out = '';
    while (out.length < n) out += sha256Hex(this.seed + ':' + this.counter++);
    return out.slice(0, n);
  }
  int(max: number): number {
    return parseInt(this.hex(12), 16) % max;
  }
  state(): RandomState {
    return { seed: this.seed, counter: this.counter };
  }
}

/** RFC 3339 with nanoseconds as Go prints time.Time in JSON (UTC): 2024-01-02T03:04:05.123456789Z; whole seconds drop the fraction. */
export function rfc3339Nano(ms: number, nanosExtra = 0): string {
  const d = new Date(Math.floor(ms));
  const base = d.toISOString().slice(0, 19);
  const frac = (Math.floor(ms) % 1000) * 1_000_000 + nanosExtra;
  if (frac === 0) return base + 'Z';
  return base + '.' + String(frac).padStart(9, '0').replace(/0+$/, '') + 'Z';
}

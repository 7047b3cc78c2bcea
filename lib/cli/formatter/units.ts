/**
 * github.com/docker/go-units as the docker CLI uses it: sizes (decimal and binary) and human durations.
 */
import { goFormatFloat } from '../gotemplate/strconv';

export { goFormatFloat, formatFloat } from '../gotemplate/strconv';

const DECIMAL = ['B', 'kB', 'MB', 'GB', 'TB', 'PB', 'EB', 'ZB', 'YB'];
const BINARY = ['B', 'KiB', 'MiB', 'GiB', 'TiB', 'PiB', 'EiB', 'ZiB', 'YiB'];

function sizeAndUnit(size: number, base: number, map: string[]): [number, string] {
  let i = 0;
  while (size >= base && i < map.length - 1) {
    size /= base;
    i++;
  }
  return [size, map[i]];
}

/** units.HumanSizeWithPrecision: `%.*g` + decimal unit (1000-based). */
export function humanSizeWithPrecision(size: number, precision: number): string {
  const [v, unit] = sizeAndUnit(size, 1000, DECIMAL);
  return goFormatFloat(v, precision) + unit;
}

/** units.HumanSize: 4 significant digits ("72.81MB", "1000kB"). */
export function humanSize(size: number): string {
  return humanSizeWithPrecision(size, 4);
}

/** The image/history table size: units.HumanSizeWithPrecision(size, 3) ("72.8MB", "1e+03kB"). */
export function size(n: number): string {
  return humanSizeWithPrecision(n, 3);
}

/** units.BytesSize: binary units, `%.4g` ("1.5KiB"). */
export function bytesSize(n: number): string {
  const [v, unit] = sizeAndUnit(n, 1024, BINARY);
  return goFormatFloat(v, 4) + unit;
}

/** units.HumanDuration of a duration in milliseconds. */
export function humanDuration(ms: number): string {
  return durationText(humanDurationKey(ms));
}

const DURATION_UNITS = ['seconds', 'minutes', 'hours', 'days', 'weeks', 'months', 'years'];
/**
 * Which text units.HumanDuration gives for `ms`, as a number (unit * 2^32 + value; -1 and -2 for "Less than a
 * second" and "1 second", -3 "About a minute", -4 "About an hour"): listings compare and cache texts by it.
 */
export function humanDurationKey(ms: number): number {
  const U = 4294967296;
  const seconds = Math.trunc(ms / 1000);
  if (seconds < 1) return -1;
  if (seconds === 1) return -2;
  if (seconds < 60) return seconds;
  const minutes = Math.trunc(ms / 60000);
  if (minutes === 1) return -3;
  if (minutes < 60) return U + minutes;
  const hours = Math.trunc(ms / 3600000 + 0.5);
  if (hours === 1) return -4;
  if (hours < 48) return 2 * U + hours;
  if (hours < 24 * 7 * 2) return 3 * U + Math.trunc(hours / 24);
  if (hours < 24 * 30 * 2) return 4 * U + Math.trunc(hours / 24 / 7);
  if (hours < 24 * 365 * 2) return 5 * U + Math.trunc(hours / 24 / 30);
  return 6 * U + Math.trunc(Math.trunc(ms / 3600000) / 24 / 365);
}
/** The text of a humanDurationKey. */
export function durationText(key: number): string {
  if (key < 0) return ['Less than a second', '1 second', 'About a minute', 'About an hour'][-key - 1];
  const unit = Math.floor(key / 4294967296);
  return `${key - unit * 4294967296} ${DURATION_UNITS[unit]}`;
}

/** HumanDuration(now - created) + " ago"; created in unix seconds, now in ms. */
export function timeAgo(createdUnixSeconds: number, nowMs: number): string {
  return humanDuration(nowMs - createdUnixSeconds * 1000) + ' ago';
}

const SIZE_RE = /^(\d+(?:\.\d+)*) ?([kmgtp])?i?b?$/i;

function parseSize(s: string, base: number): number {
  const m = SIZE_RE.exec(s);
  if (!m) throw new Error(`invalid size: '${s}'`);
  let n = Number.parseFloat(m[1]);
  if (Number.isNaN(n)) throw new Error(`strconv.ParseFloat: parsing ${JSON.stringify(m[1])}: invalid syntax`);
  const unit = (m[2] ?? '').toLowerCase();
  const pow = ['', 'k', 'm', 'g', 't', 'p'].indexOf(unit);
  n *= base ** pow;
  return Math.trunc(n);
}

/** units.FromHumanSize: "32kB" -> 32000 (decimal). Throws "invalid size: '...'". */
export function fromHumanSize(s: string): number {
  return parseSize(s, 1000);
}

/** units.RAMInBytes: "32m" -> 33554432 (binary), as --memory and --shm-size parse. Throws "invalid size: '...'". */
export function ramInBytes(s: string): number {
  return parseSize(s, 1024);
}

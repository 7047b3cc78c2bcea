/**
 * Wire helpers for the Engine API server: Go-compatible JSON, UTF-8, base64, stdcopy framing, form values.
 * DOM-free and node-free (lib/ has neither TextEncoder nor btoa in its type environment).
 */
import { strFromU8, strToU8 } from 'fflate';
import type { Filters } from '../types';
import { invalidParameter } from '../errors';

/** The part of URLSearchParams the server reads (URLSearchParams satisfies it). */
export interface QueryParams {
  get(name: string): string | null;
  getAll(name: string): string[];
  has(name: string): boolean;
}

export const utf8 = (s: string): Uint8Array => strToU8(s);
export const fromUtf8 = (b: Uint8Array): string => strFromU8(b);

/**
 * JSON as Go's encoding/json writes it with HTML escaping on (json.Marshal, used for jsonmessage streams):
 * `<`, `>`, `&`, U+2028 and U+2029 become \u003c, \u003e, \u0026, \u2028, \u2029.
 * (Those characters can only occur inside JSON strings, so a textual replace is safe.)
 */
export function goJsonEscaped(v: unknown): string {
  return JSON.stringify(v).replace(/[<>&\u2028\u2029]/g, (c) => '\\u' + c.charCodeAt(0).toString(16).padStart(4, '0'));
}

/**
 * JSON as moby's httputils.WriteJSON writes it (Encoder with SetEscapeHTML(false)): only U+2028/U+2029 escaped,
 * plus the trailing newline of Encoder.Encode.
 */
export function goJsonLine(v: unknown): string {
  return JSON.stringify(v).replace(/[\u2028\u2029]/g, (c) => '\\u' + c.charCodeAt(0).toString(16)) + '\n';
}

const B64 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';

export function base64Encode(bytes: Uint8Array): string {
  let out = '';
  let i = 0;
  for (; i + 2 < bytes.length; i += 3) {
    const n = (bytes[i] << 16) | (bytes[i + 1] << 8) | bytes[i + 2];
    out += B64[(n >> 18) & 63] + B64[(n >> 12) & 63] + B64[(n >> 6) & 63] + B64[n & 63];
  }
  const rest = bytes.length - i;
  if (rest === 1) {
    const n = bytes[i] << 16;
    out += B64[(n >> 18) & 63] + B64[(n >> 12) & 63] + '==';
  } else if (rest === 2) {
    const n = (bytes[i] << 16) | (bytes[i + 1] << 8);
    out += B64[(n >> 18) & 63] + B64[(n >> 12) & 63] + B64[(n >> 6) & 63] + '=';
  }
  return out;
}

/** Decodes standard or URL-safe base64, padded or not. Throws on other characters. */
export function base64Decode(s: string): Uint8Array {
  const clean = s.replace(/=+$/, '').replace(/-/g, '+').replace(/_/g, '/');
  const out: number[] = [];
  let acc = 0;
  let bits = 0;
  for (const ch of clean) {
    const v = B64.indexOf(ch);
    if (v < 0) throw invalidParameter('illegal base64 data');
    acc = (acc << 6) | v;
    bits += 6;
    if (bits >= 8) {
      bits -= 8;
      out.push((acc >> bits) & 0xff);
    }
  }
  return Uint8Array.from(out);
}

/** moby httputils.BoolValue. */
export function boolValue(q: QueryParams, k: string): boolean {
  const s = (q.get(k) ?? '').trim().toLowerCase();
  return !(s === '' || s === '0' || s === 'no' || s === 'false' || s === 'none');
}

/** moby httputils.BoolValueOrDefault. */
export function boolValueOrDefault(q: QueryParams, k: string, d: boolean): boolean {
  return q.has(k) ? boolValue(q, k) : d;
}

/** An integer form value; undefined when absent; 400 when malformed (strconv.Atoi's message). */
export function intValue(q: QueryParams, k: string): number | undefined {
  const s = q.get(k);
  if (s === null || s === '') return undefined;
  if (!/^[+-]?\d+$/.test(s)) throw invalidParameter(`strconv.Atoi: parsing ${JSON.stringify(s)}: invalid syntax`);
  return Number(s);
}

/**
 * moby filters.FromJSON: `{"dangling":{"true":true}}`, or the legacy `{"dangling":["true"]}` form.
 * Empty → {}.
 */
export function parseFilters(raw: string | null): Filters {
  if (!raw) return {};
  let parsed: unknown;
  try {
    parsed = JSON.parse(raw);
  } catch {
    throw invalidParameter('invalid filter: ' + raw);
  }
  if (parsed === null || typeof parsed !== 'object' || Array.isArray(parsed)) throw invalidParameter('invalid filter: ' + raw);
  const out: Filters = {};
  for (const [k, v] of Object.entries(parsed as Record<string, unknown>)) {
    const m: Record<string, boolean> = {};
    if (Array.isArray(v)) for (const x of v) m[String(x)] = true;
    else if (v && typeof v === 'object') for (const [x, b] of Object.entries(v as Record<string, unknown>)) m[x] = Boolean(b);
    else throw invalidParameter('invalid filter: ' + raw);
    out[k] = m;
  }
  return out;
}

/** Parses a JSON map query value (`buildargs`, `labels`); 400 on malformed JSON. */
export function parseJsonMap<T>(q: QueryParams, k: string): Record<string, T> | undefined {
  const raw = q.get(k);
  if (!raw) return undefined;
  try {
    const v = JSON.parse(raw) as unknown;
    if (v === null) return undefined;
    if (typeof v !== 'object' || Array.isArray(v)) throw new Error('not an object');
    return v as Record<string, T>;
  } catch {
    throw invalidParameter(`error reading ${k}: invalid JSON`);
  }
}

/** stdcopy stream ids */
export const STDOUT = 1;
export const STDERR = 2;
export const SYSERR = 3;

/** One stdcopy frame: [stream, 0, 0, 0, size (uint32 big-endian)] + payload. */
export function muxFrame(stream: number, data: Uint8Array): Uint8Array {
  const out = new Uint8Array(8 + data.length);
  out[0] = stream;
  const n = data.length;
  out[4] = (n >>> 24) & 0xff;
  out[5] = (n >>> 16) & 0xff;
  out[6] = (n >>> 8) & 0xff;
  out[7] = n & 0xff;
  out.set(data, 8);
  return out;
}

/** Splits a byte stream of stdcopy frames (for tests and clients). Returns complete frames and the unread rest. */
export function demux(buf: Uint8Array): { frames: { stream: number; data: Uint8Array }[]; rest: Uint8Array } {
  const frames: { stream: number; data: Uint8Array }[] = [];
  let i = 0;
  while (i + 8 <= buf.length) {
    const n = ((buf[i + 4] << 24) >>> 0) + (buf[i + 5] << 16) + (buf[i + 6] << 8) + buf[i + 7];
    if (i + 8 + n > buf.length) break;
    frames.push({ stream: buf[i], data: buf.subarray(i + 8, i + 8 + n) });
    i += 8 + n;
  }
  return { frames, rest: buf.subarray(i) };
}

export function concatBytes(parts: Uint8Array[]): Uint8Array {
  let n = 0;
  for (const p of parts) n += p.length;
  const out = new Uint8Array(n);
  let o = 0;
  for (const p of parts) {
    out.set(p, o);
    o += p.length;
  }
  return out;
}

/** Collects a request body (bytes or a stream of chunks). */
export async function readAll(body: Uint8Array | AsyncIterable<Uint8Array>): Promise<Uint8Array> {
  if (body instanceof Uint8Array) return body;
  const parts: Uint8Array[] = [];
  for await (const c of body) parts.push(c);
  return concatBytes(parts);
}

/** Compares dotted API versions ("1.9" < "1.10"). */
export function compareVersions(a: string, b: string): number {
  const pa = a.split('.');
  const pb = b.split('.');
  for (let i = 0; i < Math.max(pa.length, pb.length); i++) {
    const x = Number(pa[i] ?? 0) || 0;
    const y = Number(pb[i] ?? 0) || 0;
    if (x !== y) return x < y ? -1 : 1;
  }
  return 0;
}

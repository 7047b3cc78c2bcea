/**
 * Share links: a workspace (files) and the commands to replay, in a URL hash.
 *
 *   #v1/<base64url(deflate-raw(JSON))>
 *
 * JSON (v1): {"f":[{"p":"Dockerfile","t":"FROM alpine\n"},{"p":"bin/x","b":"<base64>","m":493}],"c":["docker build ."],"a":"Dockerfile","t":[1795000000000]}
 *   f: files; p = relative slash-separated path, t = UTF-8 text or b = base64 bytes, m = mode when not 0o644.
 *   c: command lines to replay, in order.   a: the file the editor opens (optional).
 *   f[].mt: (optional, added 2026-11-27) the file's modification time in ms.
 *   t: (optional, added 2026-11-27; links without it still decode) the engine clock's reading in ms when each command
 *      started, one per command: replaying with them gives the same image and container IDs as the sharer saw.
 * A link is data only: the decoder validates everything and never returns anything meant to be rendered as HTML.
 * Old versions keep decoding: add a new `vN/` decoder beside the old ones, never change an old one.
 */
import { Inflate, deflateSync, strFromU8, strToU8 } from 'fflate';

export interface SharedFile {
  path: string;
  data: Uint8Array;
  /** Unix mode bits; 0o644 when absent. */
  mode?: number;
  /** Modification time (ms since the epoch): COPY keeps it in the layer, so a replay needs it for the same layer IDs. */
  mtime?: number;
}

export interface SharePayload {
  files: SharedFile[];
  commands: string[];
  /** The file the editor should show first. */
  active?: string;
  /** The engine clock's reading (ms since the epoch) when each command started; same length as `commands`. */
  times?: number[];
}

export const SHARE_LIMITS = {
  /** Characters of the encoded hash (after `#`). Browsers and chat apps cope with ~64k; stay well under. */
  maxEncoded: 48_000,
  /** Bytes of the JSON after decompression (guards against deflate bombs). */
  maxDecoded: 1_000_000,
  maxFiles: 200,
  maxPathLength: 255,
  maxCommands: 200,
  maxCommandLength: 4_096,
} as const;

export class ShareError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ShareError';
  }
}

const CURRENT = 'v1';
const DEFAULT_MODE = 0o644;

// ---------- base64 / base64url (no DOM: btoa/atob are not available in lib/) ----------
const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';
const URL_ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';

function toBase64(bytes: Uint8Array, alphabet: string, pad: boolean): string {
  let out = '';
  let i = 0;
  for (; i + 2 < bytes.length; i += 3) {
    const n = (bytes[i]! << 16) | (bytes[i + 1]! << 8) | bytes[i + 2]!;
    out += alphabet[(n >> 18) & 63]! + alphabet[(n >> 12) & 63]! + alphabet[(n >> 6) & 63]! + alphabet[n & 63]!;
  }
  const rest = bytes.length - i;
  if (rest === 1) {
    const n = bytes[i]! << 16;
    out += alphabet[(n >> 18) & 63]! + alphabet[(n >> 12) & 63]! + (pad ? '==' : '');
  } else if (rest === 2) {
    const n = (bytes[i]! << 16) | (bytes[i + 1]! << 8);
    out += alphabet[(n >> 18) & 63]! + alphabet[(n >> 12) & 63]! + alphabet[(n >> 6) & 63]! + (pad ? '=' : '');
  }
  return out;
}

function fromBase64(text: string, alphabet: string): Uint8Array {
  const s = text.replace(/=+$/, '');
  if (s.length % 4 === 1) throw new ShareError('share link: bad base64 length');
  const lookup = new Map<string, number>();
  for (let k = 0; k < alphabet.length; k++) lookup.set(alphabet[k]!, k);
  const out = new Uint8Array(Math.floor((s.length * 3) / 4));
  let o = 0;
  let acc = 0;
  let bits = 0;
  for (const ch of s) {
    const v = lookup.get(ch);
    if (v === undefined) throw new ShareError('share link: invalid character');
    acc = (acc << 6) | v;
    bits += 6;
    if (bits >= 8) {
      bits -= 8;
      out[o++] = (acc >> bits) & 0xff;
    }
  }
  return out.subarray(0, o);
}

export const base64url = {
  encode: (bytes: Uint8Array) => toBase64(bytes, URL_ALPHABET, false),
  decode: (text: string) => fromBase64(text, URL_ALPHABET),
};

// ---------- UTF-8 ----------
/** Decodes strict UTF-8, or returns undefined when the bytes are not valid UTF-8 (binary files go as base64). */
function utf8OrUndefined(data: Uint8Array): string | undefined {
  const text = strFromU8(data);
  const back = strToU8(text);
  if (back.length !== data.length) return undefined;
  for (let i = 0; i < back.length; i++) if (back[i] !== data[i]) return undefined;
  return text;
}

// ---------- validation ----------
function checkPath(path: unknown): string {
  if (typeof path !== 'string' || path.length === 0) throw new ShareError('share link: file without a path');
  if (path.length > SHARE_LIMITS.maxPathLength) throw new ShareError('share link: path too long');
  if (path.startsWith('/') || path.includes('\\') || path.includes('\0')) throw new ShareError(`share link: invalid path ${JSON.stringify(path)}`);
  for (const seg of path.split('/')) {
    if (seg === '' || seg === '.' || seg === '..') throw new ShareError(`share link: invalid path ${JSON.stringify(path)}`);
  }
  // No control characters in names: they would be echoed to the terminal.
  if (/[\u0000-\u001f\u007f]/.test(path)) throw new ShareError(`share link: invalid path ${JSON.stringify(path)}`);
  return path;
}

function checkCommand(cmd: unknown): string {
  if (typeof cmd !== 'string') throw new ShareError('share link: a command is not text');
  if (cmd.length > SHARE_LIMITS.maxCommandLength) throw new ShareError('share link: command too long');
  if (/[\u0000-\u0008\u000a-\u001f\u007f]/.test(cmd)) throw new ShareError('share link: control characters in a command');
  return cmd;
}

/** A time in whole milliseconds between 1970 and the year 9999. */
function checkTime(t: unknown, message: string): number {
  if (typeof t !== 'number' || !Number.isInteger(t) || t < 0 || t > 253_402_300_799_999) throw new ShareError(message);
  return t;
}

function checkTimes(times: unknown, n: number): number[] {
  if (!Array.isArray(times) || times.length !== n) throw new ShareError('share link: command times do not match the commands');
  for (const t of times) checkTime(t, 'share link: invalid command time');
  return times as number[];
}

function validate(payload: SharePayload): SharePayload {
  if (payload.files.length > SHARE_LIMITS.maxFiles) throw new ShareError('share link: too many files');
  if (payload.commands.length > SHARE_LIMITS.maxCommands) throw new ShareError('share link: too many commands');
  const seen = new Set<string>();
  for (const f of payload.files) {
    checkPath(f.path);
    if (seen.has(f.path)) throw new ShareError(`share link: duplicate path ${JSON.stringify(f.path)}`);
    seen.add(f.path);
    if (f.mode !== undefined && (!Number.isInteger(f.mode) || f.mode < 0 || f.mode > 0o7777)) throw new ShareError('share link: invalid mode');
    if (f.mtime !== undefined) checkTime(f.mtime, 'share link: invalid file time');
  }
  payload.commands.forEach(checkCommand);
  if (payload.active !== undefined) checkPath(payload.active);
  if (payload.times !== undefined) checkTimes(payload.times, payload.commands.length);
  return payload;
}

// ---------- v1 ----------
interface V1File { p: string; t?: string; b?: string; m?: number; mt?: number }
interface V1 { f: V1File[]; c: string[]; a?: string; t?: number[] }

function toV1(payload: SharePayload): V1 {
  const f = payload.files.map((file): V1File => {
    const text = utf8OrUndefined(file.data);
    const entry: V1File = text !== undefined ? { p: file.path, t: text } : { p: file.path, b: toBase64(file.data, ALPHABET, true) };
    if (file.mode !== undefined && file.mode !== DEFAULT_MODE) entry.m = file.mode;
    if (file.mtime !== undefined) entry.mt = file.mtime;
    return entry;
  });
  const v: V1 = { f, c: payload.commands };
  if (payload.active !== undefined) v.a = payload.active;
  if (payload.times !== undefined) v.t = payload.times;
  return v;
}

function isRecord(x: unknown): x is Record<string, unknown> {
  return typeof x === 'object' && x !== null && !Array.isArray(x);
}

function fromV1(json: unknown): SharePayload {
  if (!isRecord(json) || !Array.isArray(json.f) || !Array.isArray(json.c)) throw new ShareError('share link: not a v1 payload');
  if (json.f.length > SHARE_LIMITS.maxFiles) throw new ShareError('share link: too many files');
  const files = json.f.map((raw): SharedFile => {
    if (!isRecord(raw)) throw new ShareError('share link: bad file entry');
    const path = checkPath(raw.p);
    let data: Uint8Array;
    if (typeof raw.t === 'string') data = strToU8(raw.t);
    else if (typeof raw.b === 'string') data = fromBase64(raw.b, ALPHABET);
    else throw new ShareError('share link: file without content');
    const file: SharedFile = { path, data };
    if (raw.m !== undefined) {
      if (typeof raw.m !== 'number') throw new ShareError('share link: invalid mode');
      file.mode = raw.m;
    }
    if (raw.mt !== undefined) file.mtime = checkTime(raw.mt, 'share link: invalid file time');
    return file;
  });
  const commands = json.c.map(checkCommand);
  const payload: SharePayload = { files, commands };
  if (json.a !== undefined) payload.active = checkPath(json.a);
  if (json.t !== undefined) payload.times = checkTimes(json.t, commands.length);
  return validate(payload);
}

/** Inflates at most `limit` bytes; throws past it (a deflate bomb would otherwise eat the tab's memory). */
function inflateCapped(data: Uint8Array, limit: number): Uint8Array {
  const chunks: Uint8Array[] = [];
  let total = 0;
  let over = false;
  const inflater = new Inflate((chunk) => {
    total += chunk.length;
    if (total > limit) over = true;
    else chunks.push(chunk);
  });
  const step = 4096;
  try {
    for (let i = 0; i < data.length && !over; i += step) {
      inflater.push(data.subarray(i, i + step), i + step >= data.length);
    }
  } catch {
    throw new ShareError('share link: corrupt data');
  }
  if (over) throw new ShareError('share link: too large');
  const out = new Uint8Array(total);
  let o = 0;
  for (const c of chunks) {
    out.set(c, o);
    o += c.length;
  }
  return out;
}

/** Encodes a payload as `v1/...` (put it after `#`). Throws ShareError when the link would be too long. */
export function encodeShare(payload: SharePayload): string {
  validate(payload);
  const json = strToU8(JSON.stringify(toV1(payload)));
  if (json.length > SHARE_LIMITS.maxDecoded) throw new ShareError('share link: workspace too large to share');
  const encoded = `${CURRENT}/${base64url.encode(deflateSync(json, { level: 9 }))}`;
  if (encoded.length > SHARE_LIMITS.maxEncoded) throw new ShareError('share link: workspace too large to share');
  return encoded;
}

/** True when a location hash looks like a share link (`#v1/...`). */
export function isShareHash(hash: string): boolean {
  return /^#?v\d+\//.test(hash);
}

/** Decodes `#v1/...` or `v1/...`. Throws ShareError for anything else, oversize, corrupt or invalid data. */
export function decodeShare(hash: string): SharePayload {
  const text = hash.startsWith('#') ? hash.slice(1) : hash;
  if (text.length > SHARE_LIMITS.maxEncoded + 8) throw new ShareError('share link: too large');
  const m = /^v(\d+)\/([A-Za-z0-9_-]*)$/.exec(text);
  if (!m) throw new ShareError('share link: unrecognised format');
  const version = Number(m[1]);
  const bytes = base64url.decode(m[2]!);
  switch (version) {
    case 1: {
      const raw = inflateCapped(bytes, SHARE_LIMITS.maxDecoded);
      let json: unknown;
      try {
        json = JSON.parse(strFromU8(raw));
      } catch {
        throw new ShareError('share link: corrupt data');
      }
      return fromV1(json);
    }
    default:
      throw new ShareError(`share link: version ${version} is newer than this page; reload to update`);
  }
}

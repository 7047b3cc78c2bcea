/**
 * A minimal tar reader/writer for the Engine API server (POST /build contexts, archive PUT/GET, fake save/load).
 * Reads ustar, GNU long names (L/K) and PAX headers (x/g: path, linkpath, size, mtime); gzip input is inflated.
 * NOTE for the lead: lib/engine may grow its own tar module; merge them when both exist.
 */
import { gunzipSync } from 'fflate';
import type { BuildContext, ContextFile } from './types';

export interface TarEntry {
  /** Path without a leading "./" or "/"; directories without the trailing slash. */
  name: string;
  type: 'file' | 'dir' | 'symlink' | 'hardlink' | 'other';
  mode: number;
  uid: number;
  gid: number;
  size: number;
  /** unix seconds */
  mtime: number;
  linkname: string;
  data: Uint8Array;
}

const dec = (b: Uint8Array): string => {
  let s = '';
  for (const c of b) {
    if (c === 0) break;
    s += String.fromCharCode(c);
  }
  return s;
};
/** UTF-8 decode without TextDecoder. */
function utf8Decode(b: Uint8Array): string {
  let out = '';
  for (let i = 0; i < b.length; ) {
    const c = b[i];
    let cp: number;
    let n: number;
    if (c < 0x80) { cp = c; n = 1; }
    else if (c >= 0xf0) { cp = c & 7; n = 4; }
    else if (c >= 0xe0) { cp = c & 15; n = 3; }
    else { cp = c & 31; n = 2; }
    for (let k = 1; k < n; k++) cp = (cp << 6) | ((b[i + k] ?? 0) & 63);
    out += String.fromCodePoint(cp);
    i += n;
  }
  return out;
}
const field = (b: Uint8Array, off: number, len: number): string => {
  const sub = b.subarray(off, off + len);
  const end = sub.indexOf(0);
  return utf8Decode(end < 0 ? sub : sub.subarray(0, end));
};
function num(b: Uint8Array, off: number, len: number): number {
  if (b[off] & 0x80) {
    // base-256 (GNU) big-endian
    let v = b[off] & 0x7f;
    for (let i = 1; i < len; i++) v = v * 256 + b[off + i];
    return v;
  }
  const s = dec(b.subarray(off, off + len)).trim();
  return s ? parseInt(s, 8) : 0;
}

function parsePax(data: Uint8Array): Record<string, string> {
  const out: Record<string, string> = {};
  let i = 0;
  while (i < data.length) {
    const sp = data.indexOf(0x20, i);
    if (sp < 0) break;
    const len = parseInt(dec(data.subarray(i, sp)), 10);
    if (!len) break;
    const rec = utf8Decode(data.subarray(sp + 1, i + len - 1));
    const eq = rec.indexOf('=');
    if (eq > 0) out[rec.slice(0, eq)] = rec.slice(eq + 1);
    i += len;
  }
  return out;
}

function cleanName(n: string): string {
  let s = n.replace(/^(\.\/)+/, '').replace(/^\/+/, '');
  while (s.endsWith('/')) s = s.slice(0, -1);
  return s === '.' ? '' : s;
}

/** Reads every entry of a tar archive (gzip-compressed archives are inflated first). */
export function readTar(input: Uint8Array): TarEntry[] {
  let buf = input;
  if (buf.length > 2 && buf[0] === 0x1f && buf[1] === 0x8b) buf = gunzipSync(buf);
  const out: TarEntry[] = [];
  let off = 0;
  let longName: string | null = null;
  let longLink: string | null = null;
  let pax: Record<string, string> = {};
  let globalPax: Record<string, string> = {};
  while (off + 512 <= buf.length) {
    const h = buf.subarray(off, off + 512);
    if (h.every((c) => c === 0)) break;
    const flag = String.fromCharCode(h[156] || 48);
    const sizeField = num(h, 124, 12);
    const merged = { ...globalPax, ...pax };
    const size = merged.size !== undefined ? Number(merged.size) : sizeField;
    const data = buf.subarray(off + 512, off + 512 + size);
    off += 512 + Math.ceil(size / 512) * 512;
    if (flag === 'x') { pax = parsePax(data); continue; }
    if (flag === 'g') { globalPax = { ...globalPax, ...parsePax(data) }; continue; }
    if (flag === 'L') { longName = dec(data); continue; }
    if (flag === 'K') { longLink = dec(data); continue; }
    const magic = dec(h.subarray(257, 263));
    const prefix = magic.startsWith('ustar') ? field(h, 345, 155) : '';
    let name = merged.path ?? longName ?? ((prefix ? prefix + '/' : '') + field(h, 0, 100));
    const isDirName = name.endsWith('/');
    name = cleanName(name);
    const linkname = merged.linkpath ?? longLink ?? field(h, 157, 100);
    const type: TarEntry['type'] =
      flag === '5' || (isDirName && (flag === '0' || flag === '\0')) ? 'dir'
        : flag === '0' || flag === '\0' || flag === '7' ? 'file'
          : flag === '2' ? 'symlink' : flag === '1' ? 'hardlink' : 'other';
    out.push({
      name, type, linkname,
      mode: num(h, 100, 8) & 0o7777,
      uid: merged.uid !== undefined ? Number(merged.uid) : num(h, 108, 8),
      gid: merged.gid !== undefined ? Number(merged.gid) : num(h, 116, 8),
      size: type === 'file' ? size : 0,
      mtime: merged.mtime !== undefined ? Math.floor(Number(merged.mtime)) : num(h, 136, 12),
      data: type === 'file' ? data.slice() : new Uint8Array(0),
    });
    longName = null;
    longLink = null;
    pax = {};
  }
  return out;
}

/** A build context from a tar (what `docker build` sends to POST /build). The root entry "." is skipped. */
export function tarToBuildContext(tar: Uint8Array): BuildContext {
  const files = new Map<string, ContextFile>();
  for (const e of readTar(tar)) {
    if (!e.name) continue;
    const f: ContextFile = { data: e.data, mode: e.mode, mtime: e.mtime };
    if (e.type === 'dir') f.type = 'dir';
    else if (e.type === 'symlink') { f.type = 'symlink'; f.linkname = e.linkname; }
    else f.type = 'file';
    files.set(e.name, f);
  }
  return { files };
}

// ---------- writer ----------

export interface TarWriteEntry {
  name: string;
  type?: 'file' | 'dir' | 'symlink';
  mode?: number;
  uid?: number;
  gid?: number;
  mtime?: number;
  linkname?: string;
  data?: Uint8Array;
}

function utf8Encode(s: string): Uint8Array {
  const out: number[] = [];
  for (const ch of s) {
    const cp = ch.codePointAt(0) ?? 0;
    if (cp < 0x80) out.push(cp);
    else if (cp < 0x800) out.push(0xc0 | (cp >> 6), 0x80 | (cp & 63));
    else if (cp < 0x10000) out.push(0xe0 | (cp >> 12), 0x80 | ((cp >> 6) & 63), 0x80 | (cp & 63));
    else out.push(0xf0 | (cp >> 18), 0x80 | ((cp >> 12) & 63), 0x80 | ((cp >> 6) & 63), 0x80 | (cp & 63));
  }
  return Uint8Array.from(out);
}

function header(name: Uint8Array, flag: string, e: TarWriteEntry, size: number, link: Uint8Array): Uint8Array {
  const h = new Uint8Array(512);
  h.set(name.subarray(0, 100), 0);
  const oct = (v: number, off: number, len: number) => {
    const s = Math.max(0, Math.floor(v)).toString(8).padStart(len - 1, '0');
    for (let i = 0; i < len - 1; i++) h[off + i] = s.charCodeAt(i);
  };
  oct(e.mode ?? (flag === '5' ? 0o755 : 0o644), 100, 8);
  oct(e.uid ?? 0, 108, 8);
  oct(e.gid ?? 0, 116, 8);
  oct(size, 124, 12);
  oct(e.mtime ?? 0, 136, 12);
  h[156] = flag.charCodeAt(0);
  h.set(link.subarray(0, 100), 157);
  const magic = 'ustar\x0000';
  for (let i = 0; i < magic.length; i++) h[257 + i] = magic.charCodeAt(i);
  for (let i = 148; i < 156; i++) h[i] = 32;
  let sum = 0;
  for (const c of h) sum += c;
  const cs = sum.toString(8).padStart(6, '0');
  for (let i = 0; i < 6; i++) h[148 + i] = cs.charCodeAt(i);
  h[154] = 0;
  h[155] = 32;
  return h;
}

/** Writes a ustar archive (PAX records for names/links over 100 bytes), ending with two zero blocks. */
export function writeTar(entries: TarWriteEntry[]): Uint8Array {
  const blocks: Uint8Array[] = [];
  const pad = (n: number) => new Uint8Array((512 - (n % 512)) % 512);
  for (const e of entries) {
    const type = e.type ?? 'file';
    const flag = type === 'dir' ? '5' : type === 'symlink' ? '2' : '0';
    const name = utf8Encode(type === 'dir' && !e.name.endsWith('/') ? e.name + '/' : e.name);
    const link = utf8Encode(e.linkname ?? '');
    const data = type === 'file' ? (e.data ?? new Uint8Array(0)) : new Uint8Array(0);
    if (name.length > 100 || link.length > 100) {
      let recs = '';
      const rec = (k: string, v: string) => {
        const body = ` ${k}=${v}\n`;
        let len = utf8Encode(body).length;
        len += String(len).length;
        if (String(len).length !== String(len - String(len).length).length) len += 1;
        recs += `${len}${body}`;
      };
      if (name.length > 100) rec('path', utf8Decode(name));
      if (link.length > 100) rec('linkpath', e.linkname ?? '');
      const pd = utf8Encode(recs);
      blocks.push(header(utf8Encode('PaxHeaders/' + (e.name.split('/').pop() ?? '')), 'x', { name: '' }, pd.length, new Uint8Array(0)), pd, pad(pd.length));
    }
    blocks.push(header(name, flag, e, data.length, link), data, pad(data.length));
  }
  blocks.push(new Uint8Array(1024));
  let n = 0;
  for (const b of blocks) n += b.length;
  const out = new Uint8Array(n);
  let o = 0;
  for (const b of blocks) { out.set(b, o); o += b.length; }
  return out;
}

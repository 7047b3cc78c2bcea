/**
 * Tar for the Engine API server (POST /build contexts, archive PUT/GET, fake save/load): reading goes through
 * lib/engine/tar.ts (the one tar reader), flattened to TarEntry; gzip input is inflated. writeTar writes ustar with PAX
 * records for long names.
 */
import { gunzipSync } from 'fflate';
import { TYPE_DIR, TYPE_LINK, TYPE_REG, TYPE_SYMLINK, readTar as engineReadTar } from '../engine/tar';
import { utf8Decode } from '../engine/digest';
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

function cleanName(n: string): string {
  let s = n.replace(/^(\.\/)+/, '').replace(/^\/+/, '');
  while (s.endsWith('/')) s = s.slice(0, -1);
  return s === '.' ? '' : s;
}

/**
 * Reads every entry of a tar archive (gzip-compressed archives are inflated first) with lib/engine's reader (ustar,
 * PAX x/g, GNU L/K, checksums verified), as the flat entries the Engine API routes use.
 */
export function readTar(input: Uint8Array): TarEntry[] {
  const buf = input.length > 2 && input[0] === 0x1f && input[1] === 0x8b ? gunzipSync(input) : input;
  return engineReadTar(buf).map((r) => {
    const isDirName = r.name.endsWith('/');
    const flag = r.typeflag;
    const type: TarEntry['type'] =
      flag === TYPE_DIR || (isDirName && flag === TYPE_REG) ? 'dir'
        : flag === TYPE_REG || flag === '7' ? 'file'
          : flag === TYPE_SYMLINK ? 'symlink' : flag === TYPE_LINK ? 'hardlink' : 'other';
    return {
      name: cleanName(r.name), type, linkname: r.linkname ?? '', mode: r.mode & 0o7777, uid: r.uid, gid: r.gid,
      size: type === 'file' ? r.size : 0, mtime: r.mtime, data: type === 'file' ? r.data : new Uint8Array(0),
    };
  });
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

/**
 * Tar streams as Go's archive/tar writes them for docker layers (moby pkg/archive: Format PAX, which Go writes as
 * plain USTAR whenever the header fits; ModTime truncated to seconds; no user/group name lookups), and a reader for
 * ustar, PAX (x/g) and GNU long names (L/K).
 *
 * Layer conventions (image-spec layer.md): directories end with "/", deleted paths are empty files named
 * ".wh.<name>", a directory whose lower content is hidden carries a ".wh..wh..opq" file.
 */
import { Sha256, utf8, utf8Decode } from './digest';
import { type Content, type Entry, contentChunks, contentSize, walkOrder, baseName, parentOf, joinPath } from './fs/entry';

export const TYPE_REG = '0', TYPE_LINK = '1', TYPE_SYMLINK = '2', TYPE_CHAR = '3', TYPE_BLOCK = '4', TYPE_DIR = '5', TYPE_FIFO = '6';
export const WHITEOUT_PREFIX = '.wh.';
export const OPAQUE_MARKER = '.wh..wh..opq';

export interface TarHeader {
  /** Name as stored: relative, directories with a trailing "/". */
  name: string;
  typeflag: string;
  mode: number;
  uid: number;
  gid: number;
  size: number;
  /** Unix seconds. */
  mtime: number;
  linkname?: string;
  uname?: string;
  gname?: string;
  devmajor?: number;
  devminor?: number;
  /** Extra PAX records (e.g. SCHILY.xattr.*). */
  pax?: Record<string, string>;
}
export interface TarRecord extends TarHeader { data: Uint8Array }

const BLOCK = 512;
const isAscii = (s: string): boolean => /^[\x00-\x7f]*$/.test(s);

function putString(b: Uint8Array, off: number, len: number, s: string): void {
  // Go's formatString: ASCII only (non-ASCII goes to PAX), truncated to the field, NUL-filled.
  let o = 0;
  for (let i = 0; i < s.length && o < len; i++) {
    const c = s.charCodeAt(i);
    if (c < 0x80) b[off + o++] = c;
  }
}
function putOctal(b: Uint8Array, off: number, len: number, v: number): void {
  let s = Math.max(0, Math.floor(v)).toString(8);
  const pad = len - s.length - 1;
  if (pad > 0) s = '0'.repeat(pad) + s;
  putString(b, off, len, s);
}
const fitsOctal = (v: number, len: number): boolean => v >= 0 && v < Math.pow(8, len - 1);

/** Splits a long name into USTAR prefix (<=155) and name (<=100) at a slash, as Go's splitUSTARPath. */
function splitUstar(name: string): [string, string] | null {
  const len = name.length;
  if (len <= 100 || !isAscii(name)) return null;
  let i = Math.min(len - 1, 156);
  while (i > 0 && name[i] !== '/') i--;
  if (i <= 0) return null;
  // Go: i = strings.LastIndex(name[:length], "/") with length = min(len-1, 155+1)
  const prefix = name.slice(0, i), rest = name.slice(i + 1);
  if (prefix.length > 155 || rest.length > 100 || rest.length === 0) return null;
  return [prefix, rest];
}

function rawBlock(h: TarHeader, name: string, prefix: string): Uint8Array {
  const b = new Uint8Array(BLOCK);
  putString(b, 0, 100, name);
  putOctal(b, 100, 8, h.mode);
  putOctal(b, 108, 8, h.uid);
  putOctal(b, 116, 8, h.gid);
  putOctal(b, 124, 12, fitsOctal(h.size, 12) ? h.size : 0);
  putOctal(b, 136, 12, fitsOctal(h.mtime, 12) ? h.mtime : 0);
  b[156] = h.typeflag.charCodeAt(0);
  putString(b, 157, 100, h.linkname ?? '');
  putString(b, 257, 6, 'ustar\0');
  putString(b, 263, 2, '00');
  putString(b, 265, 32, h.uname ?? '');
  putString(b, 297, 32, h.gname ?? '');
  putOctal(b, 329, 8, h.devmajor ?? 0);
  putOctal(b, 337, 8, h.devminor ?? 0);
  putString(b, 345, 155, prefix);
  checksum(b);
  return b;
}
function checksum(b: Uint8Array): void {
  let sum = 0;
  for (let i = 0; i < BLOCK; i++) sum += i >= 148 && i < 156 ? 32 : b[i];
  putOctal(b, 148, 7, sum);
  b[155] = 32;
}

function paxRecord(k: string, v: string): string {
  const body = ` ${k}=${v}\n`;
  const bl = utf8(body).length;
  let n = bl + String(bl).length;
  if (String(n).length !== String(n - bl).length) n = bl + String(n).length;
  return n + body;
}

/** The header blocks for one entry (a PAX extended header first when USTAR cannot hold it). */
export function headerBlocks(h: TarHeader): Uint8Array[] {
  const pax: Record<string, string> = { ...(h.pax ?? {}) };
  let name = h.name, prefix = '';
  if (name.length > 100 || !isAscii(name)) {
    const sp = splitUstar(name);
    if (sp) [prefix, name] = sp;
    else pax.path = h.name;
  }
  const link = h.linkname ?? '';
  if (link.length > 100 || !isAscii(link)) pax.linkpath = link;
  if (!fitsOctal(h.size, 12)) pax.size = String(h.size);
  if (!fitsOctal(h.mtime, 12)) pax.mtime = String(h.mtime);
  if (!fitsOctal(h.uid, 8)) pax.uid = String(h.uid);
  if (!fitsOctal(h.gid, 8)) pax.gid = String(h.gid);
  if ((h.uname ?? '').length > 32 || !isAscii(h.uname ?? '')) pax.uname = h.uname ?? '';
  if ((h.gname ?? '').length > 32 || !isAscii(h.gname ?? '')) pax.gname = h.gname ?? '';
  const keys = Object.keys(pax).sort();
  if (keys.length === 0) return [rawBlock(h, name, prefix)];
  const data = utf8(keys.map((k) => paxRecord(k, pax[k])).join(''));
  const dirPart = h.name.replace(/\/$/, '');
  const slash = dirPart.lastIndexOf('/');
  let xname = (slash >= 0 ? dirPart.slice(0, slash + 1) : '') + 'PaxHeaders.0/' + dirPart.slice(slash + 1);
  xname = xname.replace(/[^\x00-\x7f]/g, '').slice(0, 100).replace(/\/+$/, '');
  const x = new Uint8Array(BLOCK);
  putString(x, 0, 100, xname);
  putOctal(x, 100, 8, 0);
  putOctal(x, 108, 8, 0);
  putOctal(x, 116, 8, 0);
  putOctal(x, 124, 12, data.length);
  putOctal(x, 136, 12, 0);
  x[156] = 'x'.charCodeAt(0);
  putString(x, 257, 6, 'ustar\0');
  putString(x, 263, 2, '00');
  checksum(x);
  const blocks = [x, ...padded(data), rawBlock(h, name.length > 100 ? name.slice(0, 100) : name, prefix)];
  return blocks;
}
function padded(data: Uint8Array): Uint8Array[] {
  const rem = data.length % BLOCK;
  return rem === 0 ? [data] : [data, new Uint8Array(BLOCK - rem)];
}

/** Streams a tar archive: headers, contents (lazy content generated chunk by chunk), padding and the 1024-byte end. */
export function* tarChunks(items: Iterable<{ header: TarHeader; data?: Content }>): Generator<Uint8Array> {
  for (const { header, data } of items) {
    const size = data ? contentSize(data) : 0;
    yield* headerBlocks({ ...header, size });
    if (data && size) {
      yield* contentChunks(data);
      const rem = size % BLOCK;
      if (rem) yield new Uint8Array(BLOCK - rem);
    }
  }
  yield new Uint8Array(BLOCK * 2);
}
export function concatChunks(chunks: Iterable<Uint8Array>): Uint8Array {
  const list = [...chunks];
  let n = 0;
  for (const c of list) n += c.length;
  const out = new Uint8Array(n);
  let o = 0;
  for (const c of list) { out.set(c, o); o += c.length; }
  return out;
}
/** sha256 of a chunk stream without keeping it: the DiffID of a layer tar. Also returns its length. */
export function digestChunks(chunks: Iterable<Uint8Array>): { digest: string; length: number } {
  const h = new Sha256();
  let length = 0;
  for (const c of chunks) { h.update(c); length += c.length; }
  return { digest: 'sha256:' + h.hex(), length };
}

// ---------- layers as tar ----------

/** A layer's content: what changed, as a map from absolute path to entry, whiteout or opaque directory. */
export type LayerChange = Entry | { type: 'whiteout' };
export interface LayerContent {
  /** Absolute paths ("/etc/passwd"). A directory listed in `opaque` hides everything below it in lower layers. */
  entries: ReadonlyMap<string, LayerChange>;
  opaque?: ReadonlySet<string>;
}

/** Tar items of a layer in Go walk order, with whiteouts and opaque markers as docker writes them. */
export function* layerTarItems(layer: LayerContent): Generator<{ header: TarHeader; data?: Content }> {
  const paths = [...layer.entries.keys()].filter((p) => p !== '/').sort(walkOrder);
  const links = new Map<number, string>();
  for (const p of paths) {
    const e = layer.entries.get(p)!;
    const rel = p.slice(1);
    if (e.type === 'whiteout') {
      const wh = joinPath(parentOf(p), WHITEOUT_PREFIX + baseName(p)).slice(1);
      yield { header: { name: wh, typeflag: TYPE_REG, mode: 0, uid: 0, gid: 0, size: 0, mtime: 0 } };
      continue;
    }
    const base = { mode: e.mode & 0o7777, uid: e.uid, gid: e.gid, mtime: Math.floor(e.mtime), size: 0 };
    if (e.type === 'dir') {
      yield { header: { ...base, name: rel + '/', typeflag: TYPE_DIR } };
      if (layer.opaque?.has(p)) {
        yield { header: { name: rel + '/' + OPAQUE_MARKER, typeflag: TYPE_REG, mode: e.mode & 0o777, uid: e.uid, gid: e.gid, size: 0, mtime: base.mtime } };
      }
    } else if (e.type === 'symlink') {
      yield { header: { ...base, name: rel, typeflag: TYPE_SYMLINK, linkname: e.target } };
    } else {
      if (e.ino !== undefined) {
        const first = links.get(e.ino);
        if (first !== undefined) {
          yield { header: { ...base, name: rel, typeflag: TYPE_LINK, linkname: first } };
          continue;
        }
        links.set(e.ino, rel);
      }
      yield { header: { ...base, name: rel, typeflag: TYPE_REG }, data: e.data };
    }
  }
}

export const layerTar = (layer: LayerContent): Uint8Array => concatChunks(tarChunks(layerTarItems(layer)));
/** DiffID (sha256 of the uncompressed layer tar) and the tar's length, streamed. */
export const layerDiffId = (layer: LayerContent): { digest: string; length: number } => digestChunks(tarChunks(layerTarItems(layer)));

/**
 * moby's layer size (overlay2 DiffSize = directory.Size of the layer's directory): the sum of the sizes of every
 * non-directory entry (regular files, symlinks by target length, whiteouts 0), hard links counted once.
 */
export function layerSize(layer: LayerContent): number {
  let n = 0;
  const seen = new Set<number>();
  for (const e of layer.entries.values()) {
    if (e.type === 'file') {
      if (e.ino !== undefined) {
        if (seen.has(e.ino)) continue;
        seen.add(e.ino);
      }
      n += contentSize(e.data);
    } else if (e.type === 'symlink') n += utf8(e.target).length;
  }
  return n;
}

// ---------- reading ----------

function readString(b: Uint8Array, off: number, len: number): string {
  let end = off;
  while (end < off + len && b[end] !== 0) end++;
  return utf8Decode(b.subarray(off, end));
}
function readNumber(b: Uint8Array, off: number, len: number): number {
  if (b[off] & 0x80) {
    let v = b[off] & 0x7f;
    for (let i = 1; i < len; i++) v = v * 256 + b[off + i];
    return v;
  }
  const s = readString(b, off, len).replace(/[ \0]+$/, '').trim();
  return s === '' ? 0 : parseInt(s, 8);
}
function parsePax(data: Uint8Array): Record<string, string> {
  const out: Record<string, string> = {};
  let o = 0;
  while (o < data.length) {
    let sp = o;
    while (sp < data.length && data[sp] !== 32) sp++;
    const n = parseInt(utf8Decode(data.subarray(o, sp)), 10);
    if (!(n > 0)) break;
    const rec = utf8Decode(data.subarray(sp + 1, o + n - 1));
    const eq = rec.indexOf('=');
    if (eq > 0) out[rec.slice(0, eq)] = rec.slice(eq + 1);
    o += n;
  }
  return out;
}

export class TarError extends Error {}

/** Reads every entry of an uncompressed tar archive. */
export function readTar(b: Uint8Array): TarRecord[] {
  const out: TarRecord[] = [];
  let o = 0;
  let pax: Record<string, string> = {};
  let global: Record<string, string> = {};
  let longName: string | undefined, longLink: string | undefined;
  while (o + BLOCK <= b.length) {
    const h = b.subarray(o, o + BLOCK);
    if (h.every((c) => c === 0)) break;
    let sum = 0;
    for (let i = 0; i < BLOCK; i++) sum += i >= 148 && i < 156 ? 32 : h[i];
    if (readNumber(h, 148, 8) !== sum) throw new TarError('archive/tar: invalid tar header');
    const typeflag = h[156] === 0 ? TYPE_REG : String.fromCharCode(h[156]);
    const size = readNumber(h, 124, 12);
    const dataStart = o + BLOCK;
    const data = b.subarray(dataStart, dataStart + size);
    o = dataStart + Math.ceil(size / BLOCK) * BLOCK;
    if (typeflag === 'x') { pax = { ...pax, ...parsePax(data) }; continue; }
    if (typeflag === 'g') { global = { ...global, ...parsePax(data) }; continue; }
    if (typeflag === 'L') { longName = readString(data, 0, data.length); continue; }
    if (typeflag === 'K') { longLink = readString(data, 0, data.length); continue; }
    const magic = readString(h, 257, 6);
    const prefix = magic === 'ustar' ? readString(h, 345, 155) : '';
    const all = { ...global, ...pax };
    let name = longName ?? (prefix ? prefix + '/' + readString(h, 0, 100) : readString(h, 0, 100));
    if (all.path !== undefined) name = all.path;
    const linkname = all.linkpath ?? longLink ?? readString(h, 157, 100);
    const rec: TarRecord = {
      name,
      typeflag,
      mode: readNumber(h, 100, 8),
      uid: all.uid !== undefined ? Number(all.uid) : readNumber(h, 108, 8),
      gid: all.gid !== undefined ? Number(all.gid) : readNumber(h, 116, 8),
      size: all.size !== undefined ? Number(all.size) : size,
      mtime: all.mtime !== undefined ? Math.floor(Number(all.mtime)) : readNumber(h, 136, 12),
      linkname,
      uname: all.uname ?? readString(h, 265, 32),
      gname: all.gname ?? readString(h, 297, 32),
      devmajor: readNumber(h, 329, 8),
      devminor: readNumber(h, 337, 8),
      data: typeflag === TYPE_REG || typeflag === '7' ? data.slice() : new Uint8Array(0),
    };
    const extra = Object.fromEntries(Object.entries(pax).filter(([k]) => !['path', 'linkpath', 'size', 'mtime', 'uid', 'gid', 'uname', 'gname', 'atime', 'ctime'].includes(k)));
    if (Object.keys(extra).length) rec.pax = extra;
    out.push(rec);
    pax = {};
    longName = longLink = undefined;
  }
  return out;
}

/** Turns a layer tar back into layer content (whiteouts and opaque markers decoded). Paths become absolute. */
export function layerFromTar(b: Uint8Array): { entries: Map<string, LayerChange>; opaque: Set<string> } {
  const entries = new Map<string, LayerChange>();
  const opaque = new Set<string>();
  const inoByPath = new Map<string, number>();
  let nextIno = 1;
  for (const r of readTar(b)) {
    const p = '/' + r.name.replace(/^\.?\/+/, '').replace(/\/+$/, '');
    if (p === '/') continue;
    const base = baseName(p);
    if (base === OPAQUE_MARKER) { opaque.add(parentOf(p)); continue; }
    if (base.startsWith(WHITEOUT_PREFIX)) {
      entries.set(joinPath(parentOf(p), base.slice(WHITEOUT_PREFIX.length)), { type: 'whiteout' });
      continue;
    }
    const meta = { mode: r.mode & 0o7777, uid: r.uid, gid: r.gid, mtime: r.mtime };
    if (r.typeflag === TYPE_DIR) entries.set(p, { type: 'dir', ...meta });
    else if (r.typeflag === TYPE_SYMLINK) entries.set(p, { type: 'symlink', target: r.linkname ?? '', ...meta });
    else if (r.typeflag === TYPE_LINK) {
      const target = '/' + (r.linkname ?? '').replace(/^\.?\/+/, '');
      const t = entries.get(target);
      if (t && t.type === 'file') {
        let ino = inoByPath.get(target);
        if (ino === undefined) {
          ino = nextIno++;
          inoByPath.set(target, ino);
          entries.set(target, { ...t, ino });
        }
        entries.set(p, { ...t, ...meta, ino });
      }
    } else if (r.typeflag === TYPE_REG || r.typeflag === '7') entries.set(p, { type: 'file', data: r.data, ...meta });
  }
  return { entries, opaque };
}

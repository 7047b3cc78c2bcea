/**
 * SHA-256 (FIPS 180-4) over Uint8Array, synchronous and incremental, plus the digest helpers the engine uses:
 * image IDs, DiffIDs, ChainIDs and manifest digests are all "sha256:<hex>".
 */

const K = new Int32Array([
  0x428a2f98, 0x71374491, 0xb5c0fbcf, 0xe9b5dba5, 0x3956c25b, 0x59f111f1, 0x923f82a4, 0xab1c5ed5, 0xd807aa98, 0x12835b01,
  0x243185be, 0x550c7dc3, 0x72be5d74, 0x80deb1fe, 0x9bdc06a7, 0xc19bf174, 0xe49b69c1, 0xefbe4786, 0x0fc19dc6, 0x240ca1cc,
  0x2de92c6f, 0x4a7484aa, 0x5cb0a9dc, 0x76f988da, 0x983e5152, 0xa831c66d, 0xb00327c8, 0xbf597fc7, 0xc6e00bf3, 0xd5a79147,
  0x06ca6351, 0x14292967, 0x27b70a85, 0x2e1b2138, 0x4d2c6dfc, 0x53380d13, 0x650a7354, 0x766a0abb, 0x81c2c92e, 0x92722c85,
  0xa2bfe8a1, 0xa81a664b, 0xc24b8b70, 0xc76c51a3, 0xd192e819, 0xd6990624, 0xf40e3585, 0x106aa070, 0x19a4c116, 0x1e376c08,
  0x2748774c, 0x34b0bcb5, 0x391c0cb3, 0x4ed8aa4a, 0x5b9cca4f, 0x682e6ff3, 0x748f82ee, 0x78a5636f, 0x84c87814, 0x8cc70208,
  0x90befffa, 0xa4506ceb, 0xbef9a3f7, 0xc67178f2,
]);

const HEX: string[] = [];
for (let i = 0; i < 256; i++) HEX.push(i.toString(16).padStart(2, '0'));

/** Incremental SHA-256. `update` as often as needed, then `digest()` / `hex()` once. */
export class Sha256 {
  private h = new Int32Array([0x6a09e667, 0xbb67ae85, 0x3c6ef372, 0xa54ff53a, 0x510e527f, 0x9b05688c, 0x1f83d9ab, 0x5be0cd19]);
  private readonly w = new Int32Array(64);
  private readonly buf = new Uint8Array(64);
  private bufLen = 0;
  private total = 0;
  private done = false;

  update(data: Uint8Array | string): this {
    if (this.done) throw new Error('sha256: update after digest');
    const bytes = typeof data === 'string' ? utf8(data) : data;
    let off = 0;
    const n = bytes.length;
    this.total += n;
    if (this.bufLen > 0) {
      const take = Math.min(64 - this.bufLen, n);
      this.buf.set(bytes.subarray(0, take), this.bufLen);
      this.bufLen += take;
      off = take;
      if (this.bufLen < 64) return this;
      this.block(this.buf, 0);
      this.bufLen = 0;
    }
    const whole = off + Math.floor((n - off) / 64) * 64;
    if (whole > off) {
      this.blocks(bytes, off, whole);
      off = whole;
    }
    if (off < n) {
      this.buf.set(bytes.subarray(off), 0);
      this.bufLen = n - off;
    }
    return this;
  }

  /** Feeds `count` zero bytes without allocating them (sparse file contents, tar padding). */
  zeros(count: number): this {
    const z = ZERO_CHUNK;
    while (count > 0) {
      const k = Math.min(count, z.length);
      this.update(k === z.length ? z : z.subarray(0, k));
      count -= k;
    }
    return this;
  }

  digest(): Uint8Array {
    if (this.done) throw new Error('sha256: digest twice');
    this.done = true;
    const bitsHi = Math.floor(this.total / 0x20000000);
    const bitsLo = (this.total * 8) >>> 0;
    const pad = new Uint8Array(this.bufLen < 56 ? 64 : 128);
    pad.set(this.buf.subarray(0, this.bufLen));
    pad[this.bufLen] = 0x80;
    const L = pad.length;
    pad[L - 8] = bitsHi >>> 24; pad[L - 7] = bitsHi >>> 16; pad[L - 6] = bitsHi >>> 8; pad[L - 5] = bitsHi;
    pad[L - 4] = bitsLo >>> 24; pad[L - 3] = bitsLo >>> 16; pad[L - 2] = bitsLo >>> 8; pad[L - 1] = bitsLo;
    this.block(pad, 0);
    if (L === 128) this.block(pad, 64);
    const out = new Uint8Array(32);
    for (let i = 0; i < 8; i++) {
      const v = this.h[i];
      out[i * 4] = v >>> 24; out[i * 4 + 1] = v >>> 16; out[i * 4 + 2] = v >>> 8; out[i * 4 + 3] = v;
    }
    return out;
  }

  hex(): string {
    return toHex(this.digest());
  }

  private block(p: Uint8Array, o: number): void {
    compress(this.h, this.w, p, o, o + 64);
  }
  /** Compresses every whole block of p[o..end) (end - o must be a multiple of 64). */
  private blocks(p: Uint8Array, o: number, end: number): void {
    const h = this.h, w = this.w;
    for (; o < end; o += 64) compress(h, w, p, o, o + 64);
  }
}

const ZERO_CHUNK = new Uint8Array(65536);

/** The SHA-256 compression function over whole blocks, with all state in locals (hot loop). */
function compress(h: Int32Array, w: Int32Array, p: Uint8Array, o: number, end: number): void {
  let h0 = h[0], h1 = h[1], h2 = h[2], h3 = h[3], h4 = h[4], h5 = h[5], h6 = h[6], h7 = h[7];
  const k = K;
  while (o < end) {
    for (let i = 0; i < 16; i++, o += 4) w[i] = (p[o] << 24) | (p[o + 1] << 16) | (p[o + 2] << 8) | p[o + 3];
    for (let i = 16; i < 64; i++) {
      const a = w[i - 15], b = w[i - 2];
      const s0 = ((a >>> 7) | (a << 25)) ^ ((a >>> 18) | (a << 14)) ^ (a >>> 3);
      const s1 = ((b >>> 17) | (b << 15)) ^ ((b >>> 19) | (b << 13)) ^ (b >>> 10);
      w[i] = (w[i - 16] + s0 + w[i - 7] + s1) | 0;
    }
    let A = h0, B = h1, C = h2, D = h3, E = h4, F = h5, G = h6, H = h7;
    for (let i = 0; i < 64; i++) {
      const S1 = ((E >>> 6) | (E << 26)) ^ ((E >>> 11) | (E << 21)) ^ ((E >>> 25) | (E << 7));
      const ch = (E & F) ^ (~E & G);
      const t1 = (H + S1 + ch + k[i] + w[i]) | 0;
      const S0 = ((A >>> 2) | (A << 30)) ^ ((A >>> 13) | (A << 19)) ^ ((A >>> 22) | (A << 10));
      const maj = (A & B) ^ (A & C) ^ (B & C);
      H = G; G = F; F = E; E = (D + t1) | 0; D = C; C = B; B = A; A = (t1 + S0 + maj) | 0;
    }
    h0 = (h0 + A) | 0; h1 = (h1 + B) | 0; h2 = (h2 + C) | 0; h3 = (h3 + D) | 0;
    h4 = (h4 + E) | 0; h5 = (h5 + F) | 0; h6 = (h6 + G) | 0; h7 = (h7 + H) | 0;
  }
  h[0] = h0; h[1] = h1; h[2] = h2; h[3] = h3; h[4] = h4; h[5] = h5; h[6] = h6; h[7] = h7;
}

export function toHex(b: Uint8Array): string {
  let s = '';
  for (let i = 0; i < b.length; i++) s += HEX[b[i]];
  return s;
}

/** Hex SHA-256 of bytes or of a string's UTF-8 encoding. */
export function sha256Hex(data: Uint8Array | string): string {
  return new Sha256().update(data).hex();
}

/** "sha256:<hex>" of bytes or of a string's UTF-8 encoding. */
export function digestOf(data: Uint8Array | string): string {
  return 'sha256:' + sha256Hex(data);
}

/** ChainID per image-spec identity: ChainID(L0) = DiffID(L0); ChainID(L0..Ln) = sha256(ChainID(L0..Ln-1) + " " + DiffID(Ln)). */
export function chainIds(diffIds: readonly string[]): string[] {
  const out: string[] = [];
  let prev = '';
  for (const d of diffIds) {
    prev = prev === '' ? d : digestOf(prev + ' ' + d);
    out.push(prev);
  }
  return out;
}
export function chainId(diffIds: readonly string[]): string {
  return diffIds.length === 0 ? '' : chainIds(diffIds)[diffIds.length - 1];
}

/** 64 lowercase hex characters. */
export const isHex64 = (s: string): boolean => /^[0-9a-f]{64}$/.test(s);

/** UTF-8 encoder that needs no TextEncoder (lib/ has no DOM types; TextEncoder exists at runtime but keep it simple). */
export function utf8(s: string): Uint8Array {
  let n = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c < 0x80) n += 1;
    else if (c < 0x800) n += 2;
    else if (c >= 0xd800 && c < 0xdc00 && i + 1 < s.length) { n += 4; i++; }
    else n += 3;
  }
  const out = new Uint8Array(n);
  let o = 0;
  for (let i = 0; i < s.length; i++) {
    let c = s.charCodeAt(i);
    if (c < 0x80) out[o++] = c;
    else if (c < 0x800) { out[o++] = 0xc0 | (c >> 6); out[o++] = 0x80 | (c & 63); }
    else {
      if (c >= 0xd800 && c < 0xdc00 && i + 1 < s.length) {
        const d = s.charCodeAt(i + 1);
        if (d >= 0xdc00 && d < 0xe000) {
          c = 0x10000 + ((c - 0xd800) << 10) + (d - 0xdc00);
          i++;
          out[o++] = 0xf0 | (c >> 18); out[o++] = 0x80 | ((c >> 12) & 63); out[o++] = 0x80 | ((c >> 6) & 63); out[o++] = 0x80 | (c & 63);
          continue;
        }
      }
      out[o++] = 0xe0 | (c >> 12); out[o++] = 0x80 | ((c >> 6) & 63); out[o++] = 0x80 | (c & 63);
    }
  }
  return out.subarray(0, o);
}

export function utf8Decode(b: Uint8Array): string {
  let out = '';
  let chunk: number[] = [];
  for (let i = 0; i < b.length; ) {
    const c = b[i];
    let cp: number;
    let n: number;
    if (c < 0x80) { cp = c; n = 1; }
    else if (c >= 0xf0) { cp = c & 7; n = 4; }
    else if (c >= 0xe0) { cp = c & 15; n = 3; }
    else if (c >= 0xc0) { cp = c & 31; n = 2; }
    else { cp = 0xfffd; n = 1; }
    for (let k = 1; k < n; k++) cp = (cp << 6) | ((b[i + k] ?? 0) & 63);
    chunk.push(cp);
    if (chunk.length >= 4096) { out += String.fromCodePoint(...chunk); chunk = []; }
    i += n;
  }
  if (chunk.length) out += String.fromCodePoint(...chunk);
  return out;
}

/**
 * Go's encoding/json Marshal of a value: no spaces, keys in the object's own insertion order (build objects in the
 * order of the Go struct fields), and `<`, `>`, `&`, U+2028, U+2029 escaped as Go does.
 */
export function goJson(v: unknown): string {
  return JSON.stringify(v).replace(/[<>&\u2028\u2029]/g, (c) => '\\u' + c.charCodeAt(0).toString(16).padStart(4, '0'));
}

/** Canonical JSON (sorted keys, no spaces): stable bytes for values whose key order does not come from a Go struct. */
export function canonicalJson(v: unknown): string {
  return JSON.stringify(sortKeys(v));
}
function sortKeys(v: unknown): unknown {
  if (Array.isArray(v)) return v.map(sortKeys);
  if (v && typeof v === 'object' && !(v instanceof Uint8Array)) {
    const o = v as Record<string, unknown>;
    const out: Record<string, unknown> = {};
    for (const k of Object.keys(o).sort()) if (o[k] !== undefined) out[k] = sortKeys(o[k]);
    return out;
  }
  return v;
}

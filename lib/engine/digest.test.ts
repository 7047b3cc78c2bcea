import { describe, expect, it } from 'vitest';
import { createHash } from 'node:crypto';
import { Sha256, chainId, chainIds, digestOf, goJson, canonicalJson, sha256Hex, utf8, utf8Decode } from './digest';
import { ManualClock, SeededRandom, rfc3339Nano, systemClock } from './clock';

describe('sha256', () => {
  it('matches the FIPS vectors', () => {
    expect(sha256Hex('')).toBe('e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855');
    expect(sha256Hex('abc')).toBe('ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad');
    expect(sha256Hex('abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq')).toBe(
      '248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1');
  });
  it('matches node:crypto for every length 0..300 and in random chunks', () => {
    const data = new Uint8Array(300);
    for (let i = 0; i < data.length; i++) data[i] = (i * 7919 + 13) & 255;
    for (let n = 0; n <= 300; n++) {
      const want = createHash('sha256').update(data.subarray(0, n)).digest('hex');
      expect(sha256Hex(data.subarray(0, n))).toBe(want);
    }
    const h = new Sha256();
    let o = 0;
    for (const k of [1, 63, 64, 65, 0, 7, 100]) { h.update(data.subarray(o, o + k)); o += k; }
    expect(h.hex()).toBe(createHash('sha256').update(data.subarray(0, o)).digest('hex'));
  });
  it('zeros() equals hashing zero bytes', () => {
    const want = createHash('sha256').update(new Uint8Array(200_000)).digest('hex');
    expect(new Sha256().update('').zeros(200_000).hex()).toBe(want);
  });
  it('hashes large input quickly', () => {
    const big = new Uint8Array(16 << 20);
    const t = performance.now();
    const got = sha256Hex(big);
    const ms = performance.now() - t;
    expect(got).toBe(createHash('sha256').update(big).digest('hex'));
    expect(ms).toBeLessThan(2000);
  });
  it('digestOf and chain ids follow image-spec identity', () => {
    expect(digestOf('abc')).toBe('sha256:ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad');
    const a = digestOf('a'), b = digestOf('b'), c = digestOf('c');
    const ab = digestOf(a + ' ' + b);
    expect(chainIds([a, b, c])).toEqual([a, ab, digestOf(ab + ' ' + c)]);
    expect(chainId([a])).toBe(a);
    expect(chainId([])).toBe('');
  });
});

describe('utf8 and json', () => {
  it('round-trips utf8 like TextEncoder', () => {
    const s = 'héllo ✓ 😀 \u2028';
    expect(Array.from(utf8(s))).toEqual(Array.from(new TextEncoder().encode(s)));
    expect(utf8Decode(utf8(s))).toBe(s);
  });
  it('escapes like Go and sorts canonically', () => {
    expect(goJson({ b: '<a&b>', a: 1 })).toBe('{"b":"\\u003ca\\u0026b\\u003e","a":1}');
    expect(canonicalJson({ b: 1, a: { d: 1, c: [2, { f: 1, e: 2 }] } })).toBe('{"a":{"c":[2,{"e":2,"f":1}],"d":1},"b":1}');
  });
});

describe('clock and random', () => {
  it('honours SOURCE_DATE_EPOCH', () => {
    expect(systemClock({ sourceDateEpoch: '1700000000' }).now()).toBe(1_700_000_000_000);
    const c = new ManualClock(1000, 10);
    expect([c.now(), c.now()]).toEqual([1000, 1010]);
  });
  it('replays the same ids from the same seed and restores mid-sequence', () => {
    const a = new SeededRandom('s'), b = new SeededRandom('s');
    expect(a.hex(64)).toBe(b.hex(64));
    const st = a.state();
    const next = a.hex(12);
    expect(SeededRandom.from(st).hex(12)).toBe(next);
    expect(next).toMatch(/^[0-9a-f]{12}$/);
    expect(new SeededRandom('t').hex(64)).not.toBe(new SeededRandom('s').hex(64));
  });
  it('formats Go RFC3339Nano', () => {
    expect(rfc3339Nano(Date.UTC(2024, 0, 2, 3, 4, 5))).toBe('2024-01-02T03:04:05Z');
    expect(rfc3339Nano(Date.UTC(2024, 0, 2, 3, 4, 5, 120))).toBe('2024-01-02T03:04:05.12Z');
    expect(rfc3339Nano(Date.UTC(2024, 0, 2, 3, 4, 5), 1234)).toBe('2024-01-02T03:04:05.000001234Z');
  });
});

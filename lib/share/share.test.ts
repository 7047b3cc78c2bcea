import { describe, expect, it } from 'vitest';
import { deflateSync, strFromU8, strToU8 } from 'fflate';
import { SHARE_LIMITS, ShareError, base64url, decodeShare, encodeShare, isShareHash, type SharePayload } from './index';

const text = (s: string) => strToU8(s);

const sample: SharePayload = {
  files: [
    { path: 'Dockerfile', data: text('FROM alpine:3.20\nCOPY index.html /srv/\n') },
    { path: 'index.html', data: text('<h1>hi ✓</h1>\n') },
  ],
  commands: ['docker build -t hello .', 'docker image ls'],
  active: 'Dockerfile',
};

function rawV1(json: unknown): string {
  return 'v1/' + base64url.encode(deflateSync(strToU8(JSON.stringify(json))));
}

describe('share links', () => {
  it('round-trips files, modes, binary data and commands', () => {
    const payload: SharePayload = {
      files: [
        ...sample.files,
        { path: 'bin/run.sh', data: text('#!/bin/sh\necho hi\n'), mode: 0o755 },
        { path: 'logo.bin', data: new Uint8Array([0, 255, 128, 10, 0xc3, 0x28]) },
        { path: 'empty', data: new Uint8Array() },
      ],
      commands: ['docker build -t hello .', 'docker run --rm hello', ''],
      active: 'bin/run.sh',
    };
    const link = encodeShare(payload);
    expect(link.startsWith('v1/')).toBe(true);
    expect(link).toMatch(/^v1\/[A-Za-z0-9_-]+$/);
    const back = decodeShare('#' + link);
    expect(back.commands).toEqual(payload.commands);
    expect(back.active).toBe('bin/run.sh');
    expect(back.files.map((f) => f.path)).toEqual(payload.files.map((f) => f.path));
    back.files.forEach((f, i) => expect(Array.from(f.data)).toEqual(Array.from(payload.files[i]!.data)));
    expect(back.files[2]!.mode).toBe(0o755);
    expect(back.files[0]!.mode).toBeUndefined();
  });

  it('keeps decoding links made by earlier releases (v1 golden)', () => {
    const golden =
      'v1/q1ZKU7KKrlYqULJScslPzk4tSsvMSVXSUSoBCrgF-fsqJOYUZOalWhnrGRnE5Dn7B0QqZOalpFboZZTk5ijoFxeV6cfkKdXqQIxASEGNsMkwtMvIVHg0Z7KNPpAJUhqro5QMtFMpBWydQlJpZk6Kgm6JQkZqTk6-gh5QI1QmMzcxPVUhp1gJqCMR1X21AA';
    const p = decodeShare('#' + golden);
    expect(p.files.map((f) => [f.path, strFromU8(f.data)])).toEqual([
      ['Dockerfile', 'FROM alpine:3.20\nCOPY index.html /srv/\n'],
      ['index.html', '<h1>hi ✓</h1>\n'],
    ]);
    expect(p.commands).toEqual(['docker build -t hello .', 'docker image ls']);
    expect(p.active).toBe('Dockerfile');
  });

  it('recognises share hashes', () => {
    expect(isShareHash('#v1/abc')).toBe(true);
    expect(isShareHash('v2/abc')).toBe(true);
    expect(isShareHash('#section')).toBe(false);
    expect(isShareHash('')).toBe(false);
  });

  it('rejects garbage', () => {
    for (const bad of ['', '#', '#hello', 'v1', 'v1/***', 'v1/AAAA', 'x1/abc', 'v1/' + base64url.encode(text('not deflate at all, just text'))]) {
      expect(() => decodeShare(bad), bad).toThrow(ShareError);
    }
    expect(() => decodeShare(rawV1({ nope: true }))).toThrow(/not a v1 payload/);
    expect(() => decodeShare(rawV1({ f: [{ p: 'a' }], c: [] }))).toThrow(/without content/);
    expect(() => decodeShare(rawV1({ f: [], c: [42] }))).toThrow(ShareError);
    expect(() => decodeShare('v1/' + base64url.encode(deflateSync(text('{"f":[')))) ).toThrow(/corrupt/);
  });

  it('rejects unsafe paths and commands', () => {
    for (const p of ['/etc/passwd', '../x', 'a/../../b', 'a//b', './a', 'a\\b', 'a\u0007b', '']) {
      expect(() => decodeShare(rawV1({ f: [{ p, t: 'x' }], c: [] })), JSON.stringify(p)).toThrow(ShareError);
    }
    expect(() => decodeShare(rawV1({ f: [{ p: 'a', t: '1' }, { p: 'a', t: '2' }], c: [] }))).toThrow(/duplicate/);
    expect(() => decodeShare(rawV1({ f: [], c: ['echo \u001b[31mred'] }))).toThrow(/control/);
    expect(() => decodeShare(rawV1({ f: [], c: ['a\nb'] }))).toThrow(/control/);
    expect(() => decodeShare(rawV1({ f: [{ p: 'a', t: '', m: 0o77777 }], c: [] }))).toThrow(/mode/);
  });

  it('rejects oversize links and deflate bombs', () => {
    // A deflate bomb: tiny when compressed, larger than the cap when inflated.
    const bomb = rawV1({ f: [{ p: 'big', t: 'a'.repeat(SHARE_LIMITS.maxDecoded + 10) }], c: [] });
    expect(bomb.length).toBeLessThan(SHARE_LIMITS.maxEncoded);
    expect(() => decodeShare(bomb)).toThrow(/too large/);
    expect(() => decodeShare('v1/' + 'A'.repeat(SHARE_LIMITS.maxEncoded + 100))).toThrow(/too large/);
    // Incompressible content that does not fit in a link is refused at encode time.
    const noise = new Uint8Array(60_000);
    let x = 12345;
    for (let i = 0; i < noise.length; i++) noise[i] = (x = (Math.imul(x, 1103515245) + 12345) >>> 0) >>> 24;
    expect(() => encodeShare({ files: [{ path: 'noise.bin', data: noise }], commands: [] })).toThrow(/too large/);
    expect(() => encodeShare({ files: Array.from({ length: 201 }, (_, i) => ({ path: `f${i}`, data: text('') })), commands: [] })).toThrow(/too many/);
  });

  it('carries each command\'s clock reading, validated', () => {
    const timed: SharePayload = { ...sample, times: [1_795_000_000_000, 1_795_000_004_250] };
    expect(decodeShare(encodeShare(timed)).times).toEqual([1_795_000_000_000, 1_795_000_004_250]);
    expect(decodeShare(encodeShare(sample)).times).toBeUndefined();
    const base = { f: [{ p: 'Dockerfile', t: 'FROM alpine\n' }], c: ['docker build .', 'docker ps'] };
    expect(decodeShare(rawV1({ ...base, t: [1, 2] })).times).toEqual([1, 2]);
    expect(() => decodeShare(rawV1({ ...base, t: [1] }))).toThrow(/do not match/);
    expect(() => decodeShare(rawV1({ ...base, t: [1, 1.5] }))).toThrow(/invalid command time/);
    expect(() => decodeShare(rawV1({ ...base, t: [1, '2'] }))).toThrow(/invalid command time/);
    expect(() => decodeShare(rawV1({ ...base, t: 'x' }))).toThrow(ShareError);
    expect(() => encodeShare({ ...sample, times: [-1, 0] })).toThrow(/invalid command time/);
    const stamped: SharePayload = { ...sample, files: sample.files.map((f, i) => ({ ...f, mtime: 1_795_000_000_000 + i })) };
    expect(decodeShare(encodeShare(stamped)).files.map((f) => f.mtime)).toEqual([1_795_000_000_000, 1_795_000_000_001]);
    expect(() => decodeShare(rawV1({ ...base, f: [{ p: 'Dockerfile', t: 'x', mt: 'now' }] }))).toThrow(/invalid file time/);
  });

  it('says when a link comes from a newer version', () => {
    expect(() => decodeShare('#v9/AAAA')).toThrow(/newer/);
  });

  it('base64url round-trips every length', () => {
    for (let n = 0; n < 10; n++) {
      const bytes = Uint8Array.from({ length: n }, (_, i) => (i * 37 + n) & 255);
      expect(Array.from(base64url.decode(base64url.encode(bytes)))).toEqual(Array.from(bytes));
    }
  });
});

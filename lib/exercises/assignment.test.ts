import { describe, expect, it } from 'vitest';
import { deflateSync, strToU8 } from 'fflate';
import { base64url } from '../share';
import {
  ASSIGNMENT_LIMITS, AssignmentError, assignmentFromExercise, decodeAssignment, decodeSubmission, encodeAssignment, encodeSubmission, linkKind,
  stepsFromSession, validateCheckSpec, type Submission,
} from './assignment';
import { exerciseList, exercises } from './index';

const raw = (prefix: string, value: unknown) => `${prefix}/${base64url.encode(deflateSync(strToU8(JSON.stringify(value))))}`;

describe('assignment links', () => {
  it('round-trips every course exercise as an assignment', () => {
    for (const ex of exerciseList) {
      const a = assignmentFromExercise(ex);
      const link = encodeAssignment(a);
      expect(link.startsWith('a1/')).toBe(true);
      expect(linkKind('#' + link)).toBe('assignment');
      expect(decodeAssignment('#' + link)).toEqual(a);
    }
  });
  it('round-trips a submission with steps', () => {
    const a = assignmentFromExercise(exercises['add-a-layer']!);
    const steps = stepsFromSession(a.start.files ?? {}, [
      { files: { Dockerfile: 'FROM alpine:3.20\nRUN echo a > /a.txt\nRUN echo b > /b.txt\n' }, line: 'docker build -t layers:demo .' },
      { files: { Dockerfile: 'FROM alpine:3.20\nRUN echo a > /a.txt\nRUN echo b > /b.txt\n' }, line: 'docker image history layers:demo' },
    ]);
    expect(steps[0]!.files).toBeDefined();
    expect(steps[1]!.files).toBeUndefined();
    const sub: Submission = { assignment: a, student: 'Grace', submittedAt: '2026-11-27T03:00:00.000Z', steps };
    const link = encodeSubmission(sub);
    expect(linkKind(link)).toBe('submission');
    expect(decodeSubmission(link)).toEqual(sub);
    expect(() => decodeAssignment(link)).toThrow(/submission link, not an assignment/);
  });
  it('rejects malformed, unsafe or oversized data with a reason', () => {
    expect(() => decodeAssignment('#hello')).toThrow(AssignmentError);
    expect(() => decodeAssignment('#a9/AAAA')).toThrow(/newer/);
    expect(() => decodeAssignment('#a1/!!!')).toThrow(/not an assignment/);
    expect(() => decodeAssignment('#a1/AAAA')).toThrow(/corrupt/);
    const base = assignmentFromExercise(exercises['two-names']!);
    expect(() => decodeAssignment(raw('a1', { ...base, checks: [] }))).toThrow(/at least one check/);
    expect(() => decodeAssignment(raw('a1', { ...base, checks: [{ id: 'x', label: 'x', spec: { kind: 'rmrf' } }] }))).toThrow(/unknown kind/);
    expect(() => decodeAssignment(raw('a1', { ...base, start: { files: { '../etc/passwd': 'x' } } }))).toThrow(/invalid path/);
    expect(() => decodeAssignment(raw('a1', { ...base, start: { commands: ['docker ps\u001b[2J'] } }))).toThrow(/control characters/);
    expect(() => decodeAssignment(raw('a1', { ...base, title: 'x'.repeat(500) }))).toThrow(/too long/);
    // a deflate bomb: small link, huge JSON
    const bomb = `a1/${base64url.encode(deflateSync(strToU8(JSON.stringify({ ...base, task: ' '.repeat(ASSIGNMENT_LIMITS.maxDecoded + 10) }))))}`;
    expect(bomb.length).toBeLessThan(ASSIGNMENT_LIMITS.maxEncoded);
    expect(() => decodeAssignment(bomb)).toThrow(/too large/);
    let seed = 7;
    const next = () => ((seed ^= seed << 13), (seed ^= seed >>> 17), (seed ^= seed << 5), (seed >>> 0) % 36);
    const noise = (n: number) => Array.from({ length: n }, () => next().toString(36)).join('');
    const big = Object.fromEntries(Array.from({ length: 60 }, (_, i) => [`f${i}`, noise(1500)]));
    expect(() => encodeAssignment({ ...base, start: { files: big } })).toThrow(/too large for a link/);
  });
  it('validates check specs field by field', () => {
    expect(validateCheckSpec({ kind: 'exposes', ref: 'a', port: '80' })).toEqual({ kind: 'exposes', ref: 'a', port: '80' });
    expect(() => validateCheckSpec({ kind: 'exposes', ref: 'a' })).toThrow(/port is not text/);
    expect(() => validateCheckSpec({ kind: 'exposes', ref: 'a', port: '80', extra: 1 })).toThrow(/unexpected field/);
    expect(() => validateCheckSpec({ kind: 'historyMatches', ref: 'a', pattern: '(', what: 'x' })).toThrow(/regular expression/);
    expect(() => validateCheckSpec({ kind: 'container', name: 'w', state: 'dancing' })).toThrow(/must be one of/);
  });
});

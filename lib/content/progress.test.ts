import { describe, expect, it } from 'vitest';
import { emptyProgress, lessonStatus, markExercisePassed, markLessonRead, mergeProgress, parseProgress, ProgressError, serializeProgress } from './progress';

const t1 = new Date('2026-11-27T03:00:00.000Z');
const t2 = new Date('2026-11-28T03:00:00.000Z');

describe('progress', () => {
  it('marks and keeps the first time', () => {
    let p = markLessonRead(emptyProgress(), 'images-and-containers', t1);
    p = markLessonRead(p, 'images-and-containers', t2);
    expect(p.lessonsRead['images-and-containers']).toBe(t1.toISOString());
    p = markExercisePassed(p, 'first-container', t2);
    expect(p.exercisesPassed).toEqual({ 'first-container': t2.toISOString() });
  });
  it('round-trips through the file format', () => {
    const p = markExercisePassed(markLessonRead(emptyProgress(), 'a', t1), 'b', t2);
    expect(parseProgress(serializeProgress(p))).toEqual(p);
  });
  it('rejects other files with a reason', () => {
    expect(() => parseProgress('nope')).toThrow(/not JSON/);
    expect(() => parseProgress('{"format":"x","version":1}')).toThrow(/not a Docker Playground progress file/);
    expect(() => parseProgress('{"format":"docker-playground-progress","version":9}')).toThrow(/newer/);
    expect(() => parseProgress('{"format":"docker-playground-progress","version":1,"lessonsRead":{"<script>":"2026-11-27T03:00:00Z"}}')).toThrow(ProgressError);
    expect(() => parseProgress('{"format":"docker-playground-progress","version":1,"lessonsRead":{"a":"yesterday"}}')).toThrow(/ISO/);
    expect(() => parseProgress('x'.repeat(300_000))).toThrow(/too large/);
  });
  it('merges keeping the earliest time', () => {
    const a = markLessonRead(emptyProgress(), 'x', t2);
    const b = markExercisePassed(markLessonRead(emptyProgress(), 'x', t1), 'e', t1);
    expect(mergeProgress(a, b)).toEqual({ lessonsRead: { x: t1.toISOString() }, exercisesPassed: { e: t1.toISOString() } });
  });
  it('computes lesson status', () => {
    let p = markExercisePassed(emptyProgress(), 'e1', t1);
    expect(lessonStatus(p, 'l', ['e1', 'e2'])).toEqual({ read: false, passed: 1, total: 2, done: false });
    p = markExercisePassed(markLessonRead(p, 'l', t1), 'e2', t1);
    expect(lessonStatus(p, 'l', ['e1', 'e2']).done).toBe(true);
  });
});

'use client';
/** Progress in localStorage, shared by every component of the page through useSyncExternalStore. */
import { useSyncExternalStore } from 'react';
import { emptyProgress, markExercisePassed, markLessonRead, parseProgress, serializeProgress, type Progress } from '@/lib/content/progress';

const KEY = 'docker-playground:progress';
const listeners = new Set<() => void>();
let cache: { raw: string | null; value: Progress } | null = null;
const EMPTY = emptyProgress();

function read(): Progress {
  let raw: string | null = null;
  try {
    raw = localStorage.getItem(KEY);
  } catch {
    raw = null;
  }
  if (cache && cache.raw === raw) return cache.value;
  let value = EMPTY;
  if (raw) {
    try {
      value = parseProgress(raw);
    } catch {
      value = EMPTY;
    }
  }
  cache = { raw, value };
  return value;
}

export function saveProgress(p: Progress): void {
  try {
    localStorage.setItem(KEY, serializeProgress(p));
  } catch {
    /* storage full or disabled: progress stays in memory for this page */
  }
  cache = null;
  for (const fn of listeners) fn();
}

function subscribe(fn: () => void) {
  listeners.add(fn);
  const onStorage = (e: StorageEvent) => {
    if (e.key === KEY) fn();
  };
  window.addEventListener('storage', onStorage);
  return () => {
    listeners.delete(fn);
    window.removeEventListener('storage', onStorage);
  };
}

export function useProgress(): Progress {
  return useSyncExternalStore(subscribe, read, () => EMPTY);
}

export function recordLessonRead(slug: string) {
  const p = read();
  const next = markLessonRead(p, slug, new Date());
  if (next !== p) saveProgress(next);
}

export function recordExercisePassed(id: string) {
  const p = read();
  const next = markExercisePassed(p, id, new Date());
  if (next !== p) saveProgress(next);
}

export function currentProgress(): Progress {
  return read();
}

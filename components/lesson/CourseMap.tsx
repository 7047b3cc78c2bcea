'use client';

import Link from 'next/link';
import { useEffect, useRef, useState } from 'react';
import { exercisesOfLesson } from '@/lib/exercises';
import { LESSONS, type LessonInfo } from '@/lib/content/lessons';
import { lessonStatus, mergeProgress, parseProgress, ProgressError, serializeProgress } from '@/lib/content/progress';
import { currentProgress, recordLessonRead, saveProgress, useProgress } from './progress-store';

function statusOf(p: ReturnType<typeof useProgress>, l: LessonInfo) {
  return lessonStatus(p, l.slug, exercisesOfLesson(l.slug).map((e) => e.id));
}

/** The course: every lesson with its state (read, exercises passed), grouped by part. */
export function CourseMap() {
  const progress = useProgress();
  const parts = [...new Set(LESSONS.map((l) => l.part))];
  const totalEx = LESSONS.reduce((n, l) => n + exercisesOfLesson(l.slug).length, 0);
  const passed = Object.keys(progress.exercisesPassed).filter((id) => LESSONS.some((l) => exercisesOfLesson(l.slug).some((e) => e.id === id))).length;
  const read = LESSONS.filter((l) => progress.lessonsRead[l.slug]).length;
  return (
    <div>
      <p className="mb-6 text-sm text-slate-400" aria-live="polite">
        {read} of {LESSONS.length} lessons read · {passed} of {totalEx} exercises passed
      </p>
      <div className="mb-8 h-2 overflow-hidden rounded-full bg-ink-800" role="progressbar" aria-label="Exercises passed" aria-valuemin={0} aria-valuemax={totalEx} aria-valuenow={passed}>
        <div className="h-full bg-emerald-500 transition-all" style={{ width: `${totalEx ? (passed / totalEx) * 100 : 0}%` }} />
      </div>
      {parts.map((part) => (
        <section key={part} className="mb-10" aria-labelledby={`part-${part}`}>
          <h2 id={`part-${part}`} className="mb-3 text-sm font-semibold uppercase tracking-wide text-slate-500">
            {part}
          </h2>
          <ol className="grid gap-3 sm:grid-cols-2">
            {LESSONS.filter((l) => l.part === part).map((l) => {
              const s = statusOf(progress, l);
              const n = LESSONS.indexOf(l) + 1;
              return (
                <li key={l.slug}>
                  <Link
                    href={`/learn/${l.slug}/`}
                    className={`flex h-full gap-3 rounded-xl border p-4 transition hover:border-whale-500/60 hover:bg-ink-850 ${s.done ? 'border-emerald-500/40 bg-emerald-500/5' : 'border-ink-700 bg-ink-900'}`}
                  >
                    <span
                      className={`flex h-8 w-8 shrink-0 items-center justify-center rounded-full text-sm font-semibold ${s.done ? 'bg-emerald-500 text-ink-950' : s.read || s.passed ? 'bg-whale-500/20 text-whale-300' : 'bg-ink-800 text-slate-400'}`}
                      aria-hidden="true"
                    >
                      {s.done ? '✓' : n}
                    </span>
                    <span className="min-w-0">
                      <span className="block font-semibold text-slate-100">{l.title}</span>
                      <span className="mt-0.5 block text-sm text-slate-400">{l.summary}</span>
                      <span className="mt-2 block text-xs text-slate-500">
                        {s.read ? 'Read' : 'Not read yet'} · {s.passed}/{s.total} exercises
                        <span className="sr-only">{s.done ? ' · done' : ''}</span>
                      </span>
                    </span>
                  </Link>
                </li>
              );
            })}
          </ol>
        </section>
      ))}
      <ProgressFile />
    </div>
  );
}

/** Export the progress as a JSON file, or import one (merged with what is here). */
export function ProgressFile() {
  const input = useRef<HTMLInputElement>(null);
  const [message, setMessage] = useState('');
  const exportFile = () => {
    const blob = new Blob([serializeProgress(currentProgress())], { type: 'application/json' });
    const url = URL.createObjectURL(blob);
    const a = document.createElement('a');
    a.href = url;
    a.download = 'docker-playground-progress.json';
    a.click();
    setTimeout(() => URL.revokeObjectURL(url), 1000);
    setMessage('Progress exported.');
  };
  const importFile = async (file: File) => {
    try {
      if (file.size > 200_000) throw new ProgressError('the progress file is too large');
      const p = parseProgress(await file.text());
      saveProgress(mergeProgress(currentProgress(), p));
      setMessage(`Imported: ${Object.keys(p.lessonsRead).length} lessons read, ${Object.keys(p.exercisesPassed).length} exercises passed.`);
    } catch (e) {
      setMessage(`Could not import: ${e instanceof Error ? e.message : String(e)}.`);
    }
  };
  return (
    <section aria-labelledby="progress-file" className="rounded-xl border border-ink-700 bg-ink-900 p-4">
      <h2 id="progress-file" className="text-sm font-semibold text-slate-200">
        Your progress
      </h2>
      <p className="mt-1 text-sm text-slate-400">It stays in this browser. Move it to another one with a file.</p>
      <div className="mt-3 flex flex-wrap gap-2">
        <button type="button" onClick={exportFile} className="rounded-lg border border-ink-600 px-3 py-1.5 text-sm text-slate-200 hover:bg-ink-800">
          Export progress
        </button>
        <button type="button" onClick={() => input.current?.click()} className="rounded-lg border border-ink-600 px-3 py-1.5 text-sm text-slate-200 hover:bg-ink-800">
          Import progress…
        </button>
        <input
          ref={input}
          type="file"
          accept="application/json,.json"
          className="hidden"
          aria-label="Progress file to import"
          onChange={(e) => {
            const f = e.target.files?.[0];
            if (f) void importFile(f);
            e.target.value = '';
          }}
        />
      </div>
      <p className="mt-2 text-sm text-slate-400" role="status">
        {message}
      </p>
    </section>
  );
}

/** The sidebar list on lesson pages. */
export function LessonNav({ current }: { current: string }) {
  const progress = useProgress();
  return (
    <nav aria-label="Lessons">
      <Link href="/learn/" className="mb-3 block text-xs font-semibold uppercase tracking-wide text-slate-500 hover:text-slate-300">
        Course map
      </Link>
      <ol className="space-y-0.5 text-sm">
        {LESSONS.map((l, i) => {
          const s = statusOf(progress, l);
          const active = l.slug === current;
          return (
            <li key={l.slug}>
              <Link
                href={`/learn/${l.slug}/`}
                aria-current={active ? 'page' : undefined}
                className={`flex gap-2 rounded-md px-2 py-1.5 ${active ? 'bg-ink-800 text-white' : 'text-slate-400 hover:bg-ink-850 hover:text-slate-200'}`}
              >
                <span className={`w-5 shrink-0 text-right tabular-nums ${s.done ? 'text-emerald-400' : 'text-slate-600'}`}>{s.done ? '✓' : i + 1}</span>
                <span>{l.title}</span>
              </Link>
            </li>
          );
        })}
      </ol>
      <Link href="/learn/assignments/" className="mt-4 block px-2 text-xs text-slate-500 hover:text-slate-300">
        Classroom assignments →
      </Link>
    </nav>
  );
}

/** Marks the lesson read when its end comes into view, or with the button. */
export function MarkRead({ slug }: { slug: string }) {
  const progress = useProgress();
  const read = !!progress.lessonsRead[slug];
  const ref = useRef<HTMLDivElement>(null);
  useMarkOnView(ref, slug, read);
  return (
    <div ref={ref} className="my-8 flex items-center gap-3">
      {read ? (
        <p className="text-sm text-emerald-300">✓ Lesson read</p>
      ) : (
        <button type="button" onClick={() => recordLessonRead(slug)} className="rounded-lg border border-ink-600 px-3 py-1.5 text-sm text-slate-200 hover:bg-ink-800">
          Mark as read
        </button>
      )}
    </div>
  );
}

function useMarkOnView(ref: React.RefObject<HTMLDivElement | null>, slug: string, read: boolean) {
  useEffect(() => {
    const el = ref.current;
    if (!el || read || typeof IntersectionObserver === 'undefined') return;
    const obs = new IntersectionObserver((entries) => {
      if (entries.some((e) => e.isIntersecting)) recordLessonRead(slug);
    });
    obs.observe(el);
    return () => obs.disconnect();
  }, [ref, slug, read]);
}

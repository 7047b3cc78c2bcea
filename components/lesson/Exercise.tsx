'use client';

import { Fragment, useCallback, useEffect, useRef, useState } from 'react';
import { applyStartState, exercises, expandSubstitutions, runChecks, writeFiles, type CheckResult, type ExerciseDef } from '@/lib/exercises';
import { createLessonBackend } from './backend';
import { MiniConsole } from './MiniConsole';
import { ConsoleSession } from './session';
import { WorkspaceEditor } from './WorkspaceEditor';
import { PlaygroundLink } from './PlaygroundLink';
import { recordExercisePassed, useProgress } from './progress-store';

/** Renders `code` spans in task and hint text (plain text otherwise: nothing is parsed as HTML). */
export function InlineText({ text }: { text: string }) {
  const parts = text.split(/(`[^`]+`)/g);
  return (
    <>
      {parts.map((p, i) =>
        p.startsWith('`') && p.endsWith('`') && p.length > 2 ? (
          <code key={i} className="rounded bg-ink-800 px-1.5 py-0.5 font-mono text-[0.88em] text-slate-100">
            {p.slice(1, -1)}
          </code>
        ) : (
          <Fragment key={i}>{p}</Fragment>
        ),
      )}
    </>
  );
}

export function CheckList({ results }: { results: CheckResult[] }) {
  return (
    <ul className="space-y-1.5" aria-label="Check results">
      {results.map((r) => (
        <li key={r.id} className="flex gap-2 text-sm">
          <span aria-hidden="true" className={r.pass ? 'text-emerald-400' : 'text-rose-400'}>
            {r.pass ? '✓' : '✗'}
          </span>
          <span>
            <span className="sr-only">{r.pass ? 'Passed: ' : 'Not yet: '}</span>
            <span className="text-slate-200">{r.label}</span>
            <span className={`block text-xs ${r.pass ? 'text-slate-500' : 'text-rose-300'}`}>{r.detail}</span>
          </span>
        </li>
      ))}
    </ul>
  );
}

function usesFiles(ex: ExerciseDef) {
  return Object.keys(ex.start.files ?? {}).length > 0 || Object.keys(ex.solution.files ?? {}).length > 0;
}

/** An exercise: task, a private engine with its start state, hints one by one, Check, and the solution. */
export function Exercise({ id }: { id: string }) {
  const ex = exercises[id];
  const progress = useProgress();
  const [session, setSession] = useState<ConsoleSession | null>(null);
  const [status, setStatus] = useState<'idle' | 'starting' | 'ready'>('idle');
  const [hints, setHints] = useState(0);
  const [results, setResults] = useState<CheckResult[] | null>(null);
  const [checking, setChecking] = useState(false);
  const [showSolution, setShowSolution] = useState(false);
  const startedFor = useRef(0);

  const start = useCallback(async () => {
    if (!ex) return;
    const token = ++startedFor.current;
    setStatus('starting');
    setResults(null);
    const backend = await createLessonBackend();
    const s = new ConsoleSession(backend);
    if (token !== startedFor.current) return;
    s.print('info', `Setting up: ${ex.title}\n`);
    await applyStartState(backend, ex, (step) => {
      s.chunks.push({ kind: 'cmd', text: step.line, prompt: '$ ' });
      if (step.stdout) s.print('out', step.stdout);
      if (step.stderr) s.print('err', step.stderr);
    });
    s.print('info', 'Ready. Your turn.\n');
    setSession(s);
    setStatus('ready');
  }, [ex]);

  useEffect(() => () => void startedFor.current++, []);

  if (!ex) {
    return <p className="my-6 rounded border border-rose-500/40 p-3 text-rose-300">Unknown exercise “{id}”.</p>;
  }
  const passed = !!progress.exercisesPassed[ex.id];

  const check = async () => {
    if (!session) return;
    setChecking(true);
    const r = await runChecks(session.backend.client, ex);
    setResults(r);
    setChecking(false);
    if (r.every((x) => x.pass)) recordExercisePassed(ex.id);
  };

  const solve = async () => {
    if (!session) return;
    writeFiles(session.backend.workspace, ex.solution.files);
    for (const line of ex.solution.commands) await session.run(line.includes('$(') ? await expandSubstitutions(session.backend, line) : line);
  };

  return (
    <section aria-labelledby={`ex-${ex.id}`} className="not-prose my-8 rounded-xl border border-ink-600 bg-ink-900/70 p-5 shadow-lg shadow-black/20">
      <header className="mb-3 flex flex-wrap items-center gap-2">
        <span className="rounded bg-whale-500/15 px-2 py-0.5 text-xs font-semibold uppercase tracking-wide text-whale-300">Exercise</span>
        <h3 id={`ex-${ex.id}`} className="text-lg font-semibold text-white">
          {ex.title}
        </h3>
        {passed && <span className="ml-auto rounded-full bg-emerald-500/15 px-2.5 py-0.5 text-xs font-semibold text-emerald-300">✓ Passed</span>}
      </header>
      <p className="text-[15px] leading-relaxed text-slate-300">
        <InlineText text={ex.task} />
      </p>

      {status === 'idle' && (
        <button type="button" onClick={() => void start()} className="mt-4 rounded-lg bg-whale-500 px-4 py-2 text-sm font-semibold text-white hover:bg-whale-400">
          Start the exercise
        </button>
      )}
      {status === 'starting' && <p className="mt-4 text-sm text-slate-400" role="status">Preparing the start state…</p>}

      {session && status === 'ready' && (
        <div className="mt-4 space-y-3">
          {usesFiles(ex) && <WorkspaceEditor workspace={session.backend.workspace} label={ex.id} />}
          <MiniConsole session={session} label={`console-${ex.id}`} />
          <div className="flex flex-wrap items-center gap-2">
            <button type="button" onClick={() => void check()} disabled={checking} className="rounded-lg bg-emerald-600 px-4 py-2 text-sm font-semibold text-white hover:bg-emerald-500 disabled:opacity-50">
              {checking ? 'Checking…' : 'Check'}
            </button>
            <button type="button" onClick={() => void start()} className="rounded-lg border border-ink-600 px-3 py-2 text-sm text-slate-300 hover:bg-ink-800">
              Start over
            </button>
            <PlaygroundLink
              workspace={session.backend.workspace}
              commands={() => []}
              target="_blank"
              rel="noopener"
              className="rounded-lg border border-ink-600 px-3 py-2 text-sm text-slate-300 hover:bg-ink-800"
            >
              Files in playground ↗
            </PlaygroundLink>
            {session.backend.engineKind === 'stand-in' && <span className="text-xs text-amber-300">Preview engine: some commands are approximate.</span>}
          </div>
          {results && (
            <div className="rounded-lg border border-ink-700 bg-ink-950/60 p-3" role="status">
              <p className={`mb-2 text-sm font-semibold ${results.every((r) => r.pass) ? 'text-emerald-300' : 'text-slate-200'}`}>
                {results.every((r) => r.pass) ? 'All checks pass. Well done!' : `${results.filter((r) => r.pass).length} of ${results.length} checks pass.`}
              </p>
              <CheckList results={results} />
            </div>
          )}
        </div>
      )}

      <div className="mt-4 border-t border-ink-700 pt-3">
        <h4 className="sr-only">Hints</h4>
        <ol className="space-y-1.5 text-sm text-slate-300">
          {ex.hints.slice(0, hints).map((h, i) => (
            <li key={i} className="flex gap-2">
              <span className="text-slate-500">Hint {i + 1}.</span>
              <span>
                <InlineText text={h} />
              </span>
            </li>
          ))}
        </ol>
        <div className="mt-2 flex flex-wrap gap-2">
          {hints < ex.hints.length && (
            <button type="button" onClick={() => setHints((n) => n + 1)} className="rounded border border-ink-600 px-3 py-1 text-xs text-slate-300 hover:bg-ink-800">
              {hints === 0 ? 'Show a hint' : `Next hint (${hints + 1} of ${ex.hints.length})`}
            </button>
          )}
          <button type="button" onClick={() => setShowSolution((v) => !v)} aria-expanded={showSolution} className="rounded border border-ink-600 px-3 py-1 text-xs text-slate-300 hover:bg-ink-800">
            {showSolution ? 'Hide the solution' : 'Show the solution'}
          </button>
        </div>
        {showSolution && (
          <div className="mt-3 rounded-lg border border-ink-700 bg-ink-950/60 p-3 text-sm">
            {Object.entries(ex.solution.files ?? {}).map(([p, text]) => (
              <div key={p} className="mb-2">
                <p className="font-mono text-xs text-slate-400">{p}</p>
                <pre className="scroll-thin overflow-x-auto rounded bg-ink-900 p-2 font-mono text-[12.5px] text-slate-200">{text}</pre>
              </div>
            ))}
            <pre className="scroll-thin overflow-x-auto rounded bg-ink-900 p-2 font-mono text-[12.5px] text-slate-200">
              {ex.solution.commands.map((c) => `$ ${c}`).join('\n')}
            </pre>
            {ex.solution.commands.some((c) => c.includes('$(')) && (
              <p className="mt-2 text-xs text-slate-400">
                This console has no <code>$(…)</code>: run the inner command first and paste the ID it prints.
              </p>
            )}
            {session && (
              <button type="button" onClick={() => void solve()} className="mt-2 rounded border border-ink-600 px-3 py-1 text-xs text-slate-300 hover:bg-ink-800">
                Apply the solution in this console
              </button>
            )}
          </div>
        )}
      </div>
    </section>
  );
}


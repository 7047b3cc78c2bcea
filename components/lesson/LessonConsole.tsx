'use client';

import { createContext, useCallback, useContext, useMemo, useRef, useState, type ReactNode } from 'react';
import { startCommands, writeFiles, type StartState } from '@/lib/exercises';
import { createLessonBackend } from './backend';
import { MiniConsole } from './MiniConsole';
import { ConsoleSession } from './session';
import { PlaygroundLink } from './PlaygroundLink';

interface LessonConsoleApi {
  run(cmd: string): void;
}

const Ctx = createContext<LessonConsoleApi | null>(null);

/**
 * The lesson's console: a docked panel that the lesson's <Run> snippets send commands to. Its engine is created on
 * first use and prepared with the lesson's sandbox (files written, images pulled, commands replayed).
 */
export function LessonConsoleProvider({ sandbox, children }: { sandbox?: StartState; children: ReactNode }) {
  const [session, setSession] = useState<ConsoleSession | null>(null);
  const [open, setOpen] = useState(false);
  const [engineKind, setEngineKind] = useState<string>('');
  const starting = useRef<Promise<ConsoleSession> | null>(null);
  const history = useRef<string[]>([]);

  const ensure = useCallback(() => {
    if (!starting.current) {
      starting.current = (async () => {
        const backend = await createLessonBackend();
        const s = new ConsoleSession(backend);
        setEngineKind(backend.engineKind);
        writeFiles(backend.workspace, sandbox?.files);
        const setup = startCommands(sandbox ?? {});
        if (setup.length) s.print('info', `Preparing this lesson's sandbox (${setup.length} command${setup.length > 1 ? 's' : ''})…\n`);
        for (const line of setup) await s.run(line);
        setSession(s);
        return s;
      })();
    }
    return starting.current;
  }, [sandbox]);

  const api = useMemo<LessonConsoleApi>(
    () => ({
      run(cmd: string) {
        setOpen(true);
        history.current.push(cmd);
        void ensure().then((s) => s.run(cmd));
      },
    }),
    [ensure],
  );

  const reset = () => {
    starting.current = null;
    history.current = [];
    setSession(null);
    void ensure();
  };

  return (
    <Ctx.Provider value={api}>
      {children}
      <div className="fixed bottom-0 right-0 z-40 w-full p-2 sm:bottom-3 sm:right-3 sm:w-[min(640px,calc(100vw-1.5rem))] sm:p-0">
        {open ? (
          <section aria-label="Lesson console" className="rounded-xl border border-ink-600 bg-ink-950/95 p-2 shadow-2xl shadow-black/60 backdrop-blur">
            <div className="mb-2 flex items-center gap-2 px-1 text-xs text-slate-400">
              <span className="font-semibold text-slate-200">Lesson console</span>
              {engineKind === 'stand-in' && <span className="rounded bg-amber-500/10 px-1.5 py-0.5 text-amber-300">preview engine</span>}
              {session ? (
                <PlaygroundLink
                  workspace={session.backend.workspace}
                  commands={() => [...startCommands(sandbox ?? {}), ...history.current]}
                  target="_blank"
                  rel="noopener"
                  className="ml-auto rounded px-2 py-1 text-whale-300 hover:bg-ink-800"
                >
                  Open in playground ↗
                </PlaygroundLink>
              ) : (
                <a href="/play/" target="_blank" rel="noopener" className="ml-auto rounded px-2 py-1 text-whale-300 hover:bg-ink-800">
                  Open in playground ↗
                </a>
              )}
              <button type="button" onClick={reset} className="rounded px-2 py-1 hover:bg-ink-800 hover:text-slate-100">
                Reset
              </button>
              <button type="button" onClick={() => setOpen(false)} className="rounded px-2 py-1 hover:bg-ink-800 hover:text-slate-100" aria-label="Hide the lesson console">
                Hide
              </button>
            </div>
            {session ? (
              <MiniConsole session={session} label="lesson-console" height="h-72" />
            ) : (
              <p className="flex h-72 items-center justify-center rounded-lg border border-ink-700 bg-ink-900 text-sm text-slate-500">Starting the engine…</p>
            )}
          </section>
        ) : (
          <div className="flex justify-end">
            <button
              type="button"
              onClick={() => {
                setOpen(true);
                void ensure();
              }}
              className="rounded-full border border-ink-600 bg-ink-850 px-4 py-2 text-sm font-medium text-slate-200 shadow-lg shadow-black/40 hover:bg-ink-800"
            >
              <span aria-hidden="true" className="mr-1.5 text-emerald-400">$_</span>
              Lesson console
            </button>
          </div>
        )}
      </div>
    </Ctx.Provider>
  );
}

/** A command in the text with a Run button that sends it to the lesson console. */
export function Run({ cmd, note }: { cmd: string; note?: string }) {
  const api = useContext(Ctx);
  return (
    <div className="group my-3 flex items-stretch overflow-hidden rounded-lg border border-ink-700 bg-ink-900 font-mono text-[13px]">
      <code className="scroll-thin flex-1 overflow-x-auto whitespace-pre px-3 py-2 text-slate-100">
        <span className="select-none text-emerald-400">$ </span>
        {cmd}
      </code>
      {note && <span className="hidden items-center px-2 font-sans text-xs text-slate-500 sm:flex">{note}</span>}
      <button
        type="button"
        disabled={!api}
        onClick={() => api?.run(cmd)}
        className="border-l border-ink-700 bg-ink-850 px-3 font-sans text-xs font-semibold text-whale-300 transition hover:bg-whale-500 hover:text-white disabled:opacity-40"
        aria-label={`Run ${cmd} in the lesson console`}
      >
        Run ▸
      </button>
    </div>
  );
}

'use client';

import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import {
  assignmentFromExercise, AssignmentError, decodeAssignment, decodeSubmission, encodeAssignment, encodeSubmission, linkKind, replaySubmission,
  stepsFromSession, validateCheckSpec, type Assignment, type Submission,
} from '@/lib/exercises/assignment';
import { applyStartState, exerciseList, runChecks, type Check, type CheckResult, type FileMap, type ReplayStep } from '@/lib/exercises';
import type { Console } from '@/lib/console/types';
import { createLessonBackend, type LessonBackend } from './backend';
import { CheckList, InlineText } from './Exercise';
import { MiniConsole } from './MiniConsole';
import { ConsoleSession } from './session';
import { WorkspaceEditor } from './WorkspaceEditor';
import { workspaceFiles } from './workspace-files';

const PAGE = '/learn/assignments/';

function useHash(): string {
  const [hash, setHash] = useState('');
  useEffect(() => {
    const read = () => setHash(window.location.hash);
    read();
    window.addEventListener('hashchange', read);
    return () => window.removeEventListener('hashchange', read);
  }, []);
  return hash;
}

/** /learn/assignments/: the builder without a hash, the student view for #a1/..., the teacher view for #s1/... */
export function AssignmentsApp() {
  const hash = useHash();
  const kind = linkKind(hash);
  const parsed = useMemo(() => {
    try {
      if (kind === 'assignment') return { assignment: decodeAssignment(hash) };
      if (kind === 'submission') return { submission: decodeSubmission(hash) };
    } catch (e) {
      return { error: e instanceof AssignmentError ? e.message : 'the link could not be read' };
    }
    return {};
  }, [hash, kind]);
  if ('error' in parsed) {
    return (
      <div role="alert" className="rounded-lg border border-rose-500/40 bg-rose-500/5 p-4 text-rose-200">
        This link cannot be opened: {parsed.error}. <a className="underline" href={PAGE}>Build a new assignment</a>.
      </div>
    );
  }
  if (parsed.assignment) return <StudentView assignment={parsed.assignment} />;
  if (parsed.submission) return <TeacherView submission={parsed.submission} />;
  return <Builder />;
}

function CopyLink({ href, label }: { href: string; label: string }) {
  const [copied, setCopied] = useState(false);
  return (
    <div className="mt-3 rounded-lg border border-ink-700 bg-ink-950/60 p-3">
      <label className="text-xs text-slate-400" htmlFor={`link-${label}`}>
        {label} ({href.length.toLocaleString('en')} characters)
      </label>
      <div className="mt-1 flex gap-2">
        <input id={`link-${label}`} readOnly value={href} className="min-w-0 flex-1 rounded bg-ink-900 px-2 py-1.5 font-mono text-xs text-slate-200" onFocus={(e) => e.target.select()} />
        <button
          type="button"
          className="rounded bg-whale-500 px-3 text-xs font-semibold text-white hover:bg-whale-400"
          onClick={() => void navigator.clipboard?.writeText(href).then(() => setCopied(true))}
        >
          {copied ? 'Copied' : 'Copy'}
        </button>
        <a href={href} target="_blank" rel="noopener" className="rounded border border-ink-600 px-3 py-1.5 text-xs text-slate-300 hover:bg-ink-800">
          Open
        </a>
      </div>
    </div>
  );
}

const lines = (s: string) => s.split('\n').map((l) => l.trim()).filter(Boolean);

// ---------- builder ----------

function Builder() {
  const [template, setTemplate] = useState(exerciseList[0]!.id);
  const base = useMemo(() => assignmentFromExercise(exerciseList.find((e) => e.id === template)!), [template]);
  const [title, setTitle] = useState(base.title);
  const [task, setTask] = useState(base.task);
  const [hints, setHints] = useState(base.hints.join('\n'));
  const [pulls, setPulls] = useState((base.start.pull ?? []).join('\n'));
  const [commands, setCommands] = useState((base.start.commands ?? []).join('\n'));
  const [files, setFiles] = useState<FileMap>(base.start.files ?? {});
  const [chosen, setChosen] = useState<Set<string>>(new Set(base.checks.map((c) => `${template}/${c.id}`)));
  const [custom, setCustom] = useState('');
  const [result, setResult] = useState<{ href?: string; error?: string }>({});

  useEffect(() => {
    setTitle(base.title);
    setTask(base.task);
    setHints(base.hints.join('\n'));
    setPulls((base.start.pull ?? []).join('\n'));
    setCommands((base.start.commands ?? []).join('\n'));
    setFiles(base.start.files ?? {});
    setChosen(new Set(base.checks.map((c) => `${template}/${c.id}`)));
    setResult({});
  }, [base, template]);

  const allChecks = useMemo(() => exerciseList.flatMap((e) => e.checks.map((c) => ({ key: `${e.id}/${c.id}`, exercise: e.title, check: c }))), []);

  const build = () => {
    try {
      const checks: Check[] = allChecks.filter((c) => chosen.has(c.key)).map((c, i) => ({ ...c.check, id: `c${i + 1}` }));
      for (const [i, line] of lines(custom).entries()) {
        let spec: unknown;
        try {
          spec = JSON.parse(line);
        } catch {
          throw new AssignmentError(`custom check ${i + 1} is not JSON`);
        }
        const s = validateCheckSpec(spec, `custom check ${i + 1}`);
        checks.push({ id: `x${i + 1}`, label: `Custom: ${JSON.stringify(s)}`, spec: s });
      }
      const a: Assignment = {
        title,
        task,
        hints: lines(hints),
        start: { files, pull: lines(pulls), commands: lines(commands) },
        checks,
      };
      setResult({ href: `${window.location.origin}${PAGE}#${encodeAssignment(a)}` });
    } catch (e) {
      setResult({ error: e instanceof Error ? e.message : String(e) });
    }
  };

  const field = 'mt-1 w-full rounded-lg border border-ink-700 bg-ink-900 px-3 py-2 text-sm text-slate-100';
  return (
    <form
      className="space-y-5"
      onSubmit={(e) => {
        e.preventDefault();
        build();
      }}
    >
      <div>
        <label className="text-sm font-medium text-slate-200" htmlFor="tpl">
          Start from a course exercise
        </label>
        <select id="tpl" className={field} value={template} onChange={(e) => setTemplate(e.target.value)}>
          {exerciseList.map((e) => (
            <option key={e.id} value={e.id}>
              {e.title} ({e.lesson})
            </option>
          ))}
        </select>
      </div>
      <div>
        <label className="text-sm font-medium text-slate-200" htmlFor="title">Title</label>
        <input id="title" className={field} value={title} onChange={(e) => setTitle(e.target.value)} maxLength={120} />
      </div>
      <div>
        <label className="text-sm font-medium text-slate-200" htmlFor="task">Task (use `backticks` for code)</label>
        <textarea id="task" className={`${field} h-24`} value={task} onChange={(e) => setTask(e.target.value)} maxLength={4000} />
      </div>
      <div>
        <label className="text-sm font-medium text-slate-200" htmlFor="hints">Hints (one per line, revealed one by one)</label>
        <textarea id="hints" className={`${field} h-20`} value={hints} onChange={(e) => setHints(e.target.value)} />
      </div>
      <fieldset className="rounded-lg border border-ink-700 p-4">
        <legend className="px-1 text-sm font-medium text-slate-200">Start state</legend>
        <div className="grid gap-3 sm:grid-cols-2">
          <div>
            <label className="text-xs text-slate-400" htmlFor="pulls">Images to pull (one per line)</label>
            <textarea id="pulls" className={`${field} h-20 font-mono`} value={pulls} onChange={(e) => setPulls(e.target.value)} />
          </div>
          <div>
            <label className="text-xs text-slate-400" htmlFor="cmds">Commands to replay (one per line)</label>
            <textarea id="cmds" className={`${field} h-20 font-mono`} value={commands} onChange={(e) => setCommands(e.target.value)} />
          </div>
        </div>
        <p className="mt-3 text-xs text-slate-400">Workspace files</p>
        {Object.entries(files).map(([p, text]) => (
          <div key={p} className="mt-2">
            <div className="flex items-center justify-between">
              <span className="font-mono text-xs text-slate-300">{p}</span>
              <button
                type="button"
                className="text-xs text-rose-300 hover:underline"
                onClick={() => setFiles((f) => Object.fromEntries(Object.entries(f).filter(([k]) => k !== p)))}
              >
                Remove
              </button>
            </div>
            <textarea aria-label={`Contents of ${p}`} className={`${field} h-24 font-mono`} value={text} onChange={(e) => setFiles((f) => ({ ...f, [p]: e.target.value }))} />
          </div>
        ))}
        <button
          type="button"
          className="mt-2 rounded border border-ink-600 px-3 py-1 text-xs text-slate-300 hover:bg-ink-800"
          onClick={() => {
            const name = window.prompt('File path (for example Dockerfile or site/index.html):')?.trim();
            if (name) setFiles((f) => ({ ...f, [name]: f[name] ?? '' }));
          }}
        >
          + Add a file
        </button>
      </fieldset>
      <fieldset className="rounded-lg border border-ink-700 p-4">
        <legend className="px-1 text-sm font-medium text-slate-200">Checks ({chosen.size} chosen)</legend>
        <div className="scroll-thin max-h-72 space-y-1 overflow-y-auto">
          {allChecks.map((c) => (
            <label key={c.key} className="flex gap-2 text-sm text-slate-300">
              <input
                type="checkbox"
                checked={chosen.has(c.key)}
                onChange={(e) =>
                  setChosen((s) => {
                    const n = new Set(s);
                    if (e.target.checked) n.add(c.key);
                    else n.delete(c.key);
                    return n;
                  })
                }
              />
              <span>
                {c.check.label} <span className="text-xs text-slate-500">({c.exercise})</span>
              </span>
            </label>
          ))}
        </div>
        <label className="mt-3 block text-xs text-slate-400" htmlFor="custom">
          Custom checks, one JSON object per line, e.g. {'{"kind":"exposes","ref":"web:1","port":"8080"}'}
        </label>
        <textarea id="custom" className={`${field} h-16 font-mono`} value={custom} onChange={(e) => setCustom(e.target.value)} />
      </fieldset>
      <button type="submit" className="rounded-lg bg-whale-500 px-4 py-2 text-sm font-semibold text-white hover:bg-whale-400">
        Make the assignment link
      </button>
      {result.error && <p role="alert" className="text-sm text-rose-300">{result.error}</p>}
      {result.href && <CopyLink href={result.href} label="Assignment link for students" />}
    </form>
  );
}

// ---------- student ----------

/** A Console that records the workspace before each command line (for the submission's steps). */
function recording(inner: Console, backend: LessonBackend, log: { files: FileMap; line: string }[]): Console {
  return {
    prompt: () => inner.prompt(),
    complete: (l, c) => inner.complete(l, c),
    run: (line, io) => {
      log.push({ files: workspaceFiles(backend.workspace.list()), line });
      return inner.run(line, io);
    },
  };
}

function StudentView({ assignment }: { assignment: Assignment }) {
  const [session, setSession] = useState<ConsoleSession | null>(null);
  const [initial, setInitial] = useState<FileMap>({});
  const log = useRef<{ files: FileMap; line: string }[]>([]);
  const [hints, setHints] = useState(0);
  const [results, setResults] = useState<CheckResult[] | null>(null);
  const [name, setName] = useState('');
  const [link, setLink] = useState<{ href?: string; error?: string }>({});

  const start = useCallback(async () => {
    const backend = await createLessonBackend({ deterministic: true });
    const steps: ReplayStep[] = [];
    await applyStartState(backend, assignment, (s) => steps.push(s));
    setInitial(workspaceFiles(backend.workspace.list()));
    log.current = [];
    const s = new ConsoleSession({ ...backend, console: recording(backend.console, backend, log.current) });
    s.print('info', `Start state ready (${steps.length} command${steps.length === 1 ? '' : 's'} replayed).\n`);
    setSession(s);
    setResults(null);
    setLink({});
  }, [assignment]);

  const submit = () => {
    if (!session) return;
    try {
      const sub: Submission = {
        assignment,
        student: name.trim() || 'anonymous',
        submittedAt: new Date().toISOString(),
        steps: stepsFromSession(initial, log.current),
      };
      const last = log.current.length ? log.current[log.current.length - 1]!.files : initial;
      const [finalStep] = stepsFromSession(last, [{ files: workspaceFiles(session.backend.workspace.list()), line: 'x' }]);
      if (finalStep && (finalStep.files || finalStep.removed)) sub.final = { files: finalStep.files, removed: finalStep.removed };
      setLink({ href: `${window.location.origin}${PAGE}#${encodeSubmission(sub)}` });
    } catch (e) {
      setLink({ error: e instanceof Error ? e.message : String(e) });
    }
  };

  return (
    <div className="space-y-4">
      <h2 className="text-2xl font-semibold text-white">{assignment.title}</h2>
      <p className="text-slate-300">
        <InlineText text={assignment.task} />
      </p>
      {!session ? (
        <button type="button" onClick={() => void start()} className="rounded-lg bg-whale-500 px-4 py-2 text-sm font-semibold text-white hover:bg-whale-400">
          Start
        </button>
      ) : (
        <>
          <WorkspaceEditor workspace={session.backend.workspace} label="assignment" />
          <MiniConsole session={session} label="assignment-console" />
          <div className="flex flex-wrap gap-2">
            <button type="button" onClick={() => void runChecks(session.backend.client, assignment).then(setResults)} className="rounded-lg bg-emerald-600 px-4 py-2 text-sm font-semibold text-white hover:bg-emerald-500">
              Check
            </button>
            <button type="button" onClick={() => void start()} className="rounded-lg border border-ink-600 px-3 py-2 text-sm text-slate-300 hover:bg-ink-800">
              Start over
            </button>
          </div>
          {results && (
            <div className="rounded-lg border border-ink-700 bg-ink-950/60 p-3" role="status">
              <CheckList results={results} />
            </div>
          )}
          <div className="rounded-lg border border-ink-700 p-4">
            <label htmlFor="student" className="text-sm font-medium text-slate-200">Your name</label>
            <div className="mt-1 flex gap-2">
              <input id="student" value={name} maxLength={80} onChange={(e) => setName(e.target.value)} className="min-w-0 flex-1 rounded-lg border border-ink-700 bg-ink-900 px-3 py-2 text-sm text-slate-100" />
              <button type="button" onClick={submit} className="rounded-lg bg-whale-500 px-4 text-sm font-semibold text-white hover:bg-whale-400">
                Make my submission link
              </button>
            </div>
            <p className="mt-1 text-xs text-slate-500">The link holds your commands and file edits; your teacher replays them to see the result.</p>
            {link.error && <p role="alert" className="mt-2 text-sm text-rose-300">{link.error}</p>}
            {link.href && <CopyLink href={link.href} label="Submission link for your teacher" />}
          </div>
        </>
      )}
      {assignment.hints.length > 0 && (
        <div className="border-t border-ink-700 pt-3 text-sm">
          <ol className="space-y-1 text-slate-300">
            {assignment.hints.slice(0, hints).map((h, i) => (
              <li key={i}>
                <span className="text-slate-500">Hint {i + 1}.</span> <InlineText text={h} />
              </li>
            ))}
          </ol>
          {hints < assignment.hints.length && (
            <button type="button" onClick={() => setHints((n) => n + 1)} className="mt-2 rounded border border-ink-600 px-3 py-1 text-xs text-slate-300 hover:bg-ink-800">
              {hints === 0 ? 'Show a hint' : `Next hint (${hints + 1} of ${assignment.hints.length})`}
            </button>
          )}
        </div>
      )}
    </div>
  );
}

// ---------- teacher ----------

function TeacherView({ submission }: { submission: Submission }) {
  const [steps, setSteps] = useState<ReplayStep[]>([]);
  const [results, setResults] = useState<CheckResult[] | null>(null);
  const [state, setState] = useState<'idle' | 'replaying' | 'done'>('idle');
  const [engineKind, setEngineKind] = useState('');

  const replayNow = async () => {
    setState('replaying');
    setSteps([]);
    const backend = await createLessonBackend({ deterministic: true });
    setEngineKind(backend.engineKind);
    const got: ReplayStep[] = [];
    await replaySubmission(backend, submission, (s) => {
      got.push(s);
      setSteps([...got]);
    });
    setResults(await runChecks(backend.client, submission.assignment));
    setState('done');
  };

  const a = submission.assignment;
  return (
    <div className="space-y-4">
      <p className="text-sm text-slate-400">
        Submission by <strong className="text-slate-100">{submission.student}</strong>, made {submission.submittedAt.replace('T', ' ').slice(0, 16)} UTC ·{' '}
        {submission.steps.length} command{submission.steps.length === 1 ? '' : 's'}
      </p>
      <h2 className="text-2xl font-semibold text-white">{a.title}</h2>
      <p className="text-slate-300">
        <InlineText text={a.task} />
      </p>
      <button type="button" onClick={() => void replayNow()} disabled={state === 'replaying'} className="rounded-lg bg-whale-500 px-4 py-2 text-sm font-semibold text-white hover:bg-whale-400 disabled:opacity-50">
        {state === 'idle' ? 'Replay and check' : state === 'replaying' ? 'Replaying…' : 'Replay again'}
      </button>
      {engineKind === 'stand-in' && <p className="text-xs text-amber-300">Replayed on the preview engine: results are approximate.</p>}
      {results && (
        <div className="rounded-lg border border-ink-700 bg-ink-950/60 p-3" role="status">
          <p className="mb-2 text-sm font-semibold text-slate-100">
            {results.filter((r) => r.pass).length} of {results.length} checks pass
          </p>
          <CheckList results={results} />
        </div>
      )}
      {steps.length > 0 && (
        <details open className="rounded-lg border border-ink-700 bg-ink-900 p-3">
          <summary className="cursor-pointer text-sm text-slate-300">Transcript ({steps.length} commands, start state included)</summary>
          <pre className="scroll-thin mt-2 max-h-[32rem] overflow-auto whitespace-pre-wrap font-mono text-[12.5px] text-slate-300">
            {steps.map((s) => `$ ${s.line}${s.code ? `   # exit ${s.code}` : ''}\n${s.stdout}${s.stderr}`).join('')}
          </pre>
        </details>
      )}
    </div>
  );
}

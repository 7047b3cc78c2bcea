/**
 * Classroom links, no server: a teacher composes an assignment (task + start state + chosen checks) into a link; a
 * student works and produces a submission link carrying the assignment, their workspace edits and their commands;
 * the teacher opens it and replays it in a fresh deterministic engine, then runs the checks.
 *
 *   /learn/assignments/#a1/<base64url(deflate-raw(JSON))>   an assignment
 *   /learn/assignments/#s1/<base64url(deflate-raw(JSON))>   a submission
 *
 * Links are data only: everything is validated (types, sizes, paths, check kinds) before use and nothing in them is
 * ever rendered as HTML. Old versions keep decoding: add `a2`/`s2` beside them, never change a released format.
 */
import { Inflate, deflateSync, strFromU8, strToU8 } from 'fflate';
import { base64url } from '../share';
import { CHECK_KINDS } from './checks';
import { applyStartState, replay, writeFiles, type ConsoleTarget, type ReplayStep } from './index';
import type { Check, CheckSpec, ExerciseDef, FileMap, StartState } from './types';

export const ASSIGNMENT_LIMITS = {
  maxEncoded: 48_000,
  maxDecoded: 400_000,
  maxTitle: 120,
  maxTask: 4_000,
  maxHints: 10,
  maxHint: 500,
  maxChecks: 30,
  maxFiles: 100,
  maxFileChars: 100_000,
  maxPath: 255,
  maxCommands: 200,
  maxCommand: 4_096,
  maxStudent: 80,
  maxSteps: 300,
} as const;

export interface Assignment {
  title: string;
  task: string;
  hints: string[];
  start: StartState;
  checks: Check[];
}

/** One command the student ran, with the workspace edits made since the previous one. */
export interface SubmissionStep {
  /** Files written (full content) before this command. */
  files?: FileMap;
  /** Files removed before this command. */
  removed?: string[];
  line: string;
}

export interface Submission {
  assignment: Assignment;
  student: string;
  /** ISO time the link was made (informational). */
  submittedAt: string;
  steps: SubmissionStep[];
  /** Edits after the last command (shown to the teacher; they do not change the engine). */
  final?: { files?: FileMap; removed?: string[] };
}

export class AssignmentError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'AssignmentError';
  }
}

// ---------- validation ----------

const L = ASSIGNMENT_LIMITS;
const fail = (m: string): never => {
  throw new AssignmentError(m);
};
function isRecord(x: unknown): x is Record<string, unknown> {
  return typeof x === 'object' && x !== null && !Array.isArray(x);
}
function str(v: unknown, what: string, max: number, allowEmpty = false): string {
  if (typeof v !== 'string') return fail(`${what} is not text`);
  if (!allowEmpty && v.trim() === '') return fail(`${what} is empty`);
  if (v.length > max) return fail(`${what} is too long (${v.length} > ${max} characters)`);
  return v;
}
function line(v: unknown, what: string): string {
  const s = str(v, what, L.maxCommand);
  if (/[\u0000-\u0008\u000a-\u001f\u007f]/.test(s)) fail(`${what} contains control characters`);
  return s;
}
function path(v: unknown, what: string): string {
  const p = str(v, what, L.maxPath);
  if (p.startsWith('/') || p.includes('\\') || /[\u0000-\u001f\u007f]/.test(p) || p.split('/').some((s) => s === '' || s === '.' || s === '..')) {
    fail(`${what}: invalid path ${JSON.stringify(p.slice(0, 60))}`);
  }
  return p;
}
function list<T>(v: unknown, what: string, max: number, item: (x: unknown, what: string) => T): T[] {
  if (!Array.isArray(v)) return fail(`${what} is not a list`);
  if (v.length > max) return fail(`${what} has too many entries (${v.length} > ${max})`);
  return v.map((x, i) => item(x, `${what}[${i}]`));
}
function files(v: unknown, what: string): FileMap {
  if (!isRecord(v)) return fail(`${what} is not a set of files`);
  const entries = Object.entries(v);
  if (entries.length > L.maxFiles) fail(`${what} has too many files`);
  const out: FileMap = {};
  for (const [p, text] of entries) out[path(p, `${what} path`)] = str(text, `${what}[${p}]`, L.maxFileChars, true);
  return out;
}

type FieldType = 'string' | 'string?' | 'string[]' | 'number' | 'state?';
const CHECK_FIELDS: Record<CheckSpec['kind'], Record<string, FieldType>> = {
  imageExists: { ref: 'string' }, imageAbsent: { ref: 'string' }, repoAbsent: { repo: 'string' },
  sameImage: { ref: 'string', other: 'string' }, differentImage: { ref: 'string', other: 'string' }, noDangling: {},
  imageCountAtMost: { max: 'number' },
  historyMatches: { ref: 'string', pattern: 'string', what: 'string' }, historyLacks: { ref: 'string', pattern: 'string', what: 'string' },
  exposes: { ref: 'string', port: 'string' }, env: { ref: 'string', name: 'string', value: 'string?' }, cmd: { ref: 'string', cmd: 'string[]' },
  entrypoint: { ref: 'string', entrypoint: 'string[]' }, workdir: { ref: 'string', dir: 'string' }, user: { ref: 'string', user: 'string' },
  label: { ref: 'string', key: 'string', value: 'string?' }, volume: { ref: 'string', path: 'string' }, healthcheck: { ref: 'string', contains: 'string' },
  stopSignal: { ref: 'string', signal: 'string' }, shell: { ref: 'string', shell: 'string[]' }, onbuild: { ref: 'string', contains: 'string' },
  author: { ref: 'string', author: 'string' }, comment: { ref: 'string', comment: 'string' }, basedOn: { ref: 'string', base: 'string' },
  pushed: { ref: 'string' }, fileInImage: { ref: 'string', path: 'string', contains: 'string?' }, fileNotInImage: { ref: 'string', path: 'string' },
  container: { name: 'string', state: 'state?', image: 'string?' }, publishes: { name: 'string', hostPort: 'string', containerPort: 'string' },
  containerChanged: { name: 'string', path: 'string' },
};
const STATES = ['running', 'exited', 'created', 'paused'];

export function validateCheckSpec(v: unknown, what = 'check'): CheckSpec {
  if (!isRecord(v)) return fail(`${what} is not an object`);
  const kind = v.kind;
  if (typeof kind !== 'string' || !(CHECK_KINDS as readonly string[]).includes(kind)) return fail(`${what}: unknown kind ${JSON.stringify(String(kind).slice(0, 40))}`);
  const fields = CHECK_FIELDS[kind as CheckSpec['kind']];
  const out: Record<string, unknown> = { kind };
  for (const key of Object.keys(v)) if (key !== 'kind' && !(key in fields)) fail(`${what}: unexpected field ${JSON.stringify(key.slice(0, 40))}`);
  for (const [key, type] of Object.entries(fields)) {
    const x = v[key];
    const w = `${what}.${key}`;
    if (type.endsWith('?') && x === undefined) continue;
    if (type === 'string' || type === 'string?') out[key] = str(x, w, 500);
    else if (type === 'string[]') out[key] = list(x, w, 50, (y, ww) => str(y, ww, 500, true));
    else if (type === 'number') {
      if (typeof x !== 'number' || !Number.isInteger(x) || x < 0 || x > 10_000) fail(`${w} is not a small whole number`);
      out[key] = x;
    } else if (type === 'state?') {
      if (typeof x !== 'string' || !STATES.includes(x)) fail(`${w} must be one of ${STATES.join(', ')}`);
      out[key] = x;
    }
  }
  if (kind === 'historyMatches' || kind === 'historyLacks') {
    try {
      new RegExp(out.pattern as string, 'i');
    } catch {
      fail(`${what}.pattern is not a valid regular expression`);
    }
  }
  return out as CheckSpec;
}

function validateStart(v: unknown): StartState {
  if (!isRecord(v)) return fail('start is not an object');
  const out: StartState = {};
  if (v.files !== undefined) out.files = files(v.files, 'start.files');
  if (v.pull !== undefined) out.pull = list(v.pull, 'start.pull', 20, (x, w) => {
    const ref = str(x, w, 255);
    if (!/^[a-z0-9][a-z0-9._\-/:@]*$/.test(ref)) fail(`${w} is not an image reference`);
    return ref;
  });
  if (v.commands !== undefined) out.commands = list(v.commands, 'start.commands', L.maxCommands, line);
  return out;
}

export function validateAssignment(v: unknown): Assignment {
  if (!isRecord(v)) return fail('the assignment is not an object');
  const checks = list(v.checks, 'checks', L.maxChecks, (x, w): Check => {
    if (!isRecord(x)) return fail(`${w} is not an object`);
    return { id: str(x.id, `${w}.id`, 40), label: str(x.label, `${w}.label`, 300), spec: validateCheckSpec(x.spec, `${w}.spec`) };
  });
  if (checks.length === 0) fail('an assignment needs at least one check');
  const ids = new Set(checks.map((c) => c.id));
  if (ids.size !== checks.length) fail('two checks have the same id');
  return {
    title: str(v.title, 'title', L.maxTitle),
    task: str(v.task, 'task', L.maxTask),
    hints: v.hints === undefined ? [] : list(v.hints, 'hints', L.maxHints, (x, w) => str(x, w, L.maxHint)),
    start: validateStart(v.start ?? {}),
    checks,
  };
}

function validateStep(v: unknown, what: string): SubmissionStep {
  if (!isRecord(v)) return fail(`${what} is not an object`);
  const step: SubmissionStep = { line: line(v.line, `${what}.line`) };
  if (v.files !== undefined) step.files = files(v.files, `${what}.files`);
  if (v.removed !== undefined) step.removed = list(v.removed, `${what}.removed`, L.maxFiles, path);
  return step;
}

export function validateSubmission(v: unknown): Submission {
  if (!isRecord(v)) return fail('the submission is not an object');
  const sub: Submission = {
    assignment: validateAssignment(v.assignment),
    student: str(v.student, 'student', L.maxStudent),
    submittedAt: str(v.submittedAt, 'submittedAt', 40),
    steps: list(v.steps, 'steps', L.maxSteps, validateStep),
  };
  if (v.final !== undefined) {
    if (!isRecord(v.final)) fail('final is not an object');
    const f = v.final as Record<string, unknown>;
    sub.final = {};
    if (f.files !== undefined) sub.final.files = files(f.files, 'final.files');
    if (f.removed !== undefined) sub.final.removed = list(f.removed, 'final.removed', L.maxFiles, path);
  }
  return sub;
}

// ---------- encoding ----------

function inflateCapped(data: Uint8Array, limit: number): Uint8Array {
  const parts: Uint8Array[] = [];
  let total = 0;
  let over = false;
  const inflater = new Inflate((chunk) => {
    total += chunk.length;
    if (total > limit) over = true;
    else parts.push(chunk);
  });
  try {
    for (let i = 0; i < data.length && !over; i += 4096) inflater.push(data.subarray(i, i + 4096), i + 4096 >= data.length);
  } catch {
    fail('the link is corrupt');
  }
  if (over) fail('the link is too large');
  const out = new Uint8Array(total);
  let o = 0;
  for (const p of parts) {
    out.set(p, o);
    o += p.length;
  }
  return out;
}

function encode(prefix: string, value: unknown): string {
  const json = strToU8(JSON.stringify(value));
  if (json.length > L.maxDecoded) fail('too large for a link: remove some files or commands');
  const text = `${prefix}/${base64url.encode(deflateSync(json, { level: 9 }))}`;
  if (text.length > L.maxEncoded) fail('too large for a link: remove some files or commands');
  return text;
}

function decode(hash: string, kind: 'a' | 's'): unknown {
  const text = hash.startsWith('#') ? hash.slice(1) : hash;
  if (text.length > L.maxEncoded + 8) fail('the link is too large');
  const m = /^([as])(\d+)\/([A-Za-z0-9_-]+)$/.exec(text);
  if (!m) return fail('this is not an assignment or submission link');
  if (m[1] !== kind) return fail(kind === 'a' ? 'this is a submission link, not an assignment link' : 'this is an assignment link, not a submission link');
  if (m[2] !== '1') return fail(`link version ${m[2]} is newer than this page; reload to update`);
  let bytes: Uint8Array;
  try {
    bytes = base64url.decode(m[3]!);
  } catch {
    return fail('the link is corrupt');
  }
  try {
    return JSON.parse(strFromU8(inflateCapped(bytes, L.maxDecoded)));
  } catch (e) {
    if (e instanceof AssignmentError) throw e;
    return fail('the link is corrupt');
  }
}

/** `a1/...`: put it after `#` on /learn/assignments/. */
export function encodeAssignment(a: Assignment): string {
  return encode('a1', validateAssignment(a));
}
export function decodeAssignment(hash: string): Assignment {
  return validateAssignment(decode(hash, 'a'));
}
/** `s1/...`: put it after `#` on /learn/assignments/. */
export function encodeSubmission(s: Submission): string {
  return encode('s1', validateSubmission(s));
}
export function decodeSubmission(hash: string): Submission {
  return validateSubmission(decode(hash, 's'));
}

/** What a link hash holds, without decoding it. */
export function linkKind(hash: string): 'assignment' | 'submission' | null {
  const t = hash.startsWith('#') ? hash.slice(1) : hash;
  if (/^a\d+\//.test(t)) return 'assignment';
  if (/^s\d+\//.test(t)) return 'submission';
  return null;
}

/** Turns a recorded session (workspace snapshots taken before each command) into steps with only the changes. */
export function stepsFromSession(initial: FileMap, session: { files: FileMap; line: string }[]): SubmissionStep[] {
  let prev = initial;
  return session.map(({ files: now, line: l }) => {
    const step: SubmissionStep = { line: l };
    const changed: FileMap = {};
    for (const [p, t] of Object.entries(now)) if (prev[p] !== t) changed[p] = t;
    const removed = Object.keys(prev).filter((p) => !(p in now));
    if (Object.keys(changed).length) step.files = changed;
    if (removed.length) step.removed = removed;
    prev = now;
    return step;
  });
}

// ---------- replay ----------

/** An assignment made from a course exercise (the builder starts from one). */
export function assignmentFromExercise(ex: ExerciseDef): Assignment {
  return { title: ex.title, task: ex.task, hints: [...ex.hints], start: structuredClone(ex.start), checks: structuredClone(ex.checks) };
}

/** Replays a submission into a fresh console: the start state, then each step's edits and command. */
export async function replaySubmission(target: ConsoleTarget, sub: Submission, onStep?: (s: ReplayStep) => void): Promise<ReplayStep[]> {
  const steps = await applyStartState(target, sub.assignment, onStep);
  for (const step of sub.steps) {
    writeFiles(target.workspace, step.files);
    for (const p of step.removed ?? []) target.workspace.remove(p);
    steps.push(...(await replay(target, [step.line], onStep)));
  }
  writeFiles(target.workspace, sub.final?.files);
  for (const p of sub.final?.removed ?? []) target.workspace.remove(p);
  return steps;
}

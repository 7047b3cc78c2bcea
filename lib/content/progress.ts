/**
 * Course progress, DOM-free: which lessons were read and which exercises passed. The page keeps it in localStorage
 * (components/lesson/progress-store.ts) and exports/imports it as a JSON file with this format:
 *   {"format":"docker-playground-progress","version":1,"lessonsRead":{"slug":"2026-11-27T03:00:00.000Z"},"exercisesPassed":{"id":"..."}}
 */
export const PROGRESS_FORMAT = 'docker-playground-progress';
export const PROGRESS_VERSION = 1;
/** A progress file is small; refuse anything bigger than this many characters. */
export const PROGRESS_MAX_CHARS = 200_000;

export interface Progress {
  /** slug -> ISO time it was first marked read */
  lessonsRead: Record<string, string>;
  /** exercise id -> ISO time all its checks first passed */
  exercisesPassed: Record<string, string>;
}

export class ProgressError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ProgressError';
  }
}

export function emptyProgress(): Progress {
  return { lessonsRead: {}, exercisesPassed: {} };
}

export function markLessonRead(p: Progress, slug: string, at: Date): Progress {
  if (p.lessonsRead[slug]) return p;
  return { ...p, lessonsRead: { ...p.lessonsRead, [slug]: at.toISOString() } };
}

export function markExercisePassed(p: Progress, id: string, at: Date): Progress {
  if (p.exercisesPassed[id]) return p;
  return { ...p, exercisesPassed: { ...p.exercisesPassed, [id]: at.toISOString() } };
}

/** Union of two progress records; the earlier time wins for an entry in both. */
export function mergeProgress(a: Progress, b: Progress): Progress {
  const merge = (x: Record<string, string>, y: Record<string, string>) => {
    const out = { ...x };
    for (const [k, v] of Object.entries(y)) if (!out[k] || v < out[k]!) out[k] = v;
    return out;
  };
  return { lessonsRead: merge(a.lessonsRead, b.lessonsRead), exercisesPassed: merge(a.exercisesPassed, b.exercisesPassed) };
}

export interface LessonStatus { read: boolean; passed: number; total: number; done: boolean }

/** A lesson is done when it was read and all its exercises passed. */
export function lessonStatus(p: Progress, slug: string, exerciseIds: readonly string[]): LessonStatus {
  const passed = exerciseIds.filter((id) => !!p.exercisesPassed[id]).length;
  const read = !!p.lessonsRead[slug];
  return { read, passed, total: exerciseIds.length, done: read && passed === exerciseIds.length };
}

export function serializeProgress(p: Progress): string {
  return JSON.stringify({ format: PROGRESS_FORMAT, version: PROGRESS_VERSION, lessonsRead: p.lessonsRead, exercisesPassed: p.exercisesPassed }, null, 2) + '\n';
}

const KEY = /^[a-z0-9][a-z0-9-]{0,79}$/;
const ISO = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{1,3})?Z$/;

function readMap(v: unknown, what: string): Record<string, string> {
  if (v === undefined) return {};
  if (typeof v !== 'object' || v === null || Array.isArray(v)) throw new ProgressError(`${what} is not an object`);
  const out: Record<string, string> = {};
  for (const [k, t] of Object.entries(v)) {
    if (!KEY.test(k)) throw new ProgressError(`${what}: invalid name ${JSON.stringify(k.slice(0, 40))}`);
    if (typeof t !== 'string' || !ISO.test(t)) throw new ProgressError(`${what}.${k}: not an ISO time`);
    out[k] = t;
  }
  return out;
}

/** Parses a progress file (or the localStorage value); throws ProgressError with a readable reason. */
export function parseProgress(text: string): Progress {
  if (text.length > PROGRESS_MAX_CHARS) throw new ProgressError('the progress file is too large');
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    throw new ProgressError('the file is not JSON');
  }
  if (typeof json !== 'object' || json === null || Array.isArray(json)) throw new ProgressError('the file is not a progress file');
  const o = json as Record<string, unknown>;
  if (o.format !== PROGRESS_FORMAT) throw new ProgressError('the file is not a Docker Playground progress file');
  if (typeof o.version !== 'number' || o.version > PROGRESS_VERSION) throw new ProgressError(`progress version ${String(o.version)} is newer than this page; reload to update`);
  return { lessonsRead: readMap(o.lessonsRead, 'lessonsRead'), exercisesPassed: readMap(o.exercisesPassed, 'exercisesPassed') };
}

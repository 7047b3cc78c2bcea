/**
 * Differential testing harness: runs command transcripts through the REAL docker CLI and through our console, each
 * against its own in-process daemon (scripts/daemon.ts) started from the same initial state, and compares stdout,
 * stderr and exit codes command by command.
 *
 * Transcript format (tests/differential/transcripts/*.txt): one command per line; blank lines and `#` comments are
 * skipped. A line is split like a POSIX shell would (quotes, backslashes); leading `VAR=value` words set environment
 * variables; `<<< TEXT` (last two words) feeds TEXT + "\n" as stdin, `< FILE` the bytes of a file of the working directory. Commands run in a fresh copy of
 * tests/differential/fixtures/, with DOCKER_CONFIG = an empty temporary folder, TZ=UTC, no TTY.
 * Directives: `#! engine fake` (default) or `#! engine real` chooses the daemon's engine for the whole file.
 */
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { startDaemon, type RunningDaemon } from '../../scripts/daemon';
import { createFakeClient } from '../../lib/api/fake-client';
import type { EngineClient } from '../../lib/api/types';
import { readFolder } from '../../scripts/read-folder';
import { nodeHijack } from '../../scripts/hijack';
import type { HijackDialer } from '../../lib/api/http-client';

export const HERE = path.dirname(fileURLToPath(import.meta.url));
export const ROOT = path.resolve(HERE, '../..');
export const FIXTURES = path.join(HERE, 'fixtures');

export interface Command { line: string; lineNo: number; env: Record<string, string>; argv: string[]; stdin: string | null; stdinFile?: string }
export interface Transcript { name: string; engine: 'fake' | 'real'; commands: Command[] }
export interface Result { stdout: string; stderr: string; exit: number; timedOut?: boolean }

/** POSIX-ish word splitting: '...' literal, "..." with \\ \" \$ \` escapes, backslash outside quotes. */
export function shellWords(line: string): string[] {
  const words: string[] = [];
  let cur = '';
  let has = false;
  for (let i = 0; i < line.length; i++) {
    const c = line[i];
    if (c === "'") {
      const j = line.indexOf("'", i + 1);
      if (j < 0) throw new Error(`unterminated ' in: ${line}`);
      cur += line.slice(i + 1, j);
      has = true;
      i = j;
    } else if (c === '"') {
      has = true;
      i++;
      for (; i < line.length && line[i] !== '"'; i++) {
        if (line[i] === '\\' && i + 1 < line.length && '\\"$`'.includes(line[i + 1])) cur += line[++i];
        else cur += line[i];
      }
      if (i >= line.length) throw new Error(`unterminated " in: ${line}`);
    } else if (c === '\\' && i + 1 < line.length) {
      cur += line[++i];
      has = true;
    } else if (c === ' ' || c === '\t') {
      if (has) words.push(cur);
      cur = '';
      has = false;
    } else {
      cur += c;
      has = true;
    }
  }
  if (has) words.push(cur);
  return words;
}

export function parseTranscript(name: string, text: string): Transcript {
  const t: Transcript = { name, engine: 'fake', commands: [] };
  text.split('\n').forEach((raw, k) => {
    const line = raw.trim();
    if (!line) return;
    const d = /^#!\s*engine\s+(fake|real)\s*$/.exec(line);
    if (d) { t.engine = d[1] as 'fake' | 'real'; return; }
    if (line.startsWith('#')) return;
    let words = shellWords(line);
    let stdin: string | null = null;
    let stdinFile: string | undefined;
    const r = words.indexOf('<');
    if (r >= 0) {
      if (r !== words.length - 2) throw new Error(`${name}:${k + 1}: < must be followed by exactly one word`);
      stdinFile = words[r + 1];
      words = words.slice(0, r);
    }
    const h = words.indexOf('<<<');
    if (h >= 0) {
      if (h !== words.length - 2) throw new Error(`${name}:${k + 1}: <<< must be followed by exactly one word`);
      stdin = words[h + 1] + '\n';
      words = words.slice(0, h);
    }
    const env: Record<string, string> = {};
    while (words.length && /^[A-Za-z_][A-Za-z0-9_]*=/.test(words[0])) {
      const w = words.shift() as string;
      env[w.slice(0, w.indexOf('='))] = w.slice(w.indexOf('=') + 1);
    }
    if (words[0] !== 'docker') throw new Error(`${name}:${k + 1}: not a docker command: ${line}`);
    t.commands.push({ line: raw.trim().replace(/\s+<<<.*$/, stdin !== null ? ` <<< ${JSON.stringify(stdin.slice(0, -1))}` : ''), lineNo: k + 1, env, argv: words.slice(1), stdin, ...(stdinFile ? { stdinFile } : {}) });
  });
  return t;
}

export function loadTranscripts(dir = path.join(HERE, 'transcripts')): Transcript[] {
  return fs.readdirSync(dir).filter((f) => f.endsWith('.txt')).sort()
    .map((f) => parseTranscript(f.replace(/\.txt$/, ''), fs.readFileSync(path.join(dir, f), 'utf8')));
}

/** Whether the real docker CLI is installed (the suite skips without it). */
export function dockerCliPath(): string | null {
  for (const dir of (process.env.PATH ?? '').split(path.delimiter)) {
    const p = path.join(dir, 'docker');
    try { fs.accessSync(p, fs.constants.X_OK); return p; } catch { /* next */ }
  }
  return null;
}

/** Spawns a process asynchronously (the daemon lives in this process: a sync spawn would deadlock). */
export function run(cmd: string, args: string[], opts: { env: Record<string, string>; cwd: string; stdin: string | Buffer | null; timeoutMs?: number }): Promise<Result> {
  return new Promise((resolve) => {
    const child = spawn(cmd, args, { env: opts.env as NodeJS.ProcessEnv, cwd: opts.cwd, stdio: 'pipe' });
    const out: Buffer[] = [];
    const err: Buffer[] = [];
    let timedOut = false;
    const timer = setTimeout(() => { timedOut = true; child.kill('SIGKILL'); }, opts.timeoutMs ?? 30_000);
    child.stdout.on('data', (d: Buffer) => out.push(d));
    child.stderr.on('data', (d: Buffer) => err.push(d));
    child.stdin.on('error', () => {});
    child.stdin.end(opts.stdin ?? '');
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      resolve({ stdout: Buffer.concat(out).toString('utf8'), stderr: Buffer.concat(err).toString('utf8'), exit: code ?? (signal ? 128 : 1), timedOut });
    });
    child.on('error', (e) => { clearTimeout(timer); resolve({ stdout: '', stderr: String(e), exit: 127 }); });
  });
}

/** One side of the comparison: a daemon, a working directory and a DOCKER_CONFIG of its own. */
export interface Side { daemon: RunningDaemon; cwd: string; config: string; cleanup(): Promise<void> }

export async function makeClient(engine: 'fake' | 'real'): Promise<EngineClient> {
  if (engine === 'real') {
    const { chooseEngine } = await import('../../scripts/daemon');
    const c = await chooseEngine({});
    if (c.kind !== 'engine') throw new Error('lib/engine createEngine() is not available');
    return c.client;
  }
  // A frozen clock: objects created during a transcript get "now" as their time (normalized below).
  const t0 = Math.floor(Date.now() / 1000);
  return createFakeClient({ now: () => t0, seed: 7 });
}

export async function startSide(engine: 'fake' | 'real'): Promise<Side> {
  const client = await makeClient(engine);
  const daemon = await startDaemon({ client, listen: '127.0.0.1:0', log: process.env.DIFF_DAEMON_LOG ? (l) => process.stderr.write(`[daemon] ${l}\n`) : undefined });
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'dp-diff-'));
  const cwd = path.join(tmp, 'work');
  const config = path.join(tmp, 'config');
  fs.cpSync(FIXTURES, cwd, { recursive: true });
  fs.mkdirSync(config);
  fs.writeFileSync(path.join(config, 'config.json'), '{}');
  return {
    daemon, cwd, config,
    cleanup: async () => { await daemon.close(); fs.rmSync(tmp, { recursive: true, force: true }); },
  };
}

function baseEnv(side: Side, extra: Record<string, string>): Record<string, string> {
  const env: Record<string, string> = {
    PATH: process.env.PATH ?? '/usr/bin:/bin', HOME: process.env.HOME ?? os.tmpdir(), TZ: 'UTC', LANG: 'C.UTF-8',
    DOCKER_HOST: side.daemon.url, DOCKER_CONFIG: side.config, NO_COLOR: '1',
  };
  return { ...env, ...extra };
}

/** Runs a command with the real docker CLI. */
export function runReal(side: Side, c: Command): Promise<Result> {
  const stdin = c.stdinFile ? fs.readFileSync(path.join(side.cwd, c.stdinFile)) : c.stdin;
  return run('docker', c.argv, { env: baseEnv(side, c.env), cwd: side.cwd, stdin, timeoutMs: COMMAND_TIMEOUT_MS });
}

/**
 * Our console, if scripts/console.ts exists: `tsx scripts/console.ts --host URL --context CWD`, fed the command line
 * (then the command's own stdin lines, which prompts read) on stdin; it exits with the command's status.
 * Override with DIFF_CONSOLE (a command template with {url}, {cwd}; the line still goes to stdin).
 */
export function ourConsoleAvailable(): boolean {
  return fs.existsSync(path.join(ROOT, 'scripts/console.ts'));
}

export function runOurs(side: Side, c: Command): Promise<Result> {
  const line = ['docker', ...c.argv].map(quoteWord).join(' ');
  const tmpl = process.env.DIFF_CONSOLE ?? `${path.join(ROOT, 'node_modules/.bin/tsx')} ${path.join(ROOT, 'scripts/console.ts')} --host {url} --context {cwd}`;
  const parts = shellWords(tmpl).map((w) => w.replace('{url}', side.daemon.url).replace('{cwd}', side.cwd));
  return run(parts[0], parts.slice(1), { env: baseEnv(side, c.env), cwd: side.cwd, stdin: line + '\n' + (c.stdin ?? ''), timeoutMs: 60_000 });
}

/**
 * Our console in this process (the default; DIFF_CONSOLE=spawn or a template runs scripts/console.ts per command):
 * one console per transcript, like one terminal session, over lib/api/http-client.ts to the side's daemon, with the
 * side's working directory loaded as its workspace. Commands with `VAR=value` prefixes run in a console sharing the
 * same workspace and client, with those variables added.
 */
/** Per-command limit (ms) for both sides; a command that hangs counts as different, the transcript goes on. */
export const COMMAND_TIMEOUT_MS = Number(process.env.DIFF_TIMEOUT_MS ?? 8_000);

export interface OurSession { run(c: Command): Promise<Result> }

interface ConsoleModule {
  createConsole(o: { client: EngineClient; workspace: unknown; env?: Record<string, string>; now: () => number }): {
    run(line: string, io: { stdout(s: string): void; stderr(s: string): void; readLine(): Promise<string | null>; isTTY: boolean; columns: number }): Promise<number>;
  };
  loadWorkspaceFromFiles(files: Iterable<{ path: string; data: Uint8Array; mode?: number }>, now?: () => number): unknown;
}

export async function startOurSession(side: Side): Promise<OurSession> {
  if (process.env.DIFF_CONSOLE) return { run: (c) => runOurs(side, c) };
  const consolePath = path.join(ROOT, 'lib/console/index.ts');
  const httpPath = path.join(ROOT, 'lib/api/http-client.ts');
  const con = (await import(consolePath)) as ConsoleModule;
  const http = (await import(httpPath)) as { HttpEngineClient: new (host: string, o: { hijack: HijackDialer }) => EngineClient };
  const client = new http.HttpEngineClient(side.daemon.url, { hijack: nodeHijack });
  const now = () => Date.now();
  const workspace = con.loadWorkspaceFromFiles(readFolder(side.cwd), now);
  const env = { HOME: process.env.HOME ?? '/root', DOCKER_CONFIG: side.config, PATH: process.env.PATH ?? '/usr/bin:/bin' };
  const main = con.createConsole({ client, workspace, env, now });
  return {
    async run(c: Command): Promise<Result> {
      const consoleFor = Object.keys(c.env).length ? con.createConsole({ client, workspace, env: { ...env, ...c.env }, now }) : main;
      const lines = c.stdin === null ? [] : c.stdin.split('\n').slice(0, -1);
      let stdout = '';
      let stderr = '';
      const io = {
        stdout: (s: string) => { stdout += s; },
        stderr: (s: string) => { stderr += s; },
        readLine: async () => (lines.length ? (lines.shift() as string) : null),
        isTTY: false,
        columns: 80,
      };
      const line = ['docker', ...c.argv].map(quoteWord).join(' ') + (c.stdinFile ? ` < ${quoteWord(c.stdinFile)}` : '');
      let exit: number;
      let timer: ReturnType<typeof setTimeout> | undefined;
      const timeout = new Promise<'timeout'>((r) => { timer = setTimeout(() => r('timeout'), COMMAND_TIMEOUT_MS); });
      try {
        const r = await Promise.race([consoleFor.run(line, io), timeout]);
        if (r === 'timeout') {
          stderr += `[timed out after ${COMMAND_TIMEOUT_MS} ms]\n`;
          return { stdout, stderr, exit: -2, timedOut: true };
        }
        exit = r;
      } catch (e) {
        stderr += `[console threw] ${e instanceof Error ? e.stack ?? e.message : String(e)}\n`;
        exit = -1;
      } finally {
        clearTimeout(timer);
      }
      return { stdout, stderr, exit };
    },
  };
}

export function quoteWord(w: string): string {
  return /^[A-Za-z0-9_@%+=:,./-]+$/.test(w) ? w : `'${w.replace(/'/g, `'\\''`)}'`;
}

const RECENT = '(?:Less than a second|\\d+ seconds?|About a minute|\\d+ minutes|About an hour)';
const RECENT_AGO = new RegExp(`\\b${RECENT} ago\\b`, 'g');
const RECENT_UP = new RegExp(`\\bUp ${RECENT}\\b`, 'g');

/**
 * Replaces what legitimately differs between two runs: the temporary DOCKER_CONFIG path and the relative times of
 * objects created during the transcript (the CLI computes them against the wall clock).
 */
export function normalize(r: Result, side: Side): Result {
  const fix = (s: string) => s
    .split(side.config).join('$DOCKER_CONFIG')
    .split(side.cwd).join('$PWD')
    .replace(/\b(\d{4}-\d\d-\d\d)[T ](\d\d:\d\d:\d\d)(\.\d+)?(Z| [+-]\d{4} UTC)/g, (m, d: string, t: string) =>
      (Math.abs(Date.parse(`${d}T${t}Z`) - Date.now()) < 86_400_000 ? '<recent-time>' : m))
    // fmt prints a pointer inside a struct as its address, different in every run of the real CLI
    .replace(/\b0xc[0-9a-f]{9}\b/g, '0xc<addr>')
    .replace(RECENT_AGO, '<recent> ago')
    .replace(RECENT_UP, 'Up <recent>');
  const fixTable = (s: string) => {
    const t = fix(s);
    // A replaced relative time changes the column widths the CLI computed: compare such tables with runs of spaces collapsed.
    return t === s || !/<recent>/.test(t) ? t : t.replace(/ {2,}/g, '   ');
  };
  return { stdout: fixTable(r.stdout), stderr: fix(r.stderr), exit: r.exit, ...(r.timedOut ? { timedOut: true } : {}) };
}

/**
 * The real CLI prints the tags of one image in Go map order (random): `docker image ls` rows of the same image come in
 * any order. Canonical form for comparisons: every run of consecutive lines that carry the same 12-hex ID is sorted.
 */
export function canonicalRows(text: string): string {
  const lines = text.split('\n');
  const id = (l: string) => /\b[0-9a-f]{12}\b/.exec(l)?.[0] ?? null;
  const out: string[] = [];
  for (let i = 0; i < lines.length; ) {
    const k = id(lines[i]);
    let j = i + 1;
    if (k) while (j < lines.length && id(lines[j]) === k) j++;
    out.push(...lines.slice(i, j).sort());
    i = j;
  }
  return out.join('\n');
}

/** Equal results, allowing the random row order described at canonicalRows. */
export function sameResult(a: Result, b: Result): boolean {
  return a.exit === b.exit && a.stderr === b.stderr && (a.stdout === b.stdout || canonicalRows(a.stdout) === canonicalRows(b.stdout));
}

/**
 * tests/differential/known-differences.txt: `transcript.txt:LINE  reason` entries whose console output is known to
 * differ (reported, not failing). Everything else must be identical; an entry that becomes identical is reported.
 */
export function loadKnownDifferences(file = path.join(HERE, 'known-differences.txt')): Map<string, string> {
  const m = new Map<string, string>();
  if (!fs.existsSync(file)) return m;
  for (const raw of fs.readFileSync(file, 'utf8').split('\n')) {
    const line = raw.trim();
    if (!line || line.startsWith('#')) continue;
    const [key, ...why] = line.split(/\s+/);
    m.set(key, why.join(' '));
  }
  return m;
}

export interface GoldenEntry { cmd: string; stdout: string; stderr: string; exit: number }

export function goldenPath(t: Transcript): string {
  return path.join(HERE, 'golden', `${t.name}.json`);
}

export function readGolden(t: Transcript): GoldenEntry[] | null {
  const p = goldenPath(t);
  return fs.existsSync(p) ? (JSON.parse(fs.readFileSync(p, 'utf8')) as GoldenEntry[]) : null;
}

export function writeGolden(t: Transcript, entries: GoldenEntry[]): void {
  fs.mkdirSync(path.dirname(goldenPath(t)), { recursive: true });
  fs.writeFileSync(goldenPath(t), JSON.stringify(entries, null, 2) + '\n');
}

/** A readable unified-ish diff of two results for failure messages. */
export function describeDiff(cmd: string, a: Result, b: Result, la = 'docker', lb = 'ours'): string {
  const out: string[] = [`$ ${cmd}`];
  for (const k of ['stdout', 'stderr'] as const) {
    if (a[k] === b[k]) continue;
    const al = a[k].split('\n');
    const bl = b[k].split('\n');
    out.push(`  ${k} differs:`);
    for (let i = 0; i < Math.max(al.length, bl.length); i++) {
      if (al[i] === bl[i]) continue;
      if (al[i] !== undefined) out.push(`    - ${la}: ${JSON.stringify(al[i])}`);
      if (bl[i] !== undefined) out.push(`    + ${lb}: ${JSON.stringify(bl[i])}`);
    }
  }
  if (a.exit !== b.exit) out.push(`  exit: ${la} ${a.exit}, ${lb} ${b.exit}`);
  return out.join('\n');
}

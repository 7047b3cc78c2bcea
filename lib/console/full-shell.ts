/**
 * Lines the console's own shell (shell.ts) does not speak — pipes, subshells, brace groups, loops and other
 * compound commands, globs, brace expansion, here-documents, `$((...))`, `2> file`, commands it lacks (grep, wc,
 * sleep, sh...) — run in just-bash, over the
 * workspace (bash-fs.ts), with the console's commands that just-bash lacks or does differently registered as
 * commands of its own: docker, curl, date, ls, clear, help, history. They run with the command's stdin (`echo ... |
 * docker build -`, `docker save x | docker load`) and their output goes down the pipe.
 *
 * Output: just-bash collects a command's output and hands it on when the command ends. Before running, the line's
 * syntax tree is rewritten so that every command whose stdout (stderr) is the terminal writes to `/dev/tty`
 * (`/dev/ttyerr`), which the file system passes straight to the console: output shows command by command, in order
 * (`for i in 1 2 3; do docker run ...; done` prints each run as it ends), never all at the end. A console command at
 * such a place (`docker pull` in a loop, `docker run -it` reading the terminal) writes to the terminal itself, as a
 * terminal command (isTTY), while it runs; in a pipe or `$(...)` it is not a terminal and its output is collected.
 *
 * State: exported and shell variables, the working directory and `$?` go in and come back (a `cd` inside a
 * pipeline or `( )` does not change the console's directory, as in bash). Ctrl+C (the io's signal) stops the line at the next command (status 130);
 * a loop that never ends is stopped after 10,000 commands or iterations with a clear error, and the thread yields
 * every few milliseconds so that Ctrl+C gets through.
 *
 * Only what just-bash's browser build exports is used (Bash, defineCommand, getCommandNames; no parse, no encoding
 * helpers): the page bundles that build.
 */
import type { Command, ExecResult, ResolvedCommandContext, ScriptNode, StatementNode, CommandNode, SimpleCommandNode, WordNode, TransformPlugin } from 'just-bash';
import { loadJustBash } from '../shell/run';
import { WorkspaceFs } from './bash-fs';
import type { ConsoleIO, Workspace } from './types';

// ---------------------------------------------------------------------------------------------------------------
// Which lines go to just-bash

/** Commands the console's own shell runs (index.ts; export/unset/readonly/true/false/: are shell.ts builtins). */
export const CONSOLE_COMMANDS = new Set(['cat', 'cd', 'clear', 'docker', 'echo', 'export', 'help', 'history', 'ls', 'mkdir', 'pwd', 'rm', 'touch', 'curl', 'date', 'unset', 'readonly', 'true', 'false', ':']);
const KEYWORDS = new Set(['for', 'while', 'until', 'if', 'case', 'select', 'function', '{', '}', '[[', '!', 'then', 'do', 'done', 'fi', 'esac', 'elif', 'else', 'time', 'coproc']);

/** The index after the `)` closing a `$(` / `(` whose content starts at `from` (quotes skipped), or -1. */
function closeParen(s: string, from: number): number {
  let depth = 1;
  for (let i = from; i < s.length; i++) {
    const c = s[i];
    if (c === '\\') { i++; continue; }
    if (c === "'") { const j = s.indexOf("'", i + 1); if (j < 0) return -1; i = j; continue; }
    if (c === '"') {
      for (i++; i < s.length && s[i] !== '"'; i++) if (s[i] === '\\') i++;
      continue;
    }
    if (c === '(') depth++;
    if (c === ')' && --depth === 0) return i + 1;
  }
  return -1;
}

/**
 * True when the line needs a full shell: an unquoted `|` (not `||`), `(` `)` outside
 * `$(...)`, a reserved word or `{` `[[` `!` where a command starts, an unquoted glob (`*` `?` `[`) or brace expansion
 * (`{a,b}` `{1..3}`), `<<` / `<<<`, `$((`, `<(` `>(`, `2>` to a file, or a command the console does not have itself
 * (`grep FROM Dockerfile`, `sleep 2`, `wc -l Dockerfile`); also when anything inside `$(...)` does.
 */
export function needsFullShell(line: string): boolean {
  const s = line;
  let cmdStart = true;
  let word = '';
  let quoted = false;
  let inWord = false;
  const endWord = (): boolean => {
    if (inWord) {
      if (cmdStart && !quoted && KEYWORDS.has(word)) return true;
      // a command only just-bash has (grep, wc, head, sleep, sh, xargs...) or none has (its `foo: command not found`)
      if (cmdStart && !quoted && word !== '' && !/^[A-Za-z_][A-Za-z0-9_]*=/.test(word) && !CONSOLE_COMMANDS.has(word)) return true;
      if (!/^[A-Za-z_][A-Za-z0-9_]*=/.test(word) || quoted && !/^[A-Za-z_][A-Za-z0-9_]*=/.test(word)) cmdStart = false;
    }
    word = '';
    quoted = false;
    inWord = false;
    return false;
  };
  for (let i = 0; i < s.length; i++) {
    const c = s[i];
    if (c === ' ' || c === '\t') { if (endWord()) return true; continue; }
    if (c === '\n' || c === ';') { if (endWord()) return true; cmdStart = true; continue; }
    if (c === '#' && !inWord) return false;
    if (c === '\\') { inWord = true; quoted = true; word += s[i + 1] ?? ''; i++; continue; }
    if (c === "'") {
      const j = s.indexOf("'", i + 1);
      if (j < 0) return false; // the console's shell reports the missing quote
      inWord = true; quoted = true; word += s.slice(i + 1, j); i = j; continue;
    }
    if (c === '"') {
      inWord = true; quoted = true;
      for (i++; i < s.length && s[i] !== '"'; i++) {
        if (s[i] === '\\') { i++; continue; }
        if (s[i] === '$' && s[i + 1] === '(') {
          if (s[i + 2] === '(') return true;
          const end = closeParen(s, i + 2);
          if (end < 0) return false;
          if (needsFullShell(s.slice(i + 2, end - 1))) return true;
          i = end - 1;
        } else if (s[i] === '`') {
          const j = s.indexOf('`', i + 1);
          if (j < 0) return false;
          if (needsFullShell(s.slice(i + 1, j))) return true;
          i = j;
        }
      }
      continue;
    }
    if (c === '$') {
      inWord = true;
      const d = s[i + 1];
      if (d === '(') {
        if (s[i + 2] === '(') return true;
        const end = closeParen(s, i + 2);
        if (end < 0) return false;
        if (needsFullShell(s.slice(i + 2, end - 1))) return true;
        quoted = true;
        i = end - 1;
      } else if (d === '{') {
        const j = s.indexOf('}', i + 2);
        if (j < 0) return false;
        quoted = true;
        i = j;
      } else if (d !== undefined && /[?*@#$!0-9-]/.test(d)) { quoted = true; i++; }
      else { const m = /^[A-Za-z_][A-Za-z0-9_]*/.exec(s.slice(i + 1)); if (m) { quoted = true; i += m[0].length; } else word += '$'; }
      continue;
    }
    if (c === '`') {
      const j = s.indexOf('`', i + 1);
      if (j < 0) return false;
      if (needsFullShell(s.slice(i + 1, j))) return true;
      inWord = true; quoted = true; i = j; continue;
    }
    if (c === '|') {
      if (s[i + 1] !== '|') return true;
      if (endWord()) return true;
      cmdStart = true; i++; continue;
    }
    if (c === '&') {
      if (s[i + 1] === '&') { if (endWord()) return true; cmdStart = true; i++; continue; }
      if (s[i + 1] === '>') { if (endWord()) return true; i += s[i + 2] === '>' ? 2 : 1; continue; }
      if (s[i - 1] === '>') continue;
      // a background job: bash's job lines (`[1] 4242`, `[1]+  Done`) cannot be shown faithfully, so the console's
      // shell keeps refusing it with its clear error
      continue;
    }
    if (c === '(') return true; // a stray `)` is the console shell's syntax error
    if (c === '<') {
      if (s[i + 1] === '<' || s[i + 1] === '(') return true;
      if (endWord()) return true;
      continue;
    }
    if (c === '>') {
      if (s[i + 1] === '(') return true;
      const fd = inWord && !quoted && /^\d+$/.test(word) ? Number(word) : 1;
      if (inWord && !quoted && /^\d+$/.test(word)) { word = ''; inWord = false; } else if (endWord()) return true;
      let j = i + 1;
      if (s[j] === '>') j++;
      if (s[j] === '&' || s[j] === '|') { i = j; continue; }
      while (s[j] === ' ' || s[j] === '\t') j++;
      const target = /^[^\s;&|<>()]*/.exec(s.slice(j))![0];
      if (fd === 2 && target !== '/dev/null' && target !== '/dev/stderr' && target !== '/dev/stdout') return true;
      i = j - 1;
      continue;
    }
    if (c === '*' || c === '?' || c === '[') {
      if (c === '[' && !inWord && cmdStart) return true; // `[ -f x ]`, `[[ ... ]]`
      return true;
    }
    if (c === '{') {
      if (!inWord && (s[i + 1] === undefined || /\s/.test(s[i + 1])) && cmdStart) return true; // `{ cmd; }`
      let depth = 0;
      for (let j = i; j < s.length && !/[\s;&|<>()'"]/.test(s[j]); j++) {
        if (s[j] === '{') depth++;
        else if (s[j] === '}') { if (--depth === 0) break; }
        else if (depth === 1 && (s[j] === ',' || (s[j] === '.' && s[j + 1] === '.'))) return true;
      }
    }
    inWord = true;
    word += c;
  }
  return endWord();
}

// ---------------------------------------------------------------------------------------------------------------
// Running a line

/** How a console command runs inside a just-bash line. */
export interface ConsoleCommandContext {
  /** Its stdin's bytes when not the terminal (a pipe, `< file`, or nothing at all: empty). */
  stdin: Uint8Array | undefined;
  /** Its exported environment. */
  env: Record<string, string>;
  /** just-bash's working directory, relative to the workspace ('' = `/`). */
  cwd: string;
  /** Its stdout is the terminal (else a pipe, a file or `$(...)`). */
  terminal: boolean;
}
/** A console command registered in just-bash: args (without the name), io (terminal or collected). */
export type ConsoleCommand = (args: string[], io: ConsoleIO, ctx: ConsoleCommandContext) => Promise<number>;

export interface FullShellHost {
  workspace: Workspace;
  now: () => number;
  /** The console's commands run in just-bash (docker, curl, date, ls, clear, help, history). */
  commands: Record<string, ConsoleCommand>;
  /** Exported variables (the console's env, updated in place). */
  env: Record<string, string>;
  /** Shell (unexported) variables, updated in place. */
  locals: Record<string, string>;
  getCwd(): string;
  setCwd(cwd: string): void;
  /** `$?` before the line. */
  status: number;
}

/** Commands and loop rounds a line may run: a loop that never ends stops after about a second. */
export const LINE_LIMITS = { maxCommandCount: 10_000, maxLoopIterations: 10_000, maxCallDepth: 200 };
const MARK = '__DP_IO';
const STATE = '__dp_state';
const INIT = '__dp_init';
const RENAMED = '__dp_';
/** just-bash's own variables, not carried back into the console. */
const SHELL_STATE_VARS = new Set(['IFS', 'OSTYPE', 'MACHTYPE', 'HOSTTYPE', 'HOSTNAME', 'OPTIND', 'SHELLOPTS', 'BASHOPTS', 'PIPESTATUS', 'BASH_VERSION', 'BASHPID', 'PPID', 'UID', 'EUID', 'GID', 'RANDOM', 'LINENO', 'SECONDS', 'PWD', 'PATH', 'SHLVL', '_', 'BASH', 'BASH_VERSINFO', 'FUNCNAME', 'GROUPS', 'HOME']);
const DEFAULT_PATH = '/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin';

interface Flags { out: boolean; err: boolean; inp: boolean }

const lit = (value: string): WordNode => ({ type: 'Word', parts: [{ type: 'Literal', value }] });
const STATUS: WordNode = { type: 'Word', parts: [{ type: 'ParameterExpansion', parameter: '?', operation: null }] };
/** A statement running `name arg` (built by hand: just-bash's browser build does not export its parser). */
const call = (name: string, arg: WordNode): StatementNode => ({
  type: 'Statement', operators: [], background: false,
  pipelines: [{ type: 'Pipeline', negated: false, commands: [{ type: 'SimpleCommand', assignments: [], name: lit(name), args: [arg], redirections: [] }] }],
});
const literalName = (w: WordNode | null): string | undefined => (w && w.parts.length === 1 && w.parts[0].type === 'Literal' ? w.parts[0].value : undefined);

/** What a command's own redirections leave of the terminal (stdout, stderr, stdin). */
function afterRedirs(redirs: { fd: number | null; operator: string }[], f: Flags): Flags {
  const g = { ...f };
  for (const r of redirs) {
    const op = r.operator;
    if (op === '<' || op === '<<' || op === '<<-' || op === '<<<' || op === '<&' || op === '<>') { if ((r.fd ?? 0) === 0) g.inp = false; continue; }
    if (op === '&>' || op === '&>>') { g.out = false; g.err = false; continue; }
    const fd = r.fd ?? 1;
    if (fd === 1) g.out = false;
    if (fd === 2) g.err = false;
  }
  return g;
}

/**
 * Rewrites the line's tree: commands whose stdout/stderr is the terminal get `>/dev/tty 2>/dev/ttyerr` before their
 * own redirections (which still win), console commands get `__DP_IO=<bits>` (1 stdout, 2 stderr, 4 stdin are the
 * terminal). Bodies of functions are left alone (their output goes where the call's goes).
 */
function markStatements(stmts: StatementNode[], f: Flags, ours: ReadonlySet<string>): void {
  for (const st of stmts) {
    for (const p of st.pipelines) {
      const n = p.commands.length;
      p.commands.forEach((c, i) => markCommand(c, { out: f.out && i === n - 1, err: f.err && !(p.pipeStderr?.[i] && i < n - 1), inp: f.inp && i === 0 }, ours));
      // bash runs each command of a pipeline in a subshell: `cd d | cat` or `x=1 | cat` change nothing here
      if (n > 1) p.commands = p.commands.map((c) => (c.type === 'Subshell' ? c : { type: 'Subshell', body: [{ type: 'Statement', pipelines: [{ type: 'Pipeline', commands: [c], negated: false }], operators: [], background: false }], redirections: [] }));
    }
  }
}

function markCommand(c: CommandNode, f: Flags, ours: ReadonlySet<string>): void {
  const g = afterRedirs(c.redirections, f);
  switch (c.type) {
    case 'SimpleCommand': markSimple(c, f, g, ours); return;
    case 'If':
      for (const cl of c.clauses) { markStatements(cl.condition, g, ours); markStatements(cl.body, g, ours); }
      if (c.elseBody) markStatements(c.elseBody, g, ours);
      return;
    case 'For': case 'CStyleFor': markStatements(c.body, g, ours); return;
    case 'While': case 'Until': markStatements(c.condition, g, ours); markStatements(c.body, g, ours); return;
    case 'Case': for (const it of c.items) markStatements(it.body, g, ours); return;
    case 'Subshell': case 'Group': markStatements(c.body, g, ours); return;
    default: return; // FunctionDef, (( )), [[ ]]
  }
}

function markSimple(c: SimpleCommandNode, f: Flags, g: Flags, ours: ReadonlySet<string>): void {
  if (!c.name) return;
  const add: SimpleCommandNode['redirections'] = [];
  if (f.out) add.push({ type: 'Redirection', fd: null, operator: '>', target: lit('/dev/tty') });
  if (f.err) add.push({ type: 'Redirection', fd: 2, operator: '>', target: lit('/dev/ttyerr') });
  c.redirections = [...add, ...c.redirections];
  const name = literalName(c.name);
  // `cd` alone goes back to the workspace (the console's home), not to $HOME (/root, outside the workspace)
  if (name === 'cd' && c.args.length === 0) c.args = [lit('/')];
  // just-bash's own `help` and `history` builtins would win over commands of the same name
  if (name === 'help' || name === 'history') c.name = lit(RENAMED + name);
  if (name !== undefined && ours.has(name)) {
    c.assignments = [...c.assignments, { type: 'Assignment', name: MARK, value: lit(String((g.out ? 1 : 0) | (g.err ? 2 : 0) | (g.inp ? 4 : 0))), append: false, array: null }];
  }
}

/** Our commands' stdout as just-bash wants it: binary streams (save, export, cp to -) as bytes, the rest as text. */
function result(stdout: string, stderr: string, exitCode: number, binary: boolean): ExecResult {
  return { stdout, stderr, exitCode, ...(binary ? { stdoutKind: 'bytes' as const } : { stdoutKind: 'text' as const }) };
}

const utf8 = new TextDecoder();

function bytesOf(latin: string): Uint8Array {
  const out = new Uint8Array(latin.length);
  for (let i = 0; i < latin.length; i++) out[i] = latin.charCodeAt(i) & 0xff;
  return out;
}

/** just-bash's wording -> what the console (bash) prints. */
export function translateBashErrors(stderr: string): string {
  return stderr
    // the console's wording for unknown commands (console.test.ts)
    .replace(/^bash: ([^\n]+): command not found$/gm, '$1: command not found')
    .replace(/^bash: syntax error: Parse error at \d+:\d+: /gm, 'bash: ')
    .replace(/^bash: (?:syntax error: )?(?:Parse error at \d+:\d+: )?Expected [^\n]*, got EOF$/gm, 'bash: syntax error: unexpected end of file')
    .replace(/^bash: too many commands executed \(>(\d+)\), increase executionLimits\.maxCommandCount$/gm,
      (_m, n: string) => `bash: stopped after ${n} commands: the playground limits how long a line may run (a loop that never ends?)`)
    .replace(/^bash: too many loop iterations.*$/gm, 'bash: stopped: the playground limits how many times a loop may run (a loop that never ends?)');
}

/** Runs one line in just-bash. Resolves with `$?`. */
export async function runFullShell(line: string, io: ConsoleIO, host: FullShellHost): Promise<number> {
  const jb = await loadJustBash();
  const ours = new Set(Object.keys(host.commands));
  let lastYield = performance.now();
  // Ctrl+C arrives as a message: let it in every few milliseconds, even in a loop of builtins.
  const maybeYield = async () => {
    if (performance.now() - lastYield < 8) return;
    await new Promise((r) => setTimeout(r, 0));
    lastYield = performance.now();
  };
  const tty = {
    // `nosuch 2>&1 | cat`: the message comes down stdout
    stdout: (s: string) => io.stdout(s.includes(': command not found') ? translateBashErrors(s) : s),
    stderr: (s: string) => io.stderr(translateBashErrors(s)),
  };
  const names = new Set<string>([...jb.getCommandNames(), ...ours, STATE, INIT, RENAMED + 'help', RENAMED + 'history']);
  const wfs = new WorkspaceFs(host.workspace, names, tty, host.now);
  const fsYield = new Proxy(wfs, {
    get(t, k, r) {
      const v = Reflect.get(t, k, r) as unknown;
      if ((k === 'writeFile' || k === 'appendFile') && typeof v === 'function') {
        return async (...a: unknown[]) => { await (v as (...x: unknown[]) => Promise<void>).apply(t, a); await maybeYield(); };
      }
      return typeof v === 'function' ? (v as (...x: unknown[]) => unknown).bind(t) : v;
    },
  });

  let final: { env: Record<string, string>; exported: Record<string, string>; cwd: string } | undefined;
  const commands: Command[] = [
    jb.defineCommand(INIT, async (args, ctx) => {
      for (const [k, v] of Object.entries(host.locals)) await ctx.assignShellVariable?.(k, v);
      return { stdout: '', stderr: '', exitCode: Number(args[0]) || 0 };
    }),
    jb.defineCommand(STATE, async (args, ctx) => {
      final = { env: Object.fromEntries(ctx.env), exported: { ...(ctx.exportedEnv ?? {}) }, cwd: ctx.cwd };
      return { stdout: '', stderr: '', exitCode: Number(args[0]) || 0 };
    }),
  ];
  for (const [name, run] of Object.entries(host.commands)) {
    commands.push(jb.defineCommand(name === 'help' || name === 'history' ? RENAMED + name : name, async (args: string[], ctx: ResolvedCommandContext) => {
      await maybeYield();
      const bits = Number(ctx.env.get(MARK) ?? '0');
      const env: Record<string, string> = { ...(ctx.exportedEnv ?? Object.fromEntries(ctx.env)) };
      delete env[MARK];
      // ctx.stdin is a byte string (a char a byte); just-bash's browser build does not export its helpers
      const raw: unknown = ctx.stdin;
      const stdinBytes = bytesOf(typeof raw === 'string' ? raw : '');
      const piped = !(bits & 4);
      const lines = piped ? utf8.decode(stdinBytes).split('\n') : [];
      if (lines[lines.length - 1] === '') lines.pop();
      let out = '';
      let err = '';
      const cio: ConsoleIO = {
        stdout: bits & 1 ? (s) => io.stdout(s) : (s) => { out += s; },
        stderr: bits & 2 ? (s) => io.stderr(s) : (s) => { err += s; },
        readLine: piped ? async () => (lines.length ? lines.shift() as string : null) : () => io.readLine(),
        isTTY: (bits & 1) !== 0 && io.isTTY,
        columns: io.columns,
        signal: ctx.signal ?? io.signal,
      };
      const code = await run(args, cio, { stdin: piped ? stdinBytes : undefined, env, cwd: ctx.cwd.replace(/^\/+/, ''), terminal: (bits & 1) !== 0 });
      const [a0, a1] = args.filter((a) => !a.startsWith('-'));
      // docker save / export / cp ... - write an archive to stdout: bytes down the pipe, not text
      const binary = name === 'docker' && (a0 === 'save' || a0 === 'export' || a0 === 'cp' || (a0 === 'image' && a1 === 'save') || (a0 === 'container' && (a1 === 'export' || a1 === 'cp')));
      return result(out, err, code, binary);
    }));
  }

  const marker: TransformPlugin = {
    name: 'console-terminal',
    transform({ ast }: { ast: ScriptNode }) {
      if (armed) {
        armed = false;
        markStatements(ast.statements, { out: true, err: true, inp: true }, ours);
        ast.statements = [call(INIT, lit(String(host.status))), ...ast.statements, call(STATE, STATUS)];
      }
      return { ast };
    },
  };
  let armed = true;

  const cwd = '/' + host.getCwd();
  const env: Record<string, string> = { ...host.env, PWD: cwd };
  if (env.PATH === undefined) env.PATH = DEFAULT_PATH;
  const bash = new jb.Bash({ fs: fsYield, cwd, env, customCommands: commands, executionLimits: LINE_LIMITS,
    // our commands (the engine) use timers and performance.now; the line runs in our own worker, not a sandbox
    defenseInDepth: false });
  bash.registerTransformPlugin(marker);
  let r: ExecResult;
  try {
    r = await bash.exec(line, { env, replaceEnv: true, cwd, signal: io.signal });
  } catch (e) {
    r = { stdout: '', stderr: `bash: ${e instanceof Error ? e.message : String(e)}\n`, exitCode: 2 };
  }
  if (io.signal?.aborted) return 130;
  if (r.stdout) tty.stdout(r.stdout);
  if (r.stderr) io.stderr(translateBashErrors(r.stderr));
  if (final) {
    const before = { ...host.env };
    const injectedPath = before.PATH === undefined;
    for (const k of Object.keys(host.env)) if (!(k in final.exported) && k !== 'PWD') delete host.env[k];
    for (const k of Object.keys(host.locals)) delete host.locals[k];
    for (const [k, v] of Object.entries(final.env)) {
      if (k === MARK || k === 'PWD' || (k === 'PATH' && injectedPath && v === DEFAULT_PATH)) continue;
      if (k === 'OLDPWD' && !('OLDPWD' in before) && final.cwd === cwd) continue;
      if (!/^[A-Za-z_][A-Za-z0-9_]*$/.test(k)) continue;
      if (k in final.exported) { if (!SHELL_STATE_VARS.has(k) || k in before || k === 'PATH') host.env[k] = v; }
      else if (!SHELL_STATE_VARS.has(k) && /^[A-Za-z_][A-Za-z0-9_]*$/.test(k)) host.locals[k] = v;
    }
    host.setCwd(final.cwd.replace(/^\/+/, ''));
  }
  return r.exitCode;
}

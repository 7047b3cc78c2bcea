/**
 * The console's command-line language: words with single/double quotes, backslashes and `$VAR`/`${VAR}`/`$?`
 * expansion, commands joined by `;`, `&&`, `||`, `> file` / `>> file` redirection of stdout and `< file` of stdin.
 */

import type { ConsoleIO } from './types';

/** One expanded command. `env`: its environment when `VAR=x cmd` set variables for it alone. */
export interface SimpleCommand { argv: string[]; redirect?: { path: string; append: boolean }; input?: string; env?: Record<string, string> }
export interface Pipeline { op: ';' | '&&' | '||'; cmd: SimpleCommand }
export class ShellSyntaxError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ShellSyntaxError';
  }
}

/**
 * Splits a line into commands. `env` supplies variables; `status` is `$?`. Kept for callers that want argv without
 * running anything; the console itself runs lines with createShell (below), which also does `$(...)`.
 */
export function parseLine(line: string, env: Record<string, string>, status = 0): Pipeline[] {
  const out: Pipeline[] = [];
  let argv: string[] = [];
  let word = '';
  let inWord = false;
  let redirect: { path: string; append: boolean } | undefined;
  let pendingRedirect: { append: boolean } | null = null;
  let input: string | undefined;
  let pendingInput = false;
  let op: Pipeline['op'] = ';';
  const endWord = () => {
    if (!inWord) return;
    if (pendingRedirect) { redirect = { path: word, append: pendingRedirect.append }; pendingRedirect = null; }
    else if (pendingInput) { input = word; pendingInput = false; }
    else argv.push(word);
    word = '';
    inWord = false;
  };
  const endCmd = (next: Pipeline['op']) => {
    endWord();
    if (pendingRedirect || pendingInput) throw new ShellSyntaxError("syntax error near unexpected token `newline'");
    if (argv.length === 0 && !redirect && input === undefined) {
      if (next !== ';' || out.length > 0 && line.trim() !== '') throw new ShellSyntaxError(`syntax error near unexpected token \`${next}'`);
    } else {
      out.push({ op, cmd: { argv, redirect, ...(input !== undefined ? { input } : {}) } });
    }
    argv = [];
    redirect = undefined;
    input = undefined;
    op = next;
  };
  const expandVar = (s: string, i: number): [string, number] => {
    // s[i] === '$'
    const rest = s.slice(i + 1);
    if (rest.startsWith('?')) return [String(status), i + 2];
    if (rest.startsWith('{')) {
      const j = rest.indexOf('}');
      if (j < 0) throw new ShellSyntaxError('bad substitution');
      return [env[rest.slice(1, j)] ?? '', i + j + 2];
    }
    const m = /^[A-Za-z_][A-Za-z0-9_]*/.exec(rest);
    if (!m) return ['$', i + 1];
    return [env[m[0]] ?? '', i + 1 + m[0].length];
  };
  let i = 0;
  while (i < line.length) {
    const c = line[i];
    if (c === ' ' || c === '\t') { endWord(); i++; continue; }
    if (c === '#' && !inWord) break;
    if (c === ';') { endCmd(';'); i++; continue; }
    if (c === '&' && line[i + 1] === '&') { endCmd('&&'); i += 2; continue; }
    if (c === '|' && line[i + 1] === '|') { endCmd('||'); i += 2; continue; }
    if (c === '|') throw new ShellSyntaxError('pipes are not supported in this console');
    if (c === '<') {
      endWord();
      pendingInput = true;
      i++;
      continue;
    }
    if (c === '>') {
      endWord();
      const append = line[i + 1] === '>';
      pendingRedirect = { append };
      i += append ? 2 : 1;
      continue;
    }
    if (c === "'") {
      const j = line.indexOf("'", i + 1);
      if (j < 0) throw new ShellSyntaxError("unexpected EOF while looking for matching `''");
      word += line.slice(i + 1, j);
      inWord = true;
      i = j + 1;
      continue;
    }
    if (c === '"') {
      inWord = true;
      i++;
      let closed = false;
      while (i < line.length) {
        const d = line[i];
        if (d === '"') { closed = true; i++; break; }
        if (d === '\\' && i + 1 < line.length && '"\\$`'.includes(line[i + 1])) { word += line[i + 1]; i += 2; continue; }
        if (d === '$') { const [v, n] = expandVar(line, i); word += v; i = n; continue; }
        word += d;
        i++;
      }
      if (!closed) throw new ShellSyntaxError('unexpected EOF while looking for matching `"\'');
      continue;
    }
    if (c === '\\') {
      if (i + 1 < line.length) word += line[i + 1];
      inWord = true;
      i += 2;
      continue;
    }
    if (c === '$') {
      const [v, n] = expandVar(line, i);
      word += v;
      inWord = inWord || v !== '' || n === i + 1;
      i = n;
      continue;
    }
    word += c;
    inWord = true;
    i++;
  }
  endWord();
  if (pendingRedirect || pendingInput) throw new ShellSyntaxError("syntax error near unexpected token `newline'");
  if (argv.length > 0 || redirect || input !== undefined) out.push({ op, cmd: { argv, redirect, ...(input !== undefined ? { input } : {}) } });
  else if (op !== ';') throw new ShellSyntaxError(`syntax error near unexpected token \`${op}'`);
  return out;
}

/**
 * Splits a line at `;`, `&&`, `||` outside quotes, without expanding anything: each segment is parsed (and its
 * variables expanded) only when it runs, so `false; echo $?` and `export A=1; echo $A` see the effects before them.
 */
export function splitCommands(line: string): { op: Pipeline['op']; text: string }[] {
  const out: { op: Pipeline['op']; text: string }[] = [];
  let op: Pipeline['op'] = ';';
  let start = 0;
  let quote: string | null = null;
  for (let i = 0; i < line.length; i++) {
    const c = line[i];
    if (quote) {
      if (c === quote) quote = null;
      else if (c === '\\' && quote === '"') i++;
      continue;
    }
    if (c === '\\') { i++; continue; }
    if (c === "'" || c === '"') { quote = c; continue; }
    if (c === '#' && (i === 0 || /\s/.test(line[i - 1]))) break;
    const two = line.slice(i, i + 2);
    if (c === ';' || two === '&&' || two === '||') {
      out.push({ op, text: line.slice(start, i) });
      op = c === ';' ? ';' : (two as Pipeline['op']);
      i += c === ';' ? 0 : 1;
      start = i + 1;
    }
  }
  const tail = line.slice(start);
  const end = line.indexOf('#', start);
  out.push({ op, text: end >= 0 && !quote && (end === 0 || /\s/.test(line[end - 1])) ? line.slice(start, end) : tail });
  return out;
}

// ---------------------------------------------------------------------------------------------------------------
// The interpreter the console runs lines with (POSIX sh subset): the whole line is parsed first (a syntax error
// anywhere stops it before anything runs), then each command is expanded only when it runs, so `export A=1; echo $A`
// and `false; echo $?` see what ran before them.
//   words:      '...', "..." (with $ and ` expansions and \ before $ ` " \ newline), \x, # comments
//   expansions: $VAR ${VAR} ${VAR:-w} ${VAR-w} ${VAR:=w} ${VAR=w} ${VAR:+w} ${VAR+w} ${#VAR} $? $$ $# $0 $1..$9 $@ $*,
//               $(...) and `...` (any console command, output captured, trailing newlines stripped), field splitting of
//               unquoted expansions on spaces, tabs and newlines
//   commands:   VAR=x (shell variable), VAR=x cmd (cmd's environment only), ; && || and newlines
//   redirects:  > file, >> file, < file (handled by the console), N>/dev/null, N>&M (2>&1, >&2), &>/dev/null
//   builtins:   export, unset, true, false, : (cd, pwd, echo... are the console's commands)

type Part =
  | { t: 'lit'; s: string; q: boolean }
  | { t: 'var'; name: string; q: boolean; op?: string; arg?: Word; len?: boolean }
  | { t: 'sub'; list: Item[]; q: boolean };
interface Word { parts: Part[] }
interface Redir { fd: number; op: '>' | '>>' | '<' | '>&'; target: Word }
interface Cmd { assigns: { name: string; value: Word }[]; words: Word[]; redirs: Redir[] }
interface Item { op: Pipeline['op']; cmd: Cmd }

const NAME = /^[A-Za-z_][A-Za-z0-9_]*/;

class Parser {
  i = 0;
  constructor(private readonly s: string) {}

  /** A list of commands up to the end (depth 0) or the `)` closing a `$(` (depth > 0). */
  list(depth: number): Item[] {
    const items: Item[] = [];
    let op: Pipeline['op'] = ';';
    for (;;) {
      this.blanks(true);
      const c = this.s[this.i];
      if (c === undefined || (depth > 0 && c === ')')) {
        if (op !== ';') throw new ShellSyntaxError(depth > 0 ? "syntax error near unexpected token `)'" : 'syntax error: unexpected end of file');
        return items;
      }
      const cmd = this.command(depth);
      const next = this.operator();
      if (!cmd) {
        if (next === null && op === ';') continue; // blank line or comment
        throw new ShellSyntaxError(`syntax error near unexpected token \`${next ?? op}'`);
      }
      items.push({ op, cmd });
      op = next ?? ';';
    }
  }

  private blanks(newlines: boolean): void {
    for (;;) {
      const c = this.s[this.i];
      if (c === ' ' || c === '\t' || (newlines && c === '\n')) this.i++;
      else if (c === '\\' && this.s[this.i + 1] === '\n') this.i += 2;
      else if (c === '#') { while (this.i < this.s.length && this.s[this.i] !== '\n') this.i++; }
      else return;
    }
  }

  /** The operator after a command (`;`, `&&`, `||`, newline), or null at the end of the list. */
  private operator(): Pipeline['op'] | null {
    this.blanks(false);
    const two = this.s.slice(this.i, this.i + 2);
    if (two === '&&' || two === '||') { this.i += 2; return two; }
    const c = this.s[this.i];
    if (c === ';' && this.s[this.i + 1] === ';') throw new ShellSyntaxError("syntax error near unexpected token `;;'");
    if (c === ';' || c === '\n') { this.i++; return ';'; }
    if (c === '|') throw new ShellSyntaxError('pipes are not supported in this console');
    if (c === '&') throw new ShellSyntaxError('background jobs (&) are not supported in this console');
    return null;
  }

  private command(depth: number): Cmd | null {
    const cmd: Cmd = { assigns: [], words: [], redirs: [] };
    for (;;) {
      this.blanks(false);
      const rest = this.s.slice(this.i);
      const c = rest[0];
      if (c === undefined || c === ';' || c === '\n' || c === '|' || (c === '&' && rest[1] !== '>')) break;
      if (c === ')') {
        if (depth > 0) break;
        throw new ShellSyntaxError("syntax error near unexpected token `)'");
      }
      if (c === '(') throw new ShellSyntaxError(cmd.words.length ? "syntax error near unexpected token `('" : 'subshells ( ... ) are not supported in this console');
      const r = /^(&>|\d?(?:>>|>&|>|<))/.exec(rest);
      if (r) {
        this.i += r[1].length;
        this.blanks(false);
        const target = this.word();
        if (!target) throw new ShellSyntaxError(`syntax error near unexpected token \`${this.tokenAt()}'`);
        if (r[1] === '&>') { cmd.redirs.push({ fd: 1, op: '>', target }, { fd: 2, op: '>&', target: { parts: [{ t: 'lit', s: '1', q: false }] } }); continue; }
        const m = /^(\d?)(.+)$/.exec(r[1])!;
        const op = m[2] as Redir['op'];
        cmd.redirs.push({ fd: m[1] ? Number(m[1]) : op === '<' ? 0 : 1, op, target });
        continue;
      }
      const w = this.word();
      if (!w) throw new ShellSyntaxError(`syntax error near unexpected token \`${this.tokenAt()}'`);
      const first = w.parts[0];
      const a = first?.t === 'lit' && !first.q ? /^([A-Za-z_][A-Za-z0-9_]*)=/.exec(first.s) : null;
      if (a && first.t === 'lit' && cmd.words.length === 0) {
        const tail = first.s.slice(a[0].length);
        cmd.assigns.push({ name: a[1], value: { parts: [...(tail ? [{ ...first, s: tail }] : []), ...w.parts.slice(1)] } });
      } else cmd.words.push(w);
    }
    return cmd.words.length || cmd.assigns.length || cmd.redirs.length ? cmd : null;
  }

  private tokenAt(): string {
    const rest = this.s.slice(this.i);
    if (rest === '' || rest[0] === '\n') return 'newline';
    return /^(&&|\|\||;;|>>|[;&|<>()])/.exec(rest)?.[1] ?? rest[0];
  }

  /** One word (null when none starts here). */
  private word(): Word | null {
    const parts: Part[] = [];
    const lit = (s: string, q: boolean) => {
      const last = parts[parts.length - 1];
      if (last?.t === 'lit' && last.q === q) last.s += s;
      else parts.push({ t: 'lit', s, q });
    };
    const start = this.i;
    for (;;) {
      const c = this.s[this.i];
      if (c === undefined || ' \t\n;&|<>()'.includes(c)) break;
      if (c === "'") {
        const j = this.s.indexOf("'", this.i + 1);
        if (j < 0) throw new ShellSyntaxError("unexpected EOF while looking for matching `''");
        lit(this.s.slice(this.i + 1, j), true);
        this.i = j + 1;
      } else if (c === '"') {
        this.i++;
        lit('', true);
        for (;;) {
          const d = this.s[this.i];
          if (d === undefined) throw new ShellSyntaxError('unexpected EOF while looking for matching `"\'');
          if (d === '"') { this.i++; break; }
          if (d === '\\' && '"\\$`\n'.includes(this.s[this.i + 1] ?? '')) {
            if (this.s[this.i + 1] !== '\n') lit(this.s[this.i + 1], true);
            this.i += 2;
          } else if (d === '$' || d === '`') this.expansion(parts, true, lit);
          else { lit(d, true); this.i++; }
        }
      } else if (c === '\\') {
        if (this.s[this.i + 1] === '\n') { this.i += 2; continue; }
        lit(this.s[this.i + 1] ?? '\\', true);
        this.i += 2;
      } else if (c === '$' || c === '`') this.expansion(parts, false, lit);
      else { lit(c, false); this.i++; }
    }
    if (this.i === start) return null;
    return { parts };
  }

  /** `$...` or a backquoted command at this.i. */
  private expansion(parts: Part[], q: boolean, lit: (s: string, q: boolean) => void): void {
    const s = this.s;
    if (s[this.i] === '`') {
      let j = this.i + 1;
      let inner = '';
      for (;; j++) {
        if (j >= s.length) throw new ShellSyntaxError('unexpected EOF while looking for matching ``\'');
        if (s[j] === '`') break;
        if (s[j] === '\\' && (s[j + 1] === '`' || s[j + 1] === '\\' || s[j + 1] === '$' || (q && s[j + 1] === '"'))) { inner += s[j + 1]; j++; continue; }
        inner += s[j];
      }
      this.i = j + 1;
      parts.push({ t: 'sub', list: parseScript(inner), q });
      return;
    }
    const rest = s.slice(this.i + 1);
    if (rest.startsWith('((')) throw new ShellSyntaxError('arithmetic expansion $((...)) is not supported in this console');
    if (rest.startsWith('(')) {
      const p = new Parser(s);
      p.i = this.i + 2;
      const list = p.list(1);
      if (s[p.i] !== ')') throw new ShellSyntaxError("unexpected EOF while looking for matching `)'");
      this.i = p.i + 1;
      parts.push({ t: 'sub', list, q });
      return;
    }
    if (rest.startsWith('{')) {
      const close = this.braceEnd(this.i + 2);
      const body = s.slice(this.i + 2, close);
      this.i = close + 1;
      const len = body.startsWith('#') && body.length > 1;
      const b = len ? body.slice(1) : body;
      const m = /^([A-Za-z_][A-Za-z0-9_]*|[0-9]+|[?$#@*!-])(.*)$/s.exec(b);
      if (!m) throw new ShellSyntaxError(`\${${body}}: bad substitution`);
      if (len) {
        if (m[2]) throw new ShellSyntaxError(`\${${body}}: bad substitution`);
        parts.push({ t: 'var', name: m[1], q, len: true });
        return;
      }
      if (!m[2]) { parts.push({ t: 'var', name: m[1], q }); return; }
      const o = /^(:?[-=+?])(.*)$/s.exec(m[2]);
      if (!o) throw new ShellSyntaxError(`\${${body}}: bad substitution`);
      const sub = new Parser(o[2]);
      const arg = sub.argWord(q);
      if (sub.i < o[2].length) throw new ShellSyntaxError(`\${${body}}: bad substitution`);
      parts.push({ t: 'var', name: m[1], q, op: o[1], arg });
      return;
    }
    const m = NAME.exec(rest) ?? /^[0-9?$#@*!-]/.exec(rest);
    if (!m) { lit('$', q); this.i++; return; }
    parts.push({ t: 'var', name: m[0], q });
    this.i += 1 + m[0].length;
  }

  /** The word after `${VAR:-`: quotes and expansions as in a word, blanks kept (q: inside double quotes). */
  private argWord(q: boolean): Word {
    const parts: Part[] = [];
    const lit = (t: string, quoted: boolean) => {
      const last = parts[parts.length - 1];
      if (last?.t === 'lit' && last.q === quoted) last.s += t; else parts.push({ t: 'lit', s: t, q: quoted });
    };
    let dq = false;
    while (this.i < this.s.length) {
      const d = this.s[this.i];
      if (d === '"') { dq = !dq; lit('', true); this.i++; } else if (d === "'" && !dq && !q) {
        const j = this.s.indexOf("'", this.i + 1);
        if (j < 0) throw new ShellSyntaxError("unexpected EOF while looking for matching `''");
        lit(this.s.slice(this.i + 1, j), true);
        this.i = j + 1;
      } else if (d === '\\' && this.i + 1 < this.s.length && (!(dq || q) || '"\\$`'.includes(this.s[this.i + 1]))) { lit(this.s[this.i + 1], true); this.i += 2; } else if (d === '$' || d === '`') this.expansion(parts, q || dq, lit);
      else { lit(d, q || dq); this.i++; }
    }
    return { parts };
  }

  /** The index of the `}` closing `${` (quotes and nested `${`/`$(` skipped). */
  private braceEnd(from: number): number {
    let depth = 0;
    for (let j = from; j < this.s.length; j++) {
      const c = this.s[j];
      if (c === '\\') { j++; continue; }
      if (c === "'") { const k = this.s.indexOf("'", j + 1); if (k < 0) break; j = k; continue; }
      if (c === '{') depth++;
      if (c === '}') { if (depth === 0) return j; depth--; }
    }
    throw new ShellSyntaxError("unexpected EOF while looking for matching `}'");
  }
}

/** Parses a whole line (or script). Throws ShellSyntaxError. */
export function parseScript(line: string): Item[] {
  const p = new Parser(line);
  const items = p.list(0);
  if (p.i < line.length) throw new ShellSyntaxError("syntax error near unexpected token `)'");
  return items;
}

/** What the shell needs from the console. */
export interface ShellHost {
  /** Exported variables: the environment docker commands see (shared with the console, updated in place). */
  env: Record<string, string>;
  /** Runs one expanded command (argv may be empty: a lone `> file`). */
  exec(cmd: SimpleCommand, io: ConsoleIO): Promise<number>;
  /** The console's working directory, saved and restored around `$(...)` (a subshell). */
  getCwd(): string;
  setCwd(cwd: string): void;
}

export interface Shell {
  /** Runs one line; syntax errors are printed as `bash: ...` with status 2. Resolves with `$?`. */
  run(line: string, io: ConsoleIO): Promise<number>;
  /** `$?` (set by the console after a line run elsewhere: lib/console/full-shell.ts). */
  status: number;
  /** A variable's value (exported or not), undefined when unset. */
  get(name: string): string | undefined;
  /** The shell (unexported) variables, live: full-shell.ts reads and updates them in place. */
  readonly locals: Record<string, string>;
}

const IFS = /[ \t\n]+/;

export function createShell(host: ShellHost): Shell {
  const env = host.env;
  const locals: Record<string, string> = {};
  let status = 0;

  const get = (name: string): string | undefined => (Object.prototype.hasOwnProperty.call(locals, name) ? locals[name] : Object.prototype.hasOwnProperty.call(env, name) ? env[name] : undefined);
  const set = (name: string, value: string) => {
    if (Object.prototype.hasOwnProperty.call(env, name)) env[name] = value;
    else locals[name] = value;
  };
  const special = (name: string): string | undefined => {
    switch (name) {
      case '?': return String(status);
      case '$': return '1';
      case '#': return '0';
      case '0': return 'bash';
      case '-': return 'h';
      case '@': case '*': case '!': return '';
      default: return /^[0-9]+$/.test(name) ? undefined : get(name);
    }
  };

  interface Ctx { io: ConsoleIO; subStatus: number | undefined }

  async function substitute(list: Item[], ctx: Ctx): Promise<string> {
    // a subshell: variables, directory and $? are restored afterwards
    const savedEnv = { ...env };
    const savedLocals = { ...locals };
    const savedCwd = host.getCwd();
    const savedStatus = status;
    let out = '';
    const io = ctx.io;
    const cap: ConsoleIO = { stdout: (s) => { out += s; }, stderr: (s) => io.stderr(s), readLine: () => io.readLine(), isTTY: false, columns: io.columns, signal: io.signal };
    let code: number;
    try {
      code = await runList(list, cap);
    } finally {
      for (const k of Object.keys(env)) delete env[k];
      Object.assign(env, savedEnv);
      for (const k of Object.keys(locals)) delete locals[k];
      Object.assign(locals, savedLocals);
      host.setCwd(savedCwd);
      status = savedStatus;
    }
    ctx.subStatus = code;
    return out.replace(/\n+$/, '');
  }

  /** A variable's value, or the word to expand in its place (`${VAR:-word}` and `${VAR:+word}`). */
  async function varValue(p: Extract<Part, { t: 'var' }>, ctx: Ctx): Promise<string | Word> {
    const v = special(p.name);
    if (p.len) return String((v ?? '').length);
    if (!p.op) return v ?? '';
    const unsetOrNull = p.op.startsWith(':') ? v === undefined || v === '' : v === undefined;
    const arg = async () => (await expandWord(p.arg!, ctx, false))[0] ?? '';
    switch (p.op.replace(':', '')) {
      case '-': return unsetOrNull ? p.arg! : v as string;
      case '+': return unsetOrNull ? '' : p.arg!;
      case '=': {
        if (!unsetOrNull) return v as string;
        if (!NAME.test(p.name)) throw new ShellSyntaxError(`$${p.name}: cannot assign in this way`);
        const a = await arg();
        set(p.name, a);
        return a;
      }
      default: { // ?
        if (!unsetOrNull) return v as string;
        const a = await arg();
        throw new ShellSyntaxError(`${p.name}: ${a || 'parameter null or not set'}`);
      }
    }
  }

  /** Expands a word into fields (split = false: one string, no field splitting, as in assignments and redirects). */
  async function expandWord(w: Word, ctx: Ctx, split = true): Promise<string[]> {
    const fields: string[] = [];
    let cur = '';
    let has = false;
    const add = async (parts: Part[], quoted: boolean, inArg: boolean): Promise<void> => {
      for (const p of parts) {
        const q = quoted || p.q;
        const v = p.t === 'lit' ? p.s : p.t === 'var' ? await varValue(p, ctx) : await substitute(p.list, ctx);
        if (typeof v !== 'string') { await add(v.parts, q, true); continue; }
        if (q || !split || (p.t === 'lit' && !inArg)) {
          cur += v;
          has = has || q || v !== '';
          continue;
        }
        const pieces = v.split(IFS);
        pieces.forEach((piece, k) => {
          if (k > 0) { if (has) fields.push(cur); cur = ''; has = false; }
          if (piece) { cur += piece; has = true; }
        });
      }
    };
    await add(w.parts, false, false);
    if (has || !split) fields.push(cur);
    return fields;
  }

  async function runCmd(cmd: Cmd, io: ConsoleIO): Promise<number> {
    const ctx: Ctx = { io, subStatus: undefined };
    const argv: string[] = [];
    for (const w of cmd.words) argv.push(...await expandWord(w, ctx));
    const assigns: [string, string][] = [];
    for (const a of cmd.assigns) assigns.push([a.name, (await expandWord(a.value, ctx, false))[0]]);
    let out = io;
    let redirect: SimpleCommand['redirect'];
    let input: string | undefined;
    for (const r of cmd.redirs) {
      const t = (await expandWord(r.target, ctx, false))[0];
      const sink = (fd: number, write: (s: string) => void) => {
        const o = out;
        out = { stdout: fd === 1 ? write : (s) => o.stdout(s), stderr: fd === 2 ? write : (s) => o.stderr(s), readLine: () => o.readLine(), isTTY: fd === 1 ? false : o.isTTY, columns: o.columns, signal: o.signal };
      };
      if (r.op === '<') {
        if (r.fd !== 0) throw new ShellSyntaxError(`${r.fd}<: only standard input can be read from a file in this console`);
        input = t;
      } else if (r.op === '>&') {
        if (t === '-') { sink(r.fd, () => {}); continue; }
        if (t !== '1' && t !== '2') {
          if (r.fd === 1 && !/^\d+$/.test(t)) { redirect = { path: t, append: false }; continue; }
          io.stderr(`bash: ${t}: bad file descriptor\n`);
          return 1;
        }
        const o = out;
        sink(r.fd, t === '1' ? (s) => o.stdout(s) : (s) => o.stderr(s));
      } else if (t === '/dev/null') {
        sink(r.fd, () => {});
      } else if (t === '/dev/stderr' || t === '/dev/stdout') {
        const o = out;
        sink(r.fd, t === '/dev/stdout' ? (s) => o.stdout(s) : (s) => o.stderr(s));
      } else if (r.fd === 1) {
        redirect = { path: t, append: r.op === '>>' };
      } else if (r.fd === 2) {
        io.stderr('bash: redirecting standard error to a file is not supported in this console (use 2>/dev/null or 2>&1)\n');
        return 1;
      } else {
        io.stderr(`bash: ${r.fd}: bad file descriptor\n`);
        return 1;
      }
    }
    if (argv.length === 0) {
      for (const [k, v] of assigns) set(k, v);
      if (redirect || input !== undefined) {
        const code = await host.exec({ argv: [], redirect, ...(input !== undefined ? { input } : {}) }, out);
        if (code !== 0) return code;
      }
      return ctx.subStatus ?? 0;
    }
    const name = argv[0];
    switch (name) {
      case 'true': case ':': return 0;
      case 'false': return 1;
      case 'export': case 'unset': case 'readonly': {
        let code = 0;
        for (const [k, v] of assigns) set(k, v);
        const args = argv.slice(1);
        if (name === 'export' && (args.length === 0 || args[0] === '-p')) {
          for (const k of Object.keys(env).sort()) out.stdout(`declare -x ${k}="${env[k].replace(/(["\\$`])/g, '\\$1')}"\n`);
          return 0;
        }
        for (const a of args) {
          if (name === 'unset') {
            if (a === '-v' || a === '-f') continue;
            if (!NAME.test(a) || NAME.exec(a)![0] !== a) { io.stderr(`bash: unset: \`${a}': not a valid identifier\n`); code = 1; continue; }
            delete env[a];
            delete locals[a];
            continue;
          }
          const eq = a.indexOf('=');
          const k = eq < 0 ? a : a.slice(0, eq);
          if (!NAME.test(k) || NAME.exec(k)![0] !== k) { io.stderr(`bash: ${name}: \`${a}': not a valid identifier\n`); code = 1; continue; }
          const v = eq < 0 ? get(k) : a.slice(eq + 1);
          delete locals[k];
          if (v !== undefined) env[k] = v;
          else if (name === 'export') env[k] = env[k] ?? '';
        }
        return code;
      }
    }
    const cmdEnv = assigns.length ? { ...env, ...Object.fromEntries(assigns) } : undefined;
    return host.exec({ argv, redirect, ...(input !== undefined ? { input } : {}), ...(cmdEnv ? { env: cmdEnv } : {}) }, out);
  }

  async function runList(items: Item[], io: ConsoleIO): Promise<number> {
    for (const { op, cmd } of items) {
      // Ctrl+C stops the rest of the line too, as in a shell (128 + SIGINT)
      if (io.signal?.aborted) { status = 130; break; }
      if (op === '&&' && status !== 0) continue;
      if (op === '||' && status === 0) continue;
      status = await runCmd(cmd, io);
    }
    return status;
  }

  return {
    get status() { return status; },
    set status(v: number) { status = v; },
    get,
    locals,
    async run(line: string, io: ConsoleIO): Promise<number> {
      try {
        return await runList(parseScript(line), io);
      } catch (e) {
        if (e instanceof ShellSyntaxError) { io.stderr(`bash: ${e.message}\n`); status = e.message.includes('parameter null') || /^\w+: /.test(e.message) ? 1 : 2; return status; }
        throw e;
      }
    },
  };
}

const DAYS = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/** `date [+FORMAT]` in UTC (the console's clock): %s %Y %m %d %H %M %S %F %T %a %b %e %y %j %Z %z %n %t %%. */
export function formatDate(ms: number, format = '%a %b %e %H:%M:%S %Z %Y'): string {
  const d = new Date(ms);
  const p2 = (n: number) => String(n).padStart(2, '0');
  const yday = Math.floor((Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), d.getUTCDate()) - Date.UTC(d.getUTCFullYear(), 0, 1)) / 86400000) + 1;
  return format.replace(/%(.)/g, (all, c: string) => {
    switch (c) {
      case 's': return String(Math.floor(ms / 1000));
      case 'Y': return String(d.getUTCFullYear());
      case 'y': return p2(d.getUTCFullYear() % 100);
      case 'm': return p2(d.getUTCMonth() + 1);
      case 'd': return p2(d.getUTCDate());
      case 'e': return String(d.getUTCDate()).padStart(2, ' ');
      case 'H': return p2(d.getUTCHours());
      case 'M': return p2(d.getUTCMinutes());
      case 'S': return p2(d.getUTCSeconds());
      case 'F': return `${d.getUTCFullYear()}-${p2(d.getUTCMonth() + 1)}-${p2(d.getUTCDate())}`;
      case 'T': return `${p2(d.getUTCHours())}:${p2(d.getUTCMinutes())}:${p2(d.getUTCSeconds())}`;
      case 'a': return DAYS[d.getUTCDay()];
      case 'b': return MONTHS[d.getUTCMonth()];
      case 'j': return String(yday).padStart(3, '0');
      case 'Z': return 'UTC';
      case 'z': return '+0000';
      case 'n': return '\n';
      case 't': return '\t';
      case '%': return '%';
      default: return all;
    }
  });
}

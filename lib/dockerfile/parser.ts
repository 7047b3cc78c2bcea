// Dockerfile parser, faithful to BuildKit's frontend/dockerfile/parser (parser.go, line_parsers.go,
// split_command.go, directives.go). Produces BuildKit's node tree with line ranges.

import { DockerfileParseError, ShellLexError, type SourceRange } from './errors';
import { decodeUtf8, encodeUtf8, goQuote, goTrimLeftSpace, goTrimSpace, isGoSpace, toValidRunes, utf8Length } from './gotext';
import { ShellLex } from './shell-lex';

export interface Heredoc {
  name: string;
  fileDescriptor: number;
  expand: boolean;
  chomp: boolean;
  /** raw body lines, each with its line ending, not including the terminator line */
  content: string;
}

/** BuildKit's parser.Node. Top-level instructions are the children of the root. */
export interface Node {
  /** keyword as written for instructions (e.g. "FROM", "fRoM"); the argument text for argument nodes */
  value: string;
  /** next argument node */
  next: Node | null;
  /** nested instruction (ONBUILD) or top-level instructions (root) */
  children: Node[];
  heredocs: Heredoc[];
  /** true when the arguments were given in JSON (exec) form */
  json: boolean;
  /** the logical line (continuations joined) */
  original: string;
  /** builder flags like "--from=build", quotes removed */
  flags: string[];
  /** 1-based */
  startLine: number;
  endLine: number;
  /** 0-based column of the first character on startLine, and end column (exclusive) on endLine */
  startCol: number;
  endCol: number;
  /** comment lines right above the instruction */
  prevComment: string[];
}

export interface ParseWarning {
  message: string;
  /** 1-based line where the warning was raised (last line of the instruction) */
  line: number;
  ruleId: string;
  detail: string;
  url: string;
}

export interface Directive {
  /** lower-cased: "syntax", "escape" or "check" */
  name: string;
  value: string;
  /** 1-based */
  line: number;
}

export interface ParseResult {
  ast: Node;
  warnings: ParseWarning[];
  directives: Directive[];
  /** "\\" or "`" */
  escapeToken: string;
}

const FROZEN_EMPTY: never[] = Object.freeze([]) as unknown as never[];

/**
 * A new node. Argument nodes (`arg` true) share frozen empty arrays for children, heredocs, flags and
 * prevComment (they are never filled); instruction nodes get their own arrays.
 */
export function newNode(value = '', arg = false): Node {
  return {
    value,
    next: null,
    children: arg ? FROZEN_EMPTY : [],
    heredocs: arg ? FROZEN_EMPTY : [],
    json: false,
    original: '',
    flags: arg ? FROZEN_EMPTY : [],
    startLine: 0,
    endLine: 0,
    startCol: 0,
    endCol: 0,
    prevComment: arg ? FROZEN_EMPTY : [],
  };
}

/** The argument values of an instruction node (BuildKit's nodeArgs): ONBUILD's nested instruction is flattened. */
export function nodeArgs(node: Node): string[] {
  const out: string[] = [];
  for (let n = node.next; n; n = n.next) {
    if (n.children.length === 0) out.push(n.value);
    else if (n.children.length === 1) {
      out.push(n.children[0]!.value);
      out.push(...nodeArgs(n.children[0]!));
    }
  }
  return out;
}

export const MAX_LINE_BYTES = 65535;
const HEREDOC_COMMANDS = new Set(['add', 'copy', 'run']);
const ESCAPE_BACKSLASH = '\\';

interface ParseState {
  escape: string;
  done: boolean;
  seen: Set<string>;
  directives: Directive[];
}

class Fail {
  constructor(readonly reason: string) {}
}

// ---------------------------------------------------------------------------------------------
// directives

const isReSpace = (c: string | undefined): boolean => c === ' ' || c === '\t' || c === '\n' || c === '\f' || c === '\r';

/** Matches `^([a-zA-Z][a-zA-Z0-9]*)\s*=\s*(.+?)\s*$` (Go \s) without backtracking. */
function matchDirective(s: string): [string, string] | null {
  const c0 = s.charCodeAt(0);
  if (!((c0 >= 65 && c0 <= 90) || (c0 >= 97 && c0 <= 122))) return null;
  let i = 1;
  while (i < s.length) {
    const c = s.charCodeAt(i);
    if ((c >= 65 && c <= 90) || (c >= 97 && c <= 122) || (c >= 48 && c <= 57)) i++;
    else break;
  }
  const key = s.slice(0, i);
  while (isReSpace(s[i])) i++;
  if (s[i] !== '=') return null;
  i++;
  const rest = s.slice(i);
  if (rest.length === 0 || rest.indexOf('\n') >= 0) return null;
  let a = 0;
  while (a < rest.length && isReSpace(rest[a])) a++;
  if (a === rest.length) return [key, rest[rest.length - 1]!];
  let b = rest.length;
  while (b > a && isReSpace(rest[b - 1])) b--;
  return [key, rest.slice(a, b)];
}

function possibleParserDirective(st: ParseState, token: string, lineNo: number): void {
  if (st.done) return;
  if (!token.startsWith('#')) {
    st.done = true;
    return;
  }
  const m = matchDirective(goTrimLeftSpace(token.slice(1)));
  if (!m) {
    st.done = true;
    return;
  }
  const k = m[0].toLowerCase();
  if (k !== 'syntax' && k !== 'escape' && k !== 'check') {
    st.done = true;
    return;
  }
  if (st.seen.has(k)) throw new Fail(`only one ${k} parser directive can be used`);
  st.seen.add(k);
  st.directives.push({ name: k, value: m[1], line: lineNo });
  if (k === 'escape') {
    if (m[1] !== '`' && m[1] !== '\\') throw new Fail(`invalid escape token '${m[1]}' does not match \` or \\`);
    st.escape = m[1];
  }
}

// ---------------------------------------------------------------------------------------------
// line helpers

function lengthWithoutNewline(s: string): number {
  let b = s.length;
  while (b > 0 && (s.charCodeAt(b - 1) === 10 || s.charCodeAt(b - 1) === 13)) b--;
  return b;
}
function trimNewline(s: string): string {
  let b = s.length;
  while (b > 0 && (s.charCodeAt(b - 1) === 10 || s.charCodeAt(b - 1) === 13)) b--;
  return b === s.length ? s : s.slice(0, b);
}

/** Set by trimContinuation: whether the line was not continued (BuildKit's isEndOfLine). */
let endOfLine = true;
/** BuildKit's trimContinuationCharacter: the line without its continuation escape; sets `endOfLine`. */
function trimContinuation(line: string, esc: string): string {
  let j = line.length - 1;
  while (j >= 0 && (line.charCodeAt(j) === 32 || line.charCodeAt(j) === 9)) j--;
  const escCode = esc.charCodeAt(0);
  if (j < 0 || line.charCodeAt(j) !== escCode) {
    endOfLine = true;
    return line;
  }
  endOfLine = false;
  if (j === 0) return '';
  if (line.charCodeAt(j - 1) === escCode) {
    endOfLine = true;
    return line;
  }
  return line.slice(0, j);
}

// ---------------------------------------------------------------------------------------------
// split_command.go

const isSpaceByte = (b: number): boolean => (b >= 9 && b <= 13) || b === 32 || b === 0x85 || b === 0xa0;

/** extractBuilderFlags: works on bytes like Go (non-ASCII bytes in flags become U+0080..U+00FF runes). */
function extractBuilderFlags(line: string): [string, string[]] {
  // fast path: no flags (the first word does not start with "--")
  let p = 0;
  while (p < line.length && line.charCodeAt(p) < 0x80 && isSpaceByte(line.charCodeAt(p))) p++;
  const c0 = line.charCodeAt(p);
  if (p === line.length) return ['', []];
  if (c0 < 0xd800 && !(c0 === 45 && line.charCodeAt(p + 1) === 45)) return [p === 0 ? line : line.slice(p), NO_FLAGS];
  // eslint-disable-next-line no-control-regex
  const src: string | Uint8Array = /[^\x00-\x7f]/.test(line) ? encodeUtf8(line) : line;
  return extractBuilderFlagsFrom(src);
}

function codeAt(src: string | Uint8Array, i: number): number {
  return typeof src === 'string' ? src.charCodeAt(i) : src[i]!;
}
function restFrom(src: string | Uint8Array, i: number): string {
  return typeof src === 'string' ? src.slice(i) : decodeUtf8(src, i);
}

function extractBuilderFlagsFrom(src: string | Uint8Array): [string, string[]] {
  const n = src.length;
  const words: string[] = [];
  const IN_SPACES = 0;
  const IN_WORD = 1;
  const IN_QUOTE = 2;
  let phase = IN_SPACES;
  let word = '';
  let quote = 0;
  let blankOK = false;
  let ch = 0;
  for (let pos = 0; pos <= n; pos++) {
    if (pos !== n) ch = codeAt(src, pos);
    if (phase === IN_SPACES) {
      if (pos === n) break;
      if (isSpaceByte(ch)) continue;
      if (ch !== 45 || pos + 1 === n || codeAt(src, pos + 1) !== 45) return [restFrom(src, pos), words];
      phase = IN_WORD;
    }
    if ((phase === IN_WORD || phase === IN_QUOTE) && pos === n) {
      if (word !== '--' && (blankOK || word.length > 0)) words.push(word);
      break;
    }
    if (phase === IN_WORD) {
      if (isSpaceByte(ch)) {
        phase = IN_SPACES;
        if (word === '--') return [restFrom(src, pos), words];
        if (blankOK || word.length > 0) words.push(word);
        word = '';
        blankOK = false;
        continue;
      }
      if (ch === 39 || ch === 34) {
        quote = ch;
        blankOK = true;
        phase = IN_QUOTE;
        continue;
      }
      if (ch === 92) {
        if (pos + 1 === n) continue;
        pos++;
        ch = codeAt(src, pos);
      }
      word += String.fromCharCode(ch);
      continue;
    }
    // IN_QUOTE
    if (ch === quote) {
      phase = IN_WORD;
      continue;
    }
    if (ch === 92) {
      if (pos + 1 === n) {
        phase = IN_WORD;
        continue;
      }
      pos++;
      ch = codeAt(src, pos);
    }
    word += String.fromCharCode(ch);
  }
  return ['', words];
}

const isReWhitespace = (c: number): boolean => c === 9 || c === 11 || c === 12 || c === 13 || c === 32;

/** Go reWhitespace.Split(s, limit) with reWhitespace = `[\t\v\f\r ]+`. */
function splitWhitespace(s: string, limit = -1): string[] {
  const out: string[] = [];
  let start = 0;
  let i = 0;
  while (i < s.length) {
    if (limit > 0 && out.length === limit - 1) break;
    if (isReWhitespace(s.charCodeAt(i))) {
      let j = i;
      while (j < s.length && isReWhitespace(s.charCodeAt(j))) j++;
      out.push(s.slice(start, i));
      start = j;
      i = j;
    } else i++;
  }
  out.push(s.slice(start));
  return out;
}

/** splitCommand's outputs besides the command word (no tuple per line). */
let splitFlags: string[] = [];
let splitArgs = '';
/** BuildKit's splitCommand: returns the command word; flags and arguments in `splitFlags` / `splitArgs`. */
function splitCommand(line: string): string {
  const trimmed = goTrimSpace(line);
  // reWhitespace.Split(trimmed, 2): the first run of [\t\v\f\r ] splits the command from the rest
  let i = 0;
  while (i < trimmed.length && !isReWhitespace(trimmed.charCodeAt(i))) i++;
  splitFlags = NO_FLAGS;
  splitArgs = '';
  if (i === trimmed.length) return trimmed;
  const cmd = trimmed.slice(0, i);
  while (i < trimmed.length && isReWhitespace(trimmed.charCodeAt(i))) i++;
  const [args, flags] = extractBuilderFlags(trimmed.slice(i));
  splitFlags = flags;
  splitArgs = goTrimSpace(args);
  return cmd;
}
/** Shared empty flags array of instructions without flags (never mutated: replaced when flags exist). */
const NO_FLAGS: string[] = [];

// ---------------------------------------------------------------------------------------------
// line_parsers.go

interface Parsed {
  next: Node | null;
  json: boolean;
}
/** The one result object of the line parsers, read by the caller right away (no object per line). */
const RESULT: Parsed = { next: null, json: false };
function got(next: Node | null, json: boolean): Parsed {
  RESULT.next = next;
  RESULT.json = json;
  return RESULT;
}

function chain(values: string[]): Node | null {
  let root: Node | null = null;
  let prev: Node | null = null;
  for (const v of values) {
    const n = argNode(v);
    if (prev) prev.next = n;
    else root = n;
    prev = n;
  }
  return root;
}

/** Quote-aware words for ENV/LABEL/ARG (quotes and escapes kept). */
export function parseWords(rest: string, esc: string): string[] {
  // Every character is kept except an escape char at the very end, so words are slices of `rest`.
  if (/[\ud800-\udfff]/.test(rest)) rest = toValidRunes(rest);
  const n = rest.length;
  const escCode = esc.charCodeAt(0);
  const words: string[] = [];
  const IN_SPACES = 0;
  const IN_WORD = 1;
  const IN_QUOTE = 2;
  let phase = IN_SPACES;
  let quote = 0;
  let blankOK = false;
  let start = 0;
  let end = -1; // exclusive end of the word when the final escape char was dropped
  for (let pos = 0; pos <= n; pos++) {
    const ch = pos < n ? rest.charCodeAt(pos) : -1;
    if (phase === IN_SPACES) {
      if (pos === n) break;
      if (isGoSpace(ch)) continue;
      phase = IN_WORD;
      start = pos;
      end = -1;
    }
    if (pos === n) {
      const w = rest.slice(start, end < 0 ? n : end);
      if (blankOK || w.length > 0) words.push(w);
      break;
    }
    if (phase === IN_WORD) {
      if (isGoSpace(ch)) {
        phase = IN_SPACES;
        const w = rest.slice(start, pos);
        if (blankOK || w.length > 0) words.push(w);
        blankOK = false;
        continue;
      }
      if (ch === 39 || ch === 34) {
        quote = ch;
        blankOK = true;
        phase = IN_QUOTE;
      }
      if (ch === escCode) {
        if (pos + 1 === n) {
          end = pos;
          continue;
        }
        pos++;
      }
      continue;
    }
    if (ch === quote) phase = IN_WORD;
    if (ch === escCode && quote !== 39) {
      if (pos + 1 === n) {
        phase = IN_WORD;
        end = pos;
        continue;
      }
      pos++;
    }
  }
  return words;
}

/** An argument node (shares the frozen empty arrays, as newNode(value, true)). */
function argNode(value: string): Node {
  return {
    value, next: null, children: FROZEN_EMPTY, heredocs: FROZEN_EMPTY, json: false, original: '', flags: FROZEN_EMPTY,
    startLine: 0, endLine: 0, startCol: 0, endCol: 0, prevComment: FROZEN_EMPTY,
  };
}

function parseNameVal(rest: string, key: string, esc: string): Parsed {
  const words = parseWords(rest, esc);
  if (words.length === 0) return got(null, false);
  if (!words[0]!.includes('=')) {
    const parts = splitWhitespace(rest, 2);
    if (parts.length < 2) throw new Fail(`${key} must have two arguments`);
    return got(chain([parts[0]!, parts[1]!, '']), false);
  }
  // name, value, "=" for each word, linked as they are cut (no intermediate array)
  let head: Node | null = null;
  let tail: Node | null = null;
  for (const w of words) {
    const i = w.indexOf('=');
    if (i < 0) throw new Fail(`Syntax error - can't find = in ${goQuote(w)}. Must be of the form: name=value`);
    const name = argNode(w.slice(0, i));
    const value = argNode(w.slice(i + 1));
    const eq = argNode('=');
    if (tail) tail.next = name;
    else head = name;
    name.next = value;
    value.next = eq;
    tail = eq;
  }
  return got(head, false);
}

/** Go reWhitespace.Split(s, -1), each piece an argument node, linked. */
function chainWhitespace(s: string): Node | null {
  let head: Node | null = null;
  let tail: Node | null = null;
  let start = 0;
  let i = 0;
  const push = (v: string) => {
    const n = argNode(v);
    if (tail) tail.next = n;
    else head = n;
    tail = n;
  };
  while (i < s.length) {
    if (isReWhitespace(s.charCodeAt(i))) {
      let j = i;
      while (j < s.length && isReWhitespace(s.charCodeAt(j))) j++;
      push(s.slice(start, i));
      start = j;
      i = j;
    } else i++;
  }
  push(s.slice(start));
  return head;
}

function parseStringsWhitespaceDelimited(rest: string): Parsed {
  if (rest === '') return got(null, false);
  return got(chainWhitespace(rest), false);
}

const NOT_JSON = 1;
const NOT_STRINGS = 2;

function parseJSON(rest: string): Parsed | number {
  const r = goTrimLeftSpace(rest);
  if (!r.startsWith('[')) return NOT_JSON;
  let v: unknown;
  try {
    v = JSON.parse(r);
  } catch {
    return NOT_JSON;
  }
  if (!Array.isArray(v)) return NOT_JSON;
  const vals: string[] = [];
  for (const e of v as unknown[]) {
    // Go's decoder gives up beyond 10000 nested levels: that is "not JSON", not a type error
    if (typeof e !== 'string') return jsonDepthExceeds(r, 10000) ? NOT_JSON : NOT_STRINGS;
    vals.push(toValidRunes(e));
  }
  return got(chain(vals), true);
}

/** Does the (valid) JSON text nest arrays/objects deeper than `max`? */
function jsonDepthExceeds(text: string, max: number): boolean {
  let depth = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (inString) {
      if (c === 92) i++;
      else if (c === 34) inString = false;
    } else if (c === 34) inString = true;
    else if (c === 91 || c === 123) {
      if (++depth > max) return true;
    } else if (c === 93 || c === 125) depth--;
  }
  return false;
}

const ERR_NOT_STRING_ARRAY = 'when using JSON array syntax, arrays must be comprised of strings only';

function parseMaybeJSON(rest: string): Parsed {
  if (rest === '') return got(null, false);
  const j = parseJSON(rest);
  if (typeof j !== 'number') return j;
  if (j === NOT_STRINGS) throw new Fail(ERR_NOT_STRING_ARRAY);
  return got(newNode(rest, true), false);
}

function parseMaybeJSONToList(rest: string): Parsed {
  const j = parseJSON(rest);
  if (typeof j !== 'number') return j;
  if (j === NOT_STRINGS) throw new Fail(ERR_NOT_STRING_ARRAY);
  return parseStringsWhitespaceDelimited(rest);
}

function parseHealthConfig(rest: string): Parsed {
  // BuildKit scans bytes here: rune(rest[i]) treats bytes 0x85 and 0xA0 as spaces too.
  // eslint-disable-next-line no-control-regex
  const src: string | Uint8Array = /[^\x00-\x7f]/.test(rest) ? encodeUtf8(rest) : rest;
  const n = src.length;
  let sep = 0;
  while (sep < n && !isSpaceByte(codeAt(src, sep))) sep++;
  let next = sep;
  while (next < n && isSpaceByte(codeAt(src, next))) next++;
  if (sep === 0) return got(null, false);
  const typ = typeof src === 'string' ? src.slice(0, sep) : decodeUtf8(src, 0, sep);
  const cmd = parseMaybeJSON(restFrom(src, next));
  const node = newNode(typ, true);
  node.next = cmd.next;
  return got(node, cmd.json);
}

function dispatch(cmd: string, rest: string, st: ParseState): Parsed {
  switch (cmd.toLowerCase()) {
    case 'add':
    case 'copy':
    case 'volume':
      return parseMaybeJSONToList(rest);
    case 'arg': {
      const w = parseWords(rest, st.escape);
      return w.length ? got(chain(w), false) : got(null, false);
    }
    case 'cmd':
    case 'entrypoint':
    case 'run':
    case 'shell':
      return parseMaybeJSON(rest);
    case 'env':
      return parseNameVal(rest, 'ENV', st.escape);
    case 'label':
      return parseNameVal(rest, 'LABEL', st.escape);
    case 'expose':
    case 'from':
      return parseStringsWhitespaceDelimited(rest);
    case 'healthcheck':
      return parseHealthConfig(rest);
    case 'maintainer':
    case 'stopsignal':
    case 'user':
    case 'workdir':
      return rest === '' ? got(null, false) : got(newNode(rest, true), false);
    case 'onbuild': {
      if (rest === '') return got(null, false);
      const child = newNodeFromLine(rest, st, []);
      const holder = newNode('');
      holder.children = [child];
      return got(holder, false);
    }
    default:
      return got(newNode('', true), false);
  }
}

function newNodeFromLine(line: string, st: ParseState, comments: string[]): Node {
  const cmd = splitCommand(line);
  const flags = splitFlags === NO_FLAGS ? [] : splitFlags;
  const parsed = dispatch(cmd, splitArgs, st);
  return {
    value: cmd,
    next: parsed.next,
    children: [],
    heredocs: [],
    json: parsed.json,
    original: line,
    flags,
    startLine: 0,
    endLine: 0,
    startCol: 0,
    endCol: 0,
    prevComment: comments,
  };
}

// ---------------------------------------------------------------------------------------------
// heredocs

const heredocLex = new ShellLex({ escapeToken: '\\', rawQuotes: true, rawEscapes: true, skipUnsetEnv: true });
const heredocNameLex = new ShellLex({ escapeToken: '\\', skipUnsetEnv: true });
const heredocNameLexRaw = new ShellLex({ escapeToken: '\\', skipUnsetEnv: true, rawQuotes: true });
/**
 * Matches `^(\d*)<<(-?)\s*([^<]*)$` without regex backtracking (a long run of spaces made the regex
 * quadratic). Returns [fd digits, "-" or "", rest] or null.
 */
function matchHeredocWord(src: string): [string, string, string] | null {
  let i = 0;
  while (i < src.length && src.charCodeAt(i) >= 48 && src.charCodeAt(i) <= 57) i++;
  if (src.charCodeAt(i) !== 60 || src.charCodeAt(i + 1) !== 60) return null;
  const digits = src.slice(0, i);
  i += 2;
  let chomp = '';
  if (src[i] === '-') {
    chomp = '-';
    i++;
  }
  if (src.indexOf('<', i) >= 0) return null;
  while (i < src.length && isReSpace(src[i])) i++;
  return [digits, chomp, src.slice(i)];
}

function countQuotes(s: string): number {
  let n = 0;
  for (let i = 0; i < s.length; i++) if (s[i] === "'" || s[i] === '"') n++;
  return n;
}

/** ParseHeredoc: a heredoc word like "<<EOF", "<<-'EOF'", "3<<X"; null when the word is not one. Throws ShellLexError. */
export function parseHeredoc(src: string): Heredoc | null {
  const m = matchHeredocWord(src);
  if (!m) return null;
  const rest = m[2];
  if (rest.length === 0) return null;
  const words = heredocNameLex.processWords(rest, []);
  if (words.length !== 1) return null;
  const wordsRaw = heredocNameLexRaw.processWords(rest, []);
  if (wordsRaw.length !== words.length) {
    const msg = `internal lexing of heredoc produced inconsistent results: ${rest}`;
    throw new ShellLexError(msg, msg);
  }
  const word = words[0]!;
  return {
    name: word,
    fileDescriptor: m[0] ? Number.parseInt(m[0], 10) : 0,
    expand: countQuotes(word) === countQuotes(wordsRaw[0]!),
    chomp: m[1] === '-',
    content: '',
  };
}

function heredocsFromLine(line: string): Heredoc[] {
  // a heredoc word contains "<<" literally (quotes and escapes are kept raw)
  if (line.indexOf('<<') < 0) return [];
  let words: string[];
  try {
    words = heredocLex.processWords(line, []);
  } catch (e) {
    if (e instanceof ShellLexError) return [];
    throw e;
  }
  const docs: Heredoc[] = [];
  for (const w of words) {
    let h: Heredoc | null;
    try {
      h = parseHeredoc(w);
    } catch (e) {
      if (e instanceof ShellLexError) throw new Fail(e.message);
      throw e;
    }
    if (h) docs.push(h);
  }
  return docs;
}

/** Removes leading tabs from every line (for <<- heredocs). */
export function chompHeredocContent(src: string): string {
  return src.replace(/^\t+/gm, '');
}

function canContainHeredoc(node: Node): boolean {
  let n = node;
  if (n.value.toLowerCase() === 'onbuild' && n.next && n.next.children.length > 0) n = n.next.children[0]!;
  return HEREDOC_COMMANDS.has(n.value.toLowerCase()) && !n.json;
}

// ---------------------------------------------------------------------------------------------
// Parse

class LineReader {
  private pos = 0;
  tooLong = false;
  constructor(private readonly text: string) {}
  /** next raw line including its "\n", or null at EOF (or when the line is too long) */
  next(): string | null {
    if (this.tooLong || this.pos >= this.text.length) return null;
    const i = this.text.indexOf('\n', this.pos);
    const end = i < 0 ? this.text.length : i + 1;
    const tok = this.text.slice(this.pos, end);
    const contentLen = i < 0 ? tok.length : tok.length - 1;
    if (contentLen > MAX_LINE_BYTES / 3 && utf8Length(i < 0 ? tok : tok.slice(0, -1)) > MAX_LINE_BYTES) {
      this.tooLong = true;
      return null;
    }
    this.pos = end;
    return tok;
  }
}

/** goTrimLeftSpace(trimNewline(raw)) with one slice. */
function trimmedToken(raw: string): string {
  const end = lengthWithoutNewline(raw);
  let a = 0;
  while (a < end && isGoSpace(raw.charCodeAt(a))) a++;
  return a === 0 && end === raw.length ? raw : raw.slice(a, end);
}

function firstNonSpace(s: string): number {
  let i = 0;
  while (i < s.length && isGoSpace(s.charCodeAt(i))) i++;
  return i;
}

/**
 * Parse a Dockerfile into BuildKit's node tree.
 * Throws DockerfileParseError (kind 'parse') with BuildKit's message, e.g. "file with no instructions".
 */
export function parse(source: string | Uint8Array): ParseResult {
  const text = typeof source === 'string' ? source : decodeUtf8(source);
  const st: ParseState = { escape: ESCAPE_BACKSLASH, done: false, seen: new Set(), directives: [] };
  const root = newNode('');
  root.startLine = -1;
  const warnings: ParseWarning[] = [];
  let comments: string[] = [];
  let currentLine = 0;
  const reader = new LineReader(text);
  const fail = (e: unknown, start: number, end: number): never => {
    if (e instanceof Fail) throw new DockerfileParseError(e.reason, { startLine: start, endLine: Math.max(start, end) });
    throw e;
  };

  for (let raw = reader.next(); raw !== null; raw = reader.next()) {
    if (currentLine === 0 && raw.charCodeAt(0) === 0xfeff) raw = raw.slice(1);
    let token = trimmedToken(raw);
    if (token.charCodeAt(0) === 35 /* # */) {
      const c = goTrimSpace(raw.slice(1));
      if (c === '') comments = [];
      else comments.push(c);
    }
    try {
      possibleParserDirective(st, token, currentLine + 1);
    } catch (e) {
      fail(e, currentLine + 1, currentLine + 1);
    }
    if (token.startsWith('#')) token = '';
    currentLine++;
    const startLine = currentLine;
    const startCol = firstNonSpace(raw);
    let lastRaw = raw;
    let line = trimContinuation(token, st.escape);
    let isEndOfLine = endOfLine;
    if (isEndOfLine && line === '') continue;

    let hasEmptyContinuationLine = false;
    while (!isEndOfLine) {
      const cont = reader.next();
      if (cont === null) break;
      let ctoken = trimNewline(cont);
      try {
        possibleParserDirective(st, ctoken, currentLine + 1);
      } catch (e) {
        fail(e, currentLine + 1, currentLine + 1);
      }
      if (ctoken.startsWith('#')) ctoken = '';
      currentLine++;
      lastRaw = cont;
      const lt = trimmedToken(cont);
      if (lt.charCodeAt(0) === 35 /* # */) continue;
      if (lt.length === 0) {
        hasEmptyContinuationLine = true;
        continue;
      }
      line += trimContinuation(ctoken, st.escape);
      isEndOfLine = endOfLine;
    }

    if (hasEmptyContinuationLine) {
      warnings.push({
        message: 'Empty continuation line found in: ' + line,
        line: currentLine,
        ruleId: 'NoEmptyContinuation',
        detail: 'Empty continuation lines will become errors in a future release',
        url: 'https://docs.docker.com/go/dockerfile/rule/no-empty-continuation/',
      });
    }

    let child: Node;
    try {
      child = newNodeFromLine(line, st, comments);
    } catch (e) {
      return fail(e, startLine, currentLine);
    }

    if (canContainHeredoc(child)) {
      let docs: Heredoc[] = [];
      try {
        docs = heredocsFromLine(line);
      } catch (e) {
        fail(e, startLine, currentLine);
      }
      for (const doc of docs) {
        let terminated = false;
        let content = '';
        for (let hl = reader.next(); hl !== null; hl = reader.next()) {
          currentLine++;
          lastRaw = hl;
          let possible = trimNewline(hl);
          if (doc.chomp) possible = possible.replace(/^\t+/, '');
          if (possible === doc.name) {
            terminated = true;
            break;
          }
          content += hl;
        }
        if (!terminated) fail(new Fail('unterminated heredoc'), startLine, currentLine);
        doc.content = content;
        child.heredocs.push(doc);
      }
    }

    child.startLine = startLine;
    child.endLine = currentLine;
    child.startCol = startCol;
    child.endCol = lengthWithoutNewline(lastRaw);
    if (root.startLine < 0) {
      root.startLine = startLine;
      root.startCol = startCol;
    }
    root.endLine = currentLine;
    root.endCol = child.endCol;
    root.children.push(child);
    comments = [];
  }

  if (root.startLine < 0) {
    throw new DockerfileParseError('file with no instructions', { startLine: currentLine, endLine: currentLine });
  }
  if (reader.tooLong) {
    throw new DockerfileParseError(`dockerfile line greater than max allowed size of ${MAX_LINE_BYTES}`, {
      startLine: currentLine + 1,
      endLine: currentLine + 1,
    });
  }
  return { ast: root, warnings, directives: st.directives, escapeToken: st.escape };
}

/** Location of a node as a SourceRange. */
export function nodeRange(node: Node): SourceRange {
  return { startLine: node.startLine, endLine: node.endLine, startCol: node.startCol, endCol: node.endCol };
}

// BuildKit's shell lexer (frontend/dockerfile/shell/lex.go), re-implemented: variable expansion,
// quote removal and word splitting as Dockerfile instructions do them. Not a full shell.

import { ShellLexError } from './errors';
import { goQuote, isGoSpace } from './gotext';
import { GlobPatternError, replacePattern, trimPrefix, trimSuffix } from './glob';

/** Where variables come from. */
export interface EnvGetter {
  get(name: string): string | undefined;
  keys(): string[];
}

/** Accepted env forms: a getter, a Map, a plain object, or a KEY=VALUE list (later entries win). */
export type EnvInput = EnvGetter | ReadonlyMap<string, string> | Readonly<Record<string, string>> | readonly string[];

export interface LexOptions {
  /** escape character: '\\' (default) or '`' */
  escapeToken?: string;
  /** keep quote characters in the output */
  rawQuotes?: boolean;
  /** keep escape characters in the output */
  rawEscapes?: boolean;
  /** treat quotes as ordinary characters */
  skipProcessQuotes?: boolean;
  /** leave references to unset variables as written */
  skipUnsetEnv?: boolean;
}

export interface ProcessWordResult {
  result: string;
  words: string[];
  /** variables that were looked up and found */
  matched: Set<string>;
  /** variables that were looked up and not found */
  unmatched: Set<string>;
}

const EOF = -1;

export function toEnvGetter(env: EnvInput): EnvGetter {
  if (Array.isArray(env)) {
    const m = new Map<string, string>();
    const keys: string[] = [];
    for (const e of env as readonly string[]) {
      const i = e.indexOf('=');
      const k = i < 0 ? e : e.slice(0, i);
      keys.push(k);
      m.set(k, i < 0 ? '' : e.slice(i + 1));
    }
    return { get: (k) => m.get(k), keys: () => keys };
  }
  if (env instanceof Map) {
    const m = env as ReadonlyMap<string, string>;
    return { get: (k) => m.get(k), keys: () => [...m.keys()] };
  }
  const maybe = env as Partial<EnvGetter>;
  if (typeof maybe.get === 'function' && typeof maybe.keys === 'function') return env as EnvGetter;
  const rec = env as Readonly<Record<string, string>>;
  return {
    get: (k) => (Object.prototype.hasOwnProperty.call(rec, k) ? rec[k] : undefined),
    keys: () => Object.keys(rec),
  };
}

const ASCII = Array.from({ length: 128 }, (_, i) => String.fromCharCode(i));
const cpStr = (cp: number): string => (cp >= 0 && cp < 128 ? ASCII[cp]! : cp === EOF ? '\ufffd' : String.fromCodePoint(cp));

function isDigit(cp: number): boolean {
  if (cp < 0x80) return cp >= 0x30 && cp <= 0x39;
  return /^\p{Nd}$/u.test(String.fromCodePoint(cp));
}
function isLetter(cp: number): boolean {
  if (cp < 0x80) return (cp >= 0x41 && cp <= 0x5a) || (cp >= 0x61 && cp <= 0x7a);
  return /^\p{L}$/u.test(String.fromCodePoint(cp));
}
function isSpecialParam(cp: number): boolean {
  // @ * # ? - $ ! 0
  return cp === 0x40 || cp === 0x2a || cp === 0x23 || cp === 0x3f || cp === 0x2d || cp === 0x24 || cp === 0x21 || cp === 0x30;
}

class Words {
  buf = '';
  words: string[] = [];
  inWord = false;
  private gluing = false;

  addChar(ch: number): void {
    const space = isGoSpace(ch);
    if (space && this.inWord) {
      // "<<" plus spaces or tabs stay glued to the next word (heredoc names: "<<  EOF")
      if ((ch === 0x20 || ch === 0x09) && (this.gluing || ((this.buf.endsWith('<') || this.buf.endsWith('-')) && /^\d*<<-?$/.test(this.buf)))) {
        this.gluing = true;
        this.buf += cpStr(ch);
        return;
      }
      if (this.buf.length !== 0) {
        this.words.push(this.buf);
        this.buf = '';
        this.inWord = false;
        this.gluing = false;
      }
    } else if (!space) {
      this.addRawChar(ch);
    }
  }
  addRawChar(ch: number): void {
    this.buf += cpStr(ch);
    this.inWord = true;
    this.gluing = false;
  }
  addString(s: string): void {
    for (const ch of s) this.addChar(ch.codePointAt(0)!);
  }
  addRawString(s: string): void {
    this.buf += s;
    this.inWord = true;
    this.gluing = false;
  }
  getWords(): string[] {
    if (this.buf.length > 0) {
      this.words.push(this.buf);
      this.buf = '';
      this.inWord = false;
    }
    return this.words;
  }
}

class Fail {
  constructor(readonly reason: string) {}
}

class ShellWord {
  private pos = 0;
  private readonly src: string;
  private rawEscapes: boolean;
  readonly matched = new Set<string>();
  readonly unmatched = new Set<string>();

  constructor(
    word: string,
    private readonly env: EnvGetter,
    private readonly esc: number,
    private readonly opts: LexOptions,
  ) {
    this.src = word;
    this.rawEscapes = !!opts.rawEscapes;
    // text/scanner skips a byte order mark at the start
    if (word.charCodeAt(0) === 0xfeff) this.pos = 1;
  }

  /** The code point at pos and its width in UTF-16 units; invalid UTF-8 (lone surrogates) reads as U+FFFD. */
  private at(pos: number): [number, number] {
    const s = this.src;
    if (pos >= s.length) return [EOF, 0];
    const c = s.charCodeAt(pos);
    if (c < 0xd800 || c > 0xdfff) return [c, 1];
    if (c <= 0xdbff && pos + 1 < s.length) {
      const lo = s.charCodeAt(pos + 1);
      if (lo >= 0xdc00 && lo <= 0xdfff) return [0x10000 + ((c - 0xd800) << 10) + (lo - 0xdc00), 2];
    }
    return [0xfffd, 1];
  }
  private peek(): number {
    const s = this.src;
    if (this.pos >= s.length) return EOF;
    const c = s.charCodeAt(this.pos);
    return c < 0xd800 || c > 0xdfff ? c : this.at(this.pos)[0];
  }
  private next(): number {
    const s = this.src;
    if (this.pos >= s.length) return EOF;
    const c = s.charCodeAt(this.pos);
    if (c < 0xd800 || c > 0xdfff) {
      this.pos++;
      return c;
    }
    const [cp, w] = this.at(this.pos);
    this.pos += w;
    return cp;
  }

  run(): { result: string; words: string[] } {
    return this.processStopOn(EOF, this.rawEscapes);
  }

  private processStopOn(stopChar: number, rawEscapes: boolean): { result: string; words: string[] } {
    const saved = this.rawEscapes;
    this.rawEscapes = rawEscapes;
    try {
      let result = '';
      const words = new Words();
      const quotes = !this.opts.skipProcessQuotes;
      while (this.peek() !== EOF) {
        let ch = this.peek();
        if (stopChar !== EOF && ch === stopChar) {
          this.next();
          return { result, words: words.getWords() };
        }
        if (ch === 0x24 /* $ */ || (quotes && (ch === 0x27 || ch === 0x22))) {
          const tmp = ch === 0x24 ? this.processDollar() : ch === 0x27 ? this.processSingleQuote() : this.processDoubleQuote();
          result += tmp;
          if (ch === 0x24) words.addString(tmp);
          else words.addRawString(tmp);
        } else {
          ch = this.next();
          if (ch === this.esc) {
            if (this.rawEscapes) {
              words.addRawChar(ch);
              result += cpStr(ch);
            }
            ch = this.next();
            if (ch === EOF) break;
            words.addRawChar(ch);
          } else {
            words.addChar(ch);
          }
          result += cpStr(ch);
        }
      }
      if (stopChar !== EOF) {
        throw new Fail(`unexpected end of statement while looking for matching ${cpStr(stopChar)}`);
      }
      return { result, words: words.getWords() };
    } finally {
      this.rawEscapes = saved;
    }
  }

  private processSingleQuote(): string {
    let result = '';
    let ch = this.next();
    if (this.opts.rawQuotes) result += cpStr(ch);
    for (;;) {
      ch = this.next();
      if (ch === EOF) throw new Fail('unexpected end of statement while looking for matching single-quote');
      if (ch === 0x27) {
        if (this.opts.rawQuotes) result += cpStr(ch);
        return result;
      }
      result += cpStr(ch);
    }
  }

  private processDoubleQuote(): string {
    let result = '';
    const open = this.next();
    if (this.opts.rawQuotes) result += cpStr(open);
    for (;;) {
      const p = this.peek();
      if (p === EOF) throw new Fail('unexpected end of statement while looking for matching double-quote');
      if (p === 0x22) {
        const ch = this.next();
        if (this.opts.rawQuotes) result += cpStr(ch);
        return result;
      }
      if (p === 0x24) {
        result += this.processDollar();
        continue;
      }
      let ch = this.next();
      if (ch === this.esc) {
        if (this.rawEscapes) result += cpStr(ch);
        const n = this.peek();
        if (n === EOF) continue;
        if (n === 0x22 || n === 0x24 || n === this.esc) ch = this.next();
      }
      result += cpStr(ch);
    }
  }

  private getEnv(name: string): [string, boolean] {
    const v = this.env.get(name);
    if (v !== undefined) {
      this.matched.add(name);
      return [v, true];
    }
    this.unmatched.add(name);
    return ['', false];
  }

  private processDollar(): string {
    this.next();
    if (this.peek() !== 0x7b /* { */) {
      const name = this.processName();
      if (name === '') return '$';
      const [value, found] = this.getEnv(name);
      if (!found && this.opts.skipUnsetEnv) return '$' + name;
      return value;
    }
    this.next();
    const p = this.peek();
    if (p === EOF) throw new Fail("syntax error: missing '}'");
    if (p === 0x7b || p === 0x7d || p === 0x3a) throw new Fail('syntax error: bad substitution');
    const name = this.processName();
    let ch = this.next();
    let chs = cpStr(ch);
    let nullIsUnset = false;
    if (ch === 0x7d /* } */) {
      const [value, set] = this.getEnv(name);
      if (!set && this.opts.skipUnsetEnv) return '${' + name + '}';
      return value;
    }
    if (ch === 0x3a /* : */) {
      nullIsUnset = true;
      ch = this.next();
      chs += cpStr(ch);
    }
    if (nullIsUnset || ch === 0x2b || ch === 0x2d || ch === 0x3f || ch === 0x23 || ch === 0x25) {
      const rawEsc = ch === 0x23 || ch === 0x25;
      if (nullIsUnset && rawEsc) throw new Fail(`unsupported modifier (${chs}) in substitution`);
      let word: string;
      try {
        word = this.processStopOn(0x7d, rawEsc).result;
      } catch (e) {
        if (e instanceof Fail && this.peek() === EOF) throw new Fail("syntax error: missing '}'");
        throw e;
      }
      const [value, set] = this.getEnv(name);
      if (this.opts.skipUnsetEnv && !set) return '${' + name + chs + word + '}';
      switch (ch) {
        case 0x2d: // -
          return !set || (nullIsUnset && value === '') ? word : value;
        case 0x2b: // +
          return !set || (nullIsUnset && value === '') ? '' : word;
        case 0x3f: // ?
          if (!set) throw new Fail(`${name}: ${word !== '' ? word : 'is not allowed to be unset'}`);
          if (nullIsUnset && value === '') throw new Fail(`${name}: ${word !== '' ? word : 'is not allowed to be empty'}`);
          return value;
        case 0x25: // %
        case 0x23: {
          // #
          let greedy = false;
          if (word.length > 0 && word.codePointAt(0) === ch) {
            greedy = true;
            word = word.slice(1);
          }
          try {
            return ch === 0x25 ? trimSuffix(word, value, greedy) : trimPrefix(word, value, greedy);
          } catch (e) {
            if (e instanceof GlobPatternError) throw new Fail(e.message);
            throw e;
          }
        }
        default:
          throw new Fail(`unsupported modifier (${chs}) in substitution`);
      }
    }
    if (ch === 0x2f /* / */) {
      const replaceAll = this.peek() === 0x2f;
      if (replaceAll) this.next();
      let pattern: string;
      try {
        pattern = this.processStopOn(0x2f, true).result;
      } catch (e) {
        if (e instanceof Fail && this.peek() === EOF) throw new Fail("syntax error: missing '/' in ${}");
        throw e;
      }
      let replacement: string;
      try {
        replacement = this.processStopOn(0x7d, true).result;
      } catch (e) {
        if (e instanceof Fail && this.peek() === EOF) throw new Fail("syntax error: missing '}'");
        throw e;
      }
      const [value, set] = this.getEnv(name);
      if (this.opts.skipUnsetEnv && !set) return '${' + name + '/' + pattern + '/' + replacement + '}';
      try {
        return replacePattern(pattern, value, replacement, replaceAll);
      } catch (e) {
        if (e instanceof GlobPatternError) throw new Fail(e.message);
        throw e;
      }
    }
    throw new Fail(`unsupported modifier (${chs}) in substitution`);
  }

  private processName(): string {
    let name = '';
    while (this.peek() !== EOF) {
      let ch = this.peek();
      if (name.length === 0 && isDigit(ch)) {
        while (this.peek() !== EOF && isDigit(this.peek())) {
          ch = this.next();
          name += cpStr(ch);
        }
        return name;
      }
      if (name.length === 0 && isSpecialParam(ch)) {
        ch = this.next();
        return cpStr(ch);
      }
      if (!isLetter(ch) && !isDigit(ch) && ch !== 0x5f) break;
      ch = this.next();
      name += cpStr(ch);
    }
    return name;
  }
}

/** BuildKit's shell.Lex. */
export class ShellLex {
  readonly escapeToken: string;
  constructor(readonly options: LexOptions = {}) {
    this.escapeToken = options.escapeToken ?? '\\';
  }

  private run(word: string, env: EnvInput): ProcessWordResult {
    const sw = new ShellWord(word, toEnvGetter(env), this.escapeToken.codePointAt(0)!, this.options);
    try {
      const { result, words } = sw.run();
      return { result, words, matched: sw.matched, unmatched: sw.unmatched };
    } catch (e) {
      if (e instanceof Fail) throw new ShellLexError(e.reason, `failed to process ${goQuote(word)}: ${e.reason}`);
      throw e;
    }
  }

  /** Expansion and quote removal, no word splitting (ProcessWord). */
  processWord(word: string, env: EnvInput): string {
    return this.run(word, env).result;
  }
  /** Expansion, quote removal and word splitting (ProcessWords). */
  processWords(word: string, env: EnvInput): string[] {
    return this.run(word, env).words;
  }
  /** ProcessWordWithMatches: also reports which variables were found and which were not. */
  processWordWithMatches(word: string, env: EnvInput): ProcessWordResult {
    return this.run(word, env);
  }
}

const defaultLexers = new Map<string, ShellLex>();
function lexFor(escapeToken: string): ShellLex {
  let l = defaultLexers.get(escapeToken);
  if (!l) {
    l = new ShellLex({ escapeToken });
    defaultLexers.set(escapeToken, l);
  }
  return l;
}

/** ProcessWord with the default options. Throws ShellLexError. */
export function processWord(word: string, env: EnvInput, escapeToken = '\\'): string {
  return lexFor(escapeToken).processWord(word, env);
}
/** ProcessWords with the default options. Throws ShellLexError. */
export function processWords(word: string, env: EnvInput, escapeToken = '\\'): string[] {
  return lexFor(escapeToken).processWords(word, env);
}
/** ProcessWordWithMatches with the default options. Throws ShellLexError. */
export function processWordWithMatches(word: string, env: EnvInput, escapeToken = '\\'): ProcessWordResult {
  return lexFor(escapeToken).processWordWithMatches(word, env);
}

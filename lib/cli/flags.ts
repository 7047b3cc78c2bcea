/**
 * A flag set with spf13/pflag's parsing semantics and error wording (as vendored by docker CLI 28.2.2):
 * `--name value`, `--name=value`, `-n value`, `-nvalue`, `-n=value`, bundles `-abc`, bool flags with `=false`,
 * `--` terminator, interspersed or not, repeated flags, and pflag's FlagUsagesWrapped help layout.
 */
import { byteLen, goQuote, goQuoteRune } from './gostr';

export interface FlagDef {
  name: string;
  short?: string;
  /** pflag type name: '' (bool), 'string', 'int', 'uint16', 'list', 'filter', 'duration', 'bytes', ... */
  type: string;
  /** Help text as displayed (may contain `\n`); unused for hidden flags. */
  help: string;
  hidden?: boolean;
  /** pflag MarkDeprecated message: using the flag prints `Flag --name has been deprecated, <msg>`. */
  deprecated?: string;
  /** MarkShorthandDeprecated message. */
  shorthandDeprecated?: string;
  /** Value used when the flag is given without `=value` (bool flags: 'true'). */
  noOptDefVal?: string;
  /** Extra value check (after the type check); returns an error text or null. */
  validate?: (value: string) => string | null;
}

/** A flag parsing error (printed with the command's usage, exit status 125). */
export class FlagError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'FlagError';
  }
}

/** Signals that `--help`/`-h` was given. */
export class HelpRequested extends Error {
  constructor() {
    super('help requested');
    this.name = 'HelpRequested';
  }
}

const utf8 = new TextEncoder();
const utf8d = new TextDecoder();

// ---------- Go value parsers (strconv, time, go-units) ----------

export function parseGoBool(s: string): boolean | null {
  if (['1', 't', 'T', 'TRUE', 'true', 'True'].includes(s)) return true;
  if (['0', 'f', 'F', 'FALSE', 'false', 'False'].includes(s)) return false;
  return null;
}

/** strconv.ParseInt(s, 0, bits) / ParseUint: returns the value or the strconv error text. */
export function parseGoInt(s: string, bits: number, unsigned: boolean): bigint | string {
  const fn = unsigned ? 'strconv.ParseUint' : 'strconv.ParseInt';
  const syntax = `${fn}: parsing ${goQuote(s)}: invalid syntax`;
  let t = s;
  let neg = false;
  if (!unsigned && (t.startsWith('+') || t.startsWith('-'))) { neg = t[0] === '-'; t = t.slice(1); }
  if (t === '') return syntax;
  let base = 10;
  let digits = t;
  let prefixed = false;
  if (t[0] === '0' && t.length > 1) {
    const c = t[1].toLowerCase();
    if (c === 'x') { base = 16; digits = t.slice(2); prefixed = true; }
    else if (c === 'b') { base = 2; digits = t.slice(2); prefixed = true; }
    else if (c === 'o') { base = 8; digits = t.slice(2); prefixed = true; }
    else { base = 8; digits = t.slice(1); prefixed = true; }
  }
  if (digits.includes('_')) {
    if (!prefixed || /__|_$/.test(t)) return syntax;
    digits = digits.replace(/_/g, '');
  }
  if (digits === '') return syntax;
  const valid = { 2: /^[01]+$/, 8: /^[0-7]+$/, 10: /^[0-9]+$/, 16: /^[0-9a-fA-F]+$/ }[base as 2 | 8 | 10 | 16];
  if (!valid.test(digits)) return syntax;
  let v = 0n;
  for (const ch of digits) v = v * BigInt(base) + BigInt(parseInt(ch, base));
  if (neg) v = -v;
  const max = unsigned ? (1n << BigInt(bits)) - 1n : (1n << BigInt(bits - 1)) - 1n;
  const min = unsigned ? 0n : -(1n << BigInt(bits - 1));
  if (v > max || v < min) return `${fn}: parsing ${goQuote(s)}: value out of range`;
  return v;
}

const DURATION_UNITS: Record<string, number> = { ns: 1e-6, us: 1e-3, 'µs': 1e-3, 'μs': 1e-3, ms: 1, s: 1000, m: 60000, h: 3600000 };

/** time.ParseDuration; returns milliseconds or the Go error text. */
export function parseGoDuration(s: string): number | string {
  const bad = `time: invalid duration ${goQuote(s)}`;
  let t = s;
  let neg = false;
  if (t.startsWith('-') || t.startsWith('+')) { neg = t[0] === '-'; t = t.slice(1); }
  if (t === '0') return 0;
  if (t === '') return bad;
  let total = 0;
  while (t !== '') {
    const m = /^([0-9]*(?:\.[0-9]*)?)/.exec(t)!;
    if (m[1] === '' || m[1] === '.') return bad;
    t = t.slice(m[1].length);
    const u = /^([^0-9.]+)/.exec(t);
    if (!u) return `time: missing unit in duration ${goQuote(s)}`;
    const unit = u[1];
    if (!(unit in DURATION_UNITS)) return `time: unknown unit ${goQuote(unit)} in duration ${goQuote(s)}`;
    total += parseFloat(m[1]) * DURATION_UNITS[unit];
    t = t.slice(unit.length);
  }
  return neg ? -total : total;
}

/** go-units RAMInBytes (docker's MemBytes, binary multiples); returns bytes or the error text. */
export function parseRAMInBytes(s: string): number | string {
  let sep = -1;
  for (let i = s.length - 1; i >= 0; i--) if ('0123456789. '.includes(s[i])) { sep = i; break; }
  if (sep === -1) return `invalid size: '${s}'`;
  const num = s.slice(0, sep + 1);
  let sfx = s.slice(sep + 1);
  if (!/^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/.test(num)) return `strconv.ParseFloat: parsing ${goQuote(num)}: invalid syntax`;
  let size = parseFloat(num);
  if (sfx.length === 0) return Math.trunc(size);
  if (sfx.length > 3) return `invalid suffix: '${sfx}'`;
  sfx = sfx.toLowerCase();
  if (sfx[0] === 'b') return sfx.length > 1 ? `invalid suffix: '${sfx}'` : Math.trunc(size);
  const mult: Record<string, number> = { k: 1024, m: 1024 ** 2, g: 1024 ** 3, t: 1024 ** 4, p: 1024 ** 5 };
  if (!(sfx[0] in mult)) return `invalid suffix: '${sfx}'`;
  size *= mult[sfx[0]];
  if ((sfx.length === 2 && sfx[1] !== 'b') || (sfx.length === 3 && sfx.slice(1) !== 'ib')) return `invalid suffix: '${sfx}'`;
  return Math.trunc(size);
}

function typeCheck(def: FlagDef, value: string): string | null {
  switch (def.type) {
    case '': return parseGoBool(value) === null ? `strconv.ParseBool: parsing ${goQuote(value)}: invalid syntax` : null;
    case 'int': { const r = parseGoInt(value, 64, false); return typeof r === 'string' ? r : null; }
    case 'int64': { const r = parseGoInt(value, 64, false); return typeof r === 'string' ? r : null; }
    case 'uint': { const r = parseGoInt(value, 64, true); return typeof r === 'string' ? r : null; }
    case 'uint16': { const r = parseGoInt(value, 16, true); return typeof r === 'string' ? r : null; }
    case 'duration': { const r = parseGoDuration(value); return typeof r === 'string' ? r : null; }
    case 'bytes': { if (value === '') return null; const r = parseRAMInBytes(value); return typeof r === 'string' ? r : null; }
    case 'filter': return value.includes('=') ? null : 'bad format of filter (expected name=value)';
    case 'decimal': return /^-?(\d+(\.\d*)?|\.\d+)$/.test(value) ? null : `failed to parse ${value} as a rational number`;
    default: return null;
  }
}

export interface ParseOptions {
  /** pflag SetInterspersed: false stops at the first non-flag argument (run, exec, create...). */
  interspersed: boolean;
}

export class FlagSet {
  private readonly byName = new Map<string, FlagDef>();
  private readonly byShort = new Map<string, FlagDef>();
  private readonly values = new Map<string, string[]>();
  /** Messages pflag prints while parsing (deprecations), in order. */
  readonly notices: string[] = [];
  /** Positional arguments after parsing. */
  args: string[] = [];
  /** Number of positional args before `--` (-1 if none). */
  argsLenAtDash = -1;

  constructor(readonly defs: FlagDef[]) {
    for (const d of defs) {
      this.byName.set(d.name, d);
      if (d.short) this.byShort.set(d.short, d);
    }
  }

  lookup(name: string): FlagDef | undefined { return this.byName.get(name); }
  changed(name: string): boolean { return this.values.has(name); }

  /** Sets a flag as pflag's FlagSet.Set does (type check, then record). */
  set(def: FlagDef, value: string): void {
    const err = typeCheck(def, value) ?? def.validate?.(value) ?? null;
    if (err !== null) {
      const flagName = def.short && !def.shorthandDeprecated ? `-${def.short}, --${def.name}` : `--${def.name}`;
      throw new FlagError(`invalid argument ${goQuote(value)} for ${goQuote(flagName)} flag: ${err}`);
    }
    const list = this.values.get(def.name) ?? [];
    list.push(value);
    this.values.set(def.name, list);
    if (def.deprecated) this.notices.push(`Flag --${def.name} has been deprecated, ${def.deprecated}\n`);
  }

  bool(name: string, dflt = false): boolean {
    const v = this.values.get(name);
    if (!v) return dflt;
    return parseGoBool(v[v.length - 1]) ?? dflt;
  }
  string(name: string, dflt = ''): string {
    const v = this.values.get(name);
    return v ? v[v.length - 1] : dflt;
  }
  /** All values of a repeated flag (list/filter/map). `strings` flags are split as CSV. */
  list(name: string): string[] {
    const v = this.values.get(name) ?? [];
    const def = this.byName.get(name);
    if (def?.type === 'strings') return v.flatMap((x) => (x === '' ? [] : x.split(',')));
    return [...v];
  }
  int(name: string, dflt = 0): number {
    const v = this.values.get(name);
    if (!v) return dflt;
    const r = parseGoInt(v[v.length - 1], 64, false);
    return typeof r === 'string' ? dflt : Number(r);
  }
  /** Duration flag in milliseconds, or undefined when not set. */
  duration(name: string): number | undefined {
    const v = this.values.get(name);
    if (!v) return undefined;
    const r = parseGoDuration(v[v.length - 1]);
    return typeof r === 'string' ? undefined : r;
  }

  /** pflag FlagSet.Parse. Throws FlagError with pflag's message, or HelpRequested for --help/-h. */
  parse(argv: string[], opts: ParseOptions): string[] {
    let args = [...argv];
    const out: string[] = [];
    while (args.length > 0) {
      const s = args.shift()!;
      if (s.length === 0 || s[0] !== '-' || s.length === 1) {
        if (!opts.interspersed) {
          out.push(s, ...args);
          break;
        }
        out.push(s);
        continue;
      }
      if (s[1] === '-') {
        if (s.length === 2) {
          this.argsLenAtDash = out.length;
          out.push(...args);
          break;
        }
        args = this.parseLong(s, args);
      } else {
        args = this.parseShort(s, args);
      }
    }
    this.args = out;
    return out;
  }

  private parseLong(s: string, args: string[]): string[] {
    const rest = s.slice(2);
    if (rest.length === 0 || rest[0] === '-' || rest[0] === '=') throw new FlagError(`bad flag syntax: ${s}`);
    const eq = rest.indexOf('=');
    const name = eq >= 0 ? rest.slice(0, eq) : rest;
    const def = this.byName.get(name);
    if (!def) {
      if (name === 'help') throw new HelpRequested();
      throw new FlagError(`unknown flag: --${name}`);
    }
    let value: string;
    if (eq >= 0) value = rest.slice(eq + 1);
    else if (def.noOptDefVal !== undefined) value = def.noOptDefVal;
    else if (args.length > 0) value = args.shift()!;
    else throw new FlagError(`flag needs an argument: ${s}`);
    this.set(def, value);
    return args;
  }

  private parseShort(s: string, args: string[]): string[] {
    // pflag walks the shorthands byte by byte (Go strings are UTF-8 bytes).
    let shorthands = utf8.encode(s.slice(1));
    while (shorthands.length > 0) {
      const c = shorthands[0];
      const cs = String.fromCharCode(c);
      const def = c < 0x80 ? this.byShort.get(cs) : undefined;
      if (!def) {
        if (cs === 'h' && c < 0x80) throw new HelpRequested();
        throw new FlagError(`unknown shorthand flag: ${goQuoteRune(c)} in -${utf8d.decode(shorthands)}`);
      }
      let value: string;
      let next = shorthands.subarray(1);
      if (shorthands.length > 2 && shorthands[1] === 0x3d /* = */) {
        value = utf8d.decode(shorthands.subarray(2));
        next = new Uint8Array();
      } else if (def.noOptDefVal !== undefined) {
        value = def.noOptDefVal;
      } else if (shorthands.length > 1) {
        value = utf8d.decode(shorthands.subarray(1));
        next = new Uint8Array();
      } else if (args.length > 0) {
        value = args.shift()!;
      } else {
        throw new FlagError(`flag needs an argument: ${goQuoteRune(c)} in -${utf8d.decode(shorthands)}`);
      }
      if (def.shorthandDeprecated) this.notices.push(`Flag shorthand -${def.short} has been deprecated, ${def.shorthandDeprecated}\n`);
      this.set(def, value);
      shorthands = next;
    }
    return args;
  }
}

// ---------- help layout (pflag FlagUsagesWrapped) ----------

function wrapN(i: number, slop: number, s: string): [string, string] {
  if (i + slop > s.length) return [s, ''];
  const head = s.slice(0, i);
  const w = Math.max(head.lastIndexOf(' '), head.lastIndexOf('\t'), head.lastIndexOf('\n'));
  if (w <= 0) return [s, ''];
  const nl = head.lastIndexOf('\n');
  if (nl > 0 && nl < w) return [s.slice(0, nl), s.slice(nl + 1)];
  return [s.slice(0, w), s.slice(w + 1)];
}

function wrap(i: number, w: number, s: string): string {
  if (w === 0) return s.replaceAll('\n', '\n' + ' '.repeat(i));
  let width = w - i;
  let r = '';
  if (width < 24) {
    i = 16;
    width = w - i;
    r += '\n' + ' '.repeat(i);
  }
  if (width < 24) return s.replaceAll('\n', r);
  const slop = 5;
  width -= slop;
  let [l, rest] = wrapN(width, slop, s);
  r += l.replaceAll('\n', '\n' + ' '.repeat(i));
  while (rest !== '') {
    let t: string;
    [t, rest] = wrapN(width, slop, rest);
    r += '\n' + ' '.repeat(i) + t.replaceAll('\n', '\n' + ' '.repeat(i));
  }
  return r;
}

/** pflag FlagUsagesWrapped(cols): the Options table of a help page (sorted by name, hidden flags left out). */
export function flagUsagesWrapped(defs: FlagDef[], cols: number): string {
  const visible = defs.filter((d) => !d.hidden && !d.deprecated).sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  const lines: string[] = [];
  let maxlen = 0;
  for (const d of visible) {
    let line = d.short && !d.shorthandDeprecated ? `  -${d.short}, --${d.name}` : `      --${d.name}`;
    if (d.type) line += ' ' + d.type;
    line += '\0';
    if (byteLen(line) > maxlen) maxlen = byteLen(line);
    line += d.help;
    lines.push(line);
  }
  let out = '';
  for (const line of lines) {
    const sidx = line.indexOf('\0');
    out += line.slice(0, sidx) + ' ' + ' '.repeat(maxlen - sidx) + ' ' + wrap(maxlen + 2, cols, line.slice(sidx + 1)) + '\n';
  }
  return out;
}

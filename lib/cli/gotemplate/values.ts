/**
 * How JavaScript values stand for Go values in templates, and Go's fmt (%v, Sprint, Sprintf) and encoding/json
 * renderings of them.
 *
 * - undefined: an invalid reflect.Value (a missing map key), printed "<no value>";
 * - null: a nil interface/pointer, printed "<nil>";
 * - string, boolean; number (an integer value is a Go int, else float64); bigint (int64);
 * - arrays: slices; Map and plain objects: map[string]interface{} (fmt sorts keys);
 * - objects carrying [GO_TYPE] (e.g. '*formatter.imageContext'): structs; fields may be properties, getters or
 *   methods (methods are called with the template arguments); only names starting with an upper-case letter are visible.
 * - [MARSHAL_JSON](): a json.Marshaler (returns the JSON text).
 */
import { utf8Decode, utf8Encode } from './utf8';
import { goQuote } from './parse';
import { formatFloat, goFormatFloat } from './strconv';

export const GO_TYPE: unique symbol = Symbol.for('gotemplate.goType');
export const MARSHAL_JSON: unique symbol = Symbol.for('gotemplate.marshalJSON');
/** On an array or Map: a nil slice or map (printed `[]` / `map[]`, JSON `null`). See gotypes.ts. */
export const GO_NIL: unique symbol = Symbol.for('gotemplate.nil');

const addresses = new WeakMap<object, string>();
let nextAddress = 0xc000010000;
/** What fmt prints for a non-nil pointer: its address. Made up (stable per object), as Go's differ on every run. */
export function pointerAddress(o: object): string {
  let a = addresses.get(o);
  if (!a) {
    a = '0x' + nextAddress.toString(16);
    nextAddress += 0x1e0;
    addresses.set(o, a);
  }
  return a;
}

/** On a gotypes.ts struct value reached through a pointer (its GO_TYPE starts with '*'). */
export const GO_PTR: unique symbol = Symbol.for('gotemplate.ptr');

/** A non-nil pointer to a non-struct value (`*int`, `*bool`): %v prints an address, JSON the value. */
export class GoPointer {
  readonly [GO_TYPE]: string;
  constructor(type: string, readonly value: unknown) { this[GO_TYPE] = type; }
  [MARSHAL_JSON](escapeHTML = true): string { return goJSON(this.value, escapeHTML); }
}

function isPointerValue(v: unknown): boolean {
  return v instanceof GoPointer || (typeof v === 'object' && v !== null && GO_PTR in v);
}

export interface GoStruct { [GO_TYPE]: string }

/** A Go float64 whose value is integral (a plain JavaScript number with an integral value stands for a Go int). */
export class GoFloat {
  constructor(readonly value: number) {}
}

/** The float64 value of v, or null when v is not a float (integral JavaScript numbers are ints). */
export function floatOf(v: unknown): number | null {
  if (v instanceof GoFloat) return v.value;
  if (typeof v === 'number' && !Number.isInteger(v)) return v;
  return null;
}
/** escapeHTML: the encoder's setting, for values that stand for plain Go structs (a real Marshaler escapes itself). */
export interface JSONMarshaler { [MARSHAL_JSON](escapeHTML?: boolean): string }

export class TemplateError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'TemplateError';
  }
}

export function isStruct(v: unknown): v is GoStruct & Record<string, unknown> {
  return typeof v === 'object' && v !== null && GO_TYPE in v;
}

export function isMapLike(v: unknown): v is Map<unknown, unknown> | Record<string, unknown> {
  if (v instanceof Map) return true;
  return typeof v === 'object' && v !== null && !Array.isArray(v) && !isStruct(v) && !(v instanceof Uint8Array);
}

/** The Go type name of a value, as used in error messages. */
export function goTypeName(v: unknown): string {
  if (v === undefined || v === null) return '<nil>';
  switch (typeof v) {
    case 'string': return 'string';
    case 'boolean': return 'bool';
    case 'number': return Number.isInteger(v) ? 'int' : 'float64';
    case 'bigint': return 'int64';
    case 'function': return 'func()';
    default: break;
  }
  if (v instanceof GoFloat) return 'float64';
  if (isStruct(v)) return v[GO_TYPE];
  if (Array.isArray(v)) {
    if (v.length > 0 && v.every((x) => typeof x === 'string')) return '[]string';
    return '[]interface {}';
  }
  if (v instanceof Uint8Array) return '[]uint8';
  if (v instanceof Map) return 'map[string]interface {}';
  if (typeof v === 'object') {
    const vals = Object.values(v as Record<string, unknown>);
    if (vals.length > 0 && vals.every((x) => typeof x === 'string')) return 'map[string]string';
    return 'map[string]interface {}';
  }
  return 'interface {}';
}

/** Go truthiness (text/template `if`): zero values and empty containers are false. */
export function isTrue(v: unknown): boolean {
  if (v === undefined || v === null) return false;
  switch (typeof v) {
    case 'string': return v.length > 0;
    case 'boolean': return v;
    case 'number': return v !== 0;
    case 'bigint': return v !== 0n;
    case 'function': return true;
    default: break;
  }
  if (v instanceof GoFloat) return v.value !== 0;
  if (Array.isArray(v)) return v.length > 0;
  if (v instanceof Uint8Array) return v.length > 0;
  if (v instanceof Map) return v.size > 0;
  if (isStruct(v)) return true;
  return Object.keys(v as object).length > 0;
}

function stringerOf(v: unknown): string | null {
  if (typeof v !== 'object' || v === null) return null;
  const o = v as Record<string, unknown>;
  if (typeof o.Error === 'function' && isStruct(v)) return String((o.Error as () => unknown).call(v));
  if (typeof o.String === 'function' && isStruct(v)) return String((o.String as () => unknown).call(v));
  return null;
}

export function structFields(v: GoStruct & Record<string, unknown>): [string, unknown][] {
  const out: [string, unknown][] = [];
  for (const k of Object.keys(v)) {
    if (!/^\p{Lu}/u.test(k)) continue;
    const val = v[k];
    if (typeof val === 'function') continue;
    out.push([k, val]);
  }
  return out;
}

function mapEntries(v: Map<unknown, unknown> | Record<string, unknown>): [unknown, unknown][] {
  const entries: [unknown, unknown][] = v instanceof Map ? [...v.entries()] : Object.entries(v);
  return entries.sort((a, b) => compareKeys(a[0], b[0]));
}

function compareKeys(a: unknown, b: unknown): number {
  if (typeof a === 'number' && typeof b === 'number') return a - b;
  const sa = String(a);
  const sb = String(b);
  return sa < sb ? -1 : sa > sb ? 1 : 0;
}

export function formatNumber(n: number): string {
  if (Number.isInteger(n) && Math.abs(n) < 1e21) return n.toFixed(0);
  return goFormatFloat(n);
}

/** fmt's %v. `top` is false for nested values (pointers inside print as addresses in Go; we print their contents). */
export function formatV(v: unknown, plus = false, depth = 0): string {
  if (v === undefined) return '<nil>';
  if (v === null) return '<nil>';
  switch (typeof v) {
    case 'string': return v;
    case 'boolean': return v ? 'true' : 'false';
    case 'number': return formatNumber(v);
    case 'bigint': return v.toString();
    case 'function': return '0x1';
    default: break;
  }
  if (v instanceof GoFloat) return goFormatFloat(v.value);
  const s = stringerOf(v);
  if (s !== null) return s;
  if (v instanceof Uint8Array) return '[' + Array.from(v).join(' ') + ']';
  if (Array.isArray(v)) return '[' + v.map((x) => formatV(x, plus, depth + 1)).join(' ') + ']';
  if (isStruct(v)) {
    // A pointer nested in a struct/slice/map prints as its address (gotypes.ts values only).
    if ((depth > 0 && isPointerValue(v)) || v instanceof GoPointer) return pointerAddress(v);
    const prefix = depth === 0 && v[GO_TYPE].startsWith('*') ? '&' : '';
    return prefix + '{' + structFields(v).map(([k, x]) => (plus ? k + ':' : '') + formatV(x, plus, depth + 1)).join(' ') + '}';
  }
  if (v instanceof Date) return v.toISOString();
  return 'map[' + mapEntries(v as Record<string, unknown>).map(([k, x]) => formatV(k, plus, depth + 1) + ':' + formatV(x, plus, depth + 1)).join(' ') + ']';
}

/** What text/template prints for {{pipeline}}. */
export function printValue(v: unknown): string {
  if (v === undefined) return '<no value>';
  // text/template's printableValue dereferences a pointer before printing it.
  if (v instanceof GoPointer) return formatV(v.value);
  if (isPointerValue(v)) return '{' + structFields(v as GoStruct & Record<string, unknown>).map(([, x]) => formatV(x, false, 1)).join(' ') + '}';
  return formatV(v);
}

/** fmt.Sprint */
export function sprint(args: unknown[]): string {
  let out = '';
  for (let i = 0; i < args.length; i++) {
    const isString = typeof args[i] === 'string';
    if (i > 0 && !isString && typeof args[i - 1] !== 'string') out += ' ';
    out += formatV(args[i]);
  }
  return out;
}

/** fmt.Sprintln */
export function sprintln(args: unknown[]): string {
  return args.map((a) => formatV(a)).join(' ') + '\n';
}

interface Spec { minus: boolean; plus: boolean; sharp: boolean; space: boolean; zero: boolean; width?: number; prec?: number }

function runeCount(s: string): number {
  let n = 0;
  for (const _ of s) n++;
  return n;
}

function pad(s: string, spec: Spec, numeric = false): string {
  if (spec.width === undefined) return s;
  const n = spec.width - runeCount(s);
  if (n <= 0) return s;
  if (spec.minus) return s + ' '.repeat(n);
  if (spec.zero && numeric) {
    const sign = /^[+-]/.test(s) ? s[0] : '';
    return sign + '0'.repeat(n) + s.slice(sign.length);
  }
  if (spec.zero && !numeric) return '0'.repeat(n) + s;
  return ' '.repeat(n) + s;
}

function badVerb(verb: string, v: unknown, spec?: Spec): string {
  if (v === null || v === undefined) return `%!${verb}(<nil>)`;
  return `%!${verb}(${goTypeName(v)}=${spec ? fmtArg('v', v, spec) : formatV(v)})`;
}

function fmtInteger(n: number | bigint, base: number, spec: Spec, upper: boolean, verb: string): string {
  const neg = typeof n === 'bigint' ? n < 0n : n < 0;
  let digits = (typeof n === 'bigint' ? (neg ? -n : n) : Math.abs(n)).toString(base);
  if (upper) digits = digits.toUpperCase();
  if (spec.prec !== undefined) digits = digits.padStart(spec.prec, '0');
  if (spec.sharp) {
    if (verb === 'x') digits = '0x' + digits;
    else if (verb === 'X') digits = '0X' + digits;
    else if (verb === 'o' && !digits.startsWith('0')) digits = '0' + digits;
    else if (verb === 'b') digits = '0b' + digits;
  }
  const sign = neg ? '-' : spec.plus ? '+' : spec.space ? ' ' : '';
  return pad(sign + digits, spec.prec === undefined ? spec : { ...spec, zero: false }, true);
}

function fmtArg(verb: string, v: unknown, spec: Spec): string {
  if (verb === 'T') return pad(v === null || v === undefined ? '<nil>' : goTypeName(v), spec);
  const fl = floatOf(v);
  if (verb === 'v') {
    if (fl !== null) return pad(spec.prec !== undefined ? formatFloat(fl, 'g', spec.prec) : goFormatFloat(fl), spec, true);
    if (typeof v === 'number' || typeof v === 'bigint') return fmtInteger(v, 10, { ...spec, plus: false }, false, 'd');
    if (spec.sharp && typeof v === 'string') return pad(goQuote(v), spec);
    if (typeof v === 'string' && spec.prec !== undefined) return pad(Array.from(v).slice(0, spec.prec).join(''), spec);
    return pad(formatV(v, spec.plus), spec);
  }
  if (Array.isArray(v) && verb !== 's' && verb !== 'q' && verb !== 'x' && verb !== 'X') {
    return '[' + v.map((x) => fmtArg(verb, x, spec)).join(' ') + ']';
  }
  switch (verb) {
    case 's': {
      if (typeof v === 'string') return pad(spec.prec !== undefined ? Array.from(v).slice(0, spec.prec).join('') : v, spec);
      if (Array.isArray(v)) return '[' + v.map((x) => fmtArg('s', x, spec)).join(' ') + ']';
      const s = stringerOf(v);
      if (s !== null) return pad(s, spec);
      if (v instanceof Uint8Array) return pad(utf8Decode(v), spec);
      if (isMapLike(v) || isStruct(v)) return pad(formatV(v), spec);
      return badVerb(verb, v, spec);
    }
    case 'q': {
      if (typeof v === 'string') return pad(goQuote(v), spec);
      if (typeof v === 'number' && Number.isInteger(v)) return pad("'" + goQuote(String.fromCodePoint(v)).slice(1, -1).replace(/'/g, "\\'") + "'", spec);
      if (Array.isArray(v)) return '[' + v.map((x) => fmtArg('q', x, spec)).join(' ') + ']';
      return badVerb(verb, v, spec);
    }
    case 'd': case 'b': case 'o': case 'O': {
      if ((typeof v === 'number' && Number.isInteger(v)) || typeof v === 'bigint') {
        const base = verb === 'd' ? 10 : verb === 'b' ? 2 : 8;
        const s = fmtInteger(v, base, spec, false, verb);
        return verb === 'O' ? s.replace(/^([+-]?)/, '$10o') : s;
      }
      return badVerb(verb, v, spec);
    }
    case 'x': case 'X': {
      if ((typeof v === 'number' && Number.isInteger(v)) || typeof v === 'bigint') return fmtInteger(v, 16, spec, verb === 'X', verb);
      if (typeof v === 'string') {
        let h = Array.from(utf8Encode(v)).map((b) => (spec.sharp ? '0x' : '') + b.toString(16).padStart(2, '0')).join(spec.space ? ' ' : '');
        if (verb === 'X') h = h.toUpperCase();
        return pad(h, spec);
      }
      return badVerb(verb, v, spec);
    }
    case 'c': {
      if (typeof v === 'number' && Number.isInteger(v)) return pad(String.fromCodePoint(v), spec);
      return badVerb(verb, v, spec);
    }
    case 'U': {
      if (typeof v === 'number' && Number.isInteger(v)) return pad('U+' + v.toString(16).toUpperCase().padStart(4, '0'), spec);
      return badVerb(verb, v, spec);
    }
    case 't': {
      if (typeof v === 'boolean') return pad(v ? 'true' : 'false', spec);
      return badVerb(verb, v, spec);
    }
    case 'e': case 'E': case 'f': case 'F': case 'g': case 'G': {
      if (fl === null) return badVerb(verb, v, spec);
      let prec = spec.prec;
      if (prec === undefined) prec = verb === 'g' || verb === 'G' ? -1 : 6;
      let s = formatFloat(fl, verb as 'e', prec);
      if (spec.plus && fl >= 0) s = '+' + s;
      else if (spec.space && fl >= 0) s = ' ' + s;
      return pad(s, spec, true);
    }
    default:
      return `%!${verb}(${v === null || v === undefined ? '<nil>' : goTypeName(v) + '=' + formatV(v)})`;
  }
}

/** fmt.Sprintf */
export function sprintf(format: string, args: unknown[]): string {
  let out = '';
  let argi = 0;
  let i = 0;
  while (i < format.length) {
    const c = format[i];
    if (c !== '%') { out += c; i++; continue; }
    i++;
    if (i >= format.length) { out += '%!(NOVERB)'; break; }
    const spec: Spec = { minus: false, plus: false, sharp: false, space: false, zero: false };
    for (; i < format.length; i++) {
      const f = format[i];
      if (f === '-') { spec.minus = true; spec.zero = false; }
      else if (f === '+') spec.plus = true;
      else if (f === '#') spec.sharp = true;
      else if (f === ' ') spec.space = true;
      else if (f === '0') spec.zero = !spec.minus;
      else break;
    }
    if (format[i] === '*') {
      i++;
      const w = args[argi++];
      if (typeof w === 'number' && Number.isInteger(w)) {
        spec.width = Math.abs(w);
        if (w < 0) { spec.minus = true; spec.zero = false; }
      } else out += '%!(BADWIDTH)';
    } else {
      const m = /^\d+/.exec(format.slice(i));
      if (m) { spec.width = Number(m[0]); i += m[0].length; }
    }
    if (format[i] === '.') {
      i++;
      if (format[i] === '*') {
        i++;
        const p = args[argi++];
        if (typeof p === 'number' && Number.isInteger(p) && p >= 0) spec.prec = p;
        else out += '%!(BADPREC)';
      } else {
        const m = /^\d+/.exec(format.slice(i));
        spec.prec = m ? Number(m[0]) : 0;
        if (m) i += m[0].length;
      }
    }
    if (i >= format.length) { out += '%!(NOVERB)'; break; }
    const verb = String.fromCodePoint(format.codePointAt(i) as number);
    i += verb.length;
    if (verb === '%') { out += '%'; continue; }
    if (argi >= args.length) { out += `%!${verb}(MISSING)`; continue; }
    out += fmtArg(verb, args[argi++], spec);
  }
  if (argi < args.length) {
    out += '%!(EXTRA ' + args.slice(argi).map((a) => (a === null || a === undefined ? '<nil>' : `${goTypeName(a)}=${formatV(a)}`)).join(', ') + ')';
  }
  return out;
}

// ---------- encoding/json ----------

const HEX = '0123456789abcdef';

/** encoding/json string encoding (escapeHTML as json.Marshal; the template's json func turns it off). */
export function jsonString(s: string, escapeHTML: boolean): string {
  let out = '"';
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c >= 0xd800 && c <= 0xdbff) {
      const d = s.charCodeAt(i + 1);
      if (d >= 0xdc00 && d <= 0xdfff) { out += s[i] + s[i + 1]; i++; continue; }
      out += '\\ufffd';
      continue;
    }
    if (c >= 0xdc00 && c <= 0xdfff) { out += '\\ufffd'; continue; }
    if (c === 0x22) out += '\\"';
    else if (c === 0x5c) out += '\\\\';
    else if (c < 0x20) {
      if (c === 0x0a) out += '\\n';
      else if (c === 0x0d) out += '\\r';
      else if (c === 0x09) out += '\\t';
      else if (c === 0x08) out += '\\b';
      else if (c === 0x0c) out += '\\f';
      else out += '\\u00' + HEX[c >> 4] + HEX[c & 15];
    } else if (escapeHTML && (c === 0x3c || c === 0x3e || c === 0x26)) out += '\\u00' + HEX[c >> 4] + HEX[c & 15];
    else if (c === 0x2028 || c === 0x2029) out += '\\u202' + HEX[c & 15];
    else out += s[i];
  }
  return out + '"';
}

function jsonNumber(n: number): string {
  if (!Number.isFinite(n)) throw new TemplateError(`json: unsupported value: ${goFormatFloat(n)}`);
  if (Number.isInteger(n) && Math.abs(n) < 1e21) return n.toFixed(0);
  // Go: 'f' format for 1e-6 <= |n| < 1e21, else 'e' with a short exponent — the same choice JavaScript makes.
  return String(n);
}

function base64(b: Uint8Array): string {
  const A = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';
  let out = '';
  for (let i = 0; i < b.length; i += 3) {
    const n = (b[i] << 16) | ((b[i + 1] ?? 0) << 8) | (b[i + 2] ?? 0);
    out += A[(n >> 18) & 63] + A[(n >> 12) & 63] + (i + 1 < b.length ? A[(n >> 6) & 63] : '=') + (i + 2 < b.length ? A[n & 63] : '=');
  }
  return out;
}

/** encoding/json Marshal. Plain objects keep their key order (Go structs); Map keys are sorted (Go maps). */
export function goJSON(v: unknown, escapeHTML: boolean): string {
  if (v === undefined || v === null) return 'null';
  if (v instanceof GoFloat) return jsonNumber(v.value);
  switch (typeof v) {
    case 'string': return jsonString(v, escapeHTML);
    case 'boolean': return v ? 'true' : 'false';
    case 'number': return jsonNumber(v);
    case 'bigint': return v.toString();
    case 'function': throw new TemplateError('json: unsupported type: func()');
    default: break;
  }
  if (typeof v === 'object' && v !== null && MARSHAL_JSON in v) return (v as JSONMarshaler)[MARSHAL_JSON](escapeHTML);
  if (v instanceof Uint8Array) return '"' + base64(v) + '"';
  if (typeof v === 'object' && GO_NIL in v) return 'null';
  if (Array.isArray(v)) return '[' + v.map((x) => goJSON(x, escapeHTML)).join(',') + ']';
  if (v instanceof Map) {
    return '{' + mapEntries(v).map(([k, x]) => jsonString(String(k), escapeHTML) + ':' + goJSON(x, escapeHTML)).join(',') + '}';
  }
  if (isStruct(v)) {
    return '{' + structFields(v).map(([k, x]) => jsonString(k, escapeHTML) + ':' + goJSON(x, escapeHTML)).join(',') + '}';
  }
  const parts: string[] = [];
  for (const [k, x] of Object.entries(v as Record<string, unknown>)) {
    if (x === undefined || typeof x === 'function') continue;
    parts.push(jsonString(k, escapeHTML) + ':' + goJSON(x, escapeHTML));
  }
  return '{' + parts.join(',') + '}';
}

/** What docker's formatter.MarshalJSON produces for a context: every exported zero-arg method, keys sorted, HTML escaped. */
export function marshalContext(ctx: object, names: string[]): string {
  const rec = ctx as Record<string, unknown>;
  const sorted = [...names].sort();
  return '{' + sorted.map((k) => {
    const m = rec[k];
    const val = typeof m === 'function' ? (m as () => unknown).call(ctx) : m;
    return jsonString(k, true) + ':' + goJSON(val, true);
  }).join(',') + '}';
}

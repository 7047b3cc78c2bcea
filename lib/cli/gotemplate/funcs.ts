/**
 * text/template's builtin functions and the docker CLI's additions (templates/templates.go): json split join title
 * lower upper pad truncate, plus the header variants the CLI uses when rendering a table header.
 */
import { utf8Decode, utf8Encode } from './utf8';
import type { FuncDef, Funcs } from './exec';
import { GoFloat, goJSON, goTypeName, isStruct, isTrue, sprint, sprintf, sprintln } from './values';

const unwrap = (v: unknown): unknown => (v instanceof GoFloat ? v.value : v);

function basicKind(v: unknown): 'bool' | 'int' | 'float' | 'string' | 'nil' | 'invalid' | 'other' {
  if (v === undefined) return 'invalid';
  if (v === null) return 'nil';
  if (v instanceof GoFloat) return 'float';
  switch (typeof v) {
    case 'boolean': return 'bool';
    case 'number': return Number.isInteger(v) ? 'int' : 'float';
    case 'bigint': return 'int';
    case 'string': return 'string';
    default: return 'other';
  }
}


function eq(a1: unknown, ...rest: unknown[]): boolean {
  if (rest.length === 0) throw new Error('missing argument for comparison');
  const k1 = basicKind(a1);
  const arg1 = unwrap(a1);
  for (const a of rest) {
    const k2 = basicKind(a);
    const arg = unwrap(a);
    let truth = false;
    if (k1 !== k2) {
      if (k1 !== 'invalid' && k2 !== 'invalid' && k1 !== 'nil' && k2 !== 'nil') throw new Error('incompatible types for comparison');
      truth = (k1 === 'nil' || k1 === 'invalid') && (k2 === 'nil' || k2 === 'invalid') && k1 === k2;
    } else if (k1 === 'other') {
      if (Array.isArray(arg1) || Array.isArray(arg)) throw new Error(`non-comparable type ${sprint([a])}: ${goTypeName(a)}`);
      truth = arg1 === arg;
    } else {
      truth = typeof arg1 === 'bigint' || typeof arg === 'bigint' ? BigInt(arg1 as number) === BigInt(arg as number) : arg1 === arg;
    }
    if (truth) return true;
  }
  return false;
}

function lt(a0: unknown, b0: unknown): boolean {
  const k1 = basicKind(a0);
  const k2 = basicKind(b0);
  const a = unwrap(a0);
  const b = unwrap(b0);
  if (k1 === 'bool' || k1 === 'other' || k1 === 'nil' || k1 === 'invalid') throw new Error('invalid type for comparison');
  if (k1 !== k2) throw new Error('incompatible types for comparison');
  return (a as number | string) < (b as number | string);
}

function goLen(v: unknown): number {
  if (v === undefined) throw new Error('reflect: call of reflect.Value.Type on zero Value');
  if (v === null) throw new Error('len of nil pointer');
  if (typeof v === 'string') return utf8Encode(v).length;
  if (Array.isArray(v) || v instanceof Uint8Array) return v.length;
  if (v instanceof Map) return v.size;
  if (typeof v === 'object' && !isStruct(v)) return Object.keys(v).length;
  throw new Error(`len of type ${goTypeName(v).replace(/^\*/, '')}`);
}

function goIndex(item: unknown, ...indexes: unknown[]): unknown {
  let v = item;
  if (v === undefined) throw new Error('index of untyped nil');
  for (const idx of indexes) {
    if (v === undefined) throw new Error('index of nil pointer');
    if (v === null) {
      // a JSON null stands for a typed nil map or slice (e.g. .Config.Labels): maps give the zero value
      if (typeof idx === 'string') { v = ''; continue; }
      throw new Error(`index out of range: ${String(idx)}`);
    }
    if (typeof v === 'string' || Array.isArray(v) || v instanceof Uint8Array) {
      if (typeof idx !== 'number' || !Number.isInteger(idx)) throw new Error(`cannot index slice/array with type ${goTypeName(idx)}`);
      const len = typeof v === 'string' ? utf8Encode(v).length : v.length;
      if (idx < 0 || idx >= len) throw new Error(`index out of range: ${idx}`);
      v = typeof v === 'string' ? utf8Encode(v)[idx] : (v as ArrayLike<unknown>)[idx];
    } else if (v instanceof Map) {
      const typeName = goTypeName(v);
      v = v.has(idx) ? v.get(idx) : typeName === 'map[string]string' || v.size === 0 ? '' : null;
    } else if (typeof v === 'object' && !isStruct(v)) {
      if (typeof idx !== 'string') throw new Error(`value has type ${goTypeName(idx)}; should be string`);
      const rec = v as Record<string, unknown>;
      const typeName = goTypeName(v);
      // a missing key gives the element type's zero value: "" for string maps (labels, the common case, empty or not)
      v = Object.prototype.hasOwnProperty.call(rec, idx) ? rec[idx] : typeName === 'map[string]string' || Object.keys(rec).length === 0 ? '' : null;
    } else {
      throw new Error(`can't index item of type ${goTypeName(v).replace(/^\*/, '')}`);
    }
  }
  return v;
}

function goSlice(item: unknown, ...indexes: unknown[]): unknown {
  if (item === undefined || item === null) throw new Error('slice of untyped nil');
  if (indexes.length > 3) throw new Error(`too many slice indexes: ${indexes.length}`);
  if (typeof item !== 'string' && !Array.isArray(item)) throw new Error(`can't slice item of type ${goTypeName(item)}`);
  const len = typeof item === 'string' ? utf8Encode(item).length : item.length;
  const idx = indexes.map((x) => {
    if (typeof x !== 'number' || !Number.isInteger(x)) throw new Error(`cannot index slice/array with type ${goTypeName(x)}`);
    return x;
  });
  for (const x of idx) if (x < 0 || x > len) throw new Error(`index out of range: ${x}`);
  const lo = idx[0] ?? 0;
  const hi = idx[1] ?? len;
  if (lo > hi) throw new Error(`invalid slice index: ${lo} > ${hi}`);
  if (typeof item === 'string') return utf8Decode(utf8Encode(item).slice(lo, hi));
  return item.slice(lo, hi);
}

function htmlEscape(s: string): string {
  return s.replace(/[\0"'&<>]/g, (c) => ({ '\0': '\uFFFD', '"': '&#34;', "'": '&#39;', '&': '&amp;', '<': '&lt;', '>': '&gt;' })[c] as string);
}

function jsEscape(s: string): string {
  let out = '';
  for (const ch of s) {
    const cp = ch.codePointAt(0) as number;
    switch (ch) {
      case '\\': out += '\\\\'; break;
      case "'": out += "\\'"; break;
      case '"': out += '\\"'; break;
      case '<': out += '\\u003C'; break;
      case '>': out += '\\u003E'; break;
      case '&': out += '\\u0026'; break;
      case '=': out += '\\u003D'; break;
      default:
        if (cp < 0x20) out += '\\u' + cp.toString(16).toUpperCase().padStart(4, '0');
        else out += ch;
    }
  }
  return out;
}

function queryEscape(s: string): string {
  let out = '';
  for (const b of utf8Encode(s)) {
    const c = String.fromCharCode(b);
    if (/[A-Za-z0-9\-_.~]/.test(c)) out += c;
    else if (c === ' ') out += '+';
    else out += '%' + b.toString(16).toUpperCase().padStart(2, '0');
  }
  return out;
}

function evalArgsString(args: unknown[]): string {
  if (args.length === 1 && typeof args[0] === 'string') return args[0];
  return sprint(args);
}

/** strings.Title: upper-cases the first letter of each word. */
export function goTitle(s: string): string {
  let prev = ' ';
  let out = '';
  const isSeparator = (r: string): boolean => {
    if (r.charCodeAt(0) <= 0x7f) {
      if (/[0-9a-zA-Z_]/.test(r)) return false;
      return true;
    }
    if (/\p{L}|\p{Nd}/u.test(r)) return false;
    return /\s/u.test(r);
  };
  for (const ch of s) {
    out += isSeparator(prev) ? ch.toUpperCase() : ch;
    prev = ch;
  }
  return out;
}

function goSplit(s: string, sep: string): string[] {
  if (sep === '') return Array.from(s);
  return s.split(sep);
}

function utf8Truncate(s: string, n: number): string {
  const b = utf8Encode(s);
  if (b.length < n) return s;
  return utf8Decode(b.slice(0, n));
}

const def = (params: FuncDef['params'], fn: FuncDef['fn'], variadic?: FuncDef['variadic']): FuncDef => ({ params, fn, variadic });

/** text/template builtins (and/or are evaluated lazily by the executor; they are listed here for the parser). */
export const BUILTINS: Funcs = {
  and: def([], () => undefined, 'any'),
  or: def([], () => undefined, 'any'),
  not: def(['any'], (v) => !isTrue(v)),
  len: def(['value'], (v) => goLen(v)),
  index: def(['value'], (item, ...idx) => goIndex(item, ...idx), 'value'),
  slice: def(['value'], (item, ...idx) => goSlice(item, ...idx), 'value'),
  print: def([], (...a) => sprint(a), 'any'),
  printf: def(['string'], (f, ...a) => sprintf(f as string, a), 'any'),
  println: def([], (...a) => sprintln(a), 'any'),
  eq: def(['value'], (a, ...b) => eq(a, ...b), 'value'),
  ne: def(['value', 'value'], (a, b) => !eq(a, b)),
  lt: def(['value', 'value'], (a, b) => lt(a, b)),
  le: def(['value', 'value'], (a, b) => lt(a, b) || eq(a, b)),
  gt: def(['value', 'value'], (a, b) => !lt(a, b) && !eq(a, b)),
  ge: def(['value', 'value'], (a, b) => !lt(a, b)),
  html: def([], (...a) => htmlEscape(evalArgsString(a)), 'any'),
  js: def([], (...a) => jsEscape(evalArgsString(a)), 'any'),
  urlquery: def([], (...a) => queryEscape(evalArgsString(a)), 'any'),
  call: def(['value'], (fn, ...a) => {
    if (typeof fn !== 'function') throw new Error(`non-function of type ${goTypeName(fn)}`);
    return (fn as (...x: unknown[]) => unknown)(...a);
  }, 'value'),
};

/** docker/cli templates.basicFunctions */
export const DOCKER_FUNCS: Funcs = {
  json: def(['any'], (v) => goJSON(v, false).trim()),
  split: def(['string', 'string'], (s, sep) => goSplit(s as string, sep as string)),
  join: def(['[]string', 'string'], (a, sep) => ((a as string[] | null) ?? []).join(sep as string)),
  title: def(['string'], (s) => goTitle(s as string)),
  lower: def(['string'], (s) => (s as string).toLowerCase()),
  upper: def(['string'], (s) => (s as string).toUpperCase()),
  pad: def(['string', 'int', 'int'], (s, p, q) => (s === '' ? '' : ' '.repeat(Math.max(0, p as number)) + s + ' '.repeat(Math.max(0, q as number)))),
  truncate: def(['string', 'int'], (s, n) => utf8Truncate(s as string, n as number)),
};

/** docker/cli templates.HeaderFunctions: keep the header text intact. */
export const HEADER_FUNCS: Funcs = {
  json: def(['string'], (v) => v),
  split: def(['string', 'string'], (v) => v),
  join: def(['string', 'string'], (v) => v),
  title: def(['string'], (v) => v),
  lower: def(['string'], (v) => v),
  upper: def(['string'], (v) => v),
  truncate: def(['string', 'int'], (v) => v),
};

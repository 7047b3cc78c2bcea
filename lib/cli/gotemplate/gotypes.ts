/**
 * Go-typed values for templates: the docker CLI decodes the daemon's JSON into moby's Go structs and runs `-f`
 * templates on those, so `{{.Config}}` prints fmt's %v of a struct in Go field order (`{ web  false ...}`),
 * `{{json .}}` re-encodes with the struct's json tags and omitempty rules (unknown keys dropped), and `.APIVersion`
 * (not `.ApiVersion`) is the field name. `typed(type, json)` turns decoded JSON into such a value.
 *
 * Representation (see values.ts): a struct is an object carrying [GO_TYPE] ('container.Config', or '*container.Config'
 * when reached through a pointer) whose own enumerable properties are its fields in Go order, embedded structs under
 * their type name with their fields promoted (non-enumerable getters); [MARSHAL_JSON] encodes it like encoding/json.
 * Maps are Map objects (fmt and encoding/json sort their keys); nil slices and maps carry [GO_NIL] (printed `[]` /
 * `map[]`, encoded `null`); a nil pointer is null.
 *
 * Pointers: Go prints a non-nil pointer nested in a struct, slice or map as its address (`0xc0001a2b40`, different in
 * every run of the real CLI). values.ts prints such pointers as stable made-up addresses of that shape (GoPointer /
 * '*' structs at depth > 0): the same width and prefix, deterministic so that outputs replay.
 */
import { GO_NIL, GO_PTR, GO_TYPE, GoPointer, MARSHAL_JSON, goJSON, jsonString } from './values';

export { GoPointer };

export type GoType =
  | 'string' | 'int' | 'uint' | 'float' | 'bool' | 'any' | 'time' | 'empty'
  | { slice: GoType } | { map: GoType } | { ptr: GoType } | { array: GoType; n: number } | StructType;

export interface StructType { struct: string; fields: Field[] }
export interface Field { name: string; type: GoType; json?: string; omitempty?: boolean; embedded?: boolean }

/** A field: `f('Hostname', 'string')`, `f('ID', 'string', { json: 'Id' })`, `f('Health', ptr(HEALTH), { omitempty: true })`. */
export function f(name: string, type: GoType, o: { json?: string; omitempty?: boolean; embedded?: boolean } = {}): Field {
  return { name, type, ...o };
}
export const slice = (of: GoType): GoType => ({ slice: of });
export const map = (of: GoType): GoType => ({ map: of });
export const ptr = (to: GoType): GoType => ({ ptr: to });
export const struct = (name: string, fields: Field[]): StructType => ({ struct: name, fields });
/** Shorthand for `json:",omitempty"` fields. */
export const omit = { omitempty: true };

function isStructType(t: GoType): t is StructType {
  return typeof t === 'object' && 'struct' in t;
}

function scalarName(t: GoType): string {
  if (typeof t === 'string') return t === 'float' ? 'float64' : t === 'uint' ? 'uint' : t === 'any' ? 'interface {}' : t === 'time' ? 'time.Time' : t === 'empty' ? 'struct {}' : t;
  if ('slice' in t) return '[]' + scalarName(t.slice);
  if ('map' in t) return 'map[string]' + scalarName(t.map);
  if ('ptr' in t) return '*' + scalarName(t.ptr);
  if ('array' in t) return `[${t.n}]` + scalarName(t.array);
  return t.struct;
}

function nil<T extends object>(v: T): T {
  Object.defineProperty(v, GO_NIL, { value: true });
  return v;
}

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** encoding/json's isEmptyValue, for omitempty. */
function isEmptyValue(t: GoType, v: unknown): boolean {
  if (v === null || v === undefined) return true;
  if (typeof t === 'string') {
    if (t === 'string') return v === '';
    if (t === 'int' || t === 'uint' || t === 'float') return Number(v) === 0;
    if (t === 'bool') return v === false;
    return false;
  }
  if ('slice' in t) return (v as unknown[]).length === 0;
  if ('map' in t) return (v as Map<string, unknown>).size === 0;
  if ('array' in t) return t.n === 0;
  return false;
}

/** time.Time: %v is Time.String() ("2006-01-02 15:04:05.999999999 -0700 MST"), JSON the RFC 3339 text. */
class GoTime {
  readonly [GO_TYPE] = 'time.Time';
  constructor(private readonly text: string) {}
  String(): string {
    const m = /^(\d{4,})-(\d\d)-(\d\d)T(\d\d):(\d\d):(\d\d)(\.\d+)?(Z|[+-]\d\d:\d\d)$/.exec(this.text);
    if (!m) return '0001-01-01 00:00:00 +0000 UTC';
    const frac = m[7] ? m[7].replace(/0+$/, '') : '';
    const zone = m[8] === 'Z' ? '+0000 UTC' : `${m[8].replace(':', '')} ${m[8].replace(':', '')}`;
    return `${m[1]}-${m[2]}-${m[3]} ${m[4]}:${m[5]}:${m[6]}${frac === '.' ? '' : frac} ${zone}`;
  }
  [MARSHAL_JSON](): string { return jsonString(this.text, true); }
}

/** Decodes a JSON value into the Go value of type t (json.Unmarshal into a zero value: missing keys stay zero). */
export function typed(t: GoType, v: unknown, viaPointer = false): unknown {
  if (typeof t === 'string') {
    switch (t) {
      case 'string': return typeof v === 'string' ? v : '';
      case 'int': case 'uint': return typeof v === 'number' ? Math.trunc(v) : 0;
      case 'float': return typeof v === 'number' ? v : 0;
      case 'bool': return v === true;
      case 'time': return new GoTime(typeof v === 'string' ? v : '0001-01-01T00:00:00Z');
      case 'empty': return emptyStruct();
      default: return anyValue(v);
    }
  }
  if ('slice' in t) return Array.isArray(v) ? v.map((x) => typed(t.slice, x)) : nil([]);
  if ('array' in t) {
    const a = Array.isArray(v) ? v : [];
    return Array.from({ length: t.n }, (_, i) => typed(t.array, a[i]));
  }
  if ('map' in t) {
    if (!isObject(v)) return nil(new Map());
    return new Map(Object.entries(v).map(([k, x]) => [k, typed(t.map, x)]));
  }
  if ('ptr' in t) {
    if (v === null || v === undefined) return null;
    if (isStructType(t.ptr)) return typed(t.ptr, v, true);
    return new GoPointer(scalarName(t), typed(t.ptr, v));
  }
  return makeStruct(t, isObject(v) ? v : {}, viaPointer);
}

function emptyStruct(): object {
  return { [GO_TYPE]: 'struct {}', [MARSHAL_JSON]: () => '{}' };
}

/** interface{}: JSON objects become map[string]interface{} (sorted), numbers float64. */
function anyValue(v: unknown): unknown {
  if (Array.isArray(v)) return v.map(anyValue);
  if (isObject(v)) return new Map(Object.entries(v).map(([k, x]) => [k, anyValue(x)]));
  return v === undefined ? null : v;
}

function makeStruct(t: StructType, src: Record<string, unknown>, viaPointer: boolean): Record<string, unknown> {
  const out: Record<string | symbol, unknown> = {};
  Object.defineProperty(out, GO_TYPE, { value: (viaPointer ? '*' : '') + t.struct });
  if (viaPointer) Object.defineProperty(out, GO_PTR, { value: true });
  for (const fd of t.fields) {
    if (fd.embedded) {
      const inner = isStructType(fd.type) ? fd.type : (fd.type as { ptr: StructType }).ptr;
      const value = makeStruct(inner, src, 'ptr' in (fd.type as object));
      out[fd.name] = value;
      for (const name of promoted(inner)) {
        if (!(name in out)) Object.defineProperty(out, name, { get: () => (value as Record<string, unknown>)[name], enumerable: false });
      }
      continue;
    }
    out[fd.name] = typed(fd.type, src[fd.json ?? fd.name]);
  }
  Object.defineProperty(out, MARSHAL_JSON, { value: (escapeHTML = true) => '{' + jsonFields(t, out, escapeHTML).join(',') + '}' });
  return out as Record<string, unknown>;
}

function promoted(t: StructType): string[] {
  const names: string[] = [];
  for (const fd of t.fields) {
    names.push(fd.name);
    if (fd.embedded) {
      const inner = isStructType(fd.type) ? fd.type : (fd.type as { ptr: StructType }).ptr;
      names.push(...promoted(inner));
    }
  }
  return names;
}

function jsonFields(t: StructType, v: Record<string, unknown>, escapeHTML: boolean): string[] {
  const parts: string[] = [];
  for (const fd of t.fields) {
    const x = v[fd.name];
    if (fd.embedded) {
      if (x === null) continue;
      const inner = isStructType(fd.type) ? fd.type : (fd.type as { ptr: StructType }).ptr;
      parts.push(...jsonFields(inner, x as Record<string, unknown>, escapeHTML));
      continue;
    }
    if (fd.omitempty && isEmptyValue(fd.type, x)) continue;
    parts.push(jsonString(fd.json ?? fd.name, escapeHTML) + ':' + goJSON(x, escapeHTML));
  }
  return parts;
}

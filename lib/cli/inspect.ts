/**
 * Shared `inspect` output, as docker/cli's cli/command/inspect does it:
 * - no format: the daemon's raw JSON elements (their bytes as received when the client kept them, else json.Marshal
 *   of the object) joined into an array and re-indented with Go's json.Indent (4 spaces; tokens kept as written);
 * - `json`: the same, json.Compact'ed;
 * - a template: executed on the Go-typed value (inspect-types.ts: `{{.Config}}` prints the struct in Go field order,
 *   `{{json .}}` re-encodes with Go's tags), falling back on an error to the raw JSON as a map with missingkey=error
 *   (TemplateInspector.tryRawInspectFallback).
 */
import { type CliContext, StatusError } from './command';
import { errorText } from './errors';
import { fmt } from './formatters';
import { type InspectKind, typedInspect } from './inspect-types';

/** Set by the HTTP client on decoded objects: the exact JSON text the daemon sent (non-enumerable). */
export const RAW_JSON: unique symbol = Symbol.for('dockerPlayground.rawJSON');
const KIND: unique symbol = Symbol.for('dockerPlayground.inspectKind');

/** Marks an inspect result with its Go type (container.InspectResponse or image.InspectResponse) for templates. */
export function withInspectKind<T>(kind: InspectKind, v: T): T {
  if (typeof v === 'object' && v !== null) Object.defineProperty(v, KIND, { value: kind, configurable: true });
  return v;
}

/** JSON as moby encodes it (HTML characters escaped), indented with 4 spaces like json.Indent. */
export function indentJSON(v: unknown): string {
  return escapeHTML(JSON.stringify(v, null, 4));
}

/** Go's encoding/json HTML escaping (only ever inside strings in JSON text). */
function escapeHTML(json: string): string {
  return json.replace(/[<>&\u2028\u2029]/g, (c) => '\\u' + c.charCodeAt(0).toString(16).padStart(4, '0'));
}

/** Go's json.Indent(dst, src, "", indent) for valid JSON: insignificant space dropped, tokens kept byte for byte. */
export function goIndent(src: string, indent = '    '): string {
  return reformatJSON(src, indent);
}

/** Go's json.Compact. */
export function goCompact(src: string): string {
  return reformatJSON(src, null);
}

/** One pass over valid JSON: whitespace outside strings dropped, then indented (json.Indent) or not (json.Compact). */
function reformatJSON(src: string, indent: string | null): string {
  let out = '';
  let depth = 0;
  let needIndent = false; // after [ or {: a newline before the next value (none if the container is empty)
  for (let i = 0; i < src.length; i++) {
    const c = src[i];
    if (c === ' ' || c === '\t' || c === '\n' || c === '\r') continue;
    if (needIndent && c !== ']' && c !== '}') {
      needIndent = false;
      depth++;
      out += '\n' + indent!.repeat(depth);
    }
    if (c === '"') {
      let j = i + 1;
      while (j < src.length && src[j] !== '"') j += src[j] === '\\' ? 2 : 1;
      out += src.slice(i, j + 1);
      i = j;
      continue;
    }
    if (indent === null) { out += c; continue; }
    switch (c) {
      case '{': case '[': out += c; needIndent = true; break;
      case ',': out += ',\n' + indent.repeat(depth); break;
      case ':': out += ': '; break;
      case '}': case ']':
        if (needIndent) needIndent = false; // empty: {} or []
        else { depth--; out += '\n' + indent.repeat(depth); }
        out += c;
        break;
      default: out += c;
    }
  }
  return out;
}

function rawOf(v: unknown): string {
  const raw = typeof v === 'object' && v !== null ? (v as { [RAW_JSON]?: string })[RAW_JSON] : undefined;
  return raw ?? escapeHTML(JSON.stringify(v));
}

/** One element through a template: the typed value first, then the raw map with missingkey=error. */
function executeInspectTemplate(format: string, v: unknown): string {
  const kind = typeof v === 'object' && v !== null ? (v as { [KIND]?: InspectKind })[KIND] : undefined;
  if (kind) {
    try {
      return fmt.executeTemplate(format, typedInspect(kind, v), false);
    } catch (e) {
      if (!(e instanceof StatusError) || e.status === 64) throw e;
    }
  }
  return fmt.executeTemplate(format, v, true);
}

/**
 * inspect.Inspect: fetches every reference, prints the JSON array (or the template per element), then the errors on
 * stderr; exit 1 when any failed.
 */
export async function inspectAll(ctx: CliContext, refs: string[], format: string, get: (ref: string) => Promise<unknown>): Promise<void> {
  const found: unknown[] = [];
  const errs: string[] = [];
  for (const r of refs) {
    try {
      found.push(await get(r));
    } catch (e) {
      errs.push(errorText(e));
    }
  }
  if (format === '') {
    ctx.io.stdout(found.length === 0 ? '[]\n' : goIndent('[' + found.map(rawOf).join(',') + ']') + '\n');
  } else if (format === 'json') {
    ctx.io.stdout(goCompact('[' + found.map(rawOf).join(',') + ']') + '\n');
  } else {
    let out = '';
    for (const v of found) {
      try {
        out += executeInspectTemplate(format, v) + '\n';
      } catch (e) {
        if (e instanceof StatusError && e.status === 64) throw e;
        errs.push(errorText(e));
      }
    }
    // templateInspector.Flush writes a lone newline when nothing was written
    ctx.io.stdout(out === '' ? '\n' : out);
  }
  if (errs.length > 0) throw new StatusError(errs.join('\n'), 1);
}

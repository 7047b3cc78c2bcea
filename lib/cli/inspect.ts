/** Shared `inspect` output: the daemon's JSON re-indented (json.Indent, 4 spaces) or a Go template per element. */
import { type CliContext, StatusError } from './command';
import { errorText } from './errors';
import { fmt } from './formatters';

/** JSON as moby encodes it (HTML characters escaped), indented with 4 spaces like json.Indent. */
export function indentJSON(v: unknown): string {
  return escapeHTML(JSON.stringify(v, null, 4));
}

/** Go's encoding/json HTML escaping (only ever inside strings in JSON text). */
function escapeHTML(json: string): string {
  return json.replace(/[<>&\u2028\u2029]/g, (c) => '\\u' + c.charCodeAt(0).toString(16).padStart(4, '0'));
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
    ctx.io.stdout(found.length === 0 ? '[]\n' : indentJSON(found) + '\n');
  } else if (format === 'json') {
    ctx.io.stdout(escapeHTML(JSON.stringify(found)) + '\n');
  } else {
    let out = '';
    for (const v of found) {
      try {
        out += fmt.executeTemplate(format, v, true) + '\n';
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

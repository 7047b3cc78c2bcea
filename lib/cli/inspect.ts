/** Shared `inspect` output: the daemon's JSON re-indented (json.Indent, 4 spaces) or a Go template per element. */
import { type CliContext, StatusError } from './command';
import { errorText } from './errors';
import { fmt } from './formatters';

/** JSON as moby encodes it (HTML characters escaped), indented with 4 spaces like json.Indent. */
export function indentJSON(v: unknown): string {
  return JSON.stringify(v, null, 4)
    .replace(/[<>&\u2028\u2029]/g, (c) => '\\u' + c.charCodeAt(0).toString(16).padStart(4, '0'));
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
  } else {
    const tmpl = format === 'json' ? '{{json .}}' : format;
    let out = '';
    for (const v of found) out += fmt.executeTemplate(tmpl, v) + '\n';
    ctx.io.stdout(out);
  }
  if (errs.length > 0) throw new StatusError(errs.join('\n'), 1);
}

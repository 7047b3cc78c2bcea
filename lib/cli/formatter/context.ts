/**
 * docker/cli formatter.Context: turns a --format value into text for a list of row contexts.
 *  - "table" prefix: header row (template run on the header map with the header functions) + rows, through
 *    tabwriter(minwidth 10, tabwidth 1, padding 3, ' ');
 *  - "json": `{{json .}}` per row; anything else: the raw template per row, no header;
 *  - the literal two-character sequences `\t` and `\n` in the format become a tab and a newline; spaces around
 *    the template are trimmed.
 */
import { HEADER_FUNCS, Template, TemplateError } from '../gotemplate';
import { TabWriter, tabulateUniform } from './tabwriter';

export const TABLE_FORMAT_KEY = 'table';
export const RAW_FORMAT_KEY = 'raw';
export const PRETTY_FORMAT_KEY = 'pretty';
export const JSON_FORMAT_KEY = 'json';
export const DEFAULT_QUIET_FORMAT = '{{.ID}}';
export const JSON_FORMAT = '{{json .}}';

/** formatter.SubHeaderContext: the header map of a table (map[string]string with a Label method). */
export class SubHeaderContext {
  [key: string]: string | ((name: string) => string);
  constructor(entries: Record<string, string>) {
    Object.assign(this, entries);
  }
  /** The header of {{.Label "com.example.name"}}: the last dot-separated part, '-' and '_' as spaces. */
  Label(name: string): string {
    const parts = name.split('.');
    return parts[parts.length - 1].replace(/[-_]/g, ' ');
  }
}

/** A format or template error, with the CLI's message ("template parsing error: template: ..."). */
export class FormatError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'FormatError';
  }
}

export const isTableFormat = (f: string): boolean => f.startsWith(TABLE_FORMAT_KEY);
export const isJSONFormat = (f: string): boolean => f === JSON_FORMAT_KEY;

/** formatter.Context.preFormat */
export function preFormat(format: string): string {
  let f = format;
  if (isTableFormat(f)) f = f.slice(TABLE_FORMAT_KEY.length);
  else if (isJSONFormat(f)) f = JSON_FORMAT;
  f = f.replace(/^ +| +$/g, '');
  return f.replace(/\\t|\\n/g, (m) => (m === '\\t' ? '\t' : '\n'));
}

/** templates.Parse wrapped like the CLI does. */
export function parseFormat(finalFormat: string): Template {
  try {
    return Template.parse(finalFormat);
  } catch (e) {
    if (e instanceof TemplateError) throw new FormatError(`template parsing error: ${e.message}`);
    throw e;
  }
}

/**
 * formatter.Context.Write: `format` is the resolved Format (e.g. from newImageFormat), `header` the SubHeaderContext
 * map, `rows` the row contexts. Returns what the CLI writes to stdout; throws FormatError.
 */
export function writeFormat(format: string, header: Record<string, string>, rows: readonly object[]): string {
  const tmpl = parseFormat(preFormat(format));
  let buffer = '';
  for (const row of rows) {
    try {
      buffer += tmpl.execute(row);
    } catch (e) {
      if (e instanceof TemplateError) throw new FormatError(`template parsing error: ${e.message}`);
      throw e;
    }
    buffer += '\n';
  }
  if (!isTableFormat(format)) return buffer;
  // The CLI ignores header execution errors and keeps whatever was written.
  const head = tmpl.withFuncs(HEADER_FUNCS).executePartial(new SubHeaderContext(header)).output;
  const table = tabulateUniform(head + '\n' + buffer, 10, 3);
  if (table !== undefined) return table;
  const t = new TabWriter(10, 1, 3, ' ', 0);
  t.write(head);
  t.write('\n');
  t.write(buffer);
  return t.flush();
}

/**
 * Generic entry point: "" or "table" -> opts.defaultTable (or {{.ID}} when quiet); "json" -> one JSON object per
 * row; "table TEMPLATE" -> header + rows; other templates -> rows only.
 */
export function renderFormat(
  format: string,
  opts: { defaultTable: string; headers: Record<string, string>; rows: readonly object[]; quiet?: boolean },
): string {
  let f = format;
  if (f === '' || f === TABLE_FORMAT_KEY) f = opts.quiet ? DEFAULT_QUIET_FORMAT : opts.defaultTable;
  return writeFormat(f, opts.headers, opts.rows);
}

/** formatter.TruncateID: drop up to the first ':', keep 12 characters. */
export function truncateID(id: string): string {
  const i = id.indexOf(':');
  if (i >= 0) id = id.slice(i + 1);
  return id.length > 12 ? id.slice(0, 12) : id;
}

const pad2 = (n: number): string => String(n).padStart(2, '0');

/** Go time.Unix(sec, 0).UTC().String(): "2026-11-26 20:51:56 +0000 UTC". */
export function goTimeString(unixSeconds: number): string {
  const d = new Date(unixSeconds * 1000);
  const y = d.getUTCFullYear();
  return `${String(y).padStart(4, '0')}-${pad2(d.getUTCMonth() + 1)}-${pad2(d.getUTCDate())} ${pad2(d.getUTCHours())}:${pad2(d.getUTCMinutes())}:${pad2(d.getUTCSeconds())} +0000 UTC`;
}

/** Go time.Unix(sec, 0).UTC().Format(time.RFC3339): "2026-11-26T20:51:56Z". */
export function goRFC3339(unixSeconds: number): string {
  const d = new Date(unixSeconds * 1000);
  return `${String(d.getUTCFullYear()).padStart(4, '0')}-${pad2(d.getUTCMonth() + 1)}-${pad2(d.getUTCDate())}T${pad2(d.getUTCHours())}:${pad2(d.getUTCMinutes())}:${pad2(d.getUTCSeconds())}Z`;
}

// Common headers (cli/command/formatter/formatter.go and friends)
export const CREATED_SINCE_HEADER = 'CREATED';
export const CREATED_AT_HEADER = 'CREATED AT';
export const SIZE_HEADER = 'SIZE';
export const LABELS_HEADER = 'LABELS';
export const NAME_HEADER = 'NAME';
export const DESCRIPTION_HEADER = 'DESCRIPTION';
export const DRIVER_HEADER = 'DRIVER';
export const SCOPE_HEADER = 'SCOPE';
export const STATE_HEADER = 'STATE';
export const STATUS_HEADER = 'STATUS';
export const PORTS_HEADER = 'PORTS';
export const IMAGE_HEADER = 'IMAGE';
export const CONTAINER_ID_HEADER = 'CONTAINER ID';
export const CONTAINERS_HEADER = 'CONTAINERS';
export const SHARED_SIZE_HEADER = 'SHARED SIZE';
export const UNIQUE_SIZE_HEADER = 'UNIQUE SIZE';

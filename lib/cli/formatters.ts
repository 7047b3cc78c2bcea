/**
 * The seam between commands and the formatter modules (lib/cli/formatter/*, lib/cli/jsonmessage.ts) written by another
 * helper. Commands call these; until a module lands, its slot throws a clear error. `wireFormatters` fills the slots
 * (called once by cli.ts with the real modules).
 */
import type { ContainerSummary, HistoryItem, ImageSearchResult, ImageSummary, JSONMessage } from '../api/types';
import { StatusError } from './command';
import { formatImages } from './formatter/image';
import { formatHistory } from './formatter/history';
import { formatSearch } from './formatter/search';
import { formatContainers } from './formatter/container';
import { FormatError } from './formatter/context';
import { displayJSONMessages } from './jsonmessage';
import { Template, TemplateError } from './gotemplate/index';

export interface ImageFormatOptions { format?: string; quiet?: boolean; noTrunc?: boolean; digests?: boolean; now: number }
export interface HistoryFormatOptions { format?: string; quiet?: boolean; noTrunc?: boolean; human?: boolean; now: number }
export interface SearchFormatOptions { format?: string; noTrunc?: boolean; limit?: number }
export interface ContainerFormatOptions { format?: string; quiet?: boolean; noTrunc?: boolean; size?: boolean; now: number }
export interface DisplayOptions { isTTY: boolean; columns?: number; auxCallback?: (aux: unknown) => void }

export interface Formatters {
  formatImages(list: ImageSummary[], o: ImageFormatOptions): string;
  formatHistory(items: HistoryItem[], o: HistoryFormatOptions): string;
  formatSearch(results: ImageSearchResult[], o: SearchFormatOptions): string;
  formatContainers(list: ContainerSummary[], o: ContainerFormatOptions): string;
  /** Executes a Go template against a JSON-like value (docker inspect -f with missingKeyError, version -f, info -f). */
  executeTemplate(format: string, value: unknown, missingKeyError?: boolean): string;
  displayJSONMessages(messages: AsyncIterable<JSONMessage>, out: (s: string) => void, o: DisplayOptions): Promise<void>;
}

/** Formatter errors (template parse/exec) become the CLI's status errors. */
function guard<A extends unknown[]>(f: (...a: A) => string): (...a: A) => string {
  return (...a: A) => {
    try {
      return f(...a);
    } catch (e) {
      if (e instanceof FormatError) throw new StatusError(e.message, 1);
      throw e;
    }
  };
}

/**
 * templates.Parse + Execute as `docker inspect -f` does it on the raw JSON (inspector.tryRawInspectFallback: missing
 * keys are errors). Parse errors exit 64; execution errors are "template parsing error: ..." too, exit 1.
 */
function executeTemplate(format: string, value: unknown, missingKeyError = false): string {
  let t: Template;
  try {
    t = Template.parse(format);
  } catch (e) {
    if (e instanceof TemplateError) throw new StatusError(`template parsing error: ${e.message}`, 64);
    throw e;
  }
  try {
    return (missingKeyError ? t.withMissingKey('error') : t).execute(value);
  } catch (e) {
    if (e instanceof TemplateError) throw new StatusError(`template parsing error: ${e.message}`, 1);
    throw e;
  }
}

export const fmt: Formatters = {
  formatImages: guard((l, o) => formatImages(l, o)),
  formatHistory: guard((l, o) => formatHistory(l, o)),
  formatSearch: guard((l, o) => formatSearch(l, o)),
  formatContainers: guard((l, o) => formatContainers(l, o)),
  executeTemplate,
  displayJSONMessages: (m, out, o) => displayJSONMessages(m, out, { isTTY: o.isTTY, columns: o.columns, auxCallback: o.auxCallback ? (jm) => o.auxCallback!(jm.aux) : undefined }),
};

export function wireFormatters(f: Partial<Formatters>): void {
  Object.assign(fmt, f);
}

/** JSONMessageError from displayJSONMessages: `code` is the exit status a build uses. */
export interface JSONMessageErrorLike { code?: number; message: string }
export function isJSONMessageError(e: unknown): e is JSONMessageErrorLike & Error {
  return e instanceof Error && e.name === 'JSONMessageError';
}

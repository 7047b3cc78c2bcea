/**
 * The seam between commands and the formatter modules (lib/cli/formatter/*, lib/cli/jsonmessage.ts) written by another
 * helper. Commands call these; until a module lands, its slot throws a clear error. `wireFormatters` fills the slots
 * (called once by cli.ts with the real modules).
 */
import type { ContainerSummary, HistoryItem, ImageSearchResult, ImageSummary, JSONMessage } from '../api/types';
import { StatusError } from './command';

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
  /** Executes a Go template against a JSON-like value (docker inspect -f, version -f). */
  executeTemplate(format: string, value: unknown): string;
  displayJSONMessages(messages: AsyncIterable<JSONMessage>, out: (s: string) => void, o: DisplayOptions): Promise<void>;
}

const missing = (what: string) => (): never => {
  throw new StatusError(`internal error: ${what} is not available yet in this build`, 1);
};

export const fmt: Formatters = {
  formatImages: missing('the image formatter'),
  formatHistory: missing('the history formatter'),
  formatSearch: missing('the search formatter'),
  formatContainers: missing('the container formatter'),
  executeTemplate: missing('the template engine'),
  displayJSONMessages: missing('the JSON message renderer'),
};

export function wireFormatters(f: Partial<Formatters>): void {
  Object.assign(fmt, f);
}

/** JSONMessageError from displayJSONMessages: `code` is the exit status a build uses. */
export interface JSONMessageErrorLike { code?: number; message: string }
export function isJSONMessageError(e: unknown): e is JSONMessageErrorLike & Error {
  return e instanceof Error && e.name === 'JSONMessageError';
}

/**
 * docker search output (cli/command/registry/formatter_search.go).
 */
import type { ImageSearchResult } from '../../api/types';
import { GO_TYPE, MARSHAL_JSON, marshalContext } from '../gotemplate';
import { DESCRIPTION_HEADER, NAME_HEADER, TABLE_FORMAT_KEY, writeFormat } from './context';
import { ellipsis } from './width';

export const DEFAULT_SEARCH_TABLE_FORMAT = 'table {{.Name}}\t{{.Description}}\t{{.StarCount}}\t{{.IsOfficial}}';

export const SEARCH_HEADERS: Record<string, string> = {
  Name: NAME_HEADER,
  Description: DESCRIPTION_HEADER,
  StarCount: 'STARS',
  IsOfficial: 'OFFICIAL',
};

const SEARCH_FIELDS = ['Description', 'IsOfficial', 'Name', 'StarCount'];

export function newSearchFormat(source: string): string {
  return source === '' || source === TABLE_FORMAT_KEY ? DEFAULT_SEARCH_TABLE_FORMAT : source;
}

export class SearchContext {
  readonly [GO_TYPE] = '*registry.searchContext';
  private json = false;
  constructor(private readonly s: ImageSearchResult, private readonly trunc: boolean) {}
  [MARSHAL_JSON](): string {
    this.json = true;
    return marshalContext(this, SEARCH_FIELDS);
  }
  Name(): string { return this.s.name; }
  Description(): string {
    let desc = this.s.description.replace(/\n/g, ' ').replace(/\r/g, ' ');
    if (this.trunc) desc = ellipsis(desc, 45);
    return desc;
  }
  StarCount(): string { return String(this.s.star_count); }
  IsOfficial(): string { return this.formatBool(this.s.is_official); }
  private formatBool(v: boolean): string {
    if (v && this.json) return 'true';
    if (v) return '[OK]';
    if (this.json) return 'false';
    return '';
  }
}

export interface SearchFormatOptions { format?: string; noTrunc?: boolean }

/** What `docker search` prints on stdout. Throws FormatError. */
export function formatSearch(results: readonly ImageSearchResult[], opts: SearchFormatOptions = {}): string {
  const format = newSearchFormat(opts.format ?? '');
  return writeFormat(format, SEARCH_HEADERS, results.map((r) => new SearchContext(r, !opts.noTrunc)));
}

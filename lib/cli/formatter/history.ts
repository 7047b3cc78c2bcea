/**
 * docker image history output (cli/command/image/formatter_history.go).
 */
import type { HistoryItem } from '../../api/types';
import { GO_TYPE, MARSHAL_JSON, marshalContext } from '../gotemplate';
import { CREATED_AT_HEADER, CREATED_SINCE_HEADER, DEFAULT_QUIET_FORMAT, SIZE_HEADER, TABLE_FORMAT_KEY, goRFC3339, truncateID, writeFormat } from './context';
import { humanDuration, humanSizeWithPrecision } from './units';
import { ellipsis } from './width';

export const DEFAULT_HISTORY_TABLE_FORMAT = 'table {{.ID}}\t{{.CreatedSince}}\t{{.CreatedBy}}\t{{.Size}}\t{{.Comment}}';
export const NON_HUMAN_HISTORY_TABLE_FORMAT = 'table {{.ID}}\t{{.CreatedAt}}\t{{.CreatedBy}}\t{{.Size}}\t{{.Comment}}';

export const HISTORY_HEADERS: Record<string, string> = {
  ID: 'IMAGE',
  CreatedSince: CREATED_SINCE_HEADER,
  CreatedAt: CREATED_AT_HEADER,
  CreatedBy: 'CREATED BY',
  Size: SIZE_HEADER,
  Comment: 'COMMENT',
};

const HISTORY_FIELDS = ['Comment', 'CreatedAt', 'CreatedBy', 'CreatedSince', 'ID', 'Size'];
/** 2000-01-01T00:00:00Z: history entries created before it show "N/A". */
const EPOCH = 946684800;

export function newHistoryFormat(source: string, quiet: boolean, human: boolean): string {
  if (source === TABLE_FORMAT_KEY) {
    if (quiet) return DEFAULT_QUIET_FORMAT;
    return human ? DEFAULT_HISTORY_TABLE_FORMAT : NON_HUMAN_HISTORY_TABLE_FORMAT;
  }
  return source;
}

export class HistoryContext {
  readonly [GO_TYPE] = '*image.historyContext';
  constructor(private readonly h: HistoryItem, private readonly trunc: boolean, private readonly human: boolean, private readonly now: number) {}
  [MARSHAL_JSON](): string { return marshalContext(this, HISTORY_FIELDS); }
  ID(): string { return this.trunc ? truncateID(this.h.Id) : this.h.Id; }
  CreatedAt(): string { return goRFC3339(this.h.Created); }
  CreatedSince(): string {
    if (!this.human) return this.CreatedAt();
    if (this.h.Created <= EPOCH) return 'N/A';
    return humanDuration(this.now - this.h.Created * 1000) + ' ago';
  }
  CreatedBy(): string {
    const createdBy = this.h.CreatedBy.replace(/\t/g, ' ');
    return this.trunc ? ellipsis(createdBy, 45) : createdBy;
  }
  Size(): string { return this.human ? humanSizeWithPrecision(this.h.Size, 3) : String(this.h.Size); }
  Comment(): string { return this.h.Comment; }
}

export interface HistoryFormatOptions { format?: string; quiet?: boolean; noTrunc?: boolean; human?: boolean; now: number }

/** What `docker image history` prints on stdout. Throws FormatError. */
export function formatHistory(items: readonly HistoryItem[], opts: HistoryFormatOptions): string {
  const human = opts.human ?? true;
  const source = opts.format && opts.format.length > 0 ? opts.format : TABLE_FORMAT_KEY;
  const format = newHistoryFormat(source, opts.quiet ?? false, human);
  const rows = items.map((h) => new HistoryContext(h, !opts.noTrunc, human, opts.now));
  return writeFormat(format, HISTORY_HEADERS, rows);
}

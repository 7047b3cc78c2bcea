import { type CliContext, type CommandDef, exactArgs } from '../../command';
import { buildFilters, validateFilter } from '../../filters';
import { fmt } from '../../formatters';

export interface SearchOptions { term: string; noTrunc: boolean; limit: number; filter: string[]; format: string }

export const searchCommand: CommandDef<SearchOptions> = {
  name: 'search',
  spec: 'search',
  args: exactArgs(1),
  flagValidators: { filter: validateFilter },
  options: (f, args) => ({ term: args[0], noTrunc: f.bool('no-trunc'), limit: f.int('limit', 0), filter: f.list('filter'), format: f.string('format') }),
  run: runSearch,
};

export async function runSearch(ctx: CliContext, opts: SearchOptions): Promise<void> {
  const results = await ctx.client.imageSearch({ term: opts.term, limit: opts.limit || undefined, filters: opts.filter.length ? buildFilters(opts.filter) : undefined });
  ctx.io.stdout(fmt.formatSearch(results, { format: opts.format || 'table', noTrunc: opts.noTrunc, limit: opts.limit }));
}

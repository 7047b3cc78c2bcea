import { type CliContext, type CommandDef, noArgs } from '../../command';
import { buildFilters, validateFilter } from '../../filters';
import { fmt } from '../../formatters';

export interface PsOptions { quiet: boolean; size: boolean; all: boolean; noTrunc: boolean; latest: boolean; last: number; format: string; filter: string[] }

export const listCommand: CommandDef<PsOptions> = {
  name: 'ls',
  aliases: ['ps', 'list'],
  spec: 'container ls',
  args: noArgs,
  flagValidators: { filter: validateFilter },
  options: (f) => ({ quiet: f.bool('quiet'), size: f.bool('size'), all: f.bool('all'), noTrunc: f.bool('no-trunc'), latest: f.bool('latest'), last: f.int('last', -1), format: f.string('format'), filter: f.list('filter') }),
  run: runPs,
};

export async function runPs(ctx: CliContext, opts: PsOptions): Promise<void> {
  const limit = opts.latest ? 1 : opts.last;
  const list = await ctx.client.containerList({ all: opts.all || limit > 0, limit: limit > 0 ? limit : undefined, size: opts.size, filters: buildFilters(opts.filter) });
  ctx.io.stdout(fmt.formatContainers(list, { format: opts.format || 'table', quiet: opts.quiet, noTrunc: opts.noTrunc, size: opts.size, now: ctx.now() }));
}

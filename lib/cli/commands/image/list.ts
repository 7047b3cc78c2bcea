import type { ImageSummary } from '../../../api/types';
import { type CliContext, type CommandDef, maxArgs, StatusError } from '../../command';
import { buildFilters, validateFilter } from '../../filters';
import { formatImageTree } from '../../formatter/image-tree';
import { fmt } from '../../formatters';

export interface ListOptions { calledAs: string; matchName: string; quiet: boolean; all: boolean; noTrunc: boolean; showDigests: boolean; format: string; filter: string[]; tree: boolean }

export const listCommand: CommandDef<ListOptions> = {
  name: 'ls',
  aliases: ['list'],
  spec: 'image ls',
  args: maxArgs(1),
  flagValidators: { filter: validateFilter },
  options: (f, args, cmd) => ({
    calledAs: cmd.name, matchName: args[0] ?? '', quiet: f.bool('quiet'), all: f.bool('all'), noTrunc: f.bool('no-trunc'), showDigests: f.bool('digests'),
    format: f.string('format'), filter: f.list('filter'), tree: f.bool('tree'),
  }),
  run: runImages,
};

/** Sub-command names of `docker image`, for the "did you mean" hint of `docker images ls`. */
const IMAGE_SUBCOMMANDS = ['build', 'history', 'import', 'inspect', 'load', 'ls', 'prune', 'pull', 'push', 'rm', 'save', 'tag'];

export async function runImages(ctx: CliContext, opts: ListOptions): Promise<void> {
  if (opts.tree) {
    const { apiVersion } = await ctx.client.ping();
    const [maj, min] = apiVersion.split('.').map(Number);
    if (maj < 1 || (maj === 1 && min < 47)) throw new StatusError(`"--tree" requires API version 1.47, but the Docker daemon API version is ${apiVersion}`, 1);
    const filters = buildFilters(opts.filter);
    const tree = await ctx.client.imageList({ all: opts.all, filters, manifests: true });
    ctx.io.stdout(formatImageTree(tree, { all: opts.all, width: ctx.io.isTTY ? ctx.io.columns : 80 }));
    return;
  }
  const filters = buildFilters(opts.filter);
  if (opts.matchName !== '') (filters.reference ??= {})[opts.matchName] = true;
  const images: ImageSummary[] = await ctx.client.imageList({ all: opts.all, filters });
  const format = opts.format || ctx.env.__IMAGES_FORMAT || 'table';
  ctx.io.stdout(fmt.formatImages(images, { format, quiet: opts.quiet, noTrunc: opts.noTrunc, digests: opts.showDigests, now: ctx.now() }));
  if (images.length === 0 && opts.calledAs === 'images' && opts.matchName !== '' && IMAGE_SUBCOMMANDS.includes(opts.matchName) && !opts.quiet) {
    ctx.io.stderr(`\nNo images found matching "${opts.matchName}": did you mean "docker image ${opts.matchName}"?\n`);
  }
}

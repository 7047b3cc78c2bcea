import { type CliContext, type CommandDef, minArgs, StatusError } from '../../command';
import { resolvePath } from '../../workspace-path';

export interface SaveOptions { images: string[]; output: string; platform: string }

export const saveCommand: CommandDef<SaveOptions> = {
  name: 'save',
  spec: 'image save',
  args: minArgs(1),
  options: (f, args) => ({ images: args, output: f.string('output'), platform: f.string('platform') }),
  run: runSave,
};

export async function runSave(ctx: CliContext, opts: SaveOptions): Promise<void> {
  if (opts.output === '' && ctx.io.isTTY) throw new StatusError('cowardly refusing to save to a terminal. Use the -o flag or redirect', 1);
  const tar = await ctx.client.imageSave(opts.images);
  if (opts.output === '') {
    ctx.io.stdout(new TextDecoder('latin1').decode(tar));
    return;
  }
  if (!ctx.workspace) throw new StatusError(`failed to save image: invalid output path: no workspace`, 1);
  ctx.workspace.write(resolvePath(ctx, opts.output), tar, 0o600);
}

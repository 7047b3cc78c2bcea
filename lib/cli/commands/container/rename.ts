import { type CliContext, type CommandDef, exactArgs, StatusError } from '../../command';
import { errorText } from '../../errors';

export interface RenameOptions { oldName: string; newName: string }

export const renameCommand: CommandDef<RenameOptions> = {
  name: 'rename',
  spec: 'container rename',
  args: exactArgs(2),
  options: (_f, args) => ({ oldName: args[0].trim(), newName: args[1].trim() }),
  run: runRename,
};

export async function runRename(ctx: CliContext, opts: RenameOptions): Promise<void> {
  if (opts.oldName === '' || opts.newName === '') throw new StatusError('Error: Neither old nor new names may be empty', 1);
  try {
    await ctx.client.containerRename(opts.oldName, opts.newName);
  } catch (e) {
    ctx.io.stderr(errorText(e) + '\n');
    throw new StatusError(`Error: failed to rename container named ${opts.oldName}`, 1);
  }
}

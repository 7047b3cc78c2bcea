import { type CliContext, type CommandDef, noArgs, StatusError } from '../../command';
import { displayStream } from '../../stream';
import { resolvePath } from '../../workspace-path';

export interface LoadOptions { input: string; quiet: boolean; platform: string }

export const loadCommand: CommandDef<LoadOptions> = {
  name: 'load',
  spec: 'image load',
  args: noArgs,
  options: (f) => ({ input: f.string('input'), quiet: f.bool('quiet'), platform: f.string('platform') }),
  run: runLoad,
};

export async function runLoad(ctx: CliContext, opts: LoadOptions): Promise<void> {
  let tar: Uint8Array;
  if (opts.input === '') {
    // docker/cli load.go: reading a terminal would hang, so a tar must come through stdin (`docker load < image.tar`)
    if (ctx.stdin === undefined && ctx.io.isTTY) throw new StatusError('requested load from stdin, but stdin is empty', 1);
    tar = ctx.stdin ?? new Uint8Array(0);
  } else {
    const file = ctx.workspace?.read(resolvePath(ctx, opts.input));
    if (!file) throw new StatusError(`open ${opts.input}: no such file or directory`, 1);
    tar = file.data;
  }
  // Progress bars need a terminal: the CLI asks the daemon for quiet output when stdout is not one.
  const quiet = opts.quiet || !ctx.io.isTTY;
  await displayStream(ctx, ctx.client.imageLoad(tar, quiet));
}

import { type CliContext, type CommandDef, minArgs } from '../../command';
import { inspectAll } from '../../inspect';

export interface VolumeInspectOptions { names: string[]; format: string }

export const inspectCommand: CommandDef<VolumeInspectOptions> = {
  name: 'inspect',
  spec: 'volume inspect',
  args: minArgs(1),
  options: (f, args) => ({ names: args, format: f.string('format') }),
  run: runVolumeInspect,
};

export async function runVolumeInspect(ctx: CliContext, o: VolumeInspectOptions): Promise<void> {
  await inspectAll(ctx, o.names, o.format, (n) => ctx.client.volumeInspect(n));
}

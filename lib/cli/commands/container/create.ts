import { type CliContext, type CommandDef, minArgs } from '../../command';
import { CONTAINER_FLAG_VALIDATORS, type ContainerOptions, containerOptions, createContainer } from './run';

export const createCommand: CommandDef<ContainerOptions> = {
  name: 'create',
  spec: 'container create',
  args: minArgs(1),
  interspersed: false,
  flagValidators: CONTAINER_FLAG_VALIDATORS,
  options: containerOptions,
  run: runCreate,
};

export async function runCreate(ctx: CliContext, o: ContainerOptions): Promise<void> {
  const id = await createContainer(ctx, o, 'create');
  ctx.io.stdout(id + '\n');
}

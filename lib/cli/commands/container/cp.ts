import { type CliContext, type CommandDef, exactArgs, StatusError } from '../../command';

export interface CpOptions { source: string; destination: string; followLink: boolean; quiet: boolean }

export const cpCommand: CommandDef<CpOptions> = {
  name: 'cp',
  spec: 'container cp',
  args: exactArgs(2),
  options: (f, args) => ({ source: args[0], destination: args[1], followLink: f.bool('follow-link'), quiet: f.bool('quiet') }),
  run: runCp,
};

function splitCpArg(arg: string): [string, string] {
  if (arg.startsWith('/') || arg.startsWith('.')) return ['', arg];
  const i = arg.indexOf(':');
  return i < 0 ? ['', arg] : [arg.slice(0, i), arg.slice(i + 1)];
}

export async function runCp(_ctx: CliContext, o: CpOptions): Promise<void> {
  const [srcC] = splitCpArg(o.source);
  const [dstC] = splitCpArg(o.destination);
  if (srcC !== '' && dstC !== '') throw new StatusError('copying between containers is not supported', 1);
  if (srcC === '' && dstC === '') throw new StatusError('must specify at least one container source', 1);
  throw new StatusError('docker cp is not supported in this playground yet', 1);
}

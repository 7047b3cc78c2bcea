import { type CliContext, type CommandDef, exactArgs, StatusError } from '../../command';
import { fullName, referenceString, tagNameOnly } from '../../../reference/reference';
import { displayStream } from '../../stream';
import { parseRemote } from './pull';
import { registryAuthFor } from '../registry/auth';

export interface PushOptions { remote: string; all: boolean; quiet: boolean; platform: string }

export const pushCommand: CommandDef<PushOptions> = {
  name: 'push',
  spec: 'image push',
  args: exactArgs(1),
  hiddenFlags: [{ name: 'disable-content-trust', type: '', help: '' }],
  options: (f, args) => ({ remote: args[0], all: f.bool('all-tags'), quiet: f.bool('quiet'), platform: f.string('platform') }),
  run: runPush,
};

export async function runPush(ctx: CliContext, opts: PushOptions): Promise<void> {
  let ref = parseRemote(opts.remote);
  const nameOnly = ref.tag === undefined && ref.digest === undefined;
  if (opts.all && !nameOnly) throw new StatusError("tag can't be used with --all-tags/-a", 1);
  if (!opts.all && nameOnly) {
    ref = tagNameOnly(ref);
    if (!opts.quiet) ctx.io.stdout(`Using default tag: ${ref.tag}\n`);
  }
  const stream = ctx.client.imagePush(fullName(ref), { tag: ref.digest ? undefined : ref.tag, registryAuth: registryAuthFor(ctx, ref.domain) });
  await displayStream(ctx, stream, { quiet: opts.quiet });
  if (opts.quiet) ctx.io.stdout(referenceString(ref) + '\n');
}

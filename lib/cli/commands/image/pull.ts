import { type CliContext, type CommandDef, exactArgs, StatusError } from '../../command';
import { parseNormalizedNamed, referenceString, tagNameOnly, fullName, ReferenceError } from '../../../reference/reference';
import { displayStream } from '../../stream';
import { registryAuthFor } from '../registry/auth';

export interface PullOptions { remote: string; all: boolean; quiet: boolean; platform: string }

export const pullCommand: CommandDef<PullOptions> = {
  name: 'pull',
  spec: 'image pull',
  args: exactArgs(1),
  hiddenFlags: [{ name: 'disable-content-trust', type: '', help: '' }],
  options: (f, args) => ({ remote: args[0], all: f.bool('all-tags'), quiet: f.bool('quiet'), platform: f.string('platform') }),
  run: runPull,
};

export function parseRemote(remote: string) {
  try {
    return parseNormalizedNamed(remote);
  } catch (e) {
    if (e instanceof ReferenceError) throw new StatusError(e.message, 1);
    throw e;
  }
}

export async function runPull(ctx: CliContext, opts: PullOptions): Promise<void> {
  let ref = parseRemote(opts.remote);
  const nameOnly = ref.tag === undefined && ref.digest === undefined;
  if (opts.all && !nameOnly) throw new StatusError("tag can't be used with --all-tags/-a", 1);
  if (!opts.all && nameOnly) {
    ref = tagNameOnly(ref);
    if (!opts.quiet) ctx.io.stdout(`Using default tag: ${ref.tag}\n`);
  }
  const tag = ref.digest ?? ref.tag;
  const stream = ctx.client.imagePull({ fromImage: fullName(ref), tag: opts.all ? undefined : tag, platform: opts.platform || undefined, registryAuth: registryAuthFor(ctx, ref.domain) });
  await displayStream(ctx, stream, { quiet: opts.quiet });
  ctx.io.stdout(referenceString(ref) + '\n');
}

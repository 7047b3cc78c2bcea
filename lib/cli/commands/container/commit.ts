import { type CliContext, type CommandDef, rangeArgs, StatusError } from '../../command';
import { fullName, parseNormalizedNamed, ReferenceError, tagNameOnly } from '../../../reference/reference';

export interface CommitOptions { container: string; reference: string; pause: boolean; comment: string; author: string; changes: string[] }

export const commitCommand: CommandDef<CommitOptions> = {
  name: 'commit',
  spec: 'container commit',
  args: rangeArgs(1, 2),
  interspersed: false,
  options: (f, args) => ({ container: args[0], reference: args[1] ?? '', pause: f.bool('pause', true), comment: f.string('message'), author: f.string('author'), changes: f.list('change') }),
  run: runCommit,
};

export async function runCommit(ctx: CliContext, opts: CommitOptions): Promise<void> {
  let repo = '';
  let tag = '';
  if (opts.reference !== '') {
    let ref;
    try {
      ref = parseNormalizedNamed(opts.reference);
    } catch (e) {
      if (e instanceof ReferenceError) throw new StatusError(e.message, 1);
      throw e;
    }
    if (ref.digest !== undefined) throw new StatusError('refusing to create a tag with a digest reference', 1);
    ref = tagNameOnly(ref);
    repo = fullName(ref);
    tag = ref.tag ?? '';
  }
  const res = await ctx.client.commit({ container: opts.container, repo, tag, comment: opts.comment, author: opts.author, pause: opts.pause, changes: opts.changes });
  ctx.io.stdout(res.Id + '\n');
}

import { type CliContext, type CommandDef, minArgs, StatusError } from '../../command';
import { fullName, parseNormalizedNamed, ReferenceError } from '../../../reference/reference';
import { displayStream } from '../../stream';
import { resolvePath } from '../../workspace-path';

export interface ImportOptions { source: string; reference: string; changes: string[]; message: string; platform: string }

export const importCommand: CommandDef<ImportOptions> = {
  name: 'import',
  spec: 'image import',
  args: minArgs(1),
  options: (f, args) => ({ source: args[0], reference: args[1] ?? '', changes: f.list('change'), message: f.string('message'), platform: f.string('platform') }),
  run: runImport,
};

export async function runImport(ctx: CliContext, opts: ImportOptions): Promise<void> {
  let data: Uint8Array;
  if (opts.source === '-') {
    // The CLI streams its stdin; in the console that is a redirected file (`docker import - < rootfs.tar`).
    if (ctx.stdin === undefined && ctx.io.isTTY) throw new StatusError('docker import -: nothing on stdin; redirect an archive from the workspace: docker import - < rootfs.tar', 1);
    data = ctx.stdin ?? new Uint8Array(0);
  } else {
    if (/^https?:\/\//.test(opts.source)) throw new StatusError('importing from a URL is not supported in this playground', 1);
    const file = ctx.workspace?.read(resolvePath(ctx, opts.source));
    if (!file) throw new StatusError(`open ${opts.source}: no such file or directory`, 1);
    data = file.data;
  }
  let repo: string | undefined;
  let tag: string | undefined;
  if (opts.reference !== '') {
    try {
      const r = parseNormalizedNamed(opts.reference);
      repo = fullName(r);
      tag = r.tag;
    } catch (e) {
      if (e instanceof ReferenceError) throw new StatusError(e.message, 1);
      throw e;
    }
  }
  await displayStream(ctx, ctx.client.imageImport(data, { fromSrc: '-', repo, tag, message: opts.message, changes: opts.changes }));
}

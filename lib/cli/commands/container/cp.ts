import { EngineError } from '../../../api/errors';
import { readTar, writeTar, type TarWriteEntry } from '../../../api/tar-read';
import { humanSize } from '../../formatter/units';
import { type CliContext, type CommandDef, exactArgs, StatusError } from '../../command';
import { resolvePath } from '../../workspace-path';

export interface CpOptions { source: string; destination: string; followLink: boolean; quiet: boolean; archive: boolean }

export const cpCommand: CommandDef<CpOptions> = {
  name: 'cp',
  spec: 'container cp',
  args: exactArgs(2),
  options: (f, args) => ({ source: args[0], destination: args[1], followLink: f.bool('follow-link'), quiet: f.bool('quiet'), archive: f.bool('archive') }),
  run: runCp,
};

/** cp.go splitCpArg: `CONTAINER:PATH`, unless the argument is an absolute or explicitly relative local path. */
export function splitCpArg(arg: string): [string, string] {
  if (arg.startsWith('/') || arg.startsWith('.')) return ['', arg];
  const i = arg.indexOf(':');
  return i <= 0 ? ['', arg] : [arg.slice(0, i), arg.slice(i + 1)];
}

const basename = (p: string) => p.replace(/\/+$/, '').split('/').pop() || '';

async function containerStat(ctx: CliContext, container: string, path: string): Promise<{ isDir: boolean } | null> {
  try {
    const r = await ctx.client.containerArchiveGet(container, path);
    return { isDir: (r.stat.mode & 0x80000000) !== 0 };
  } catch (e) {
    if (e instanceof EngineError && e.status === 404 && /^Could not find the file/.test(e.message)) return null;
    throw e;
  }
}

function success(ctx: CliContext, quiet: boolean, bytes: number, dest: string): void {
  // The CLI reports progress only when stderr is a terminal.
  if (!quiet && ctx.io.isTTY) ctx.io.stderr(`Successfully copied ${humanSize(bytes)} to ${dest}\n`);
}

export async function runCp(ctx: CliContext, o: CpOptions): Promise<void> {
  if (o.source === '') throw new StatusError('source can not be empty', 1);
  if (o.destination === '') throw new StatusError('destination can not be empty', 1);
  const [srcC, srcP] = splitCpArg(o.source);
  const [dstC, dstP] = splitCpArg(o.destination);
  if (srcC !== '' && dstC !== '') throw new StatusError('copying between containers is not supported', 1);
  if (srcC === '' && dstC === '') throw new StatusError('must specify at least one container source', 1);
  const ws = ctx.workspace;
  if (!ws) throw new StatusError('docker cp needs a workspace', 1);

  if (srcC !== '') {
    // container -> workspace
    if (o.destination === '-') throw new StatusError('writing a tar stream to stdout is not supported in this console', 1);
    const { tar } = await ctx.client.containerArchiveGet(srcC, srcP);
    const entries = readTar(tar);
    const dest = resolvePath(ctx, dstP);
    const destIsDir = dest === '' || ws.list().some((f) => f.path.startsWith(dest + '/'));
    const root = entries[0]?.name.split('/')[0] ?? basename(srcP);
    let bytes = 0;
    for (const e of entries) {
      if (e.type !== 'file') continue;
      const rel = e.name === root ? '' : e.name.slice(root.length + 1);
      const target = destIsDir ? [dest, e.name].filter(Boolean).join('/') : [dest, rel].filter(Boolean).join('/');
      ws.write(target, e.data, e.mode & 0o777);
      bytes += e.data.length;
    }
    success(ctx, o.quiet, bytes, '/' + dest);
    return;
  }

  // workspace -> container
  if (o.source === '-') throw new StatusError('reading a tar stream from stdin is not supported in this console', 1);
  const src = resolvePath(ctx, srcP);
  const file = ws.read(src);
  const under = ws.list().filter((f) => f.path.startsWith(src + '/'));
  if (!file && under.length === 0) throw new StatusError(`lstat /${src}: no such file or directory`, 1);
  const stat = await containerStat(ctx, dstC, dstP);
  let dir: string;
  let name: string;
  if (stat?.isDir) {
    dir = dstP;
    name = basename(src);
  } else {
    if (dstP.endsWith('/')) throw new StatusError(`Error response from daemon: Could not find the file ${dstP} in container ${dstC}`, 1);
    const i = dstP.replace(/\/+$/, '').lastIndexOf('/');
    dir = i <= 0 ? '/' : dstP.slice(0, i);
    name = basename(dstP);
  }
  const entries: TarWriteEntry[] = [];
  let bytes = 0;
  if (file) {
    entries.push({ name, type: 'file', mode: file.mode, data: file.data, mtime: Math.floor(file.mtime / 1000) });
    bytes += file.data.length;
  } else {
    entries.push({ name, type: 'dir', mode: 0o755 });
    const dirs = new Set<string>();
    for (const f of under) {
      const rel = f.path.slice(src.length + 1);
      const parts = rel.split('/');
      for (let k = 1; k < parts.length; k++) {
        const d = parts.slice(0, k).join('/');
        if (!dirs.has(d)) { dirs.add(d); entries.push({ name: `${name}/${d}`, type: 'dir', mode: 0o755 }); }
      }
      entries.push({ name: `${name}/${rel}`, type: 'file', mode: f.mode, data: f.data, mtime: Math.floor(f.mtime / 1000) });
      bytes += f.data.length;
    }
  }
  await ctx.client.containerArchivePut(dstC, dir, writeTar(entries));
  success(ctx, o.quiet, bytes, `${dstC}:${dstP}`);
}

/**
 * `ls -l` with the real owners, groups, modes and link counts from the union fs (just-bash's own ls prints fixed
 * ones). Other forms of ls are delegated to just-bash's implementation.
 */
import type { UnionFs } from '../engine/fs/union';
import type { Entry } from '../engine/fs/entry';
import { normPath, joinPath, entrySize } from '../engine/fs/entry';
import { readGroups, readPasswd, type CmdOut } from './users';

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

export function modeString(e: Entry): string {
  const t = e.type === 'dir' ? 'd' : e.type === 'symlink' ? 'l' : '-';
  const m = e.mode;
  const tri = (r: number, w: number, x: number, special: boolean, sc: string) =>
    (m & r ? 'r' : '-') + (m & w ? 'w' : '-') + (special ? (m & x ? sc : sc.toUpperCase()) : m & x ? 'x' : '-');
  return t + tri(0o400, 0o200, 0o100, !!(m & 0o4000), 's') + tri(0o40, 0o20, 0o10, !!(m & 0o2000), 's') + tri(0o4, 0o2, 0o1, !!(m & 0o1000), 't');
}
function lsDate(mtime: number, nowSec: number): string {
  const d = new Date(mtime * 1000);
  const mon = MONTHS[d.getUTCMonth()];
  const day = String(d.getUTCDate()).padStart(2, ' ');
  const recent = mtime <= nowSec + 3600 && nowSec - mtime < 182 * 86400;
  return recent ? `${mon} ${day} ${String(d.getUTCHours()).padStart(2, '0')}:${String(d.getUTCMinutes()).padStart(2, '0')}` : `${mon} ${day}  ${d.getUTCFullYear()}`;
}
function human(n: number): string {
  if (n < 1024) return String(n);
  const units = ['K', 'M', 'G', 'T'];
  let v = n, i = -1;
  while (v >= 1024 && i < units.length - 1) { v /= 1024; i++; }
  return (v < 10 ? (Math.ceil(v * 10) / 10).toFixed(1) : String(Math.ceil(v))) + units[i];
}

/** Returns undefined when the arguments ask for something this does not handle (then just-bash's ls runs). */
export async function lsLong(fs: UnionFs, args: string[], cwd: string, busybox: boolean, nowSec: number): Promise<CmdOut | undefined> {
  const flags = new Set<string>();
  const paths: string[] = [];
  for (const a of args) {
    if (a === '--') continue;
    if (a.startsWith('--')) return undefined;
    if (a.startsWith('-') && a.length > 1) for (const c of a.slice(1)) flags.add(c);
    else paths.push(a);
  }
  if (!flags.has('l') && !flags.has('n')) return undefined;
  for (const f of flags) if (!'lanhdAF1'.includes(f)) return undefined;
  const numeric = flags.has('n');
  const users = new Map((await readPasswd(fs)).map((u) => [u.uid, u.name]));
  const groups = new Map((await readGroups(fs)).map((g) => [g.gid, g.name]));
  const abs = (p: string) => normPath(p.startsWith('/') ? p : `${cwd}/${p}`);
  type Row = { name: string; e: Entry; path: string };
  const nlink = (r: Row) => (r.e.type === 'dir' ? 2 + fs.children(r.path).filter((k) => fs.get(joinPath(r.path, k))?.type === 'dir').length : 1);
  const format = (rows: Row[]): string[] => {
    const cells = rows.map((r) => ({
      mode: modeString(r.e), links: String(nlink(r)),
      user: numeric ? String(r.e.uid) : users.get(r.e.uid) ?? String(r.e.uid),
      group: numeric ? String(r.e.gid) : groups.get(r.e.gid) ?? String(r.e.gid),
      size: flags.has('h') ? human(entrySize(r.e)) : String(entrySize(r.e)),
      date: lsDate(r.e.mtime, nowSec),
      name: r.name + (r.e.type === 'symlink' ? ` -> ${r.e.target}` : flags.has('F') && r.e.type === 'dir' ? '/' : ''),
    }));
    if (busybox) return cells.map((c) => `${c.mode} ${c.links.padStart(4)} ${c.user.padEnd(8)} ${c.group.padEnd(8)} ${c.size.padStart(9)} ${c.date} ${c.name}`);
    const w = (k: 'links' | 'user' | 'group' | 'size') => Math.max(0, ...cells.map((c) => c[k].length));
    const [wl, wu, wg, ws] = [w('links'), w('user'), w('group'), w('size')];
    return cells.map((c) => `${c.mode} ${c.links.padStart(wl)} ${c.user.padEnd(wu)} ${c.group.padEnd(wg)} ${c.size.padStart(ws)} ${c.date} ${c.name}`);
  };
  const blocks = (rows: Row[]) => rows.reduce((n, r) => n + (r.e.type === 'file' ? Math.ceil(entrySize(r.e) / 4096) * 4 : r.e.type === 'dir' ? 4 : 0), 0);
  let stdout = '', stderr = '', code = 0;
  const targets = paths.length ? paths : ['.'];
  const files: Row[] = [], dirs: Row[] = [];
  for (const p of targets) {
    const a = abs(p);
    const real = fs.entry(a);
    const link = fs.entry(a, false);
    if (!real && !link) {
      stderr += busybox ? `ls: ${p}: No such file or directory\n` : `ls: cannot access '${p}': No such file or directory\n`;
      code = busybox ? 1 : 2;
      continue;
    }
    if (real?.type === 'dir' && !flags.has('d')) dirs.push({ name: p, e: real, path: fs.resolve(a) });
    else files.push({ name: p, e: flags.has('d') || !real ? link! : link!.type === 'symlink' && real ? link! : real, path: a });
  }
  const sections: string[] = [];
  if (files.length) sections.push(format(files).join('\n') + '\n');
  for (const d of dirs) {
    let names = fs.children(d.path);
    if (!flags.has('a') && !flags.has('A')) names = names.filter((n) => !n.startsWith('.'));
    const rows: Row[] = names.map((n) => ({ name: n, e: fs.get(joinPath(d.path, n))!, path: joinPath(d.path, n) }));
    if (flags.has('a')) {
      const parent = fs.get(d.path === '/' ? '/' : d.path.slice(0, d.path.lastIndexOf('/')) || '/')!;
      rows.unshift({ name: '.', e: d.e, path: d.path }, { name: '..', e: parent, path: d.path === '/' ? '/' : d.path.slice(0, d.path.lastIndexOf('/')) || '/' });
    }
    const total = blocks(rows);
    const head = (targets.length > 1 ? `${d.name}:\n` : '') + `total ${flags.has('h') && !busybox ? human(total * 1024) : total}\n`;
    sections.push(head + (rows.length ? format(rows).join('\n') + '\n' : ''));
  }
  stdout = sections.join('\n');
  return { stdout, stderr, exitCode: code };
}

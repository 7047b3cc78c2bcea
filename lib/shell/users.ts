/** /etc/passwd and /etc/group: lookups for USER, chown, id, and the useradd/groupadd/adduser/addgroup commands. */
import type { UnionFs } from '../engine/fs/union';
import { utf8 } from '../engine/digest';

export interface PasswdEntry { name: string; uid: number; gid: number; gecos: string; home: string; shell: string }
export interface GroupEntry { name: string; gid: number; members: string[] }

async function read(fs: UnionFs, p: string): Promise<string> {
  try { return await fs.readFile(p); } catch { return ''; }
}
export async function readPasswd(fs: UnionFs): Promise<PasswdEntry[]> {
  return (await read(fs, '/etc/passwd')).split('\n').filter((l) => l.includes(':')).map((l) => {
    const f = l.split(':');
    return { name: f[0], uid: Number(f[2]), gid: Number(f[3]), gecos: f[4] ?? '', home: f[5] ?? '/', shell: f[6] ?? '/bin/sh' };
  });
}
export async function readGroups(fs: UnionFs): Promise<GroupEntry[]> {
  return (await read(fs, '/etc/group')).split('\n').filter((l) => l.includes(':')).map((l) => {
    const f = l.split(':');
    return { name: f[0], gid: Number(f[2]), members: (f[3] ?? '').split(',').filter(Boolean) };
  });
}
async function append(fs: UnionFs, p: string, line: string): Promise<void> {
  const cur = await read(fs, p);
  const e = fs.entry(p);
  fs.writeBytes(p, utf8(cur + (cur && !cur.endsWith('\n') ? '\n' : '') + line + '\n'), e?.mode);
}
async function rewrite(fs: UnionFs, p: string, f: (lines: string[]) => string[]): Promise<void> {
  const cur = await read(fs, p);
  const e = fs.entry(p);
  fs.writeBytes(p, utf8(f(cur.split('\n').filter(Boolean)).join('\n') + '\n'), e?.mode);
}

/** Resolves a Docker USER spec ("name", "uid", "name:group", "uid:gid") like the runtime does. */
export async function resolveUser(fs: UnionFs, spec: string): Promise<{ uid: number; gid: number; name?: string; home: string; error?: string }> {
  const [u, g] = spec.split(':');
  const users = await readPasswd(fs);
  let uid: number, gid: number, name: string | undefined, home = '/';
  const byName = users.find((x) => x.name === u);
  if (byName) ({ uid, gid, name, home } = { uid: byName.uid, gid: byName.gid, name: byName.name, home: byName.home });
  else if (/^\d+$/.test(u)) {
    uid = Number(u);
    const byId = users.find((x) => x.uid === uid);
    gid = byId?.gid ?? uid === 0 ? 0 : (byId?.gid ?? 0);
    if (byId) { gid = byId.gid; name = byId.name; home = byId.home; }
  } else return { uid: 0, gid: 0, home: '/', error: `unable to find user ${u}: no matching entries in passwd file` };
  if (g !== undefined) {
    const groups = await readGroups(fs);
    const gg = groups.find((x) => x.name === g);
    if (gg) gid = gg.gid;
    else if (/^\d+$/.test(g)) gid = Number(g);
    else return { uid, gid: 0, home, error: `unable to find group ${g}: no matching entries in group file` };
  }
  return { uid, gid, name, home };
}

export async function idLine(fs: UnionFs, uid: number, gid: number): Promise<string> {
  const users = await readPasswd(fs);
  const groups = await readGroups(fs);
  const u = users.find((x) => x.uid === uid);
  const gname = (id: number) => groups.find((x) => x.gid === id)?.name;
  const pg = gname(gid);
  const extra = u ? groups.filter((x) => x.members.includes(u.name) && x.gid !== gid).map((x) => x.gid) : [];
  const all = [gid, ...extra];
  return `uid=${uid}${u ? `(${u.name})` : ''} gid=${gid}${pg ? `(${pg})` : ''} groups=${all.map((g) => `${g}${gname(g) ? `(${gname(g)})` : ''}`).join(',')}`;
}

export interface CmdOut { stdout: string; stderr: string; exitCode: number }
const out = (stdout = '', stderr = '', exitCode = 0): CmdOut => ({ stdout, stderr, exitCode });

function nextId(used: number[], system: boolean): number {
  if (system) { for (let i = 999; i > 100; i--) if (!used.includes(i)) return i; }
  let i = 1000;
  while (used.includes(i)) i++;
  return i;
}

async function addGroup(fs: UnionFs, name: string, gid: number | undefined, system: boolean): Promise<number> {
  const groups = await readGroups(fs);
  const id = gid ?? nextId(groups.map((g) => g.gid), system);
  await append(fs, '/etc/group', `${name}:x:${id}:`);
  if (fs.entry('/etc/gshadow')) await append(fs, '/etc/gshadow', `${name}:!::`);
  return id;
}
async function copySkel(fs: UnionFs, home: string, uid: number, gid: number): Promise<void> {
  fs.ensureDir(home, { uid, gid, mode: 0o755 });
  let names: string[] = [];
  try { names = await fs.readdir('/etc/skel'); } catch { /* none */ }
  for (const n of names) {
    const e = fs.entry('/etc/skel/' + n);
    if (e && e.type === 'file') fs.putEntry(`${home}/${n}`, { ...e, uid, gid });
  }
}

/** shadow-utils useradd. */
export async function useradd(fs: UnionFs, args: string[]): Promise<CmdOut> {
  let uid: number | undefined, group: string | undefined, shell: string | undefined, home: string | undefined, comment = '';
  let create = false, system = false, userGroup = true;
  const extra: string[] = [];
  let name: string | undefined;
  for (let i = 0; i < args.length; i++) {
    const a = args[i];
    const val = () => (a.includes('=') ? a.slice(a.indexOf('=') + 1) : args[++i]);
    if (a === '-m' || a === '--create-home') create = true;
    else if (a === '-M' || a === '--no-create-home') create = false;
    else if (a === '-r' || a === '--system') system = true;
    else if (a === '-N' || a === '--no-user-group') userGroup = false;
    else if (a === '-U' || a === '--user-group') userGroup = true;
    else if (a === '-l' || a === '--no-log-init') continue;
    else if (a === '-u' || a.startsWith('--uid')) uid = Number(val());
    else if (a === '-g' || a.startsWith('--gid')) group = val();
    else if (a === '-G' || a.startsWith('--groups')) extra.push(...val().split(','));
    else if (a === '-s' || a.startsWith('--shell')) shell = val();
    else if (a === '-d' || a.startsWith('--home-dir') || a.startsWith('--home')) home = val();
    else if (a === '-c' || a.startsWith('--comment')) comment = val();
    else if (a === '-o' || a === '--non-unique' || a === '-K') { if (a === '-K') i++; }
    else if (a.startsWith('-')) return out('', `useradd: invalid option -- '${a.replace(/^-+/, '')}'\n`, 2);
    else name = a;
  }
  if (!name) return out('', 'Usage: useradd [options] LOGIN\n       useradd -D\n       useradd -D [options]\n', 2);
  const users = await readPasswd(fs);
  if (users.some((u) => u.name === name)) return out('', `useradd: user '${name}' already exists\n`, 9);
  if (uid !== undefined && users.some((u) => u.uid === uid)) return out('', `useradd: UID ${uid} is not unique\n`, 4);
  const groups = await readGroups(fs);
  const id = uid ?? nextId(users.map((u) => u.uid), system);
  let gid: number;
  if (group !== undefined) {
    const g = groups.find((x) => x.name === group || String(x.gid) === group);
    if (!g) return out('', `useradd: group '${group}' does not exist\n`, 6);
    gid = g.gid;
  } else if (userGroup) {
    if (groups.some((g) => g.name === name)) return out('', `useradd: group ${name} exists - if you want to add this user to that group, use -g.\n`, 9);
    gid = await addGroup(fs, name, groups.some((g) => g.gid === id) ? undefined : id, system);
  } else gid = 100;
  for (const gname of extra) {
    if (!groups.some((g) => g.name === gname)) return out('', `useradd: group '${gname}' does not exist\n`, 6);
  }
  if (extra.length) await rewrite(fs, '/etc/group', (ls) => ls.map((l) => {
    const f = l.split(':');
    if (!extra.includes(f[0])) return l;
    const mem = (f[3] ?? '').split(',').filter(Boolean);
    mem.push(name!);
    return `${f[0]}:${f[1]}:${f[2]}:${mem.join(',')}`;
  }));
  const h = home ?? `/home/${name}`;
  await append(fs, '/etc/passwd', `${name}:x:${id}:${gid}:${comment}:${h}:${shell ?? '/bin/sh'}`);
  if (fs.entry('/etc/shadow')) await append(fs, '/etc/shadow', `${name}:!:${20000}:0:99999:7:::`);
  if (create) await copySkel(fs, h, id, gid);
  return out();
}

export async function groupadd(fs: UnionFs, args: string[]): Promise<CmdOut> {
  let gid: number | undefined, system = false, force = false, name: string | undefined;
  for (let i = 0; i < args.length; i++) {
    const a = args[i];
    if (a === '-g' || a === '--gid') gid = Number(args[++i]);
    else if (a.startsWith('--gid=')) gid = Number(a.slice(6));
    else if (a === '-r' || a === '--system') system = true;
    else if (a === '-f' || a === '--force') force = true;
    else if (a.startsWith('-')) return out('', `groupadd: invalid option -- '${a.replace(/^-+/, '')}'\n`, 2);
    else name = a;
  }
  if (!name) return out('', 'Usage: groupadd [options] GROUP\n', 2);
  const groups = await readGroups(fs);
  if (groups.some((g) => g.name === name)) return force ? out() : out('', `groupadd: group '${name}' already exists\n`, 9);
  if (gid !== undefined && groups.some((g) => g.gid === gid)) return out('', `groupadd: GID '${gid}' already exists\n`, 4);
  await addGroup(fs, name, gid, system);
  return out();
}

/** adduser: Debian's (perl, chatty) or BusyBox's (silent, -D -S -G -u -h -s -H). */
export async function adduser(fs: UnionFs, args: string[], busybox: boolean): Promise<CmdOut> {
  if (busybox) {
    let uid: number | undefined, group: string | undefined, home: string | undefined, shell = '/bin/sh', system = false, noHome = false, gecos = 'Linux User,,,';
    const names: string[] = [];
    for (let i = 0; i < args.length; i++) {
      const a = args[i];
      if (a === '-u') uid = Number(args[++i]);
      else if (a === '-G') group = args[++i];
      else if (a === '-h') home = args[++i];
      else if (a === '-s') shell = args[++i];
      else if (a === '-g') gecos = args[++i];
      else if (a === '-S') system = true;
      else if (a === '-H') noHome = true;
      else if (a === '-D' || a === '-k') { if (a === '-k') i++; }
      else if (a.startsWith('-')) return out('', `adduser: unrecognized option '${a}'\n`, 1);
      else names.push(a);
    }
    if (names.length === 2) {
      // adduser USER GROUP: add an existing user to a group
      return addToGroup(fs, names[0], names[1], 'adduser');
    }
    const name = names[0];
    if (!name) return out('', 'BusyBox v1.37.0 (2025-01-17 18:12:01 UTC) multi-call binary.\n\nUsage: adduser [OPTIONS] USER [GROUP]\n', 1);
    const users = await readPasswd(fs);
    if (users.some((u) => u.name === name)) return out('', `adduser: user '${name}' in use\n`, 1);
    const id = uid ?? nextId(users.map((u) => u.uid), system);
    const groups = await readGroups(fs);
    let gid: number;
    if (group) {
      const g = groups.find((x) => x.name === group);
      if (!g) return out('', `adduser: unknown group ${group}\n`, 1);
      gid = g.gid;
    } else if (system) gid = groups.find((g) => g.name === 'nogroup')?.gid ?? 65533;
    else gid = await addGroup(fs, name, groups.some((g) => g.gid === id) ? undefined : id, false);
    const h = home ?? (system ? '/dev/null' : `/home/${name}`);
    await append(fs, '/etc/passwd', `${name}:x:${id}:${gid}:${system ? '' : gecos}:${h}:${system ? '/sbin/nologin' : shell}`);
    if (fs.entry('/etc/shadow')) await append(fs, '/etc/shadow', `${name}:!:${20000}:0:99999:7:::`);
    if (!noHome && !system) await copySkel(fs, h, id, gid);
    return out();
  }
  let system = false, uid: number | undefined, group: string | undefined, home: string | undefined, shell: string | undefined, noHome = false;
  const names: string[] = [];
  for (let i = 0; i < args.length; i++) {
    const a = args[i];
    const val = () => (a.includes('=') ? a.slice(a.indexOf('=') + 1) : args[++i]);
    if (a === '--system') system = true;
    else if (a.startsWith('--uid')) uid = Number(val());
    else if (a.startsWith('--ingroup') || a.startsWith('--gid')) group = val();
    else if (a.startsWith('--home')) home = val();
    else if (a.startsWith('--shell')) shell = val();
    else if (a === '--no-create-home') noHome = true;
    else if (a.startsWith('--gecos') || a.startsWith('--comment')) val();
    else if (a === '--disabled-password' || a === '--disabled-login' || a === '--quiet' || a === '-q') continue;
    else if (a.startsWith('-')) return out('', `adduser: Unknown option: ${a.replace(/^-+/, '')}\n`, 1);
    else names.push(a);
  }
  if (names.length === 2) return addToGroup(fs, names[0], names[1], 'adduser');
  const name = names[0];
  if (!name) return out('', 'adduser: Only one or two names allowed.\n', 1);
  const users = await readPasswd(fs);
  if (users.some((u) => u.name === name)) return out('', `adduser: The user \`${name}' already exists.\n`, 1);
  const id = uid ?? nextId(users.map((u) => u.uid), system);
  const groups = await readGroups(fs);
  let text = system ? '' : `Adding user \`${name}' ...\n`;
  let gid: number;
  if (group) {
    const g = groups.find((x) => x.name === group || String(x.gid) === group);
    if (!g) return out('', `adduser: The group \`${group}' does not exist.\n`, 1);
    gid = g.gid;
  } else {
    gid = await addGroup(fs, name, groups.some((g) => g.gid === id) ? undefined : id, system);
    if (!system) text += `Adding new group \`${name}' (${gid}) ...\n`;
  }
  const h = home ?? (system ? '/nonexistent' : `/home/${name}`);
  await append(fs, '/etc/passwd', `${name}:x:${id}:${gid}:,,,:${h}:${shell ?? (system ? '/usr/sbin/nologin' : '/bin/bash')}`);
  if (fs.entry('/etc/shadow')) await append(fs, '/etc/shadow', `${name}:*:${20000}:0:99999:7:::`);
  if (!system) {
    text += `Adding new user \`${name}' (${id}) with group \`${group ?? name} (${gid})' ...\n`;
    if (!noHome) {
      text += `Creating home directory \`${h}' ...\nCopying files from \`/etc/skel' ...\n`;
      await copySkel(fs, h, id, gid);
    } else text += `Not creating home directory \`${h}'.\n`;
    text += `Adding new user \`${name}' to supplemental / extra groups \`users' ...\nAdding user \`${name}' to group \`users' ...\n`;
  }
  return out(text);
}

async function addToGroup(fs: UnionFs, user: string, group: string, prog: string): Promise<CmdOut> {
  const users = await readPasswd(fs);
  const groups = await readGroups(fs);
  if (!users.some((u) => u.name === user)) return out('', `${prog}: The user \`${user}' does not exist.\n`, 1);
  if (!groups.some((g) => g.name === group)) return out('', `${prog}: The group \`${group}' does not exist.\n`, 1);
  await rewrite(fs, '/etc/group', (ls) => ls.map((l) => {
    const f = l.split(':');
    if (f[0] !== group) return l;
    const mem = (f[3] ?? '').split(',').filter(Boolean);
    if (!mem.includes(user)) mem.push(user);
    return `${f[0]}:${f[1]}:${f[2]}:${mem.join(',')}`;
  }));
  return out(prog === 'adduser' && !fs.entry('/etc/alpine-release') ? `Adding user \`${user}' to group \`${group}' ...\nDone.\n` : '');
}

export async function addgroup(fs: UnionFs, args: string[], busybox: boolean): Promise<CmdOut> {
  let gid: number | undefined, system = false;
  const names: string[] = [];
  for (let i = 0; i < args.length; i++) {
    const a = args[i];
    if (a === '-g' || a === '--gid') gid = Number(args[++i]);
    else if (a.startsWith('--gid=')) gid = Number(a.slice(6));
    else if (a === '-S' || a === '--system') system = true;
    else if (a.startsWith('-')) continue;
    else names.push(a);
  }
  if (names.length === 2) return addToGroup(fs, names[0], names[1], 'addgroup');
  const name = names[0];
  if (!name) return out('', busybox ? 'Usage: addgroup [-g GID] [-S] [USER] GROUP\n' : 'addgroup: Only one or two names allowed.\n', 1);
  const groups = await readGroups(fs);
  if (groups.some((g) => g.name === name)) return out('', busybox ? `addgroup: group '${name}' in use\n` : `addgroup: The group \`${name}' already exists.\n`, 1);
  const id = await addGroup(fs, name, gid, system);
  return out(busybox ? '' : `Adding group \`${name}' (GID ${id}) ...\nDone.\n`);
}

/**
 * Simulated package managers over a container's union fs: apt-get/apt/dpkg (Debian, Ubuntu), apk (Alpine),
 * pip and npm. They print what the real tools print (non-interactive form, as in `docker build` logs), write the
 * package files (binaries as generated content of the real size), update the package databases, and leave the
 * same leftovers (apt lists, apk index cache) that make images bigger.
 */
import type { UnionFs } from '../fs/union';
import { lazy, normPath, parentOf } from '../fs/entry';
import { utf8 } from '../digest';
import { APK as BASE_APK, APT as BASE_APT, NPM, PIP, type PkgDef } from './data';
import { apkDb, aptDb, aptRelease } from './releases';

export interface PkgResult { stdout: string; stderr: string; exitCode: number }
const ELF = '\x7fELF\x02\x01\x01\x00';
const ok = (stdout: string, stderr = ''): PkgResult => ({ stdout, stderr, exitCode: 0 });

async function readText(fs: UnionFs, p: string): Promise<string> {
  try { return await fs.readFile(p); } catch { return ''; }
}
function writeFile(fs: UnionFs, path: string, data: Uint8Array | string | { size: number; head?: string }, mode = 0o644): void {
  fs.ensureDir(parentOf(normPath(path)));
  const content = typeof data === 'string' ? utf8(data) : data instanceof Uint8Array ? data : lazy(data.size, data.head);
  fs.writeBytes(path, content, mode);
}
function osRelease(text: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const line of text.split('\n')) {
    const m = /^([A-Z_]+)=(.*)$/.exec(line);
    if (m) out[m[1]] = m[2].replace(/^"|"$/g, '');
  }
  return out;
}

/** apt's SizeToStr: "9311 k", "45.6 k", "12.3 M" (callers append "B"). */
export function aptSize(bytes: number): string {
  const ext = ['', 'k', 'M', 'G', 'T'];
  let a = bytes;
  for (let i = 0; i < ext.length; i++) {
    if (a < 100 && i !== 0) return `${a.toFixed(1)} ${ext[i]}`;
    if (a < 10000) return `${Math.round(a)} ${ext[i]}`;
    a /= 1000;
  }
  return `${Math.round(a)} P`;
}
/** apt's wrapped package list: two-space indent, wrapped before 80 columns. */
function wrapList(names: string[]): string {
  const lines: string[] = [];
  let cur = ' ';
  for (const n of names) {
    if (cur.length + 1 + n.length > 79 && cur.trim()) { lines.push(cur); cur = ' '; }
    cur += ' ' + n;
  }
  if (cur.trim()) lines.push(cur);
  return lines.join('\n') + '\n';
}
function closure(names: string[], db: Record<string, PkgDef>, installed: Set<string>): string[] {
  const order: string[] = [];
  const seen = new Set<string>();
  const visit = (n: string) => {
    if (seen.has(n) || installed.has(n)) return;
    seen.add(n);
    for (const d of db[n]?.deps ?? []) visit(d);
    order.push(n);
  };
  for (const n of names) visit(n);
  return order;
}

// ---------------- apt ----------------

interface AptDistro { id: string; code: string; mirrors: { url: string; suite: string; components: string[] }[] }
async function aptDistro(fs: UnionFs): Promise<AptDistro> {
  const os = osRelease(await readText(fs, '/etc/os-release'));
  const code = os.VERSION_CODENAME || os.UBUNTU_CODENAME || 'bookworm';
  if (os.ID === 'ubuntu') {
    return { id: 'ubuntu', code, mirrors: [
      { url: 'http://archive.ubuntu.com/ubuntu', suite: code, components: ['main', 'restricted', 'universe', 'multiverse'] },
      { url: 'http://security.ubuntu.com/ubuntu', suite: `${code}-security`, components: ['main', 'restricted', 'universe', 'multiverse'] },
      { url: 'http://archive.ubuntu.com/ubuntu', suite: `${code}-updates`, components: ['main', 'restricted', 'universe', 'multiverse'] },
      { url: 'http://archive.ubuntu.com/ubuntu', suite: `${code}-backports`, components: ['main', 'universe'] },
    ] };
  }
  return { id: 'debian', code, mirrors: [
    { url: 'http://deb.debian.org/debian', suite: code, components: ['main'] },
    { url: 'http://deb.debian.org/debian', suite: `${code}-updates`, components: ['main'] },
    { url: 'http://deb.debian.org/debian-security', suite: `${code}-security`, components: ['main'] },
  ] };
}
const listName = (url: string, suite: string, rest: string) => url.replace(/^https?:\/\//, '').replace(/\//g, '_') + '_dists_' + suite + '_' + rest;
const sizeKB = (seed: string, lo: number, hi: number) => { let h = 0; for (const c of seed) h = (h * 31 + c.charCodeAt(0)) >>> 0; return lo + (h % (hi - lo)); };

async function aptInstalled(fs: UnionFs): Promise<Map<string, string>> {
  const out = new Map<string, string>();
  const status = await readText(fs, '/var/lib/dpkg/status');
  for (const block of status.split('\n\n')) {
    const name = /^Package: (.+)$/m.exec(block)?.[1];
    const ver = /^Version: (.+)$/m.exec(block)?.[1];
    if (name && /^Status: install ok installed$/m.test(block)) out.set(name, ver ?? '');
  }
  return out;
}
async function aptHasLists(fs: UnionFs): Promise<boolean> {
  try { return (await fs.readdir('/var/lib/apt/lists')).some((n) => n.endsWith('_Packages')); } catch { return false; }
}
export async function aptGet(fs: UnionFs, args: string[], opts: { prog?: string; assumeYes?: boolean } = {}): Promise<PkgResult> {
  const prog = opts.prog ?? 'apt-get';
  const warn = prog === 'apt' ? '\nWARNING: apt does not have a stable CLI interface. Use with caution in scripts.\n\n' : '';
  let yes = !!opts.assumeYes, quiet = 0;
  const rest: string[] = [];
  for (let i = 0; i < args.length; i++) {
    const a = args[i];
    if (a === '-y' || a === '--yes' || a === '--assume-yes' || a === '-qy' || a === '-yq') { yes = true; if (a.includes('q')) quiet++; }
    else if (a === '-q' || a === '--quiet') quiet++;
    else if (a === '-qq') quiet += 2;
    else if (a === '-o') i++;
    else if (a.startsWith('-')) continue;
    else rest.push(a);
  }
  const cmd = rest[0];
  const names = rest.slice(1).map((n) => n.replace(/=.*$/, ''));
  const d = await aptDistro(fs);
  const rel = aptRelease(d.code);
  const APT = aptDb(BASE_APT, d.code);
  if (!cmd) return { stdout: `apt ${rel.apt} (amd64)\nUsage: ${prog} [options] command\n`, stderr: '', exitCode: 1 };
  if (cmd === 'update') {
    let out = '', n = 0, total = 0;
    const mirrors = d.mirrors;
    for (const m of mirrors) {
      const kb = sizeKB(m.suite + 'InRelease', 48, 270);
      total += kb;
      out += `Get:${++n} ${m.url} ${m.suite} InRelease [${aptSize(kb * 1000)}B]\n`;
    }
    for (const m of mirrors) for (const c of m.components) {
      const big = m.suite === d.code && c === 'main';
      const kb = big ? (d.id === 'ubuntu' ? 1792 : 8792) : sizeKB(m.suite + c, 13, 1400);
      total += kb;
      out += `Get:${++n} ${m.url} ${m.suite}/${c} amd64 Packages [${aptSize(kb * 1000)}B]\n`;
      writeFile(fs, `/var/lib/apt/lists/${listName(m.url, m.suite, `${c}_binary-amd64_Packages`)}`, { size: kb * 1000 * (big ? 5.4 : 4.2) | 0, head: 'Package: ' });
    }
    for (const m of mirrors) writeFile(fs, `/var/lib/apt/lists/${listName(m.url, m.suite, 'InRelease')}`, { size: sizeKB(m.suite + 'InRelease', 48, 270) * 1000, head: '-----BEGIN PGP SIGNED MESSAGE-----\n' });
    fs.ensureDir('/var/lib/apt/lists/partial');
    writeFile(fs, '/var/lib/apt/lists/lock', '', 0o640);
    out += `Fetched ${aptSize(total * 1000)}B in 1s (${aptSize(total * 1000)}B/s)\nReading package lists...\n`;
    return ok(quiet ? '' : out, warn);
  }
  if (cmd === 'clean' || cmd === 'autoclean') return ok('', warn);
  const head = 'Reading package lists...\nBuilding dependency tree...\nReading state information...\n';
  const installed = await aptInstalled(fs);
  if (cmd === 'upgrade' || cmd === 'dist-upgrade' || cmd === 'full-upgrade' || cmd === 'autoremove' || (cmd === 'install' && names.length === 0)) {
    return ok((cmd === 'upgrade' || cmd === 'dist-upgrade' || cmd === 'full-upgrade' ? head + 'Calculating upgrade...\n' : head) + '0 upgraded, 0 newly installed, 0 to remove and 0 not upgraded.\n', warn);
  }
  if (cmd === 'remove' || cmd === 'purge') {
    const gone = names.filter((n) => installed.has(n));
    let out = head;
    for (const n of names) if (!installed.has(n)) out += `Package '${n}' is not installed, so not removed\n`;
    if (gone.length) {
      out += `The following packages will be REMOVED:\n${wrapList(gone.map((g) => (cmd === 'purge' ? g + '*' : g)))}`;
      if (!yes) return { stdout: out + `0 upgraded, 0 newly installed, ${gone.length} to remove and 0 not upgraded.\nDo you want to continue? [Y/n] Abort.\n`, stderr: warn, exitCode: 1 };
      out += `0 upgraded, 0 newly installed, ${gone.length} to remove and 0 not upgraded.\n`;
      for (const g of gone) { out += `Removing ${g} (${installed.get(g)}) ...\n`; await aptForget(fs, g); }
    } else out += '0 upgraded, 0 newly installed, 0 to remove and 0 not upgraded.\n';
    return ok(out, warn);
  }
  if (cmd !== 'install' && cmd !== 'reinstall') return { stdout: '', stderr: warn + `E: Invalid operation ${cmd}\n`, exitCode: 100 };
  const hasLists = await aptHasLists(fs);
  for (const n of names) {
    if (!hasLists || !APT[n]) {
      if (hasLists && installed.has(n)) continue;
      return { stdout: head, stderr: warn + `E: Unable to locate package ${n}\n`, exitCode: 100 };
    }
  }
  let out = head;
  const already = names.filter((n) => installed.has(n));
  for (const n of already) out += `${n} is already the newest version (${installed.get(n)}).\n`;
  const todo = closure(names.filter((n) => !installed.has(n)), APT, new Set(installed.keys()));
  if (todo.length === 0) return ok(out + '0 upgraded, 0 newly installed, 0 to remove and 0 not upgraded.\n', warn);
  const extra = todo.filter((n) => !names.includes(n)).sort();
  if (extra.length) out += `The following additional packages will be installed:\n${wrapList(extra)}`;
  out += `The following NEW packages will be installed:\n${wrapList([...todo].sort())}`;
  const dl = todo.reduce((s, n) => s + APT[n].dl, 0) * 1000;
  const inst = todo.reduce((s, n) => s + APT[n].kb, 0) * 1024;
  out += `0 upgraded, ${todo.length} newly installed, 0 to remove and 0 not upgraded.\n`;
  out += `Need to get ${aptSize(dl)}B of archives.\nAfter this operation, ${aptSize(inst)}B of additional disk space will be used.\n`;
  if (!yes) return { stdout: out + 'Do you want to continue? [Y/n] Abort.\n', stderr: warn, exitCode: 1 };
  const main = d.mirrors[0];
  todo.forEach((n, i) => {
    out += `Get:${i + 1} ${main.url} ${main.suite}/main amd64 ${n} amd64 ${APT[n].version} [${aptSize(APT[n].dl * 1000)}B]\n`;
  });
  out += `debconf: delaying package configuration, since apt-utils is not installed\n`;
  out += `Fetched ${aptSize(dl)}B in 0s (${aptSize(dl * 4)}B/s)\n`;
  let dbCount = fs.base.entries.size;
  todo.forEach((n, i) => {
    const arch = n.startsWith('lib') ? `${n}:amd64` : n;
    const file = `${String(i).padStart(2, '0')}-${n}_${APT[n].version.replace(/^\d+:/, '')}_amd64.deb`;
    out += `Selecting previously unselected package ${arch}.\n`;
    if (i === 0) out += `(Reading database ... ${dbCount} files and directories currently installed.)\n`;
    out += `Preparing to unpack .../${todo.length > 1 ? file : file.slice(3)} ...\nUnpacking ${arch} (${APT[n].version}) ...\n`;
    dbCount += 4;
  });
  for (const n of todo) out += `Setting up ${n.startsWith('lib') ? n + ':amd64' : n} (${APT[n].version}) ...\n`;
  out += `Processing triggers for libc-bin (${installed.get('libc-bin') ?? rel.libc}) ...\n`;
  for (const n of todo) await aptWrite(fs, n, APT[n].version, APT[n]);
  writeFile(fs, '/var/log/apt/history.log', (await readText(fs, '/var/log/apt/history.log')) + `\nStart-Date: 2025-01-01  00:00:00\nCommandline: apt-get install ${rest.slice(1).join(' ')}\nInstall: ${todo.map((n) => `${n}:amd64 (${APT[n].version})`).join(', ')}\nEnd-Date: 2025-01-01  00:00:01\n`);
  writeFile(fs, '/var/lib/apt/extended_states', (await readText(fs, '/var/lib/apt/extended_states')) + extra.map((n) => `Package: ${n}\nArchitecture: amd64\nAuto-Installed: 1\n\n`).join(''));
  writeFile(fs, '/var/cache/debconf/templates.dat', { size: 1_500_000 + todo.length * 2000, head: 'Name: ' });
  return ok(out, warn);
}

async function aptWrite(fs: UnionFs, n: string, version: string, p: PkgDef): Promise<void> {
  const paths: string[] = [];
  let used = 0;
  for (const [path, size] of Object.entries(p.bins ?? {})) { writeFile(fs, path, { size, head: ELF }, 0o755); paths.push(path); used += size; }
  for (const [path, text] of Object.entries(p.files ?? {})) { writeFile(fs, path, text); paths.push(path); used += text.length; }
  const copyright = `/usr/share/doc/${n}/copyright`;
  writeFile(fs, copyright, `Format: https://www.debian.org/doc/packaging-manuals/copyright-format/1.0/\nUpstream-Name: ${n}\n`);
  paths.push(copyright);
  const rest = p.kb * 1024 - used;
  if (rest > 4096) {
    const data = n.startsWith('lib') ? `/usr/lib/x86_64-linux-gnu/${n}.so` : `/usr/share/${n}/${n}.data`;
    writeFile(fs, data, { size: rest, head: ELF });
    paths.push(data);
  }
  writeFile(fs, `/var/lib/dpkg/info/${n}.list`, ['/.', ...paths].join('\n') + '\n');
  writeFile(fs, `/var/lib/dpkg/info/${n}.md5sums`, paths.map((x) => `${'0'.repeat(32)}  ${x.slice(1)}`).join('\n') + '\n');
  const status = await readText(fs, '/var/lib/dpkg/status');
  const block = `Package: ${n}\nStatus: install ok installed\nPriority: optional\nSection: misc\nInstalled-Size: ${p.kb}\nMaintainer: Debian Developers <debian-devel@lists.debian.org>\nArchitecture: amd64\nVersion: ${version}\n${p.deps?.length ? `Depends: ${p.deps.join(', ')}\n` : ''}Description: ${p.desc ?? n}\n`;
  writeFile(fs, '/var/lib/dpkg/status', status.replace(/\n*$/, '\n\n') + block);
}
async function aptForget(fs: UnionFs, n: string): Promise<void> {
  const list = await readText(fs, `/var/lib/dpkg/info/${n}.list`);
  for (const p of list.split('\n')) if (p && p !== '/.') fs.removePath(p);
  fs.removePath(`/var/lib/dpkg/info/${n}.list`);
  fs.removePath(`/var/lib/dpkg/info/${n}.md5sums`);
  const status = await readText(fs, '/var/lib/dpkg/status');
  writeFile(fs, '/var/lib/dpkg/status', status.split('\n\n').filter((b) => !b.startsWith(`Package: ${n}\n`)).join('\n\n'));
}

export async function dpkg(fs: UnionFs, args: string[]): Promise<PkgResult> {
  const a = args[0];
  if (a === '--print-architecture') return ok('amd64\n');
  const installed = await aptInstalled(fs);
  if (a === '-l' || a === '--list') {
    const rows = [...installed].filter(([n]) => args.length < 2 || args.slice(1).some((p) => new RegExp('^' + p.replace(/\*/g, '.*') + '$').test(n)));
    if (!rows.length) return { stdout: '', stderr: `dpkg-query: no packages found matching ${args.slice(1).join(' ')}\n`, exitCode: 1 };
    let out = 'Desired=Unknown/Install/Remove/Purge/Hold\n| Status=Not/Inst/Conf-files/Unpacked/halF-conf/Half-inst/trig-aWait/Trig-pend\n|/ Err?=(none)/Reinst-required (Status,Err: uppercase=bad)\n';
    out += '||/ Name           Version      Architecture Description\n+++-==============-============-============-=================================\n';
    for (const [n, v] of rows.sort()) out += `ii  ${n.padEnd(14)} ${v.padEnd(12)} amd64        ${BASE_APT[n]?.desc ?? n}\n`;
    return ok(out);
  }
  if (a === '-s' || a === '--status') {
    const status = await readText(fs, '/var/lib/dpkg/status');
    const out: string[] = [];
    for (const n of args.slice(1)) {
      const block = status.split('\n\n').find((b) => b.startsWith(`Package: ${n}\n`));
      if (!block) return { stdout: out.join('\n'), stderr: `dpkg-query: package '${n}' is not installed and no information is available\nUse dpkg --info (= dpkg-deb --info) to examine archive files.\n`, exitCode: 1 };
      out.push(block.trimEnd() + '\n');
    }
    return ok(out.join('\n'));
  }
  return { stdout: '', stderr: `dpkg: error: need an action option\n\nType dpkg --help for help about installing and deinstalling packages [*];\nUse 'apt' or 'aptitude' for user-friendly package management;\nType dpkg -Dhelp for a list of dpkg debug flag values;\nType dpkg --force-help for a list of forcing options;\nType dpkg-deb --help for help about manipulating *.deb files;\n\nOptions marked [*] produce a lot of output - pipe it through 'less' or 'more' !\n`, exitCode: 2 };
}

// ---------------- apk ----------------

async function apkInstalled(fs: UnionFs): Promise<Map<string, { version: string; size: number }>> {
  const out = new Map<string, { version: string; size: number }>();
  for (const block of (await readText(fs, '/lib/apk/db/installed')).split('\n\n')) {
    const p = /^P:(.+)$/m.exec(block)?.[1];
    if (p) out.set(p, { version: /^V:(.+)$/m.exec(block)?.[1] ?? '', size: Number(/^I:(\d+)$/m.exec(block)?.[1] ?? 0) });
  }
  return out;
}
async function apkBranch(fs: UnionFs): Promise<string> {
  const v = (await readText(fs, '/etc/alpine-release')).trim() || '3.21.3';
  return 'v' + v.split('.').slice(0, 2).join('.');
}

export async function apk(fs: UnionFs, args: string[]): Promise<PkgResult> {
  const flags = new Set(args.filter((a) => a.startsWith('-')));
  const rest: string[] = [];
  let virtual: string | undefined;
  for (let i = 0; i < args.length; i++) {
    if (args[i] === '-t' || args[i] === '--virtual') { virtual = args[++i]; continue; }
    if (!args[i].startsWith('-')) rest.push(args[i]);
  }
  const cmd = rest[0];
  const names = rest.slice(1).map((n) => n.replace(/[=<>~].*$/, ''));
  const branch = await apkBranch(fs);
  const APK = apkDb(BASE_APK, branch);
  const noCache = flags.has('--no-cache');
  const fetch = `fetch https://dl-cdn.alpinelinux.org/alpine/${branch}/main/x86_64/APKINDEX.tar.gz\nfetch https://dl-cdn.alpinelinux.org/alpine/${branch}/community/x86_64/APKINDEX.tar.gz\n`;
  const writeIndex = () => {
    if (noCache) return;
    writeFile(fs, `/var/cache/apk/APKINDEX.${'4d3f2e1a'}.tar.gz`, { size: 522_143, head: '\x1f\x8b' });
    writeFile(fs, `/var/cache/apk/APKINDEX.${'9c8b7a65'}.tar.gz`, { size: 1_938_007, head: '\x1f\x8b' });
  };
  const installed = await apkInstalled(fs);
  const summary = (inst: Map<string, { size: number }>) => {
    const bytes = [...inst.values()].reduce((s, p) => s + p.size, 0);
    return `OK: ${Math.max(1, Math.round(bytes / 1048576))} MiB in ${inst.size} packages\n`;
  };
  if (!cmd) return { stdout: 'apk-tools 2.14.6, compiled for x86_64.\n\nusage: apk [<OPTIONS>...] COMMAND [<ARGUMENTS>...]\n', stderr: '', exitCode: 1 };
  if (cmd === 'update') {
    writeIndex();
    const rel = (await readText(fs, '/etc/alpine-release')).trim() || '3.21.3';
    return ok(fetch + `v${rel}-74-g2d1b2b5b6d0 [https://dl-cdn.alpinelinux.org/alpine/${branch}/main]\nv${rel}-75-g0a8e3d5c2b1 [https://dl-cdn.alpinelinux.org/alpine/${branch}/community]\nOK: 25394 distinct packages available\n`);
  }
  if (cmd === 'info') {
    if (names.length === 0) return ok([...installed.keys()].join('\n') + '\n');
    return ok(names.filter((n) => installed.has(n)).map((n) => `${n}-${installed.get(n)!.version} description:\n${APK[n]?.desc ?? n}\n`).join('\n'));
  }
  if (cmd === 'del') {
    let out = '';
    const gone = names.filter((n) => installed.has(n) || n === virtual);
    gone.forEach((n, i) => { out += `(${i + 1}/${gone.length}) Purging ${n} (${installed.get(n)?.version ?? '20250101.000000'})\n`; installed.delete(n); });
    await apkSaveDb(fs, installed);
    return ok(out + summary(installed));
  }
  if (cmd !== 'add') return { stdout: '', stderr: `ERROR: unknown command '${cmd}'\n`, exitCode: 1 };
  const out = fetch;
  const missing = names.filter((n) => !APK[n] && !installed.has(n));
  if (missing.length) {
    writeIndex();
    return { stdout: out, stderr: 'ERROR: unable to select packages:\n' + missing.map((n) => `  ${n} (no such package):\n    required by: world[${n}]\n`).join(''), exitCode: 1 };
  }
  writeIndex();
  const todo = closure(names, APK, new Set(installed.keys()));
  const steps = [...todo];
  if (virtual) steps.push(virtual);
  let text = out;
  steps.forEach((n, i) => {
    text += n === virtual ? `(${i + 1}/${steps.length}) Installing ${n} (20250101.000000)\n` : `(${i + 1}/${steps.length}) Installing ${n} (${APK[n].version})\n`;
    if (n === 'bash') text += `  Executing bash-${APK[n].version}.post-install\n`;
  });
  for (const n of todo) {
    const p = APK[n];
    let used = 0;
    for (const [path, size] of Object.entries(p.bins ?? {})) { writeFile(fs, path, { size, head: ELF }, 0o755); used += size; }
    for (const [path, t] of Object.entries(p.files ?? {})) { writeFile(fs, path, t); used += t.length; }
    const restB = p.kb * 1024 - used;
    if (restB > 4096) writeFile(fs, `/usr/lib/${n.startsWith('lib') ? n : 'lib' + n}.so.${p.version.split('.')[0].replace(/\D/g, '') || 1}`, { size: restB, head: ELF });
    installed.set(n, { version: p.version, size: p.kb * 1024 });
  }
  if (virtual) installed.set(virtual, { version: '20250101.000000', size: 0 });
  if (todo.some((n) => n === 'ca-certificates')) text += `Executing ca-certificates-${APK['ca-certificates'].version}.trigger\n`;
  if (todo.length) text += `Executing busybox-${installed.get('busybox')?.version ?? '1.37.0-r12'}.trigger\n`;
  await apkSaveDb(fs, installed);
  const world = (await readText(fs, '/etc/apk/world')).split('\n').filter(Boolean);
  for (const n of virtual ? [virtual] : names) if (!world.includes(n)) world.push(n);
  writeFile(fs, '/etc/apk/world', world.sort().join('\n') + '\n');
  return ok(text + summary(installed));
}
async function apkSaveDb(fs: UnionFs, inst: Map<string, { version: string; size: number }>): Promise<void> {
  const old = await readText(fs, '/lib/apk/db/installed');
  const blocks = new Map<string, string>();
  for (const b of old.split('\n\n')) { const p = /^P:(.+)$/m.exec(b)?.[1]; if (p) blocks.set(p, b.trim()); }
  const out: string[] = [];
  for (const [n, v] of inst) out.push(blocks.get(n) ?? `C:Q1${'A'.repeat(27)}=\nP:${n}\nV:${v.version}\nA:x86_64\nS:${Math.round(v.size * 0.4)}\nI:${v.size}\nT:${BASE_APK[n]?.desc ?? n}\nU:https://alpinelinux.org\nL:MIT\no:${n}`);
  writeFile(fs, '/lib/apk/db/installed', out.join('\n\n') + '\n\n');
}

// ---------------- pip ----------------

export async function pip(fs: UnionFs, args: string[], opts: { python?: string } = {}): Promise<PkgResult> {
  const cmd = args[0];
  const site = '/usr/local/lib/python3.13/site-packages';
  if (cmd === '--version' || cmd === '-V') return ok(`pip 24.3.1 from ${site}/pip (python 3.13)\n`);
  if (cmd === 'list' || cmd === 'freeze') {
    let names: string[] = [];
    try { names = (await fs.readdir(site)).filter((n) => n.endsWith('.dist-info')); } catch { /* none */ }
    const rows = names.map((n) => /^(.+)-([^-]+)\.dist-info$/.exec(n)!).filter(Boolean).map((m) => [m[1], m[2]] as const);
    if (cmd === 'freeze') return ok(rows.map(([n, v]) => `${n}==${v}`).join('\n') + (rows.length ? '\n' : ''));
    return ok('Package    Version\n---------- -------\n' + rows.map(([n, v]) => `${n.padEnd(10)} ${v}`).join('\n') + '\n');
  }
  if (cmd !== 'install') return { stdout: '', stderr: `ERROR: unknown command "${cmd ?? ''}"\n`, exitCode: 1 };
  const reqs: string[] = [];
  for (let i = 1; i < args.length; i++) {
    const a = args[i];
    if (a === '-r' || a === '--requirement') {
      const file = args[++i];
      const text = await readText(fs, file.startsWith('/') ? file : '/' + file);
      if (!text && !(await fs.exists(file))) return { stdout: '', stderr: `ERROR: Could not open requirements file: [Errno 2] No such file or directory: '${file}'\n`, exitCode: 1 };
      for (const l of text.split('\n')) { const s = l.replace(/#.*/, '').trim(); if (s) reqs.push(s); }
    } else if (!a.startsWith('-')) reqs.push(a);
  }
  let out = '';
  const todo: string[] = [];
  const seen = new Set<string>();
  const visit = (n: string, top: boolean, spec: string) => {
    const key = n.toLowerCase();
    if (seen.has(key)) return true;
    seen.add(key);
    const p = PIP[key];
    if (!p) return false;
    out += top ? `Collecting ${spec}\n` : `Collecting ${key}>=0 (from ${todo[todo.length - 1] ?? key})\n`;
    out += `  Downloading ${key.replace(/-/g, '_')}-${p[0]}-py3-none-any.whl.metadata (${(p[1] / 10).toFixed(1)} kB)\n`;
    todo.push(key);
    for (const d of p[2]) visit(d, false, d);
    return true;
  };
  for (const r of reqs) {
    const name = r.replace(/[=<>!~\[;].*$/, '').trim();
    if (!visit(name, true, r)) {
      return { stdout: out, stderr: `ERROR: Could not find a version that satisfies the requirement ${r} (from versions: none)\nERROR: No matching distribution found for ${r}\n`, exitCode: 1 };
    }
  }
  for (const n of todo) out += `Downloading ${n.replace(/-/g, '_')}-${PIP[n][0]}-py3-none-any.whl (${PIP[n][1]} kB)\n`;
  const depOrder = [...todo].reverse();
  out += `Installing collected packages: ${depOrder.join(', ')}\nSuccessfully installed ${[...todo].sort().map((n) => `${n}-${PIP[n][0]}`).join(' ')}\n`;
  for (const n of todo) {
    const [v, kb] = PIP[n];
    writeFile(fs, `${site}/${n.replace(/-/g, '_')}-${v}.dist-info/METADATA`, `Metadata-Version: 2.1\nName: ${n}\nVersion: ${v}\n`);
    writeFile(fs, `${site}/${n.replace(/-/g, '_')}/__init__.py`, { size: kb * 1024, head: `# ${n} ${v}\n` });
  }
  const warn = 'WARNING: Running pip as the \'root\' user can result in broken permissions and conflicting behaviour with the system package manager, possibly rendering your system unusable. It is recommended to use a virtual environment instead: https://pip.pypa.io/warnings/venv. Use the --root-user-action option if you know what you are doing and want to suppress this warning.\n';
  void opts;
  return { stdout: out, stderr: warn + '\n[notice] A new release of pip is available: 24.3.1 -> 25.0.1\n[notice] To update, run: pip install --upgrade pip\n', exitCode: 0 };
}

// ---------------- npm ----------------

export async function npm(fs: UnionFs, args: string[], cwd: string): Promise<PkgResult> {
  const cmd = args[0];
  if (cmd === '--version' || cmd === '-v') return ok('10.9.2\n');
  if (!['install', 'i', 'ci', 'add'].includes(cmd ?? '')) {
    if (cmd === 'run' || cmd === 'start' || cmd === 'test') return { stdout: '', stderr: `npm error Missing script: "${args[1] ?? cmd}"\n`, exitCode: 1 };
    return { stdout: '', stderr: `Unknown command: "${cmd ?? ''}"\n`, exitCode: 1 };
  }
  const global = args.includes('-g') || args.includes('--global');
  let names = args.slice(1).filter((a) => !a.startsWith('-'));
  const pkgPath = normPath(cwd + '/package.json');
  let pkgJson: { dependencies?: Record<string, string>; devDependencies?: Record<string, string> } | undefined;
  if (names.length === 0) {
    const text = await readText(fs, pkgPath);
    if (!text) return { stdout: '', stderr: `npm error code ENOENT\nnpm error syscall open\nnpm error path ${pkgPath}\nnpm error errno -2\nnpm error enoent Could not read package.json: Error: ENOENT: no such file or directory, open '${pkgPath}'\nnpm error enoent This is related to npm not being able to find a file.\nnpm error enoent\n`, exitCode: 254 };
    try { pkgJson = JSON.parse(text); } catch { return { stdout: '', stderr: `npm error code EJSONPARSE\nnpm error JSON.parse Invalid package.json: JSONParseError\n`, exitCode: 1 }; }
    names = Object.keys({ ...(pkgJson?.dependencies ?? {}), ...(args.includes('--production') || args.includes('--omit=dev') ? {} : pkgJson?.devDependencies ?? {}) });
  }
  const base = names.map((n) => n.replace(/(.)@.*$/, '$1'));
  for (const n of base) {
    if (!NPM[n]) return { stdout: '', stderr: `npm error code E404\nnpm error 404 Not Found - GET https://registry.npmjs.org/${n} - Not found\nnpm error 404\nnpm error 404  '${n}@*' is not in this registry.\nnpm error 404\nnpm error 404 Note that you can also install from a\nnpm error 404 tarball, folder, http url, or git url.\n`, exitCode: 1 };
  }
  const all = new Set<string>();
  const visit = (n: string) => { if (all.has(n)) return; all.add(n); for (const d of NPM[n]?.[2] ?? []) visit(d); };
  base.forEach(visit);
  const root = global ? '/usr/local/lib/node_modules' : normPath(cwd + '/node_modules');
  for (const n of all) {
    const [v, kb] = NPM[n];
    writeFile(fs, `${root}/${n}/package.json`, JSON.stringify({ name: n, version: v }, null, 2) + '\n');
    writeFile(fs, `${root}/${n}/index.js`, { size: kb * 1024, head: `'use strict';\n` });
  }
  if (!global) {
    writeFile(fs, normPath(cwd + '/package-lock.json'), JSON.stringify({ name: 'app', lockfileVersion: 3, requires: true, packages: Object.fromEntries([...all].map((n) => [`node_modules/${n}`, { version: NPM[n][0] }])) }, null, 2) + '\n');
    if (!pkgJson && args.slice(1).some((a) => !a.startsWith('-'))) {
      const text = await readText(fs, pkgPath);
      const cur = text ? JSON.parse(text) : {};
      cur.dependencies = { ...(cur.dependencies ?? {}), ...Object.fromEntries(base.map((n) => [n, '^' + NPM[n][0]])) };
      writeFile(fs, pkgPath, JSON.stringify(cur, null, 2) + '\n');
    }
  }
  const n = all.size;
  return ok(`\nadded ${n} package${n === 1 ? '' : 's'}, and audited ${n + 1} packages in 2s\n\n${n > 10 ? Math.floor(n / 4) : 0} packages are looking for funding\n  run \`npm fund\` for details\n\nfound 0 vulnerabilities\n`,
    global ? '' : 'npm notice\nnpm notice New major version of npm available! 10.9.2 -> 11.2.0\nnpm notice Changelog: https://github.com/npm/cli/releases/tag/v11.2.0\nnpm notice To update run: npm install -g npm@11.2.0\nnpm notice\n');
}

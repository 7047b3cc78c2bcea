/**
 * Runs a shell script (a RUN step, `docker exec`, a container's command) with just-bash over a container's union
 * file system, with the commands a real image would have: only binaries present in the image run; package
 * managers, user management, id/whoami/uname/ps/hostname/mktemp/install/chown are ours; unknown commands fail with
 * the image's /bin/sh wording (dash: `/bin/sh: 1: foo: not found`, busybox: `/bin/sh: foo: not found`).
 */
import type { Bash as BashClass, Command, ResolvedCommandContext, ExecResult, IFileSystem, FsStat, BashOptions } from 'just-bash';

/**
 * just-bash is ~1.2 MB of the page's engine code; it loads on the first shell run (RUN, docker run/exec), not with the
 * engine, so the console is interactive sooner. Everything below runs after loadJustBash().
 */
type JustBash = typeof import('just-bash');
let justBash: JustBash | null = null;
let loading: Promise<JustBash> | null = null;
export async function loadJustBash(): Promise<JustBash> {
  if (justBash) return justBash;
  loading ??= import('just-bash').then((m) => {
    justBash = m;
    for (const n of m.getCommandNames()) BUILTIN_NAMES.add(n);
    return m;
  });
  return loading;
}
function defineCommand(name: string, fn: (args: string[], ctx: ResolvedCommandContext) => Promise<ExecResult>): Command {
  if (!justBash) throw new Error('just-bash is not loaded');
  return justBash.defineCommand(name, fn);
}

type ExecutionLimits = NonNullable<BashOptions['executionLimits']>;
import { FsError, type UnionFs } from '../engine/fs/union';
import { normPath, parentOf, baseName, isLazy } from '../engine/fs/entry';
import { aptGet, apk, dpkg, npm, pip } from '../engine/packages/index';
import { lsLong } from './ls';
import { adduser, addgroup, groupadd, idLine, readGroups, readPasswd, resolveUser, useradd, type CmdOut } from './users';

export type Flavor = 'debian' | 'busybox' | 'bash';
export interface ShellProcess { pid: number; user: string; cmd: string; tty?: string; started?: string }

export interface RunShellOptions {
  fs: UnionFs;
  script: string;
  env?: Record<string, string>;
  cwd?: string;
  /** USER spec: "root", "1000", "app:app". */
  user?: string;
  /** Shell and its flags, like the Dockerfile SHELL (default ["/bin/sh", "-c"]). */
  shell?: string[];
  stdin?: string;
  limits?: ExecutionLimits;
  hostname?: string;
  /** Processes `ps` shows (the container's), besides the shell itself. */
  processes?: ShellProcess[];
  /** Called with output as it is produced (at the end of each command for now). */
  onOutput?: (stream: 'stdout' | 'stderr', data: string) => void;
  /**
   * Simulated network for curl/wget: a response; `{ refused, ip }` when the name resolves (to `ip`) but nothing
   * listens on the port (curl exit 7, wget "Connection refused"); null when the name does not resolve.
   */
  fetch?: (url: string) => Promise<ShellFetchResult>;
  /** Random hex for mktemp names (inject the engine's random for replayable output). */
  randomHex?: (n: number) => string;
  /** Unix seconds for file times. */
  now?: () => number;
  /** The `sleep` command's wait (default: the host's timers); health probes wait on the engine clock. */
  sleep?: (ms: number) => Promise<void>;
  /** Aborts the script (Ctrl+C, docker stop). */
  signal?: AbortSignal;
  /** Read-only mount points (RUN --mount ro binds, secrets): writes at or under them fail with EROFS. */
  readOnly?: string[];
  /** Internal: the image has no shell but the command is exec form (runArgv). */
  skipShellCheck?: boolean;
}
/** What the simulated network answers for a URL (RunShellOptions.fetch). */
export type ShellFetchResult = { status: number; body: string } | { refused: true; ip: string } | null;

/** curl's -s/--silent (errors hidden unless -S/--show-error) and -f/--fail, in option clusters too (-fsSL). */
export function curlFlags(args: string[]): { silent: boolean; fail: boolean } {
  const has = (short: string, long: string) => args.some((x) => x === long || (/^-[a-zA-Z]+$/.test(x) && x.includes(short)));
  return { silent: has('s', '--silent') && !has('S', '--show-error'), fail: has('f', '--fail') };
}

/** The host and port a URL names (`web`, `web:8080`, `http://web/x`): the port defaults from the scheme. */
function urlTarget(url: string): { host: string; hostPort: string; port: number } {
  const https = /^https:\/\//i.test(url);
  const hostPort = url.replace(/^[a-z]+:\/\//i, '').split(/[/?#]/)[0];
  const m = /^(.*?)(?::(\d+))?$/.exec(hostPort)!;
  return { host: m[1], hostPort, port: m[2] !== undefined ? Number(m[2]) : https ? 443 : 80 };
}

export interface RunShellResult {
  stdout: string;
  stderr: string;
  exitCode: number;
  /** Set when the process could not start (missing shell, unknown user): Docker's message. */
  startError?: string;
  /** Environment at the end of the script (exported variables). */
  env?: Record<string, string>;
}

const DEFAULT_LIMITS: ExecutionLimits = { maxCommandCount: 50_000, maxLoopIterations: 50_000, maxCallDepth: 200 };
const KERNEL = '6.8.0-60-generic';
const KVERSION = '#63-Ubuntu SMP PREEMPT_DYNAMIC Tue Apr 15 19:04:15 UTC 2025';
/** Builtins of a POSIX shell that just-bash lacks: accepted everywhere. */
const SHELL_BUILTINS = ['trap', 'umask', 'ulimit'];
const BUILTIN_NAMES = new Set<string>(); // just-bash's commands, filled by loadJustBash()

function isElf(fs: UnionFs, path: string): boolean {
  const e = fs.entry(path);
  if (!e || e.type !== 'file') return false;
  const head = isLazy(e.data) ? e.data.head : e.data;
  return !!head && head[0] === 0x7f && head[1] === 0x45 && head[2] === 0x4c && head[3] === 0x46;
}

/** Detects how the image's /bin/sh talks. */
export function detectFlavor(fs: UnionFs, shell: string): Flavor {
  if (/bash$/.test(shell)) return 'bash';
  if (fs.entry('/etc/alpine-release') || fs.entry('/bin/busybox') && !fs.entry('/etc/debian_version')) return 'busybox';
  return 'debian';
}

/** The file system just-bash sees: the union fs, with command resolution redirected so our commands run. */
class CommandFs implements IFileSystem {
  constructor(
    private readonly u: UnionFs, private readonly commands: Set<string>, private readonly ours: Set<string>, private readonly pathDirs: () => string[],
    private readonly readOnly: readonly string[] = [],
  ) {}
  /** Throws EROFS for a write at or under a read-only mount point (symlinks in the parents resolved). */
  private w(p: string, op: string): void {
    if (!this.readOnly.length) return;
    let real = normPath(p);
    try { real = this.u.resolve(p, false); } catch { /* the write reports it */ }
    if (this.readOnly.some((r) => real === r || real.startsWith(r + '/'))) throw new FsError('EROFS', `EROFS: read-only file system, ${op} '${p}'`);
  }
  /** For "/bin/x" or "/usr/bin/x": the real path of a command `x` installed elsewhere on PATH (or virtual). */
  private alias(p: string): string | 'virtual' | undefined {
    const m = /^\/(?:usr\/)?bin\/([^/]+)$/.exec(p);
    if (!m || !this.commands.has(m[1])) return undefined;
    if (this.u.entry(p)) return undefined;
    if (SHELL_BUILTINS.includes(m[1])) return 'virtual';
    for (const d of this.pathDirs()) {
      if (d === '/bin' || d === '/usr/bin') continue;
      const cand = normPath(`${d}/${m[1]}`);
      const e = this.u.entry(cand);
      if (e && e.type === 'file' && e.mode & 0o111) return cand;
    }
    return undefined;
  }
  /** A binary of ours found outside /bin and /usr/bin: hidden from PATH probing so the /usr/bin alias wins. */
  private hidden(p: string): boolean {
    const name = baseName(p);
    const dir = parentOf(p);
    if (dir === '/bin' || dir === '/usr/bin' || !this.commands.has(name)) return false;
    if (!this.pathDirs().includes(dir)) return false;
    if (this.ours.has(name)) return !!this.u.entry(p);
    return isElf(this.u, p);
  }
  readFile = (p: string, o?: Parameters<IFileSystem['readFile']>[1]) => this.u.readFile(p, o);
  readFileBytes = (p: string) => this.u.readFileBytes(p);
  readFileBuffer = (p: string) => this.u.readFileBuffer(p);
  writeFile = async (p: string, c: Parameters<IFileSystem['writeFile']>[1], o?: Parameters<IFileSystem['writeFile']>[2]) => { this.w(p, 'open'); return this.u.writeFile(p, c, o); };
  appendFile = async (p: string, c: Parameters<IFileSystem['appendFile']>[1], o?: Parameters<IFileSystem['appendFile']>[2]) => { this.w(p, 'open'); return this.u.appendFile(p, c, o); };
  async exists(p: string): Promise<boolean> {
    const n = normPath(p);
    if (this.alias(n)) return true;
    if (this.hidden(n)) return false;
    return this.u.exists(p);
  }
  async stat(p: string): Promise<FsStat> {
    const a = this.alias(normPath(p));
    if (a === 'virtual') return { isFile: true, isDirectory: false, isSymbolicLink: false, mode: 0o100755, size: 0, mtime: new Date(0) };
    if (a) return this.u.stat(a);
    return this.u.stat(p);
  }
  mkdir = async (p: string, o?: Parameters<IFileSystem['mkdir']>[1]) => { this.w(p, 'mkdir'); return this.u.mkdir(p, o); };
  readdir = (p: string) => this.u.readdir(p);
  readdirWithFileTypes = (p: string) => this.u.readdirWithFileTypes(p);
  rm = async (p: string, o?: Parameters<IFileSystem['rm']>[1]) => { this.w(p, 'rm'); return this.u.rm(p, o); };
  cp = async (s: string, d: string, o?: Parameters<IFileSystem['cp']>[2]) => { this.w(d, 'cp'); return this.u.cp(s, d, o); };
  mv = async (s: string, d: string) => { this.w(s, 'rename'); this.w(d, 'rename'); return this.u.mv(s, d); };
  resolvePath = (b: string, p: string) => this.u.resolvePath(b, p);
  getAllPaths = () => this.u.getAllPaths();
  chmod = async (p: string, m: number) => { this.w(p, 'chmod'); return this.u.chmod(p, m); };
  symlink = async (t: string, l: string) => { this.w(l, 'symlink'); return this.u.symlink(t, l); };
  link = async (e: string, n: string) => { this.w(n, 'link'); return this.u.link(e, n); };
  readlink = (p: string) => this.u.readlink(p);
  lstat = (p: string) => this.u.lstat(p);
  realpath = (p: string) => this.u.realpath(p);
  utimes = async (p: string, a: Date, m: Date) => { this.w(p, 'utime'); return this.u.utimes(p, a, m); };
}

const res = (stdout = '', stderr = '', exitCode = 0): CmdOut => ({ stdout, stderr, exitCode });

interface Ctx { uid: number; gid: number; hostname: string; flavor: Flavor; opts: RunShellOptions }

function versionOutput(name: string, args: string[], env: Map<string, string>): CmdOut | undefined {
  const a = args[0] ?? '';
  const v = (k: string, d: string) => env.get(k) ?? d;
  if (/^python3?(\.\d+)?$/.test(name) && (a === '--version' || a === '-V')) return res(`Python ${v('PYTHON_VERSION', '3.11.2')}\n`);
  if ((name === 'node' || name === 'nodejs') && (a === '--version' || a === '-v')) return res(`v${v('NODE_VERSION', '18.19.0')}\n`);
  if (name === 'java' && (a === '-version' || a === '--version')) {
    const jv = v('JAVA_VERSION', 'jdk-17.0.14+7').replace(/^jdk-/, '').replace(/\+.*/, '');
    const text = `openjdk version "${jv}" 2025-01-21 LTS\nOpenJDK Runtime Environment Temurin-${jv}+7 (build ${jv}+7-LTS)\nOpenJDK 64-Bit Server VM Temurin-${jv}+7 (build ${jv}+7-LTS, mixed mode, sharing)\n`;
    return a === '-version' ? res('', text) : res(text.replace(/^openjdk version "([^"]+)"/, 'openjdk $1'));
  }
  if (name === 'go' && a === 'version') return res(`go version go${v('GOLANG_VERSION', '1.24.1')} linux/amd64\n`);
  if (name === 'nginx' && (a === '-v' || a === '-V')) return res('', `nginx version: nginx/${v('NGINX_VERSION', '1.22.1')}\n`);
  if (name === 'git' && a === '--version') return res('git version 2.39.5\n');
  if (name === 'curl' && (a === '--version' || a === '-V')) return res('curl 7.88.1 (x86_64-pc-linux-gnu) libcurl/7.88.1 OpenSSL/3.0.15 zlib/1.2.13\n');
  return undefined;
}

function makeCommands(fs: UnionFs, c: Ctx): Command[] {
  const busybox = c.flavor === 'busybox';
  const cmd = (name: string, fn: (args: string[], env: Map<string, string>, cwd: string, stdin: string) => Promise<CmdOut> | CmdOut): Command =>
    defineCommand(name, async (args, ctx) => fn(args, ctx.env, ctx.cwd, ''));
  const list: Command[] = [
    defineCommand('ls', async (args, cctx) => {
      const now = c.opts.now?.() ?? Math.floor(Date.now() / 1000);
      const r = await lsLong(fs, args, cctx.cwd, busybox, now);
      if (r) return r;
      return cctx.origCommand ? cctx.origCommand(args) : res('', 'ls: unsupported\n', 2);
    }),
    cmd('apt-get', (a) => aptGet(fs, a)),
    cmd('apt', (a) => aptGet(fs, a, { prog: 'apt' })),
    cmd('dpkg', (a) => dpkg(fs, a)),
    cmd('apk', (a) => apk(fs, a)),
    cmd('pip', (a) => pip(fs, a)),
    cmd('pip3', (a) => pip(fs, a)),
    cmd('npm', (a, _e, cwd) => npm(fs, a, cwd)),
    cmd('useradd', (a) => useradd(fs, a)),
    cmd('groupadd', (a) => groupadd(fs, a)),
    cmd('adduser', (a) => adduser(fs, a, busybox)),
    cmd('addgroup', (a) => addgroup(fs, a, busybox)),
    cmd('id', async (a) => {
      const users = await readPasswd(fs);
      let uid = c.uid, gid = c.gid;
      const who = a.find((x) => !x.startsWith('-'));
      if (who) {
        const u = users.find((x) => x.name === who || String(x.uid) === who);
        if (!u) return res('', busybox ? `id: unknown user ${who}\n` : `id: '${who}': no such user\n`, 1);
        uid = u.uid; gid = u.gid;
      }
      const line = await idLine(fs, uid, gid);
      if (a.includes('-u')) return res(a.includes('-n') ? `${users.find((x) => x.uid === uid)?.name ?? uid}\n` : `${uid}\n`);
      if (a.includes('-g')) return res(`${gid}\n`);
      return res(line + '\n');
    }),
    cmd('whoami', async () => {
      const u = (await readPasswd(fs)).find((x) => x.uid === c.uid);
      return u ? res(u.name + '\n') : res('', busybox ? `whoami: unknown uid ${c.uid}\n` : `whoami: cannot find name for user ID ${c.uid}\n`, 1);
    }),
    cmd('uname', (a) => {
      const flags = a.join('').replace(/-/g, '');
      const parts: Record<string, string> = { s: 'Linux', n: c.hostname, r: KERNEL, v: KVERSION, m: 'x86_64', p: busybox ? 'unknown' : 'unknown', i: 'unknown', o: busybox ? 'Linux' : 'GNU/Linux' };
      if (!flags) return res('Linux\n');
      if (flags.includes('a')) return res(busybox ? `Linux ${c.hostname} ${KERNEL} ${KVERSION} x86_64 Linux\n` : `Linux ${c.hostname} ${KERNEL} ${KVERSION} x86_64 GNU/Linux\n`);
      return res([...'snrvmpio'].filter((k) => flags.includes(k)).map((k) => parts[k]).join(' ') + '\n');
    }),
    cmd('hostname', (a) => (a.length && !a[0].startsWith('-') ? res('', 'hostname: you must be root to change the host name\n', 1) : res((a.includes('-i') || a.includes('-I') ? '172.17.0.2' : c.hostname) + '\n'))),
    cmd('ps', async (a) => {
      const users = await readPasswd(fs);
      const uname = (u: string) => u;
      const me = users.find((x) => x.uid === c.uid)?.name ?? String(c.uid);
      const procs: ShellProcess[] = [...(c.opts.processes ?? [{ pid: 1, user: me, cmd: (c.opts.shell ?? ['/bin/sh', '-c']).join(' ') + ' ' + c.opts.script }]), { pid: (c.opts.processes?.length ?? 1) + 6, user: me, cmd: ['ps', ...a].join(' ') }];
      if (busybox) return res('PID   USER     TIME  COMMAND\n' + procs.map((p) => `${String(p.pid).padStart(5)} ${uname(p.user).padEnd(8).slice(0, 8)}  0:00 ${p.cmd}\n`).join(''));
      const full = a.some((x) => /^-?[a-z]*(aux|ef|e)/.test(x));
      if (a.some((x) => x.replace(/^-/, '').includes('u') && x.includes('a'))) {
        return res('USER         PID %CPU %MEM    VSZ   RSS TTY      STAT START   TIME COMMAND\n' + procs.map((p) => `${p.user.padEnd(8).slice(0, 8)} ${String(p.pid).padStart(7)}  0.0  0.0   4332  3200 ${(p.tty ?? '?').padEnd(8)} ${p.pid === 1 ? 'Ss' : 'R'}    ${p.started ?? '00:00'}   0:00 ${p.cmd}\n`).join(''));
      }
      if (full) return res('UID          PID    PPID  C STIME TTY          TIME CMD\n' + procs.map((p) => `${p.user.padEnd(8).slice(0, 8)} ${String(p.pid).padStart(7)} ${String(p.pid === 1 ? 0 : 1).padStart(7)}  0 ${p.started ?? '00:00'} ${(p.tty ?? '?').padEnd(8)} 00:00:00 ${p.cmd}\n`).join(''));
      return res('    PID TTY          TIME CMD\n' + procs.map((p) => `${String(p.pid).padStart(7)} ${(p.tty ?? '?').padEnd(8)} 00:00:00 ${baseName(p.cmd.split(' ')[0])}\n`).join(''));
    }),
    cmd('mktemp', async (a, env) => {
      const dir = a.includes('-d') || a.includes('--directory');
      const tmpl = a.find((x) => !x.startsWith('-')) ?? 'tmp.XXXXXXXXXX';
      const rand = c.opts.randomHex ?? ((n: number) => Array.from({ length: n }, (_, i) => 'aB3xQ9zK7mP2'[i % 12]).join(''));
      const name = tmpl.replace(/X+$/, (m) => rand(m.length).replace(/[^a-zA-Z0-9]/g, 'a'));
      const base = tmpl.includes('/') ? '' : (env.get('TMPDIR') || '/tmp') + '/';
      const p = base + name;
      if (dir) await fs.mkdir(p); else await fs.writeFile(p, '');
      await fs.chmod(p, dir ? 0o700 : 0o600);
      return res(p + '\n');
    }),
    cmd('install', async (a, _e, cwd) => {
      let mode: number | undefined, owner: string | undefined, group: string | undefined, dirs = false;
      const paths: string[] = [];
      for (let i = 0; i < a.length; i++) {
        const x = a[i];
        if (x === '-m' || x === '--mode') mode = parseInt(a[++i], 8);
        else if (x === '-o' || x === '--owner') owner = a[++i];
        else if (x === '-g' || x === '--group') group = a[++i];
        else if (x === '-d' || x === '--directory') dirs = true;
        else if (x.startsWith('-')) continue;
        else paths.push(normPath(x.startsWith('/') ? x : cwd + '/' + x));
      }
      const ids = async () => {
        const users = await readPasswd(fs), groups = await readGroups(fs);
        return { uid: owner ? users.find((u) => u.name === owner)?.uid ?? Number(owner) : undefined, gid: group ? groups.find((g) => g.name === group)?.gid ?? Number(group) : undefined };
      };
      const { uid, gid } = await ids();
      if (dirs) {
        for (const p of paths) { await fs.mkdir(p, { recursive: true }); await fs.chmod(p, mode ?? 0o755); if (uid !== undefined || gid !== undefined) fs.chown(p, uid, gid); }
        return res();
      }
      const dest = paths.pop();
      if (!dest || !paths.length) return res('', "install: missing destination file operand after '" + (dest ?? '') + "'\n", 1);
      const toDir = fs.entry(dest)?.type === 'dir';
      for (const src of paths) {
        const e = fs.entry(src);
        if (!e || e.type !== 'file') return res('', `install: cannot stat '${src}': No such file or directory\n`, 1);
        const target = toDir ? `${dest}/${baseName(src)}` : dest;
        fs.writeBytes(target, e.data, mode ?? 0o755);
        await fs.chmod(target, mode ?? 0o755);
        if (uid !== undefined || gid !== undefined) fs.chown(target, uid, gid);
      }
      return res();
    }),
    ...['chown', 'chgrp'].map((name) => cmd(name, async (a, _e, cwd) => {
      let recursive = false, noDeref = false;
      const rest: string[] = [];
      for (const x of a) {
        if (x === '-R' || x === '--recursive') recursive = true;
        else if (x === '-h' || x === '--no-dereference') noDeref = true;
        else if (x.startsWith('-')) continue;
        else rest.push(x);
      }
      const spec = rest.shift();
      if (!spec || !rest.length) return res('', `${name}: missing operand\nTry '${name} --help' for more information.\n`, 1);
      const users = await readPasswd(fs), groups = await readGroups(fs);
      let uid: number | undefined, gid: number | undefined;
      const [u, g] = name === 'chgrp' ? [undefined, spec] : spec.split(/[:.]/);
      if (u) {
        const x = users.find((y) => y.name === u);
        if (x) uid = x.uid; else if (/^\d+$/.test(u)) uid = Number(u);
        else return res('', busybox ? `chown: unknown user ${u}\n` : `chown: invalid user: '${spec}'\n`, 1);
        if (g === '' && x) gid = x.gid;
      }
      if (g) {
        const x = groups.find((y) => y.name === g);
        if (x) gid = x.gid; else if (/^\d+$/.test(g)) gid = Number(g);
        else return res('', busybox ? `${name}: unknown group ${g}\n` : name === 'chgrp' ? `chgrp: invalid group: '${g}'\n` : `chown: invalid group: '${spec}'\n`, 1);
      }
      let err = '';
      const apply = async (p: string, top: boolean) => {
        const e = fs.entry(p, top ? !noDeref : false);
        if (!e) { err += busybox ? `${name}: ${p}: No such file or directory\n` : `${name}: cannot access '${p}': No such file or directory\n`; return; }
        fs.chown(p, uid, gid, top ? !noDeref : false);
        if (recursive && e.type === 'dir') for (const k of await fs.readdir(p)) await apply(`${p === '/' ? '' : p}/${k}`, false);
      };
      for (const p of rest) await apply(normPath(p.startsWith('/') ? p : cwd + '/' + p), true);
      return res('', err, err ? 1 : 0);
    })),
    ...SHELL_BUILTINS.map((name) => cmd(name, (a) => (name === 'umask' && !a.length ? res('0022\n') : name === 'ulimit' && (!a.length || a.includes('-n')) ? res(a.includes('-n') ? '1048576\n' : 'unlimited\n') : res()))),
    cmd('curl', async (a, env) => {
      const v = versionOutput('curl', a, env);
      if (v) return v;
      const url = a.find((x) => /^[a-z]+:\/\/|^[\w.-]+(:\d+)?(\/|$)/.test(x) && !x.startsWith('-'));
      const { silent, fail } = curlFlags(a);
      if (!url) return res('', "curl: try 'curl --help' or 'curl --manual' for more information\n", 2);
      const r = c.opts.fetch ? await c.opts.fetch(url) : null;
      // --fail: no body for an HTTP error, exit 22 (the message unless silenced)
      if (r && !('refused' in r) && fail && r.status >= 400) return res('', silent ? '' : `curl: (22) The requested URL returned error: ${r.status}\n`, 22);
      if (r && !('refused' in r)) return res(r.body, '', 0);
      const { host, port } = urlTarget(url);
      // curl 7.88.1 (Debian bookworm images) and 8.12.1 (Alpine 3.21) both word a refused connect with
      // curl_easy_strerror(CURLE_COULDNT_CONNECT) since 7.86: "Couldn't connect to server".
      const refused = `curl: (7) Failed to connect to ${host} port ${port} after 0 ms: Couldn't connect to server\n`;
      if (r || (!c.opts.fetch && ['localhost', '127.0.0.1', '0.0.0.0'].includes(host))) return res('', silent ? '' : refused, 7);
      return res('', silent ? '' : `curl: (6) Could not resolve host: ${host}\n`, 6);
    }),
    cmd('wget', async (a) => {
      const url = a.find((x) => !x.startsWith('-'));
      if (!url) return res('', busybox ? 'BusyBox v1.37.0 (2025-01-17 18:12:01 UTC) multi-call binary.\n\nUsage: wget [-cqS] [--spider] [-O FILE] [-o LOGFILE] [--header STR]\n' : "wget: missing URL\nUsage: wget [OPTION]... [URL]...\n\nTry `wget --help' for more options.\n", 1);
      const r = c.opts.fetch ? await c.opts.fetch(url) : null;
      const { host, hostPort, port } = urlTarget(url);
      if (r && 'refused' in r) {
        const quiet = a.some((x) => /^-[a-zA-Z]*q/.test(x) || x === '--quiet');
        // busybox wget.c: "Connecting to %s (%s)" (host as written, with its port) unless -q, then the connect error.
        if (busybox) return res('', `${quiet ? '' : `Connecting to ${hostPort} (${r.ip}:${port})\n`}wget: can't connect to remote host (${r.ip}): Connection refused\n`, 1);
        const ipLiteral = /^\d+\.\d+\.\d+\.\d+$/.test(host);
        const head = `--2025-01-01 00:00:00--  ${url}\n`;
        if (ipLiteral) return res('', quiet ? '' : `${head}Connecting to ${host}:${port}... failed: Connection refused.\n`, 4);
        return res('', quiet ? '' : `${head}Resolving ${host} (${host})... ${r.ip}\nConnecting to ${host} (${host})|${r.ip}|:${port}... failed: Connection refused.\n`, 4);
      }
      if (r) return res(a.includes('-O-') || a.includes('-qO-') ? r.body : '', '', 0);
      if (busybox) return res('', `wget: bad address '${host}'\n`, 1);
      return res('', `--2025-01-01 00:00:00--  ${url}\nResolving ${host} (${host})... failed: Name or service not known.\nwget: unable to resolve host address '${host}'\n`, 4);
    }),
  ];
  return list;
}

/** Runs a script; never throws for user mistakes, and never hangs (execution limits). */
export async function runShell(opts: RunShellOptions): Promise<RunShellResult> {
  const { Bash } = await loadJustBash();
  const fs = opts.fs;
  const shellArgv = opts.shell ?? ['/bin/sh', '-c'];
  const shellPath = shellArgv[0];
  const env: Record<string, string> = { PATH: '/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin', ...(opts.env ?? {}) };
  const pathDirs = () => env.PATH.split(':').filter(Boolean).map((d) => normPath(d));
  // The shell binary must exist in the image.
  const resolvedShell = shellPath.includes('/') ? shellPath : pathDirs().map((d) => `${d}/${shellPath}`).find((p) => fs.entry(p));
  if (!opts.skipShellCheck && (!resolvedShell || !fs.entry(resolvedShell))) {
    return { stdout: '', stderr: '', exitCode: 127, startError: shellPath.includes('/') ? `exec: "${shellPath}": stat ${shellPath}: no such file or directory` : `exec: "${shellPath}": executable file not found in $PATH` };
  }
  const user = await resolveUser(fs, opts.user || 'root');
  if (user.error) return { stdout: '', stderr: '', exitCode: 126, startError: user.error };
  if (env.HOME === undefined) env.HOME = user.home || '/root';
  if (env.HOSTNAME === undefined) env.HOSTNAME = opts.hostname ?? 'localhost';
  const prevOwner = fs.owner;
  fs.owner = { uid: user.uid, gid: user.gid };
  if (opts.now) fs.now = opts.now;
  const flavor = detectFlavor(fs, resolvedShell ?? shellPath);
  const ctx: Ctx = { uid: user.uid, gid: user.gid, hostname: opts.hostname ?? 'localhost', flavor, opts };
  const commands = makeCommands(fs, ctx);
  const names = new Set(commands.map((c) => c.name));
  const ours = new Set(names);
  // Binaries in the image that neither just-bash nor we implement: a clear message instead of running ELF bytes as a script.
  for (const d of pathDirs()) {
    let kids: string[] = [];
    try { kids = fs.children(fs.resolve(d)); } catch { continue; }
    for (const k of kids) {
      if (names.has(k) || BUILTIN_NAMES.has(k)) continue;
      if (!isElf(fs, `${d}/${k}`)) continue;
      names.add(k);
      commands.push(defineCommand(k, async (args, cctx) => versionOutput(k, args, cctx.env) ?? res('', `${k}: this program is simulated in the Docker Playground and cannot run here\n`, 126)));
    }
  }
  for (const n of BUILTIN_NAMES) names.add(n);
  const cfs = new CommandFs(fs, names, ours, pathDirs, opts.readOnly);
  const bash = new Bash({
    fs: cfs, cwd: opts.cwd ?? '/', env, customCommands: commands, executionLimits: { ...DEFAULT_LIMITS, ...opts.limits },
    processInfo: { pid: 1, ppid: 0, uid: user.uid, gid: user.gid },
    ...(opts.sleep ? { sleep: opts.sleep } : {}),
  });
  // Shell flags before -c (SHELL ["/bin/bash", "-o", "pipefail", "-c"], ["/bin/sh", "-eux", "-c"]) become `set` lines.
  const sets: string[] = [];
  const flagv = shellArgv.slice(1);
  for (let i = 0; i < flagv.length; i++) {
    const f = flagv[i];
    if (f === '-c') break;
    if (f === '-o' || f === '+o') sets.push(`set ${f} ${flagv[++i] ?? ''}`);
    else if (/^[-+][euxvfnCa]+$/.test(f)) sets.push(`set ${f}`);
  }
  const script = (sets.length ? sets.join('\n') + '\n' : '') + opts.script;
  let r: { stdout: string; stderr: string; exitCode: number };
  let lastEnv: Record<string, string> | undefined;
  try {
    r = await bash.exec(script, { env, replaceEnv: true, cwd: opts.cwd ?? '/', stdin: opts.stdin, signal: opts.signal } as Parameters<BashClass['exec']>[1]);
    lastEnv = (r as { env?: Record<string, string> }).env;
  } catch (e) {
    const msg = e instanceof Error ? e.message : String(e);
    const m = /^(ENOENT|ENOTDIR|EISDIR|EROFS)[^']*'([^']+)'/.exec(msg);
    const why = (debian: boolean) => (m![1] === 'EISDIR' ? 'Is a directory' : m![1] === 'EROFS' ? 'Read-only file system' : debian ? 'Directory nonexistent' : 'nonexistent directory');
    const text = m ? (flavor === 'debian' ? `/bin/sh: 1: cannot create ${m[2]}: ${why(true)}\n` : `/bin/sh: can't create ${m[2]}: ${why(false)}\n`) : `${shellPath}: ${msg}\n`;
    r = { stdout: '', stderr: text, exitCode: 2 };
  } finally {
    fs.owner = prevOwner;
  }
  const stderr = translateErrors(r.stderr, flavor, shellPath);
  if (opts.onOutput) {
    if (r.stdout) opts.onOutput('stdout', r.stdout);
    if (stderr) opts.onOutput('stderr', stderr);
  }
  return { stdout: r.stdout, stderr, exitCode: r.exitCode, env: lastEnv };
}

/** POSIX shell quoting of one argument. */
export function shellQuote(a: string): string {
  return /^[A-Za-z0-9_@%+=:,./-]+$/.test(a) ? a : `'${a.replace(/'/g, `'\\''`)}'`;
}

/**
 * Runs an exec-form command (`docker run IMAGE ls -l`, CMD ["nginx", "-g", "daemon off;"]) without a shell:
 * argv[0] must be an executable in the image, else Docker's `exec: "foo": executable file not found in $PATH`.
 */
export async function runArgv(opts: Omit<RunShellOptions, 'script' | 'shell'> & { argv: string[] }): Promise<RunShellResult> {
  const { argv, ...rest } = opts;
  const fs = opts.fs;
  const cmd = argv[0] ?? '';
  const PATH = opts.env?.PATH ?? '/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin';
  const isExec = (p: string) => { const e = fs.entry(p); return !!e && e.type === 'file' && (e.mode & 0o111) !== 0; };
  let found: string | undefined;
  if (cmd.includes('/')) {
    const p = normPath(cmd.startsWith('/') ? cmd : `${opts.cwd ?? '/'}/${cmd}`);
    if (!fs.entry(p)) return { stdout: '', stderr: '', exitCode: 127, startError: `exec: "${cmd}": stat ${cmd}: no such file or directory` };
    if (!isExec(p)) return { stdout: '', stderr: '', exitCode: 126, startError: `exec: "${cmd}": permission denied` };
    found = p;
  } else {
    found = PATH.split(':').filter(Boolean).map((d) => normPath(`${d}/${cmd}`)).find(isExec);
    if (!found) return { stdout: '', stderr: '', exitCode: 127, startError: `exec: "${cmd}": executable file not found in $PATH` };
  }
  return runShell({ ...rest, script: argv.map(shellQuote).join(' '), shell: ['/bin/sh', '-c'], skipShellCheck: true });
}

const SHELL_STATE_VARS = new Set(['IFS', 'OSTYPE', 'MACHTYPE', 'HOSTTYPE', 'OPTIND', 'SHELLOPTS', 'BASHOPTS', '?', 'OLDPWD', 'PWD', 'PIPESTATUS', 'BASH_VERSION', 'BASHPID', 'PPID', 'UID', 'EUID', 'RANDOM', 'LINENO', 'SECONDS', '__dp_rc']);

/**
 * An interactive shell (`docker exec -it c sh`, `docker run -it ubuntu bash`): one line at a time, keeping the
 * working directory and exported variables between lines.
 */
export class ShellSession {
  cwd: string;
  env: Record<string, string>;
  exited = false;
  /** `declare` lines restoring the shell variables of earlier lines. */
  private prelude = '';
  constructor(private readonly base: Omit<RunShellOptions, 'script'>) {
    this.cwd = base.cwd ?? '/';
    this.env = { ...(base.env ?? {}) };
  }
  async run(line: string, extra: Partial<RunShellOptions> = {}): Promise<RunShellResult> {
    const marker = '__dp_state__';
    const tail = `__dp_rc=$?; printf '\\n${marker}%s\\n' "$PWD"; declare -p $(compgen -v) 2>/dev/null; exit $__dp_rc`;
    const r = await runShell({ ...this.base, ...extra, script: `${this.prelude}${line}\n${tail}`, cwd: this.cwd, env: this.env });
    const i = r.stdout.lastIndexOf('\n' + marker);
    if (i >= 0) {
      const state = r.stdout.slice(i + 1 + marker.length).split('\n');
      this.cwd = state[0] || this.cwd;
      this.prelude = state.slice(1).filter((l) => /^declare -[-a-zA-Z]* ([A-Za-z_][A-Za-z0-9_]*)=/.test(l) && !SHELL_STATE_VARS.has(/^declare -[-a-zA-Z]* ([A-Za-z_][A-Za-z0-9_]*)=/.exec(l)![1])).join('\n');
      if (this.prelude) this.prelude += '\n';
      r.stdout = r.stdout.slice(0, i);
    } else if (!r.startError) this.exited = true;
    if (r.env) {
      const next: Record<string, string> = {};
      for (const [k, v] of Object.entries(r.env)) if (!SHELL_STATE_VARS.has(k) && !k.startsWith('__dp_')) next[k] = v;
      this.env = next;
    }
    return r;
  }
}

/** just-bash's bash wording -> the image shell's wording. */
export function translateErrors(stderr: string, flavor: Flavor, shellPath: string): string {
  return stderr.replace(/^bash: ([^:\n]+): command not found$/gm, (_m, name: string) => {
    if (flavor === 'debian') return `${shellPath}: 1: ${name}: not found`;
    if (flavor === 'busybox') return `${shellPath}: ${name}: not found`;
    return `${shellPath}: line 1: ${name}: command not found`;
  }).replace(/^bash: too many commands executed \(>(\d+)\), increase executionLimits\.maxCommandCount$/gm,
    (_m, n: string) => `${shellPath}: stopped after ${n} commands: the playground limits how long a script may run (a loop that never ends?)`)
    .replace(/^bash: too many loop iterations.*$/gm, `${shellPath}: stopped: the playground limits how many times a loop may run (a loop that never ends?)`)
    // a write under a read-only mount: the C library's strerror text; busybox applets print `applet: path: error`
    .replace(/EROFS: read-only file system, \w+ '[^'\n]*'/g, 'Read-only file system')
    .replace(/^(\w+): cannot (?:touch|create directory|create regular file|remove) '([^'\n]*)': Read-only file system$/gm,
      (m, applet: string, path: string) => (flavor === 'busybox' ? `${applet}: ${path}: Read-only file system` : m));
}

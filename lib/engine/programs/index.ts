/**
 * Simulated server programs: what a container's main process (or an exec) is, recognised from its resolved argv.
 * A program runs until it ends (a shell command) or until stopped (a server, sleep); servers answer HTTP requests
 * for published ports and `curl` inside containers; database servers answer their clients (redis-cli, psql...).
 */
import type { UnionFs } from '../fs/union';
import { HELLO_MESSAGE } from '../catalog/hub';
import { contentBytes, isLazy } from '../fs/entry';
import { utf8Decode } from '../digest';

export interface HttpResponse { status: number; body: string; contentType?: string }

export interface ProgramContext {
  fs: UnionFs;
  env: Record<string, string>;
  cwd: string;
  user: string;
  hostname: string;
  tty: boolean;
  /** stdin is open (-i) */
  interactive: boolean;
  out(s: string): void;
  err(s: string): void;
  /** Next stdin line (without "\n"); null at end of input or when stopped. */
  readLine(): Promise<string | null>;
  /** Aborted when the container is stopped/killed. */
  signal: AbortSignal;
  /** ms */
  now(): number;
  /** Runs a shell script in the container (lib/shell). */
  shell(script: string, shell?: string[]): Promise<{ exitCode: number; startError?: string }>;
  /** An interactive shell session on stdin (prompt, line by line); resolves with the exit code. */
  interactiveShell(shellPath: string): Promise<number>;
  /** Number of simulated CPUs (nginx worker processes). */
  cpus: number;
}

/** A running program's services besides its exit code. */
export interface Program {
  /** Process name for `docker top` */
  name: string;
  /** Ports it listens on (container side). */
  listens: number[];
  http?(path: string, method: string): HttpResponse | null;
  /** Database state (key-value for redis). */
  kv?: Map<string, string>;
  /** Seconds after start at which it ends by itself (sleep N). */
  endsAfter?: number;
  run(ctx: ProgramContext): Promise<number>;
}

const base = (p: string) => p.slice(p.lastIndexOf('/') + 1);
const SHELLS = new Set(['sh', 'bash', 'ash', 'dash', 'zsh']);
const until = (signal: AbortSignal) => new Promise<number>((resolve) => {
  if (signal.aborted) resolve(0);
  else signal.addEventListener('abort', () => resolve(0), { once: true });
});

/** Go's time layout "2006/01/02 15:04:05" (nginx error log). */
const ngTime = (ms: number) => new Date(ms).toISOString().slice(0, 19).replace(/-/g, '/').replace('T', ' ');
const MON = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
const DAY = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];
const clf = (ms: number) => {
  const d = new Date(ms);
  const p = (n: number) => String(n).padStart(2, '0');
  return `${p(d.getUTCDate())}/${MON[d.getUTCMonth()]}/${d.getUTCFullYear()}:${p(d.getUTCHours())}:${p(d.getUTCMinutes())}:${p(d.getUTCSeconds())} +0000`;
};

function readText(fs: UnionFs, path: string): string | null {
  try {
    const e = fs.entry(path);
    if (!e || e.type !== 'file') return null;
    return isLazy(e.data) && !e.data.head ? '' : utf8Decode(contentBytes(e.data));
  } catch {
    return null;
  }
}

function isDir(fs: UnionFs, path: string): boolean {
  try { return fs.entry(path)?.type === 'dir'; } catch { return false; }
}

/** A static file server over a document root: index.html for directories, 404/403 pages like the server's. */
function staticServer(fs: UnionFs, root: string, notFound: string, index = 'index.html'): (path: string) => HttpResponse {
  return (path) => {
    const clean = decodeURIComponent(path.split('?')[0] || '/');
    let p = (root + clean).replace(/\/+/g, '/');
    if (isDir(fs, p)) p = p.replace(/\/$/, '') + '/' + index;
    const text = readText(fs, p);
    if (text === null) return { status: 404, body: notFound, contentType: 'text/html' };
    return { status: 200, body: text, contentType: p.endsWith('.html') ? 'text/html' : 'text/plain' };
  };
}

const NGINX_404 = (v: string) => `<html>\r\n<head><title>404 Not Found</title></head>\r\n<body>\r\n<center><h1>404 Not Found</h1></center>\r\n<hr><center>nginx/${v}</center>\r\n</body>\r\n</html>\r\n`;
const HTTPD_404 = '<!DOCTYPE HTML PUBLIC "-//IETF//DTD HTML 2.0//EN">\n<html><head>\n<title>404 Not Found</title>\n</head><body>\n<h1>Not Found</h1>\n<p>The requested URL was not found on this server.</p>\n</body></html>\n';

function nginx(viaEntrypoint: boolean): Program {
  let serve: ((p: string) => HttpResponse) | null = null;
  let version = '1.27.4';
  let logAccess: ((line: string) => void) | null = null;
  let now = () => 0;
  return {
    name: 'nginx', listens: [80],
    http(path, method) {
      if (!serve) return null;
      const r = serve(path);
      logAccess?.(`172.17.0.1 - - [${clf(now())}] "${method} ${path} HTTP/1.1" ${r.status} ${r.body.length} "-" "curl/8.5.0" "-"\n`);
      return r;
    },
    async run(ctx) {
      version = ctx.env.NGINX_VERSION ?? (readText(ctx.fs, '/etc/debian_version') ? '1.14.0' : version);
      now = ctx.now;
      const official = viaEntrypoint || ctx.env.NGINX_VERSION !== undefined;
      const root = readText(ctx.fs, '/usr/share/nginx/html/index.html') !== null || !isDir(ctx.fs, '/var/www/html') ? '/usr/share/nginx/html' : '/var/www/html';
      serve = staticServer(ctx.fs, root, NGINX_404(version));
      if (!official) {
        // The distribution's nginx writes its pid file and creates its temp directories at start (`docker diff`).
        try {
          if (isDir(ctx.fs, '/run')) await ctx.fs.writeFile('/run/nginx.pid', '1\n');
          if (isDir(ctx.fs, '/var/lib/nginx')) for (const d of ['body', 'fastcgi', 'proxy', 'scgi', 'uwsgi']) await ctx.fs.mkdir(`/var/lib/nginx/${d}`, { recursive: true, mode: 0o700 } as { recursive: boolean });
        } catch { /* unusual layout */ }
      }
      if (official) {
        logAccess = (l) => ctx.out(l);
        if (viaEntrypoint) {
          // What the entrypoint scripts and nginx change in the container (visible in `docker diff`).
          try {
            const conf = readText(ctx.fs, '/etc/nginx/conf.d/default.conf');
            if (conf !== null && !conf.includes('[::]:80')) await ctx.fs.writeFile('/etc/nginx/conf.d/default.conf', conf.replace(/(listen\s+80;)/, '$1\n    listen  [::]:80;'));
            for (const d of ['client_temp', 'proxy_temp', 'fastcgi_temp', 'uwsgi_temp', 'scgi_temp']) if (isDir(ctx.fs, '/var/cache/nginx')) await ctx.fs.mkdir(`/var/cache/nginx/${d}`, { recursive: true });
            if (isDir(ctx.fs, '/run')) await ctx.fs.writeFile('/run/nginx.pid', '1\n');
          } catch { /* read-only or unusual layout: nothing to record */ }
          ctx.out('/docker-entrypoint.sh: /docker-entrypoint.d/ is not empty, will attempt to perform configuration\n'
            + '/docker-entrypoint.sh: Looking for shell scripts in /docker-entrypoint.d/\n'
            + '/docker-entrypoint.sh: Launching /docker-entrypoint.d/10-listen-on-ipv6-by-default.sh\n'
            + '10-listen-on-ipv6-by-default.sh: info: Getting the checksum of /etc/nginx/conf.d/default.conf\n'
            + '10-listen-on-ipv6-by-default.sh: info: Enabled listen on IPv6 in /etc/nginx/conf.d/default.conf\n'
            + '/docker-entrypoint.sh: Sourcing /docker-entrypoint.d/15-local-resolvers.envsh\n'
            + '/docker-entrypoint.sh: Launching /docker-entrypoint.d/20-envsubst-on-templates.sh\n'
            + '/docker-entrypoint.sh: Launching /docker-entrypoint.d/30-tune-worker-processes.sh\n'
            + '/docker-entrypoint.sh: Configuration complete; ready for start up\n');
        }
        const t = ngTime(ctx.now());
        let s = `${t} [notice] 1#1: using the "epoll" event method\n${t} [notice] 1#1: nginx/${version}\n`
          + `${t} [notice] 1#1: built by gcc 12.2.0 (Debian 12.2.0-14) \n${t} [notice] 1#1: OS: Linux 6.8.0-60-generic\n`
          + `${t} [notice] 1#1: getrlimit(RLIMIT_NOFILE): 1048576:1048576\n${t} [notice] 1#1: start worker processes\n`;
        for (let i = 0; i < ctx.cpus; i++) s += `${t} [notice] 1#1: start worker process ${29 + i}\n`;
        ctx.err(s);
      }
      return until(ctx.signal);
    },
  };
}

function httpd(): Program {
  let serve: ((p: string) => HttpResponse) | null = null;
  return {
    name: 'httpd', listens: [80],
    http: (path) => (serve ? serve(path) : null),
    async run(ctx) {
      serve = staticServer(ctx.fs, '/usr/local/apache2/htdocs', HTTPD_404);
      const d = new Date(ctx.now());
      const us = String((ctx.now() % 1000) * 1000).padStart(6, '0');
      const t = `${DAY[d.getUTCDay()]} ${MON[d.getUTCMonth()]} ${String(d.getUTCDate()).padStart(2, '0')} ${d.toISOString().slice(11, 19)}.${us} ${d.getUTCFullYear()}`;
      const ah = "AH00558: httpd: Could not reliably determine the server's fully qualified domain name, using 172.17.0.2. Set the 'ServerName' directive globally to suppress this message\n";
      ctx.err(ah + ah + `[${t}] [mpm_event:notice] [pid 1:tid 1] AH00489: Apache/${ctx.env.HTTPD_VERSION ?? '2.4.63'} (Unix) configured -- resuming normal operations\n`
        + `[${t}] [core:notice] [pid 1:tid 1] AH00094: Command line: 'httpd -D FOREGROUND'\n`);
      return until(ctx.signal);
    },
  };
}

function redis(): Program {
  return {
    name: 'redis-server', listens: [6379], kv: new Map(),
    async run(ctx) {
      const d = new Date(ctx.now());
      const t = `${String(d.getUTCDate()).padStart(2, '0')} ${MON[d.getUTCMonth()]} ${d.getUTCFullYear()} ${d.toISOString().slice(11, 23)}`;
      const v = ctx.env.REDIS_VERSION ?? '7.4.2';
      ctx.out(`1:C ${t} * oO0OoO0OoO0Oo Redis is starting oO0OoO0OoO0Oo\n`
        + `1:C ${t} * Redis version=${v}, bits=64, commit=00000000, modified=0, pid=1, just started\n`
        + `1:C ${t} # Warning: no config file specified, using the default config. In order to specify a config file use redis-server /path/to/redis.conf\n`
        + `1:M ${t} * monotonic clock: POSIX clock_gettime\n1:M ${t} * Running mode=standalone, port=6379.\n1:M ${t} * Server initialized\n`
        + `1:M ${t} * Ready to accept connections tcp\n`);
      return until(ctx.signal);
    },
  };
}

function database(name: string, port: number, lines: (ctx: ProgramContext) => string, stream: 'out' | 'err' = 'out'): Program {
  return {
    name, listens: [port],
    async run(ctx) {
      ctx[stream](lines(ctx));
      return until(ctx.signal);
    },
  };
}

const iso = (ms: number) => new Date(ms).toISOString();

function pythonHttpServer(port: number): Program {
  let cwdServe: ((p: string) => HttpResponse) | null = null;
  return {
    name: 'python3', listens: [port],
    http: (p) => (cwdServe ? cwdServe(p) : null),
    async run(ctx) {
      cwdServe = (path) => {
        const dir = (ctx.cwd + path).replace(/\/+/g, '/');
        if (isDir(ctx.fs, dir)) {
          const idx = readText(ctx.fs, dir.replace(/\/$/, '') + '/index.html');
          if (idx !== null) return { status: 200, body: idx, contentType: 'text/html' };
          const names = ctx.fs.children(ctx.fs.resolve(dir)).sort();
          const items = names.map((n) => `<li><a href="${n}${isDir(ctx.fs, dir + '/' + n) ? '/' : ''}">${n}${isDir(ctx.fs, dir + '/' + n) ? '/' : ''}</a></li>`).join('\n');
          return { status: 200, body: `<!DOCTYPE HTML>\n<html lang="en">\n<head>\n<meta charset="utf-8">\n<title>Directory listing for ${path}</title>\n</head>\n<body>\n<h1>Directory listing for ${path}</h1>\n<hr>\n<ul>\n${items}\n</ul>\n<hr>\n</body>\n</html>\n`, contentType: 'text/html' };
        }
        const t = readText(ctx.fs, dir);
        return t === null ? { status: 404, body: 'File not found' } : { status: 200, body: t };
      };
      ctx.out(`Serving HTTP on 0.0.0.0 port ${port} (http://0.0.0.0:${port}/) ...\n`);
      return until(ctx.signal);
    },
  };
}

/** Print statements of a trivial script: print("x") / console.log('x'). */
function printed(src: string, fn: RegExp): string {
  let out = '';
  for (const m of src.matchAll(fn)) out += m[2] + '\n';
  return out;
}

function nodeScript(src: string): Program {
  const listen = /\.listen\(\s*(\d+)/.exec(src);
  const body = /res\.(?:end|send)\(\s*(['"`])([\s\S]*?)\1/.exec(src)?.[2] ?? '';
  const logs = printed(src, /console\.log\(\s*(['"`])([\s\S]*?)\1\s*\)/g);
  if (!listen) return { name: 'node', listens: [], async run(ctx) { ctx.out(logs); return 0; } };
  return {
    name: 'node', listens: [Number(listen[1])],
    http: () => ({ status: 200, body }),
    async run(ctx) { ctx.out(logs); return until(ctx.signal); },
  };
}

export type Resolution = { program: Program } | { startError: string; exitCode: number };

/** Finds an executable on PATH in the container's fs. */
export function lookPath(fs: UnionFs, name: string, path: string): string | undefined {
  if (name.includes('/')) return fs.entry(name) ? name : undefined;
  for (const d of path.split(':').filter(Boolean)) if (fs.entry(`${d}/${name}`)) return `${d}/${name}`;
  return undefined;
}

const shq = (s: string) => (/^[A-Za-z0-9_@%+=:,./-]+$/.test(s) ? s : `'${s.replace(/'/g, `'\\''`)}'`);

/**
 * The program for a container's resolved command (entrypoint + cmd), following the official images' entrypoints.
 * Unknown executables fail like runc: `exec: "foo": executable file not found in $PATH`.
 */
export function resolveProgram(argv: string[], fs: UnionFs, env: Record<string, string>, interactive: boolean, trusted = false): Resolution {
  if (argv.length === 0) return { startError: 'no command specified', exitCode: 125 };
  const PATH = env.PATH ?? '/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin';
  const exe = trusted || lookPath(fs, argv[0], PATH);
  if (!exe) {
    return {
      startError: argv[0].includes('/') ? `exec: "${argv[0]}": stat ${argv[0]}: no such file or directory` : `exec: "${argv[0]}": executable file not found in $PATH`,
      exitCode: 127,
    };
  }
  const name = base(argv[0]);
  const args = argv.slice(1);
  // Official images' entrypoint scripts hand over to the program they start.
  if (name === 'docker-entrypoint.sh' || name === 'httpd-foreground') {
    if (name === 'httpd-foreground') return { program: httpd() };
    const [next, ...rest] = args;
    if (next === 'nginx' || next === 'nginx-debug') return { program: nginx(true) };
    if (next === undefined) return { program: { name, listens: [], run: async () => 0 } };
    if (next.startsWith('-') && fs.entry('/usr/local/bin/redis-server')) return { program: redis() };
    // The database images' entrypoints refuse to initialise without a password.
    if (next === 'postgres' && !env.POSTGRES_PASSWORD && env.POSTGRES_HOST_AUTH_METHOD !== 'trust') {
      return { program: { name: 'postgres', listens: [], async run(ctx) {
        ctx.err('Error: Database is uninitialized and superuser password is not specified.\n       You must specify POSTGRES_PASSWORD to a non-empty value for the\n       superuser. For example, "-e POSTGRES_PASSWORD=password" on "docker run".\n\n       You may also use "POSTGRES_HOST_AUTH_METHOD=trust" to allow all\n       connections without a password. This is *not* recommended.\n\n       See PostgreSQL documentation about "trust":\n       https://www.postgresql.org/docs/current/auth-trust.html\n');
        return 1;
      } } };
    }
    if (next === 'mysqld' && !env.MYSQL_ROOT_PASSWORD && !env.MYSQL_ALLOW_EMPTY_PASSWORD && !env.MYSQL_RANDOM_ROOT_PASSWORD) {
      return { program: { name: 'mysqld', listens: [], async run(ctx) {
        const t = iso(ctx.now()).replace(/\.\d+Z$/, '+00:00');
        ctx.out(`${t} [Note] [Entrypoint]: Entrypoint script for MySQL Server 8.0.41-1.el9 started.\n`);
        ctx.err(`${t} [ERROR] [Entrypoint]: Database is uninitialized and password option is not specified\n    You need to specify one of the following as an environment variable:\n    - MYSQL_ROOT_PASSWORD\n    - MYSQL_ALLOW_EMPTY_PASSWORD\n    - MYSQL_RANDOM_ROOT_PASSWORD\n`);
        return 1;
      } } };
    }
    if (['postgres', 'mysqld', 'mongod', 'redis-server'].includes(next)) return resolveProgram([next, ...rest], fs, env, interactive, true);
    if (lookPath(fs, next, PATH)) return resolveProgram([next, ...rest], fs, env, interactive);
    return resolveProgram(['/bin/sh', '-c', [next, ...rest].map(shq).join(' ')], fs, env, interactive);
  }
  if (name === 'hello' && !fs.entry('/bin/sh')) return { program: { name: 'hello', listens: [], run: async (ctx) => { ctx.out(HELLO_MESSAGE); return 0; } } };
  if (name === 'nginx') return { program: nginx(false) };
  if (name === 'httpd' || name === 'apache2ctl' || name === 'apachectl') return { program: httpd() };
  if (name === 'redis-server') return { program: redis() };
  if (name === 'mongod') {
    return { program: database('mongod', 27017, (c) => `{"t":{"$date":"${iso(c.now())}"},"s":"I",  "c":"NETWORK",  "id":23016,   "ctx":"listener","msg":"Waiting for connections","attr":{"port":27017,"ssl":"off"}}\n`) };
  }
  if (name === 'postgres') {
    return {
      program: database('postgres', 5432, (c) => {
        const t = iso(c.now()).replace('T', ' ').slice(0, 23) + ' UTC';
        return `${t} [1] LOG:  starting PostgreSQL 17.4 (Debian 17.4-1.pgdg120+2) on x86_64-pc-linux-gnu, compiled by gcc (Debian 12.2.0-14) 12.2.0, 64-bit\n`
          + `${t} [1] LOG:  listening on IPv4 address "0.0.0.0", port 5432\n${t} [1] LOG:  listening on IPv6 address "::", port 5432\n`
          + `${t} [1] LOG:  listening on Unix socket "/var/run/postgresql/.s.PGSQL.5432"\n${t} [1] LOG:  database system is ready to accept connections\n`;
      }, 'err'),
    };
  }
  if (name === 'mysqld') {
    return { program: database('mysqld', 3306, (c) => `${iso(c.now())} 0 [System] [MY-010931] [Server] /usr/sbin/mysqld: ready for connections. Version: '8.0.41'  socket: '/var/run/mysqld/mysqld.sock'  port: 3306  MySQL Community Server - GPL.\n`, 'err') };
  }
  if (name === 'sleep') {
    const n = args[0] === 'infinity' ? Infinity : parseFloat(args[0] ?? '');
    if (Number.isFinite(n) && n >= 0) return { program: { name: 'sleep', listens: [], endsAfter: n, run: (ctx) => until(ctx.signal) } };
    if (n === Infinity) return { program: { name: 'sleep', listens: [], run: (ctx) => until(ctx.signal) } };
  }
  if ((name === 'tail' && args.includes('-f')) || name === 'top') return { program: { name, listens: [], run: (ctx) => until(ctx.signal) } };
  if (name === 'catalina.sh' && args[0] === 'run') return { program: { name: 'java', listens: [8080], http: () => ({ status: 404, body: '' }), run: (ctx) => until(ctx.signal) } };
  if (/^python[0-9.]*$/.test(name)) {
    if (args[0] === '-m' && args[1] === 'http.server') return { program: pythonHttpServer(Number(args[2] ?? 8000)) };
    if (args[0] === '-c') return { program: { name, listens: [], async run(ctx) { ctx.out(printed(args[1] ?? '', /print\(\s*(['"])(.*?)\1\s*\)/g)); return 0; } } };
    if (args[0] && !args[0].startsWith('-')) {
      const src = readText(fs, args[0].startsWith('/') ? args[0] : `${env.__CWD ?? '/'}/${args[0]}`.replace(/\/+/g, '/'));
      if (src === null) {
        return { program: { name, listens: [], async run(ctx) { ctx.err(`${name}: can't open file '${args[0].startsWith('/') ? args[0] : (ctx.cwd + '/' + args[0]).replace(/\/+/g, '/')}': [Errno 2] No such file or directory\n`); return 2; } } };
      }
      const m = /HTTPServer\(\s*\(\s*['"][^'"]*['"]\s*,\s*(\d+)/.exec(src) ?? /app\.run\([^)]*port\s*=\s*(\d+)/.exec(src);
      const out = printed(src, /print\(\s*(['"])(.*?)\1\s*\)/g);
      if (m) return { program: { name, listens: [Number(m[1])], http: () => ({ status: 200, body: out }), async run(ctx) { return until(ctx.signal); } } };
      return { program: { name, listens: [], async run(ctx) { ctx.out(out); return 0; } } };
    }
  }
  if (name === 'node') {
    if (args[0] === '-e') return { program: nodeScript(args[1] ?? '') };
    if (args[0] && !args[0].startsWith('-')) {
      const p = args[0].startsWith('/') ? args[0] : `${env.__CWD ?? '/'}/${args[0]}`.replace(/\/+/g, '/');
      const src = readText(fs, p) ?? readText(fs, p + '.js');
      if (src === null) {
        return { program: { name, listens: [], async run(ctx) { ctx.err(`node:internal/modules/cjs/loader:1228\n  throw err;\n  ^\n\nError: Cannot find module '${p}'\n`); return 1; } } };
      }
      return { program: nodeScript(src) };
    }
    if (args.length === 0) return { program: { name, listens: [], async run(ctx) { if (!ctx.interactive) return 0; ctx.out('Welcome to Node.js v22.14.0.\nType ".help" for more information.\n'); return ctx.interactiveShell('node'); } } };
  }
  // Shells: -c runs a script; no script reads stdin (an interactive shell with -i, else it exits at once).
  if (SHELLS.has(name)) {
    const c = args.indexOf('-c');
    if (c >= 0) {
      const script = args[c + 1] ?? '';
      return { program: { name, listens: [], async run(ctx) { const r = await ctx.shell(script, [argv[0], ...args.slice(0, c + 1)]); return r.exitCode; } } };
    }
    if (args.length === 0 || args.every((a) => a.startsWith('-'))) {
      return { program: { name, listens: [], async run(ctx) { return interactive ? ctx.interactiveShell(argv[0]) : 0; } } };
    }
  }
  // Anything else present in the image: run through the image's shell (exec semantics: argv quoted as-is).
  // Exec'd directly, env/printenv see the process environment only (no PWD/SHLVL: only a shell sets those).
  if ((name === 'env' || name === 'printenv') && args.every((a) => !a.startsWith('-') && !a.includes('=')) && (name === 'printenv' || args.length === 0)) {
    return { program: { name, listens: [], async run(ctx) {
      const e = processEnv(ctx);
      if (args.length === 0) { ctx.out(Object.entries(e).map(([k, v]) => `${k}=${v}\n`).join('')); return 0; }
      let code = 0;
      for (const k of args) { if (k in e) ctx.out(e[k] + '\n'); else code = 1; }
      return code;
    } } };
  }
  return { program: { name, listens: [], async run(ctx) { const r = await ctx.shell(argv.map(shq).join(' ')); return r.exitCode; } } };
}

/** The environment runc gives the process: the container's, plus HOME (from /etc/passwd, else /root) when missing. */
function processEnv(ctx: ProgramContext): Record<string, string> {
  const e = { ...ctx.env };
  if (e.HOME === undefined) {
    const u = ctx.user || 'root';
    const passwd = readText(ctx.fs, '/etc/passwd') ?? '';
    const row = passwd.split('\n').map((l) => l.split(':')).find((f) => f.length >= 6 && (f[0] === u.split(':')[0] || f[2] === u.split(':')[0]));
    e.HOME = row?.[5] || (u === 'root' || u === '0' ? '/root' : '/');
  }
  return e;
}

/** Clients of the simulated servers run by `docker exec` (redis-cli, psql, mysql, mongosh). Null when argv is not one. */
export function clientCommand(argv: string[], server: Program | undefined, tty: boolean): { out: string; err: string; code: number } | null {
  const name = base(argv[0] ?? '');
  const args = argv.slice(1);
  if (name === 'redis-cli') {
    const kv = server?.kv;
    if (!kv) return { out: '', err: 'Could not connect to Redis at 127.0.0.1:6379: Connection refused\n', code: 1 };
    const words = args.filter((a, i) => !(a.startsWith('-') || (i > 0 && ['-h', '-p'].includes(args[i - 1]))));
    const [cmd = '', ...rest] = words;
    const q = (s: string) => (tty ? `"${s}"` : s);
    switch (cmd.toLowerCase()) {
      case 'ping': return { out: 'PONG\n', err: '', code: 0 };
      case 'set': kv.set(rest[0], rest[1] ?? ''); return { out: 'OK\n', err: '', code: 0 };
      case 'get': return { out: kv.has(rest[0]) ? q(kv.get(rest[0])!) + '\n' : tty ? '(nil)\n' : '\n', err: '', code: 0 };
      case 'del': { let n = 0; for (const k of rest) if (kv.delete(k)) n++; return { out: (tty ? `(integer) ${n}` : String(n)) + '\n', err: '', code: 0 }; }
      case 'keys': {
        const re = new RegExp('^' + (rest[0] ?? '*').replace(/[.+^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '.*').replace(/\?/g, '.') + '$');
        const ks = [...kv.keys()].filter((k) => re.test(k));
        return { out: tty ? (ks.length ? ks.map((k, i) => `${i + 1}) ${q(k)}`).join('\n') + '\n' : '(empty array)\n') : ks.map((k) => k + '\n').join(''), err: '', code: 0 };
      }
      case 'incr': { const v = Number(kv.get(rest[0]) ?? '0') + 1; kv.set(rest[0], String(v)); return { out: (tty ? `(integer) ${v}` : String(v)) + '\n', err: '', code: 0 }; }
      case '': return null;
      default: return { out: `(error) ERR unknown command '${cmd}', with args beginning with: ${rest.map((r) => `'${r}' `).join('')}\n`, err: '', code: 0 };
    }
  }
  if (name === 'psql') {
    const c = args.indexOf('-c');
    if (c < 0) return null;
    const sql = (args[c + 1] ?? '').trim().replace(/;$/, '');
    const m = /^select\s+(.+)$/i.exec(sql);
    if (m) {
      const val = m[1].trim();
      const asMatch = /^(.+?)\s+as\s+(\w+)$/i.exec(val);
      const expr = asMatch ? asMatch[1] : val;
      const col = asMatch ? asMatch[2] : /^version\(\)$/i.test(expr) ? 'version' : '?column?';
      const v = /^version\(\)$/i.test(expr) ? 'PostgreSQL 17.4 (Debian 17.4-1.pgdg120+2) on x86_64-pc-linux-gnu, compiled by gcc (Debian 12.2.0-14) 12.2.0, 64-bit'
        : /^'(.*)'$/.exec(expr)?.[1] ?? (/^[\d+\-*/ ()]+$/.test(expr) ? String(Function(`return (${expr})`)()) : expr);
      const w = Math.max(col.length, v.length);
      const numeric = /^-?\d+$/.test(v);
      const pad = (s: string, right: boolean) => (right ? s.padStart(w) : s.padEnd(w));
      const head = ' ' + (' '.repeat(Math.floor((w - col.length) / 2)) + col).padEnd(w) + ' ';
      return { out: `${head}\n${'-'.repeat(w + 2)}\n ${numeric ? pad(v, true) : v}\n(1 row)\n\n`, err: '', code: 0 };
    }
    return { out: '', err: `ERROR:  syntax error at or near "${sql.split(/\s+/)[0]}"\nLINE 1: ${sql}\n        ^\n`, code: 1 };
  }
  if (name === 'mysql') {
    const e = args.findIndex((a) => a === '-e' || a.startsWith('-e'));
    if (e < 0) return null;
    const sql = args[e] === '-e' ? args[e + 1] ?? '' : args[e].slice(2);
    const m = /^select\s+(.+?);?$/i.exec(sql.trim());
    if (!m) return { out: '', err: 'ERROR 1064 (42000): You have an error in your SQL syntax\n', code: 1 };
    const v = m[1].trim();
    return { out: `${v}\n${v.replace(/^'(.*)'$/, '$1')}\n`, err: '', code: 0 };
  }
  if (name === 'mongosh' || name === 'mongo') {
    const e = args.indexOf('--eval');
    if (e < 0) return null;
    const js = args[e + 1] ?? '';
    if (/ping/.test(js)) return { out: '{ ok: 1 }\n', err: '', code: 0 };
    return { out: printed(js, /print\(\s*(['"])(.*?)\1\s*\)/g), err: '', code: 0 };
  }
  return null;
}

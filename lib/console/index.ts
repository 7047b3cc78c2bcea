/**
 * createConsole: the page terminal's and `npm run console`'s command interpreter. Runs `docker ...` through lib/cli
 * and a few workspace builtins (ls, cat, cd, pwd, echo, clear, help, mkdir, rm, touch, history, date). The shell
 * language around them (variables, `$(...)`, quoting, `;` `&&` `||`, export/unset) is lib/console/shell.ts; it
 * streams output and reads stdin while a command runs (docker build, run -it, stats, logs -f).
 * Lines with pipes, `&`, subshells, brace groups, loops and other compound commands, globs or here-documents
 * (`docker images | grep nginx`, `for i in 1 2 3; do ...; done`, `ls *.txt`) run in just-bash instead
 * (lib/console/full-shell.ts, over the workspace: bash-fs.ts), with docker, curl, date, ls, clear, help and history
 * as commands there. Such a line's output shows as each command ends (not while a command runs) unless the
 * command is one of ours writing to the terminal; variables, the directory and `$?` carry over both ways.
 */
import type { EngineClient } from '../api/types';
import { completionCandidates, runDocker } from '../cli/cli';
import type { BuildKitFrontend, CliContext, StoredAuth } from '../cli/command';
import type { CompletionResult, Console, ConsoleIO, Workspace } from './types';
import { createShell, formatDate, type SimpleCommand } from './shell';
import { needsFullShell, runFullShell, type ConsoleCommand } from './full-shell';
import { normalizePath } from './workspace';

export interface ConsoleOptions {
  client: EngineClient;
  workspace: Workspace;
  env?: Record<string, string>;
  now: () => number;
  buildkit?: BuildKitFrontend;
  /** `curl` is delegated here when given (the engine's published ports). */
  curl?: (argv: string[], io: ConsoleIO) => Promise<number>;
}

const dec = new TextDecoder();
const BUILTINS = ['cat', 'cd', 'clear', 'docker', 'echo', 'export', 'help', 'history', 'ls', 'mkdir', 'pwd', 'rm', 'touch', 'curl', 'date', 'unset', 'true', 'false'];

const HELP = `This console runs docker commands against a simulated Docker engine.
Try:  docker run hello-world    docker images    docker build -t myapp .
Other commands: ls, cat FILE, cd DIR, pwd, echo, mkdir, touch, rm, export NAME=VALUE, history, clear.
Pipes, loops and globs work too:  docker images | grep nginx    docker ps -aq | xargs docker rm -f
  for i in 1 2 3; do docker run --rm alpine echo $i; done    ls *.txt    (with grep, wc, head, sort, awk, sed...)
`;

export function createConsole(opts: ConsoleOptions): Console {
  const env: Record<string, string> = { HOME: '/root', PWD: '/', ...(opts.env ?? {}) };
  let cwd = '';
  const history: string[] = [];
  const auths = new Map<string, StoredAuth>();
  const ws = opts.workspace;

  // variables, expansions, $(...), ; && ||, VAR=x cmd, export/unset: lib/console/shell.ts; commands: dispatch below
  const shell = createShell({ env, exec: (cmd, io) => runSimple(cmd, io), getCwd: () => cwd, setCwd: (c) => { cwd = c; env.PWD = '/' + c; } });
  const abs = (p: string) => normalizePath((p.startsWith('/') ? '' : cwd + '/') + p);
  const isDir = (p: string) => p === '' || ws.list().some((f) => f.path.startsWith(p + '/'));

  async function runSimple(cmd: SimpleCommand, io: ConsoleIO): Promise<number> {
    let out = io;
    let stdin: Uint8Array | undefined;
    if (cmd.input !== undefined) {
      // `< file`: the command's stdin is the file (its bytes for docker load/import, its lines for prompts and run -i)
      const f = ws.read(abs(cmd.input));
      if (!f) { io.stderr(`bash: ${cmd.input}: ${isDir(abs(cmd.input)) ? 'Is a directory' : 'No such file or directory'}\n`); return 1; }
      stdin = f.data;
      const lines = dec.decode(f.data).split('\n');
      if (lines[lines.length - 1] === '') lines.pop();
      out = { stdout: io.stdout.bind(io), stderr: io.stderr.bind(io), readLine: async () => (lines.length ? lines.shift() as string : null), isTTY: io.isTTY, columns: io.columns, signal: io.signal };
    }
    const inner = out;
    let buffer = '';
    if (cmd.redirect) out = { ...inner, stdout: (s: string) => { buffer += s; }, readLine: inner.readLine.bind(inner), stderr: inner.stderr.bind(inner), isTTY: false, columns: inner.columns, signal: inner.signal };
    const code = await dispatch(cmd.argv, out, stdin, cmd.env);
    if (cmd.redirect) {
      const p = abs(cmd.redirect.path);
      if (isDir(p) && p !== '' && !ws.read(p)) { io.stderr(`${cmd.redirect.path}: Is a directory\n`); return 1; }
      const prev = cmd.redirect.append ? dec.decode(ws.read(p)?.data ?? new Uint8Array()) : '';
      ws.write(p, prev + buffer);
    }
    return code;
  }

  async function dispatch(argv: string[], io: ConsoleIO, stdin?: Uint8Array, cmdEnv?: Record<string, string>, oneLine = false): Promise<number> {
    if (argv.length === 0) return 0;
    const [name, ...args] = argv;
    switch (name) {
      case 'docker': {
        const ctx: CliContext = { client: opts.client, io, env: cmdEnv ?? env, now: opts.now, workspace: ws, cwd, auths, buildkit: opts.buildkit, ...(stdin ? { stdin } : {}) };
        return runDocker(args, ctx);
      }
      case 'echo': {
        let a = args;
        let nl = true;
        if (a[0] === '-n') { nl = false; a = a.slice(1); }
        io.stdout(a.join(' ') + (nl ? '\n' : ''));
        return 0;
      }
      case 'pwd': io.stdout('/' + cwd + '\n'); return 0;
      case 'cd': {
        // the workspace is the host's `/` (bind mounts see it there); `cd` alone and `cd ~` go back to it
        const back = args[0] === '-';
        if (back && env.OLDPWD === undefined) { io.stderr('bash: cd: OLDPWD not set\n'); return 1; }
        const arg = back ? env.OLDPWD : args[0];
        const target = arg === undefined || arg === '~' || arg === '' ? '' : abs(arg);
        if (ws.read(target)) { io.stderr(`bash: cd: ${arg}: Not a directory\n`); return 1; }
        if (!isDir(target)) { io.stderr(`bash: cd: ${arg}: No such file or directory\n`); return 1; }
        env.OLDPWD = '/' + cwd;
        cwd = target;
        env.PWD = '/' + cwd;
        if (back) io.stdout(env.PWD + '\n');
        return 0;
      }
      case 'date': {
        const fmt = args.find((a) => a.startsWith('+'));
        const bad = args.find((a) => !a.startsWith('+') && a !== '-u' && a !== '--utc');
        if (bad !== undefined) { io.stderr(`date: invalid date '${bad}'\n`); return 1; }
        io.stdout(formatDate(opts.now(), fmt?.slice(1)) + '\n');
        return 0;
      }
      case 'ls': {
        // files named first, then directories (with a `name:` header when several were named); one name a line when
        // not on the terminal (`ls | wc -l`), else side by side
        const showAll = args.some((a) => /^-[a-zA-Z]*a/.test(a));
        const dirsAsFiles = args.some((a) => /^-[a-zA-Z]*d/.test(a));
        const paths = args.filter((a) => !a.startsWith('-'));
        const targets = paths.length ? paths : ['.'];
        const files: string[] = [];
        const dirs: string[] = [];
        let code = 0;
        for (const p of targets) {
          const d = abs(p);
          if (ws.read(d) || (dirsAsFiles && isDir(d))) files.push(p);
          else if (isDir(d)) dirs.push(p);
          else { io.stderr(`ls: cannot access '${p}': No such file or directory\n`); code = 2; }
        }
        const sep = oneLine ? '\n' : '  ';
        const blocks: string[] = [];
        if (files.length) blocks.push(files.sort().join(sep) + '\n');
        for (const p of dirs.sort()) {
          const d = abs(p);
          const prefix = d ? d + '/' : '';
          const names = new Set<string>();
          for (const f of ws.list()) if (f.path.startsWith(prefix)) names.add(f.path.slice(prefix.length).split('/')[0]);
          const list = [...names].filter((n) => showAll || !n.startsWith('.')).sort();
          blocks.push((targets.length > 1 ? `${p}:\n` : '') + (list.length ? list.join(sep) + '\n' : ''));
        }
        io.stdout(blocks.join('\n'));
        return code;
      }
      case 'cat': {
        if (args.length === 0 && stdin) { io.stdout(dec.decode(stdin)); return 0; }
        let code = 0;
        for (const p of args) {
          const f = ws.read(abs(p));
          if (!f) { io.stderr(`cat: ${p}: ${isDir(abs(p)) ? 'Is a directory' : 'No such file or directory'}\n`); code = 1; continue; }
          io.stdout(dec.decode(f.data));
        }
        return code;
      }
      case 'touch':
        for (const p of args) if (!ws.read(abs(p))) ws.write(abs(p), '');
        return 0;
      case 'mkdir':
        for (const p of args.filter((a) => !a.startsWith('-'))) ws.write(abs(p) + '/.keep', '');
        return 0;
      case 'rm': {
        const recursive = args.some((a) => /^-[a-zA-Z]*r/.test(a));
        const force = args.some((a) => /^-[a-zA-Z]*f/.test(a));
        let code = 0;
        for (const p of args.filter((a) => !a.startsWith('-'))) {
          const t = abs(p);
          if (ws.remove(t)) continue;
          if (isDir(t) && t !== '') {
            if (!recursive) { io.stderr(`rm: cannot remove '${p}': Is a directory\n`); code = 1; continue; }
            for (const f of ws.list()) if (f.path.startsWith(t + '/')) ws.remove(f.path);
            continue;
          }
          if (!force) { io.stderr(`rm: cannot remove '${p}': No such file or directory\n`); code = 1; }
        }
        return code;
      }
      case 'clear': io.stdout('\x1b[H\x1b[2J\x1b[3J'); return 0;
      case 'help': io.stdout(HELP); return 0;
      case 'history':
        io.stdout(history.map((h, i) => `${String(i + 1).padStart(5)}  ${h}\n`).join(''));
        return 0;
      case 'curl':
        if (opts.curl) return opts.curl(args, io);
        io.stderr('curl: not available in this console yet\n');
        return 127;
      default:
        io.stderr(`${name}: command not found\n`);
        return 127;
    }
  }

  // The console's commands as commands of just-bash lines (full-shell.ts): they run in that line's directory.
  const fullCommands: Record<string, ConsoleCommand> = {};
  for (const name of ['docker', 'curl', 'date', 'ls', 'clear', 'help', 'history']) {
    fullCommands[name] = async (args, cio, c) => {
      const saved = cwd;
      cwd = c.cwd;
      try {
        return await dispatch([name, ...args], cio, c.stdin, c.env, !c.terminal);
      } finally {
        cwd = saved;
      }
    };
  }

  return {
    prompt: () => '$ ',
    async run(line: string, io: ConsoleIO): Promise<number> {
      if (line.trim() !== '') history.push(line);
      if (needsFullShell(line)) {
        const status = await runFullShell(line, io, {
          workspace: ws, now: opts.now, commands: fullCommands, env, locals: shell.locals, status: shell.status,
          getCwd: () => cwd, setCwd: (c) => { cwd = c; env.PWD = '/' + c; },
        });
        shell.status = status;
        return status;
      }
      // Syntax errors anywhere on the line stop it before anything runs, like bash (lib/console/shell.ts).
      return shell.run(line, io);
    },
    async complete(line: string, cursor: number): Promise<CompletionResult> {
      const before = line.slice(0, cursor);
      const start = Math.max(before.lastIndexOf(' '), before.lastIndexOf(';'), before.lastIndexOf('&'), before.lastIndexOf('|')) + 1;
      const word = before.slice(start);
      // the command being typed starts after the last `;` `&&` `||` `|` (or a loop's `do`/`then`...); `xargs` runs the
      // command after it (`docker ps -aq | xargs docker rm -f `)
      const words = before.slice(0, start).replace(/(\|\||&&|[;|(])/g, ' $1 ').split(/\s+/).filter(Boolean);
      const seps = [';', '&&', '||', '|', '(', 'do', 'then', 'else', '{', '!'];
      const segStart = Math.max(...seps.map((x) => words.lastIndexOf(x))) + 1;
      let cmdWords = words.slice(segStart);
      if (cmdWords[0] === 'xargs') cmdWords = cmdWords.slice(1).filter((w, i, a) => !w.startsWith('-') || a.slice(0, i).some((x) => !x.startsWith('-')));
      let items: string[] = [];
      if (cmdWords.length === 0) {
        items = BUILTINS.filter((b) => b.startsWith(word));
      } else if (cmdWords[0] === 'docker') {
        const { commands, flags, cmd } = completionCandidates(cmdWords.slice(1));
        if (word.startsWith('-')) items = flags.filter((f) => f.startsWith(word));
        else if (commands.length) items = commands.filter((c) => c.startsWith(word));
        else {
          const path = cmd.path;
          try {
            // `docker rm` removes containers (`docker rmi` images); `docker inspect` takes either.
            const images = /^(rmi|history|tag|push|save|inspect)$|^image (rm|history|tag|push|save|inspect)$|^(run|create)$|^container (run|create)$/.test(path);
            if (images) {
              const imgs = await opts.client.imageList({});
              items = imgs.flatMap((i) => i.RepoTags ?? []).filter((t) => t.startsWith(word));
            }
            if (path === 'inspect' || (!images && path !== '')) {
              const cs = await opts.client.containerList({ all: true });
              items = items.concat(cs.flatMap((c) => c.Names.map((n) => n.replace(/^\//, ''))).filter((n) => n.startsWith(word)));
            }
          } catch {
            items = [];
          }
        }
      } else {
        const dir = word.includes('/') ? word.slice(0, word.lastIndexOf('/') + 1) : '';
        const base = abs(dir);
        const prefix = base ? base + '/' : '';
        const names = new Set<string>();
        for (const f of ws.list()) if (f.path.startsWith(prefix)) { const rest = f.path.slice(prefix.length).split('/'); names.add(rest[0] + (rest.length > 1 ? '/' : '')); }
        items = [...names].map((n) => dir + n).filter((n) => n.startsWith(word));
      }
      return { items: [...new Set(items)].sort(), start };
    },
  };
}

export { MemoryWorkspace, loadWorkspaceFromFiles } from './workspace';

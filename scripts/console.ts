/**
 * npm run -s console -- [--context DIR] [--host tcp://HOST:PORT] [--state FILE]
 *
 * Interactive on a TTY (readline prompt, history, tab completion); otherwise reads one command per line from stdin,
 * prints exactly what the page's console prints (no prompts) and exits with the last command's status, like `sh`.
 * --context DIR  loads a folder as the workspace (default: an empty workspace)
 * --host URL     talks to an Engine API over HTTP (lib/api/http-client.ts) instead of the in-process engine
 * --state FILE   in-process engine state file (passed to createEngine when it supports it)
 * SOURCE_DATE_EPOCH fixes the clock; DOCKER_BUILDKIT=0 selects the legacy builder.
 */
import fs from 'node:fs';
import path from 'node:path';
import readline from 'node:readline';
import type { EngineClient } from '../lib/api/types';
import { createConsole, loadWorkspaceFromFiles } from '../lib/console/index';
import type { ConsoleIO } from '../lib/console/types';

interface Args { context?: string; host?: string; state?: string }

function parseArgs(argv: string[]): Args {
  const a: Args = {};
  for (let i = 0; i < argv.length; i++) {
    const k = argv[i];
    const v = (): string => {
      const x = argv[++i];
      if (x === undefined) { process.stderr.write(`console: ${k} needs a value\n`); process.exit(2); }
      return x;
    };
    if (k === '--context') a.context = v();
    else if (k === '--host') a.host = v();
    else if (k === '--state') a.state = v();
    else if (k.startsWith('--context=')) a.context = k.slice(10);
    else if (k.startsWith('--host=')) a.host = k.slice(7);
    else if (k.startsWith('--state=')) a.state = k.slice(8);
    else { process.stderr.write(`console: unknown argument ${k}\nusage: npm run -s console -- [--context DIR] [--host tcp://HOST:PORT] [--state FILE]\n`); process.exit(2); }
  }
  return a;
}

function readFolder(dir: string): { path: string; data: Uint8Array; mode: number }[] {
  const out: { path: string; data: Uint8Array; mode: number }[] = [];
  const walk = (d: string, rel: string) => {
    for (const e of fs.readdirSync(d, { withFileTypes: true })) {
      const full = path.join(d, e.name);
      const r = rel ? `${rel}/${e.name}` : e.name;
      if (e.isDirectory()) walk(full, r);
      else if (e.isFile()) out.push({ path: r, data: fs.readFileSync(full), mode: fs.statSync(full).mode & 0o777 });
    }
  };
  walk(dir, '');
  return out;
}

// Module paths are variables so that the type check does not require modules other helpers are still writing.
const HTTP_CLIENT = '../lib/api/http-client';
const ENGINE = '../lib/engine/index';

async function makeClient(a: Args, now: () => number): Promise<EngineClient> {
  if (a.host) {
    let mod: { HttpEngineClient?: new (host: string, opts?: { apiVersion?: string }) => EngineClient };
    try {
      mod = await import(HTTP_CLIENT);
    } catch {
      throw new Error('console: --host needs lib/api/http-client.ts (HttpEngineClient), which is not available in this checkout');
    }
    if (!mod.HttpEngineClient) throw new Error('console: lib/api/http-client.ts does not export HttpEngineClient');
    return new mod.HttpEngineClient(a.host, { apiVersion: process.env.DOCKER_API_VERSION || undefined });
  }
  let mod: { createEngine?: (opts: Record<string, unknown>) => EngineClient | Promise<EngineClient> };
  try {
    mod = await import(ENGINE);
  } catch {
    throw new Error('console: the in-process engine (lib/engine/index.ts, createEngine) is not available yet; use --host tcp://HOST:PORT');
  }
  if (!mod.createEngine) throw new Error('console: lib/engine/index.ts does not export createEngine yet; use --host tcp://HOST:PORT');
  return await mod.createEngine({ now, stateFile: a.state });
}

async function main(): Promise<void> {
  const a = parseArgs(process.argv.slice(2));
  const epoch = process.env.SOURCE_DATE_EPOCH;
  const now = epoch ? () => Number(epoch) * 1000 : () => Date.now();
  let client: EngineClient;
  try {
    client = await makeClient(a, now);
  } catch (e) {
    process.stderr.write((e as Error).message + '\n');
    process.exit(1);
  }
  const workspace = loadWorkspaceFromFiles(a.context ? readFolder(a.context) : [], now);
  const env: Record<string, string> = {};
  for (const k of ['DOCKER_BUILDKIT', 'HOME', 'DOCKER_CONFIG', 'USER', 'PATH']) if (process.env[k] !== undefined) env[k] = process.env[k]!;
  const con = createConsole({ client, workspace, env, now });
  const interactive = process.stdin.isTTY === true && process.stdout.isTTY === true;

  if (!interactive) {
    // Non-interactive: stdin holds the command lines; commands that read input (prompts) read the following lines.
    const lines = fs.readFileSync(0, 'utf8').split('\n');
    if (lines[lines.length - 1] === '') lines.pop();
    const io: ConsoleIO = {
      stdout: (s) => process.stdout.write(s),
      stderr: (s) => process.stderr.write(s),
      readLine: async () => (lines.length ? lines.shift()! : null),
      isTTY: false,
      columns: 80,
    };
    let status = 0;
    while (lines.length) status = await con.run(lines.shift()!, io);
    await new Promise<void>((r) => process.stdout.write('', () => r()));
    process.exit(status);
  }

  const rl = readline.createInterface({
    input: process.stdin,
    output: process.stdout,
    terminal: true,
    historySize: 1000,
    completer: (line: string, cb: (err: null, r: [string[], string]) => void) => {
      void con.complete(line, line.length).then((r) => cb(null, [r.items, line.slice(r.start)]));
    },
  });
  let pending: ((l: string | null) => void) | null = null;
  let status = 0;
  rl.on('close', () => { if (pending) pending(null); else process.exit(status); });
  const ask = (q: string) => new Promise<string | null>((resolve) => { pending = resolve; rl.question(q, (l) => { pending = null; resolve(l); }); });
  const io: ConsoleIO = {
    stdout: (s) => process.stdout.write(s),
    stderr: (s) => process.stderr.write(s),
    readLine: () => ask(''),
    isTTY: true,
    get columns() { return process.stdout.columns ?? 80; },
  };
  for (;;) {
    const line = await ask(con.prompt());
    if (line === null) break;
    if (line.trim() === 'exit') break;
    status = await con.run(line, io);
  }
  rl.close();
  process.exit(status);
}

void main();

/**
 * npm run -s console -- [--context DIR] [--host tcp://HOST:PORT] [--state FILE]
 *
 * Interactive on a TTY (readline prompt, history, tab completion); otherwise reads one command per line from stdin,
 * prints exactly what the page's console prints (no prompts) and exits with the last command's status, like `sh`.
 * --context DIR  loads a folder as the workspace (default: an empty workspace)
 * --host URL     talks to an Engine API over HTTP (lib/api/http-client.ts) instead of the in-process engine
 * --state FILE   keeps the in-process engine's state in FILE across runs
 * SOURCE_DATE_EPOCH fixes the clock; DOCKER_BUILDKIT=0 selects the legacy builder.
 */
import fs from 'node:fs';
import readline from 'node:readline';
import { HttpEngineClient } from '../lib/api/http-client';
import { createConsole, loadWorkspaceFromFiles } from '../lib/console/index';
import type { Console, ConsoleIO } from '../lib/console/types';
import type { SavedState } from '../lib/engine';
import { createSession } from '../lib/session';
import { readFolder } from './read-folder';
import { nodeHijack } from './hijack';

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

interface Made { console: Console; save?: () => void }

/** --host: our CLI as a client of any Engine API; otherwise the same session the page runs (lib/session). */
function makeConsole(a: Args, env: Record<string, string>): Made {
  const files = a.context ? readFolder(a.context) : [];
  const epoch = process.env.SOURCE_DATE_EPOCH;
  if (a.host) {
    const now = epoch ? () => Number(epoch) * 1000 : () => Date.now();
    const client = new HttpEngineClient(a.host, { apiVersion: process.env.DOCKER_API_VERSION || undefined, hijack: nodeHijack });
    return { console: createConsole({ client, workspace: loadWorkspaceFromFiles(files, now), env, now }) };
  }
  const engineState = a.state && fs.existsSync(a.state) ? (JSON.parse(fs.readFileSync(a.state, 'utf8')) as SavedState) : undefined;
  const session = createSession({ engineState, files, env, sourceDateEpoch: epoch });
  const save = a.state ? () => fs.writeFileSync(a.state!, JSON.stringify(session.snapshot())) : undefined;
  return { console: session.console, save };
}

async function main(): Promise<void> {
  const a = parseArgs(process.argv.slice(2));
  const env: Record<string, string> = {};
  for (const k of ['DOCKER_BUILDKIT', 'HOME', 'DOCKER_CONFIG', 'USER', 'PATH', 'NO_COLOR']) if (process.env[k] !== undefined) env[k] = process.env[k]!;
  let made: Made;
  try {
    made = makeConsole(a, env);
  } catch (e) {
    process.stderr.write(`console: ${(e as Error).message}\n`);
    process.exit(1);
  }
  const { console: con, save } = made;
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
    while (lines.length) {
      status = await con.run(lines.shift()!, io);
      save?.();
    }
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
  // Lines typed while a command runs are queued (type-ahead), then answer prompts or become the next commands.
  const queue: string[] = [];
  let waiting: ((l: string | null) => void) | null = null;
  let closed = false;
  rl.on('line', (l) => { if (waiting) { const w = waiting; waiting = null; w(l); } else queue.push(l); });
  rl.on('close', () => { closed = true; if (waiting) { const w = waiting; waiting = null; w(null); } });
  const nextLine = (prompt: string) => new Promise<string | null>((resolve) => {
    if (queue.length) { resolve(queue.shift()!); return; }
    if (closed) { resolve(null); return; }
    rl.setPrompt(prompt);
    rl.prompt();
    waiting = resolve;
  });
  let status = 0;
  const io: ConsoleIO = {
    stdout: (s) => process.stdout.write(s),
    stderr: (s) => process.stderr.write(s),
    readLine: () => nextLine(''),
    isTTY: true,
    get columns() { return process.stdout.columns ?? 80; },
  };
  for (;;) {
    const line = await nextLine(con.prompt());
    if (line === null || line.trim() === 'exit') break;
    status = await con.run(line, io);
    save?.();
  }
  rl.close();
  process.exit(status);
}

void main();

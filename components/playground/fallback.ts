/**
 * A stand-in console used while lib/console and lib/engine are not available (or fail to load):
 * it answers `echo`, `help`, `clear`, `ls`, `cat`, and says that the engine is loading for `docker`.
 */
import type { CompletionResult, Console, ConsoleIO, Workspace } from '@/lib/console/types';

const dec = new TextDecoder();

const HELP = `Docker Playground console (the engine is still loading).

  echo TEXT      print TEXT
  ls             list the workspace files
  cat FILE       print a workspace file
  clear          clear the screen (or press Ctrl+L)
  help           this help
`;

const COMMANDS = ['cat', 'clear', 'docker', 'echo', 'help', 'ls'];

export function createFallbackConsole(workspace: Workspace): Console {
  return {
    prompt: () => '$ ',
    async run(line: string, io: ConsoleIO): Promise<number> {
      const words = line.trim().split(/\s+/).filter(Boolean);
      const [cmd, ...args] = words;
      if (!cmd) return 0;
      switch (cmd) {
        case 'echo':
          io.stdout(args.join(' ') + '\n');
          return 0;
        case 'help':
          io.stdout(HELP);
          return 0;
        case 'clear':
          io.stdout('\x1b[H\x1b[2J\x1b[3J');
          return 0;
        case 'ls':
          io.stdout(workspace.list().map((f) => f.path).join('\n') + (workspace.list().length ? '\n' : ''));
          return 0;
        case 'cat': {
          let code = 0;
          for (const a of args) {
            const f = workspace.read(a);
            if (f) io.stdout(dec.decode(f.data));
            else {
              io.stderr(`cat: ${a}: No such file or directory\n`);
              code = 1;
            }
          }
          return code;
        }
        case 'docker':
          io.stderr('docker: the engine is loading\n');
          return 1;
        default:
          io.stderr(`bash: ${cmd}: command not found\n`);
          return 127;
      }
    },
    async complete(line: string, cursor: number): Promise<CompletionResult> {
      const head = line.slice(0, cursor);
      const start = head.lastIndexOf(' ') + 1;
      const word = head.slice(start);
      const pool = start === 0 ? COMMANDS : workspace.list().map((f) => f.path);
      return { items: pool.filter((c) => c.startsWith(word)), start };
    },
  };
}

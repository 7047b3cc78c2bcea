/**
 * A stand-in console used while lib/console and lib/engine are not available (or fail to load):
 * it answers `echo`, `help`, `clear`, `ls`, `cat`, and says that the engine is loading for `docker`.
 */
import type { CompletionResult, Console, ConsoleIO, Workspace, WorkspaceFile } from '@/lib/console/types';

const enc = new TextEncoder();
const dec = new TextDecoder();

export class SimpleWorkspace implements Workspace {
  private files = new Map<string, WorkspaceFile>();
  private listeners = new Set<(path: string) => void>();
  constructor(private now: () => number = () => Date.now()) {}
  list(): WorkspaceFile[] {
    return [...this.files.values()].sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
  }
  read(path: string) {
    return this.files.get(path);
  }
  write(path: string, data: Uint8Array | string, mode?: number) {
    const bytes = typeof data === 'string' ? enc.encode(data) : data;
    this.files.set(path, { path, data: bytes, mode: mode ?? this.files.get(path)?.mode ?? 0o644, mtime: this.now() });
    this.emit(path);
  }
  remove(path: string) {
    const ok = this.files.delete(path);
    if (ok) this.emit(path);
    return ok;
  }
  rename(from: string, to: string) {
    const f = this.files.get(from);
    if (!f || this.files.has(to)) return false;
    this.files.delete(from);
    this.files.set(to, { ...f, path: to });
    this.emit(from);
    this.emit(to);
    return true;
  }
  onChange(listener: (path: string) => void) {
    this.listeners.add(listener);
    return () => {
      this.listeners.delete(listener);
    };
  }
  private emit(path: string) {
    for (const l of this.listeners) l(path);
  }
}

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

/**
 * The console contract shared by the page's terminal (components/terminal), `npm run console` (scripts/console.ts)
 * and lesson snippets. A console takes one command line at a time and writes what a real terminal would show.
 */

/** Where a command writes and how it reads (prompts like `[y/N]`, interactive shells of `run -it`/`exec -it`). */
export interface ConsoleIO {
  /** Standard output bytes, as text. On a TTY the caller converts "\n" to "\r\n" itself (xterm's convertEol). */
  stdout(data: string): void;
  stderr(data: string): void;
  /** Reads one line typed by the user (without its newline); null at end of input. */
  readLine(): Promise<string | null>;
  /** True in the page's terminal and in an interactive `npm run console`; false when stdin/stdout are pipes. */
  readonly isTTY: boolean;
  readonly columns: number;
  /** Aborted by Ctrl+C. */
  readonly signal?: AbortSignal;
}

/** The workspace: the files the editor shows, and the default build context. Paths are relative, slash-separated. */
export interface WorkspaceFile { path: string; data: Uint8Array; mode: number; mtime: number }
export interface Workspace {
  list(): WorkspaceFile[];
  read(path: string): WorkspaceFile | undefined;
  /** `mtime` (ms) keeps a file's time when it is restored (share links, saved state); default: now. */
  write(path: string, data: Uint8Array | string, mode?: number, mtime?: number): void;
  remove(path: string): boolean;
  rename(from: string, to: string): boolean;
  /** Called after every change (editor <-> console sync). Returns an unsubscribe function. */
  onChange(listener: (path: string) => void): () => void;
}

export interface CompletionResult { /** replacement candidates for the word under the cursor */ items: string[]; /** start index of that word */ start: number }

export interface Console {
  /** Runs one line (`docker image ls`, `ls`, `cat Dockerfile`...). Resolves with the exit status (`$?`). */
  run(line: string, io: ConsoleIO): Promise<number>;
  /** The prompt to show before the next line, e.g. `$ ` (or a container shell's `/ # `). */
  prompt(): string;
  /** Tab completion for the line up to `cursor`. */
  complete(line: string, cursor: number): Promise<CompletionResult>;
}

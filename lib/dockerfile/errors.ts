// Typed errors of the Dockerfile front end. Messages are BuildKit's.

/** 1-based lines; columns are 0-based UTF-16 offsets in the line, endCol exclusive. */
export interface SourceRange {
  startLine: number;
  endLine: number;
  startCol?: number;
  endCol?: number;
}

export type DockerfileErrorKind = 'parse' | 'instruction';

/**
 * A Dockerfile that cannot be parsed.
 * - kind 'parse': raised by the parser (parser.go): message is the bare reason, e.g. "file with no instructions".
 * - kind 'instruction': raised by the instruction layer (instructions.Parse): message is
 *   "dockerfile parse error on line N: <reason>" like BuildKit and the classic builder print it.
 */
export class DockerfileParseError extends Error {
  override readonly name = 'DockerfileParseError';
  constructor(
    readonly reason: string,
    readonly range: SourceRange,
    readonly kind: DockerfileErrorKind = 'parse',
  ) {
    super(kind === 'instruction' ? `dockerfile parse error on line ${range.startLine}: ${reason}` : reason);
  }
}

/** An error from the shell lexer (variable expansion / quote removal). */
export class ShellLexError extends Error {
  override readonly name = 'ShellLexError';
  constructor(
    /** the bare reason, e.g. "syntax error: bad substitution" */
    readonly reason: string,
    /** the full message, e.g. `failed to process "${}": syntax error: bad substitution` */
    message: string,
  ) {
    super(message);
  }
}

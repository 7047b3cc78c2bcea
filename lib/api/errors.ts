/** moby errdefs categories, as the HTTP status the daemon answers with. */
export type ErrorKind = 'notFound' | 'invalidParameter' | 'conflict' | 'unauthorized' | 'forbidden' | 'unavailable' | 'system' | 'notImplemented';

const STATUS: Record<ErrorKind, number> = {
  notFound: 404, invalidParameter: 400, conflict: 409, unauthorized: 401, forbidden: 403, unavailable: 503, system: 500, notImplemented: 501,
};

/** An error the engine answers with. `message` is moby's exact text; the CLI prints `Error response from daemon: <message>`. */
export class EngineError extends Error {
  readonly kind: ErrorKind;
  readonly status: number;
  constructor(kind: ErrorKind, message: string) {
    super(message);
    this.name = 'EngineError';
    this.kind = kind;
    this.status = STATUS[kind];
  }
  static fromStatus(status: number, message: string): EngineError {
    const kind = (Object.keys(STATUS) as ErrorKind[]).find((k) => STATUS[k] === status) ?? 'system';
    return new EngineError(kind, message);
  }
}

export const notFound = (m: string) => new EngineError('notFound', m);
export const invalidParameter = (m: string) => new EngineError('invalidParameter', m);
export const conflict = (m: string) => new EngineError('conflict', m);
export const unauthorized = (m: string) => new EngineError('unauthorized', m);

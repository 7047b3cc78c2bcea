/** How the docker CLI prints an error (cmd/docker: `fmt.Fprintln(stderr, err)`). */
import { EngineError } from '../api/errors';
import { ReferenceError } from '../reference/reference';

export function errorText(e: unknown): string {
  if (e instanceof EngineError) return `Error response from daemon: ${e.message}`;
  if (e instanceof ReferenceError) return e.message;
  if (e instanceof Error) return e.message;
  return String(e);
}

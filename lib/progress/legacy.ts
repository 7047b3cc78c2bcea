/**
 * The JSON messages moby's classic builder streams for POST /build (builder/dockerfile), which the CLI's
 * displayJSONMessages prints: `Step 1/4 : FROM alpine:3.20`, ` ---> 91ef0af61f39`, ` ---> Running in ...`,
 * RUN output (stderr wrapped in `\x1b[91m` ... `\x1b[0m`), ` ---> Using cache`, `Successfully built ...`.
 */
import type { JSONMessage } from '../api/types';

export const shortId = (id: string): string => id.replace(/^sha256:/, '').slice(0, 12);

export const legacy = {
  step: (n: number, total: number, code: string): JSONMessage => ({ stream: `Step ${n}/${total} : ${code}\n` }),
  image: (id: string): JSONMessage => ({ stream: ` ---> ${shortId(id)}\n` }),
  runningIn: (containerId: string): JSONMessage => ({ stream: ` ---> Running in ${shortId(containerId)}\n` }),
  removed: (containerId: string): JSONMessage => ({ stream: ` ---> Removed intermediate container ${shortId(containerId)}\n` }),
  usingCache: (): JSONMessage => ({ stream: ' ---> Using cache\n' }),
  stdout: (data: string): JSONMessage => ({ stream: data }),
  stderr: (data: string): JSONMessage => ({ stream: `\x1b[91m${data}\x1b[0m` }),
  aux: (id: string): JSONMessage => ({ aux: { ID: id } }),
  built: (id: string): JSONMessage => ({ stream: `Successfully built ${shortId(id)}\n` }),
  tagged: (ref: string): JSONMessage => ({ stream: `Successfully tagged ${ref}\n` }),
  /** `{"errorDetail":{"code":N,"message":M},"error":M}`; code 0 is left out as moby's JSONError does. */
  error: (message: string, code = 0): JSONMessage => (code ? { errorDetail: { code, message }, error: message } : { errorDetail: { message }, error: message }),
};

/** Prints messages roughly as the CLI does for a non-TTY stream (tests and the bench; the CLI has its own). */
export function renderLegacyPlain(messages: readonly JSONMessage[]): { stdout: string; error?: JSONMessage } {
  let stdout = '';
  for (const m of messages) {
    if (m.error) return { stdout, error: m };
    if (m.stream !== undefined) stdout += m.stream;
    else if (m.progressDetail && (m.progressDetail.current || m.progressDetail.total)) continue; // no progress bars off a terminal
    else if (m.status !== undefined) stdout += (m.id ? `${m.id}: ` : '') + m.status + '\n';
  }
  return { stdout };
}

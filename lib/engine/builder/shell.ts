/** RUN steps through lib/shell (just-bash over the step's union fs), as the builder's default runner. */
import { runShell } from '../../shell/run';
import type { RunRequest, RunOutcome } from './types';

export async function shellRun(req: RunRequest): Promise<RunOutcome> {
  const env: Record<string, string> = {};
  for (const kv of req.env) {
    const i = kv.indexOf('=');
    if (i > 0) env[kv.slice(0, i)] = kv.slice(i + 1);
  }
  const n = req.argv.length;
  // shell form: [...SHELL, script]; exec form: run the words through /bin/sh (just-bash needs a shell)
  const shellForm = n >= 2 && /^-\w*c$/.test(req.argv[n - 2]);
  const shell = shellForm ? req.argv.slice(0, n - 1) : ['/bin/sh', '-c'];
  const script = shellForm ? req.argv[n - 1] : req.argv.map((a) => (/^[\w@%+=:,./-]+$/.test(a) ? a : `'${a.replace(/'/g, `'\\''`)}'`)).join(' ');
  const r = await runShell({
    fs: req.fs, script, shell, env, cwd: req.cwd, user: req.user || undefined, randomHex: req.randomHex, now: req.now, hostname: req.hostname, readOnly: req.readOnly,
    onOutput: (stream, data) => (stream === 'stdout' ? req.stdout(data) : req.stderr(data)),
  });
  return r.startError ? { exitCode: r.exitCode, startError: r.startError } : { exitCode: r.exitCode };
}

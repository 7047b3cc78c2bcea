import { describe, expect, it } from 'vitest';
import type { ConsoleIO } from '../../../console/types';
import { ManualClock } from '../../../engine/clock';
import { utf8Decode } from '../../../engine/digest';
import { readTar } from '../../../engine/tar';
import { createSession } from '../../../session/index';

function io() {
  const out = { stdout: '', stderr: '' };
  const c: ConsoleIO = { stdout: (s) => { out.stdout += s; }, stderr: (s) => { out.stderr += s; }, readLine: async () => null, isTTY: false, columns: 80 };
  return { c, out };
}
function session(files: Record<string, string>, env: Record<string, string> = {}) {
  return createSession({ clock: new ManualClock(1_764_000_000_000, 1), env, files: Object.entries(files).map(([path, data]) => ({ path, data })) });
}
async function run(s: ReturnType<typeof session>, line: string) {
  const r = io();
  const code = await s.console.run(line, r.c);
  return { code, ...r.out };
}

describe('docker build with buildx flags', () => {
  const SECRET_DF = 'FROM alpine:3.20\nRUN --mount=type=secret,id=tok,required cat /run/secrets/tok\n';

  it('--secret id=…,src=FILE reads the workspace; the secret reaches the RUN', async () => {
    const s = session({ Dockerfile: SECRET_DF, 'tok.txt': 'hunter2\n' });
    const r = await run(s, 'docker build --secret id=tok,src=tok.txt --progress=plain -t s .');
    expect(r.code).toBe(0);
    expect(r.stderr).toMatch(/\n#\d+ [\d.]+ hunter2\n/);
  });

  it('--secret errors as buildx prints them', async () => {
    const s = session({ Dockerfile: SECRET_DF });
    let r = await run(s, 'docker build --secret id=tok,src=missing.txt .');
    expect(r).toEqual({ code: 1, stdout: '', stderr: 'ERROR: failed to stat missing.txt: stat missing.txt: no such file or directory\n' });
    r = await run(s, 'docker build --secret id=tok,bogus=1 .');
    expect(r.stderr).toBe("ERROR: unexpected key 'bogus' in 'bogus=1'\n");
    r = await run(s, 'docker build --secret src=x .');
    expect(r.stderr).toBe('ERROR: secret missing ID\n');
    r = await run(s, 'docker build --progress=plain .');
    expect(r.code).toBe(1);
    expect(r.stderr.endsWith('ERROR: failed to solve: secret tok: not found\n')).toBe(true);
  });

  it('--secret id=NAME takes the environment variable NAME when it is set', async () => {
    const s = session({ Dockerfile: 'FROM alpine:3.20\nRUN --mount=type=secret,id=GITHUB_TOKEN,env=GITHUB_TOKEN echo "len=${#GITHUB_TOKEN}"\n' }, { GITHUB_TOKEN: 'ghp_123456' });
    const r = await run(s, 'docker build --secret id=GITHUB_TOKEN --progress=plain .');
    expect(r.code).toBe(0);
    expect(r.stderr).toMatch(/ len=10\n/);
  });

  it('--ssh default lets a required ssh mount run', async () => {
    const s = session({ Dockerfile: 'FROM alpine:3.20\nRUN --mount=type=ssh,required echo "$SSH_AUTH_SOCK"\n' });
    const r = await run(s, 'docker build --ssh default --progress=plain .');
    expect(r.code).toBe(0);
    expect(r.stderr).toMatch(/ \/run\/buildkit\/ssh_agent\.0\n/);
  });

  it('-o DIR writes the result into the workspace instead of creating an image', async () => {
    const s = session({ Dockerfile: 'FROM alpine:3.20 AS build\nRUN mkdir /out && echo built > /out/app.txt\nFROM scratch\nCOPY --from=build /out /\n' });
    const r = await run(s, 'docker build -o dist --progress=plain -t nope .');
    expect(r.code).toBe(0);
    expect(r.stderr).toMatch(/\n#(\d+) exporting to client directory\n#\1 copying files 6B done\n#\1 DONE 0\.0s\n$/);
    expect(utf8Decode(s.workspace.read('dist/app.txt')!.data)).toBe('built\n');
    expect((await run(s, 'docker image ls -q nope')).stdout).toBe('');
  });

  it('-o type=tar,dest=FILE writes one archive', async () => {
    const s = session({ Dockerfile: 'FROM scratch\nCOPY a.txt /\n', 'a.txt': 'A' });
    expect((await run(s, 'docker build -o type=tar,dest=out.tar .')).code).toBe(0);
    const names = readTar(s.workspace.read('out.tar')!.data).map((r) => r.name);
    expect(names).toEqual(['a.txt']);
  });

  it('output errors', async () => {
    const s = session({ Dockerfile: 'FROM scratch\n' });
    expect((await run(s, 'docker build -o dest=x .')).stderr).toBe('ERROR: type is required for output\n');
    expect((await run(s, 'docker build -o type=local .')).stderr).toBe('ERROR: output directory is required for local exporter\n');
  });

  it('--platform: linux/amd64 only; a list is a multi-platform build the docker driver refuses', async () => {
    const s = session({ Dockerfile: 'FROM alpine:3.20\n' });
    expect((await run(s, 'docker build --platform linux/amd64 .')).code).toBe(0);
    expect((await run(s, 'docker build --platform linux/arm64 .')).stderr).toBe('ERROR: the playground builds linux/amd64 images only (requested linux/arm64)\n');
    expect((await run(s, 'docker build --platform linux/amd64,linux/arm64 .')).stderr).toBe(
      'ERROR: Multi-platform build is not supported for the docker driver.\nSwitch to a different driver, or turn on the containerd image store, and try again.\nLearn more at https://docs.docker.com/go/build-multi-platform/\n',
    );
  });

  it('--no-cache-filter re-runs the named stage only', async () => {
    const s = session({ Dockerfile: 'FROM alpine:3.20 AS deps\nRUN echo deps > /d\nFROM alpine:3.20\nRUN echo final > /f\nCOPY --from=deps /d /d\n' });
    await run(s, 'docker build --progress=plain .');
    const r = await run(s, 'docker build --no-cache-filter deps --progress=plain .');
    expect(r.stderr).toMatch(/\n#(\d+) \[deps 2\/2\] RUN echo deps > \/d\n#\1 DONE/);
    expect(r.stderr).toMatch(/\n#(\d+) \[stage-1 2\/3\] RUN echo final > \/f\n#\1 CACHED/);
    expect(r.stderr).toMatch(/\n#(\d+) \[stage-1 3\/3\] COPY --from=deps \/d \/d\n#\1 CACHED/);
  });

  it('--check runs the build checks only: warnings on stdout with their source, exit 1; nothing is built', async () => {
    const s = session({ Dockerfile: 'FROM alpine:3.20 as base\nRUN echo hi\nCMD echo hi\n' });
    const r = await run(s, 'docker build --check --progress=plain -t checked .');
    expect(r.code).toBe(1);
    expect(r.stdout).toBe([
      'Check complete, 2 warnings have been found!', '',
      'WARNING: FromAsCasing - https://docs.docker.com/go/dockerfile/rule/from-as-casing/',
      "'as' and 'FROM' keywords' casing do not match",
      'Dockerfile:1', '--------------------', '   1 | >>> FROM alpine:3.20 as base', '   2 |     RUN echo hi', '   3 |     CMD echo hi', '--------------------', '',
      'WARNING: JSONArgsRecommended - https://docs.docker.com/go/dockerfile/rule/json-args-recommended/',
      'JSON arguments recommended for CMD to prevent unintended behavior related to OS signals',
      'Dockerfile:3', '--------------------', '   1 |     FROM alpine:3.20 as base', '   2 |     RUN echo hi', '   3 | >>> CMD echo hi', '   4 |     ', '--------------------', '',
    ].join('\n'));
    expect(r.stderr).not.toContain('RUN echo hi');
    expect(r.stderr).not.toContain('WARN:');
    expect((await run(s, 'docker image ls -q checked')).stdout).toBe('');
    const clean = session({ Dockerfile: 'FROM alpine:3.20\nCMD ["sh"]\n' });
    expect(await run(clean, 'docker build --call=check -q .')).toEqual({ code: 0, stdout: 'Check complete, no warnings found.\n', stderr: '' });
  });

  it('legacy flags buildx hides print its flag-warn line first', async () => {
    const s = session({ Dockerfile: 'FROM alpine:3.20\n' });
    const r = await run(s, 'docker build --squash --security-opt seccomp=unconfined --progress=plain .');
    expect(r.code).toBe(0);
    expect(r.stderr.startsWith('WARNING: security-opt flag is deprecated. "RUN --security=insecure" should be used with BuildKit.\nWARNING: experimental flag squash is removed with BuildKit. You should squash inside build using a multi-stage Dockerfile for efficiency.\n#0 building with "default" instance using docker driver\n')).toBe(true);
  });

  it('without buildx (DOCKER_BUILDKIT=0) its flags are unknown, as pflag says', async () => {
    const s = session({ Dockerfile: 'FROM alpine:3.20\n' }, { DOCKER_BUILDKIT: '0' });
    const r = await run(s, 'docker build --secret id=x .');
    expect(r.code).toBe(125);
    expect(r.stderr.endsWith("unknown flag: --secret\n\nUsage:  docker build [OPTIONS] PATH | URL | -\n\nRun 'docker build --help' for more information\n")).toBe(true);
  });
});

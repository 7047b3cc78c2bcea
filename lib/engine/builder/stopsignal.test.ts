/**
 * STOPSIGNAL: both builders validate with moby/sys/signal.ParseSignal (`invalid signal: foo`; moby dispatchStopSignal,
 * BuildKit dockerfile2llb dispatchStopSignal). BuildKit fails while converting, before any step runs; the classic
 * builder when it reaches the step. The value is kept as written; `docker stop` sends it, `docker kill` SIGKILL.
 */
import { describe, expect, it } from 'vitest';
import { testConsole } from '../../session/testing';
import { isValidSignal } from './build';
import { subscribeEvents } from '../events';

function setup(files: Record<string, string> = {}) {
  return testConsole({ seed: 'stopsignal', files });
}
const FILES = {
  'bad/Dockerfile': 'FROM alpine:3.20\nRUN echo before\nSTOPSIGNAL foo\n',
  'var/Dockerfile': 'FROM alpine:3.20\nENV S=bar\nRUN echo before\nSTOPSIGNAL $S\n',
  'ok/Dockerfile': 'FROM alpine:3.20\nSTOPSIGNAL sigquit\nCMD ["sleep", "100"]\n',
  'quit/Dockerfile': 'FROM alpine:3.20\nSTOPSIGNAL SIGQUIT\nCMD ["sleep", "100"]\n',
};
const PLAIN_HEAD = (n: number) => [
  '#0 building with "default" instance using docker driver\n',
  '\n',
  '#1 [internal] load build definition from Dockerfile\n',
  `#1 transferring dockerfile: ${n}B done\n`,
  '#1 DONE 0.0s\n',
  '\n',
  '#2 [internal] load metadata for docker.io/library/alpine:3.20\n',
  '#2 DONE 0.0s\n',
  '\n',
  '#3 [internal] load .dockerignore\n',
  '#3 transferring context: 2B done\n',
  '#3 DONE 0.0s\n',
].join('');

describe('STOPSIGNAL', () => {
  it('moby/sys/signal.ParseSignal: SignalMap names (SIG optional, any case), non-zero integers', () => {
    for (const ok of ['SIGTERM', 'term', 'sigkill', 'Quit', '9', '+9', '-1', '007', 'RTMIN', 'RTMIN+15', 'RTMAX-14', 'sigrtmax', 'CLD', 'IOT', 'POLL', '9223372036854775807']) {
      expect(isValidSignal(ok), ok).toBe(true);
    }
    for (const bad of ['foo', '0', '00', '-0', '', 'SIG', 'SIGSIGTERM', 'RTMIN+16', 'RTMAX-15', 'RTMIN-1', 'UNUSED', 'EMT', '9223372036854775808', '1.5', ' 9']) {
      expect(isValidSignal(bad), bad).toBe(false);
    }
  });

  it('legacy builder: fails at the step (earlier steps ran) with "invalid signal: foo"', async () => {
    const { run } = setup(FILES);
    await run('docker pull -q alpine:3.20');
    const r = await run('DOCKER_BUILDKIT=0 docker build bad');
    expect(r.code).toBe(1);
    expect(r.out).toBe([
      'Sending build context to Docker daemon  2.048kB\r\r\n',
      'Step 1/3 : FROM alpine:3.20\n',
      ' ---> 71e427a66fd7\n',
      'Step 2/3 : RUN echo before\n',
      ' ---> Running in 5f28abf55683\n',
      'before\n',
      ' ---> Removed intermediate container 5f28abf55683\n',
      ' ---> f1d151c45b71\n',
      'Step 3/3 : STOPSIGNAL foo\n',
    ].join(''));
    expect(r.err.endsWith('environment-variable.\n\ninvalid signal: foo\n')).toBe(true);
  });

  it('BuildKit: a literal bad signal fails during conversion, before any step; one from a variable when reached', async () => {
    const { run } = setup(FILES);
    await run('docker pull -q alpine:3.20');
    let r = await run('docker build --progress=plain bad');
    expect(r.code).toBe(1);
    expect(r.out).toBe('');
    expect(r.err).toBe(PLAIN_HEAD(48) + [
      'Dockerfile:3\n',
      '--------------------\n',
      '   1 |     FROM alpine:3.20\n',
      '   2 |     RUN echo before\n',
      '   3 | >>> STOPSIGNAL foo\n',
      '   4 |     \n',
      '--------------------\n',
      'ERROR: failed to solve: invalid signal: foo\n',
    ].join(''));
    r = await run('docker build --progress=plain var');
    expect(r.code).toBe(1);
    expect(r.err).toContain('#5 [2/2] RUN echo before\n#5 0.000 before\n#5 DONE 0.0s\n');
    expect(r.err.endsWith('   4 | >>> STOPSIGNAL $S\n   5 |     \n--------------------\nERROR: failed to solve: invalid signal: bar\n')).toBe(true);
  });

  it('the signal is kept as written; docker stop sends it, docker kill sends SIGKILL', async () => {
    const { run, engine } = setup(FILES);
    await run('docker pull -q alpine:3.20');
    expect((await run('docker build -q -t sq ok')).code).toBe(0);
    expect((await run('docker inspect -f "{{.Config.StopSignal}}" sq')).out).toBe('sigquit\n');
    expect((await run('DOCKER_BUILDKIT=0 docker build -q -t sq-legacy ok')).code).toBe(0);
    expect((await run('docker inspect -f "{{.Config.StopSignal}}" sq-legacy')).out).toBe('sigquit\n');
    expect((await run('docker build -q -t sq quit')).code).toBe(0);
    const kills: string[] = [];
    subscribeEvents(engine.state, (m) => { if (m.Action === 'kill') kills.push(`${m.Actor?.Attributes?.name} ${m.Actor?.Attributes?.signal}`); });
    expect((await run('docker run -d --name web sq')).code).toBe(0);
    expect((await run('docker inspect -f "{{.Config.StopSignal}}" web')).out).toBe('SIGQUIT\n');
    expect((await run('docker stop web')).out).toBe('web\n');
    expect((await run('docker run -d --name web2 sq')).code).toBe(0);
    expect((await run('docker kill web2')).out).toBe('web2\n');
    expect(kills).toEqual(['web 3', 'web2 9']);
  });
});

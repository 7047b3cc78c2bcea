// docker kill / docker stop signals as moby's signal.ParseSignal reads them: upper-cased, SIG trimmed, numbers as is;
// anything else is 'invalid signal: X' (lowercase, as moby/sys/signal words it).
import { beforeAll, describe, expect, it } from 'vitest';
import { testConsole } from '../../session/testing';
import { loadJustBash } from '../../shell/run';

beforeAll(async () => { await loadJustBash(); });

function setup() {
  return testConsole({ seed: 'signals-test' });
}

describe('kill and stop signals', () => {
  it('kill: invalid names are refused with moby words; lowercase sig-names work; the kill event carries the number', async () => {
    const { run, clock } = setup();
    await run('docker pull -q nginx');
    await run('docker run -d --name web nginx');
    const since = Math.floor(clock.now() / 1000);
    let r = await run('docker kill -s foo web');
    expect(r.err).toBe('Error response from daemon: invalid signal: foo\n');
    expect(r.code).toBe(1);
    r = await run('docker kill -s sighup web');
    expect(r.code).toBe(0);
    expect(r.out).toBe('web\n');
    clock.advance(1000);
    r = await run(`docker events --since ${since} --until ${Math.floor(clock.now() / 1000)} --filter event=kill --format '{{.Action}} {{index .Actor.Attributes "signal"}}'`);
    expect(r.out).toBe('kill 1\n');
    r = await run('docker stop -s nope web');
    expect(r.err).toBe('Error response from daemon: invalid signal: nope\n');
    r = await run('docker restart -s 0 web');
    expect(r.err).toBe('Error response from daemon: invalid signal: 0\n');
    r = await run('docker kill -s sigquit web');
    expect(r.code).toBe(0);
    r = await run("docker ps -a --format '{{.Names}} {{.Status}}'");
    expect(r.out).toBe('web Exited (0) Less than a second ago\n');
  }, 60_000);
});

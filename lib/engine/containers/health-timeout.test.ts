/**
 * Health probes on the engine clock (moby daemon/health.go): a test still running at start + Timeout is cut there
 * (ExitCode -1, "Health check exceeded timeout (1.5s)", with the output so far after ": "), a test that sleeps ends
 * when the clock gets there, the next probe waits Interval from the end of the previous one.
 */
import { describe, expect, it } from 'vitest';
import { testConsole } from '../../session/testing';
import { nextProbeTime, goDurationMs, timeoutResult, type HealthState } from './health';

function setup() {
  return testConsole({ seed: 'health-timeout' });
}

const LOG = 'docker inspect -f "{{.State.Health.Status}} {{.State.Health.FailingStreak}} {{json .State.Health.Log}}"';

describe('health check timeouts on the engine clock', () => {
  it('a test that never ends is cut at start + --health-timeout, not before; the next probe waits the interval from that end', async () => {
    const { run, clock } = setup();
    await run('docker run -d --name h4 --health-cmd "sleep 100" --health-interval 2s --health-timeout 1500ms --health-retries 1 alpine sleep infinity');
    clock.advance(2000);
    expect((await run(`${LOG} h4`)).out).toBe('starting 0 []\n');
    clock.advance(1499);
    expect((await run('docker ps --format "{{.Names}} {{.Status}}"')).out).toBe('h4 Up 3 seconds (health: starting)\n');
    expect((await run(`${LOG} h4`)).out).toBe('starting 0 []\n');
    clock.advance(1);
    expect((await run(`${LOG} h4`)).out).toBe(
      'unhealthy 1 [{"Start":"2026-11-27T04:00:02Z","End":"2026-11-27T04:00:03.5Z","ExitCode":-1,"Output":"Health check exceeded timeout (1.5s)"}]\n');
    expect((await run('docker ps --format "{{.Names}} {{.Status}}"')).out).toBe('h4 Up 3 seconds (unhealthy)\n');
    // next probe at 3.5 + 2 = 5.5 s, cut at 7 s
    clock.advance(3500);
    expect((await run('docker inspect -f "{{len .State.Health.Log}} {{(index .State.Health.Log 1).Start}} {{(index .State.Health.Log 1).End}}" h4')).out)
      .toBe('2 2026-11-27 04:00:05.5 +0000 UTC 2026-11-27 04:00:07 +0000 UTC\n');
  }, 60_000);

  // moby appends the output written before the kill (": checking\n"); lib/shell hands a script's output over when the
  // script ends, so a cut shell test has none to show (a known gap: just-bash 3.4 does not stream output).
  it('a cut shell test shows no output (not the shell abort message); the default timeout is 30s', async () => {
    const { run, clock } = setup();
    await run('docker run -d --name talk --health-cmd "echo checking; sleep 60" --health-interval 1s --health-timeout 1s alpine sleep infinity');
    await run('docker run -d --name dflt --health-cmd "sleep 100" --health-interval 5s alpine sleep infinity');
    clock.advance(2000);
    expect((await run('docker inspect -f "{{json .State.Health.Log}}" talk')).out)
      .toBe('[{"Start":"2026-11-27T04:00:01Z","End":"2026-11-27T04:00:02Z","ExitCode":-1,"Output":"Health check exceeded timeout (1s)"}]\n');
    clock.advance(32_999);
    expect((await run(`${LOG} dflt`)).out).toBe('starting 0 []\n');
    clock.advance(1);
    expect((await run(`${LOG} dflt`)).out)
      .toBe('starting 1 [{"Start":"2026-11-27T04:00:05Z","End":"2026-11-27T04:00:35Z","ExitCode":-1,"Output":"Health check exceeded timeout (30s)"}]\n');
  }, 60_000);

  it('a test that sleeps less than the timeout ends when the clock gets there; missed intervals replay its result', async () => {
    const { run, clock } = setup();
    await run('docker run -d --name slow --health-cmd "sleep 2; echo ok" --health-interval 10s --health-timeout 5s alpine sleep infinity');
    clock.advance(11_000);
    expect((await run(`${LOG} slow`)).out).toBe('starting 0 []\n');
    clock.advance(1000);
    expect((await run(`${LOG} slow`)).out)
      .toBe('healthy 0 [{"Start":"2026-11-27T04:00:10Z","End":"2026-11-27T04:00:12.023Z","ExitCode":0,"Output":"ok\\n"}]\n');
    // probes at 22.023 s and 34.046 s, each 2.023 s long
    clock.advance(25_000);
    expect((await run('docker inspect -f "{{range .State.Health.Log}}{{.Start}} .. {{.End}}|{{end}}" slow')).out).toBe(
      '2026-11-27 04:00:10 +0000 UTC .. 2026-11-27 04:00:12.023 +0000 UTC|2026-11-27 04:00:22.023 +0000 UTC .. 2026-11-27 04:00:24.046 +0000 UTC|'
      + '2026-11-27 04:00:34.046 +0000 UTC .. 2026-11-27 04:00:36.069 +0000 UTC|\n');
  }, 60_000);

  it('probes of several containers sleeping at once each end at their own time', async () => {
    const { run, clock } = setup();
    await run('docker run -d --name pa --health-cmd "sleep 2; echo a" --health-interval 5s --health-timeout 10s alpine sleep infinity');
    await run('docker run -d --name pb --health-cmd "sleep 3; echo b" --health-interval 5s --health-timeout 10s alpine sleep infinity');
    clock.advance(5000);
    expect((await run('docker ps --format "{{.Names}} {{.Status}}"')).out).toBe('pb Up 5 seconds (health: starting)\npa Up 5 seconds (health: starting)\n');
    clock.advance(3100);
    const LAST = 'docker inspect -f "{{.Name}} {{.State.Health.Status}} {{range .State.Health.Log}}{{.End}} {{.Output}}{{end}}"';
    expect((await run(`${LAST} pa pb`)).out).toBe('/pa healthy 2026-11-27 04:00:07.023 +0000 UTC a\n\n/pb healthy 2026-11-27 04:00:08.023 +0000 UTC b\n\n');
  }, 60_000);

  it('a test longer than the timeout is cut at the deadline even when the clock jumped past both', async () => {
    const { run, clock } = setup();
    await run('docker run -d --name jump --health-cmd "echo a; sleep 3; echo b" --health-interval 10s --health-timeout 2s --health-retries 2 alpine sleep infinity');
    clock.advance(13_000);
    expect((await run(`${LOG} jump`)).out)
      .toBe('starting 1 [{"Start":"2026-11-27T04:00:10Z","End":"2026-11-27T04:00:12Z","ExitCode":-1,"Output":"Health check exceeded timeout (2s)"}]\n');
  }, 60_000);

  it('exec-form tests: sleep N ends on the engine clock; a stopped container drops the running probe', async () => {
    const { run, clock, engine } = setup();
    await run('docker pull -q alpine');
    const s = 1_000_000_000;
    const mk = async (name: string, test: string[]) => {
      const r = await engine.containerCreate({ Image: 'alpine', Cmd: ['sleep', 'infinity'], Healthcheck: { Test: test, Interval: 5 * s, Timeout: 2 * s } }, name);
      await engine.containerStart(r.Id);
    };
    await mk('short', ['CMD', 'sleep', '1']);
    await mk('long', ['CMD', 'sleep', '3']);
    clock.advance(5500);
    expect((await run(`${LOG} short`)).out).toBe('starting 0 []\n');
    clock.advance(500);
    expect((await run(`${LOG} short`)).out)
      .toBe('healthy 0 [{"Start":"2026-11-27T04:00:05Z","End":"2026-11-27T04:00:06.023Z","ExitCode":0,"Output":""}]\n');
    clock.advance(1000);
    expect((await run(`${LOG} long`)).out)
      .toBe('starting 1 [{"Start":"2026-11-27T04:00:05Z","End":"2026-11-27T04:00:07Z","ExitCode":-1,"Output":"Health check exceeded timeout (2s)"}]\n');
    // short's next probe starts at 11.023 s; the container stops while it runs: no entry for it
    clock.advance(4500);
    await run('docker ps');
    await run('docker stop short');
    clock.advance(10_000);
    expect((await run('docker inspect -f "{{len .State.Health.Log}}" short')).out).toBe('1\n');
  }, 60_000);
});

describe('health probe events (moby cmdProbe / handleProbeResult)', () => {
  it('exec_create, exec_start and exec_die (137 when cut) at the probe times, health_status on a change', async () => {
    const { run, clock } = setup();
    await run('docker run -d --name h4 --health-cmd "sleep 100" --health-interval 2s --health-timeout 1500ms --health-retries 1 alpine sleep infinity');
    await run('docker run -d --name okay --health-cmd "true" --health-interval 2s alpine sleep infinity');
    clock.advance(5000);
    await run('docker ps');
    const ev = "docker events --since 2026-11-27T04:00:01Z --until 2026-11-27T04:00:04.5Z --filter event=exec_die --filter event=health_status --filter event=exec_create --format '{{.TimeNano}} {{.Actor.Attributes.name}} {{.Action}} {{.Actor.Attributes.exitCode}}'";
    expect((await run(ev)).out).toBe([
      '1795752002000000000 h4 exec_create: /bin/sh -c sleep 100 <no value>',
      '1795752002000000000 okay exec_create: /bin/sh -c true <no value>',
      '1795752002023000000 okay exec_die 0',
      '1795752002023000000 okay health_status: healthy <no value>',
      '1795752003500000000 h4 exec_die 137',
      '1795752003500000000 h4 health_status: unhealthy <no value>',
      '1795752004023000000 okay exec_create: /bin/sh -c true <no value>',
      '1795752004046000000 okay exec_die 0',
      '',
    ].join('\n'));
  }, 60_000);
});

describe('health.ts', () => {
  it('moby getInterval: StartInterval (default 5s) inside the start period, never past its end', () => {
    const s = 1_000_000_000;
    const h: HealthState = { Status: 'starting', FailingStreak: 0, Log: [], lastProbeMs: 0 };
    expect(nextProbeTime({ Interval: 30 * s, StartPeriod: 60 * s }, 0, h)).toBe(5000);
    expect(nextProbeTime({ Interval: 30 * s, StartPeriod: 60 * s, StartInterval: 2 * s }, 0, h)).toBe(2000);
    expect(nextProbeTime({ Interval: 30 * s, StartPeriod: 10 * s }, 0, h)).toBe(10_000);
    expect(nextProbeTime({ Interval: 30 * s, StartPeriod: 60 * s }, 0, { ...h, Status: 'healthy' })).toBe(30_000);
    expect(nextProbeTime({}, 0, h)).toBe(30_000);
    expect(nextProbeTime({ Interval: 30 * s, StartPeriod: 60 * s }, 0, { ...h, lastProbeMs: 58_000 })).toBe(60_000);
  });
  it('Go durations and the timeout message', () => {
    expect([500, 1000, 1500, 30_000, 90_000, 3_600_000].map(goDurationMs)).toEqual(['500ms', '1s', '1.5s', '30s', '1m30s', '1h0m0s']);
    expect(timeoutResult(undefined, '')).toEqual({ code: -1, output: 'Health check exceeded timeout (30s)' });
    expect(timeoutResult({ Timeout: 2_000_000_000 }, 'x\n')).toEqual({ code: -1, output: 'Health check exceeded timeout (2s): x\n' });
  });
});

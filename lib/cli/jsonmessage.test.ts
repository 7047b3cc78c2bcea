// jsonmessage display vs the real docker CLI 28.2.2 (captures of pull/push against the conformance fake API).
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { JSONMessage } from '../api/types';
import { CONFORMANCE, callRouteStream } from './formatter/__tests__/fake-routes';
import { JSONMessageError, displayJSONMessages, jsonProgressString, parseJSONMessages, renderProgressBar } from './jsonmessage';

const capture = (name: string) => readFileSync(`${CONFORMANCE}/captures/${name}`, 'utf8');

async function* iter(msgs: JSONMessage[]): AsyncIterable<JSONMessage> {
  for (const m of msgs) yield m;
}

async function display(msgs: JSONMessage[], isTTY: boolean, columns?: number): Promise<{ out: string; aux: JSONMessage[]; error: JSONMessageError | null }> {
  let out = '';
  const aux: JSONMessage[] = [];
  let error: JSONMessageError | null = null;
  try {
    await displayJSONMessages(iter(msgs), (s) => { out += s; }, { isTTY, columns, auxCallback: (m) => aux.push(m) });
  } catch (e) {
    if (!(e instanceof JSONMessageError)) throw e;
    error = e;
  }
  return { out, aux, error };
}

const PULL = '/v1.50/images/create?fromImage=docker.io%2Flibrary%2Fnginx&tag=latest';
const PUSH = '/v1.50/images/docker.io/library/myapp/push?tag=dev';

describe('displayJSONMessages vs captures', () => {
  it('pull, non-TTY (pull-default minus the lines the pull command prints itself)', async () => {
    const msgs = parseJSONMessages(await callRouteStream('POST', PULL, 1_795_000_000));
    const lines = capture('pull-default.stdout').split('\n');
    const expected = lines.slice(1, -2).join('\n') + '\n';
    expect((await display(msgs, false)).out).toBe(expected);
  });
  it('push, non-TTY, aux goes to the callback', async () => {
    const msgs = parseJSONMessages(await callRouteStream('POST', PUSH, 1_795_000_000));
    const got = await display(msgs, false);
    expect(got.out).toBe(capture('push-default.stdout'));
    expect(got.aux).toHaveLength(1);
  });
  it('pull, TTY (cursor movements and progress bars)', async () => {
    const msgs = parseJSONMessages(await callRouteStream('POST', PULL, 1_795_000_000));
    const got = (await display(msgs, true, 120)).out.replace(/\n/g, '\r\n');
    const tty = capture('pull-tty.tty');
    const start = tty.indexOf('latest: Pulling from library/nginx');
    const end = tty.indexOf('docker.io/library/nginx:latest\r\n');
    expect(tty.slice(start, end)).toBe(got);
  });
  it('push, TTY', async () => {
    const msgs = parseJSONMessages(await callRouteStream('POST', PUSH, 1_795_000_000));
    const got = (await display(msgs, true, 120)).out.replace(/\n/g, '\r\n');
    expect(capture('push-tty.tty').startsWith(got)).toBe(true);
    expect(got.length).toBeGreaterThan(200);
  });
});

describe('errors and edge cases', () => {
  it('stops at errorDetail with code and message, after printing what came before', async () => {
    const got = await display([
      { status: 'Pulling from library/x', id: 'latest' },
      { errorDetail: { message: 'manifest unknown' }, error: 'manifest unknown' },
      { status: 'never' },
    ], false);
    expect(got.out).toBe('latest: Pulling from library/x\n');
    expect(got.error?.message).toBe('manifest unknown');
    expect(got.error?.code).toBe(0);
  });
  it('build stream text passes through without added newlines', async () => {
    const got = await display([{ stream: 'Step 1/1 : FROM alpine' }, { stream: '\n' }, { aux: { ID: 'sha256:x' } }, { stream: ' ---> abc\n' }], false);
    expect(got.out).toBe('Step 1/1 : FROM alpine\n ---> abc\n');
  });
  it('deprecated progress text without progressDetail', async () => {
    expect((await display([{ id: 'a', status: 'Downloading', progress: '[=> ] 1B/2B' }], false)).out).toBe('a: Downloading [=> ] 1B/2B');
  });
});

describe('jsonProgressString', () => {
  const cases: [Parameters<typeof jsonProgressString>[0], number, string][] = [
    [{}, 200, ''],
    [{ current: 1048576, total: 28227144 }, 200, '[=>                                                 ]  1.049MB/28.23MB'],
    [{ current: 1048576, total: 28227144 }, 100, ' 1.049MB/28.23MB'],
    [{ current: 512 }, 200, '    512B'],
    [{ current: 3, units: 'items' }, 200, '3 items'],
    [{ current: 3, total: 2 }, 200, `[${'='.repeat(50)}>]       3B`],
    [{ current: 1, total: 4, units: 'layers' }, 200, '[============>                                      ] 1/4 layers'],
    [{ current: 1, total: 4, hidecounts: true }, 200, '[============>                                      ] '],
  ];
  for (const [p, w, want] of cases) it(JSON.stringify(p) + ' ' + w, () => expect(jsonProgressString(p, w)).toBe(want));
  it('time left', () => {
    // 10 s for 10 of 100 bytes: 90 s left
    expect(jsonProgressString({ current: 10, total: 100, start: 1000 }, 200, 1010_000)).toBe(`[=====>${' '.repeat(45)}]      10B/100B 1m30s`);
  });
  it('bar', () => expect(renderProgressBar(1, 2)).toBe('[=========================>                         ] '));
});

describe('a pull that fails mid-stream (real CLI under a pty at 80 and 150 columns, and piped)', () => {
  interface Fixture { stream: JSONMessage[]; tty80: string; tty150: string; notty: string; stderr: string }
  const fx = JSON.parse(readFileSync(new URL('./formatter/testdata/jsonmessage-pull-error.json', import.meta.url), 'utf8')) as Fixture;
  it('80 columns: no bars', async () => {
    const got = await display(fx.stream, true, 80);
    expect(got.out).toBe(fx.tty80);
    expect(got.error?.message + '\n').toBe(fx.stderr);
  });
  it('150 columns: bars', async () => expect((await display(fx.stream, true, 150)).out).toBe(fx.tty150));
  it('not a terminal', async () => expect((await display(fx.stream, false)).out).toBe(fx.notty));
});

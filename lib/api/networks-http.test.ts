// The network, events and build-prune endpoints end to end: HttpEngineClient -> scripts/daemon.ts (lib/api/server.ts)
// -> lib/engine, as `npm run console -- --host` and the real docker CLI use them.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { HttpEngineClient } from './http-client';
import { EngineError } from './errors';
import { createEngine } from '../engine/index';
import { SeededRandom } from '../engine/clock';
import { startDaemon, completeClient, type RunningDaemon } from '../../scripts/daemon';
import type { EventMessage } from './types';
import { eventBus } from '../engine/events';

let daemon: RunningDaemon;
const engine = createEngine({ random: new SeededRandom('networks-http') });

beforeAll(async () => {
  daemon = await startDaemon({ client: completeClient(engine), listen: '127.0.0.1:0' });
});
afterAll(async () => { await daemon?.close(); });

const client = () => new HttpEngineClient(daemon.url);

describe('networks over HTTP', () => {
  it('create / list / inspect / connect / disconnect / remove / prune round-trip', async () => {
    const c = client();
    const r = await c.networkCreate({ Name: 'h1', Driver: 'bridge', IPAM: { Driver: 'default', Options: {}, Config: [] }, Options: {}, Labels: { a: 'b' } });
    expect(r.Id).toMatch(/^[0-9a-f]{64}$/);
    expect(r.Warning).toBe('');
    const list = await c.networkList({ label: { 'a=b': true } });
    expect(list.map((n) => n.Name)).toEqual(['h1']);
    const n = await c.networkInspect('h1');
    expect(n).toEqual(await engine.networkInspect('h1'));
    await expect(c.networkCreate({ Name: 'h1' })).rejects.toMatchObject({ status: 409, message: 'network with name h1 already exists' });
    await expect(c.networkInspect('nope')).rejects.toMatchObject({ status: 404, message: 'network nope not found' });
    await expect(c.networkRemove('bridge')).rejects.toMatchObject({ status: 403 });
    await expect(c.networkConnect('h1', 'nosuch')).rejects.toBeInstanceOf(EngineError);
    await expect(c.networkDisconnect('h1', 'nosuch', true)).resolves.toBeUndefined();
    expect(await c.networksPrune({})).toEqual({ NetworksDeleted: ['h1'] });
    expect(await c.networksPrune()).toEqual({ NetworksDeleted: null });
  });

  it('events: a bounded window ends; a live stream ends when aborted', async () => {
    const c = client();
    const t = Math.floor(Date.now() / 1000);
    await c.networkCreate({ Name: 'ev' });
    await c.networkRemove('ev');
    const got: EventMessage[] = [];
    for await (const m of c.events({ since: String(t - 1), until: String(t + 1), filters: { type: { network: true } } })) got.push(m);
    expect(got.filter((m) => m.Actor?.Attributes.name === 'ev').map((m) => m.Action)).toEqual(['create', 'destroy']);
    await expect((async () => { for await (const _ of c.events({ filters: { nope: { x: true } }, since: '0', until: '1' })) void _; })())
      .rejects.toMatchObject({ status: 400, message: "invalid filter 'nope'" });

    const ac = new AbortController();
    const live: string[] = [];
    const done = (async () => { for await (const m of c.events({}, ac.signal)) live.push(`${m.Type} ${m.Action} ${m.Actor?.Attributes.name}`); })();
    // wait until the daemon's stream has subscribed, then until the event came through
    for (let i = 0; i < 500 && eventBus(engine.state).listeners.size === 0; i++) await new Promise((r) => setTimeout(r, 10));
    await c.networkCreate({ Name: 'live' });
    for (let i = 0; i < 500 && live.length === 0; i++) await new Promise((r) => setTimeout(r, 10));
    ac.abort();
    await done;
    expect(live).toEqual(['network create live']);
  });

  it('build cache prune', async () => {
    expect(await client().buildPrune({ all: true, keepStorage: 1024 })).toEqual({ CachesDeleted: null, SpaceReclaimed: 0 });
  });
});

import { describe, expect, it } from 'vitest';
import { StatusError } from '../../command';
import { eventNanos, getTimestamp, goEventMessage, prettyEvent, rfc3339NanoFixed } from './events';
import { Template } from '../../gotemplate';
import { formatNetworks, goTimeStringNano } from '../network/format';
import type { NetworkResource } from '../../../api/types';

const NOW = Date.UTC(2026, 10, 27, 7, 20, 27, 500);

describe('docker events formatting (cli/command/system/events.go)', () => {
  it('prettyPrintEvent: fixed 9-digit nanoseconds, sorted attributes, no parentheses without attributes', () => {
    expect(prettyEvent({ Type: 'container', Action: 'create', Actor: { ID: 'abc', Attributes: { name: 'web', image: 'nginx', 'com.x': '1' } }, time: 1795765227, timeNano: 1795765227123000000 }))
      .toBe('2026-11-27T07:40:27.123000000Z container create abc (com.x=1, image=nginx, name=web)\n');
    expect(prettyEvent({ Type: 'container', Action: 'prune', Actor: { ID: '', Attributes: {} }, time: 1795765227 }))
      .toBe('2026-11-27T07:40:27.000000000Z container prune \n');
    expect(prettyEvent({ Type: 'network', Action: 'x', Actor: { ID: 'n', Attributes: {} } })).toBe('network x n\n');
  });

  it('keeps the nanoseconds a JSON number carried (shortest digits) and bigint ones', () => {
    expect(eventNanos({ timeNano: 1795765227123000000 })).toBe(1795765227123000000n);
    expect(eventNanos({ timeNano: 1795765227123456789n })).toBe(1795765227123456789n);
    expect(rfc3339NanoFixed(1795765227000000001n)).toBe('2026-11-27T07:40:27.000000001Z');
  });

  it('templates see events.Message with Go field names; json uses the json tags', () => {
    const m = goEventMessage({ status: 'start', id: 'abc', from: 'nginx', Type: 'container', Action: 'start', Actor: { ID: 'abc', Attributes: { name: 'web' } }, scope: 'local', time: 10, timeNano: 10000000001 });
    expect(Template.parse('{{.Status}} {{.ID}} {{.From}} {{.Type}} {{.Scope}} {{.Time}} {{.TimeNano}} {{.Actor.Attributes.name}}').execute(m)).toBe('start abc nginx container local 10 10000000001 web');
    expect(Template.parse('{{json .}}').execute(m)).toBe('{"status":"start","id":"abc","from":"nginx","Type":"container","Action":"start","Actor":{"ID":"abc","Attributes":{"name":"web"}},"scope":"local","time":10,"timeNano":10000000001}');
    expect(Template.parse('{{json .}}').execute(goEventMessage({ Type: 'network', Action: 'create', Actor: { ID: 'n', Attributes: {} }, scope: 'local', time: 1, timeNano: 1000000000 })))
      .toBe('{"Type":"network","Action":"create","Actor":{"ID":"n","Attributes":{}},"scope":"local","time":1,"timeNano":1000000000}');
  });
});

describe('timetypes.GetTimestamp (what --since/--until send)', () => {
  it('durations are relative to now, whole seconds', () => {
    expect(getTimestamp('10m', NOW)).toBe(String(Math.floor((NOW - 600_000) / 1000)));
    expect(getTimestamp('0s', NOW)).toBe(String(Math.floor(NOW / 1000)));
    expect(getTimestamp('-1s', NOW)).toBe(String(Math.floor((NOW + 1000) / 1000)));
    expect(getTimestamp('1h30m', NOW)).toBe(String(Math.floor((NOW - 5_400_000) / 1000)));
  });
  it('unix timestamps pass through; dates and RFC 3339 become seconds.nanoseconds', () => {
    expect(getTimestamp('0', NOW)).toBe('0');
    expect(getTimestamp('1700000000.5', NOW)).toBe('1700000000.5');
    expect(getTimestamp('2026-11-27', NOW)).toBe(`${Date.UTC(2026, 10, 27) / 1000}.000000000`);
    expect(getTimestamp('2026-11-27T07:20', NOW)).toBe(`${Date.UTC(2026, 10, 27, 7, 20) / 1000}.000000000`);
    expect(getTimestamp('2026-11-27T07:20:27.25Z', NOW)).toBe(`${Date.UTC(2026, 10, 27, 7, 20, 27) / 1000}.250000000`);
    expect(getTimestamp('2026-11-27T08:20:27+01:00', NOW)).toBe(`${Date.UTC(2026, 10, 27, 7, 20, 27) / 1000}.000000000`);
  });
  it('errors like the CLI', () => {
    expect(() => getTimestamp('nonsense', NOW)).toThrow(new StatusError('failed to parse value as time or duration: "nonsense"', 1));
    expect(() => getTimestamp('2026-13-01', NOW)).toThrow('parsing time "2026-13-01": month out of range');
  });
});

describe('docker network ls formatting (cli/command/network/formatter.go)', () => {
  const net = (Name: string, Id: string, extra: Partial<NetworkResource> = {}): NetworkResource => ({
    Name, Id, Created: '2026-11-27T07:20:27.123Z', Scope: 'local', Driver: 'bridge', EnableIPv4: true, EnableIPv6: false,
    IPAM: { Driver: 'default', Options: null, Config: null }, Internal: false, Attachable: false, Ingress: false, ConfigFrom: { Network: '' },
    ConfigOnly: false, Containers: {}, Options: {}, Labels: {}, ...extra,
  });
  const list = [net('net10', 'c'.repeat(64)), net('net9', 'b'.repeat(64), { Labels: { z: '1', a: '2' } }), net('bridge', 'a'.repeat(64))];
  it('natural name order, 12-character IDs, table and quiet', () => {
    expect(formatNetworks(list)).toBe(
      'NETWORK ID     NAME      DRIVER    SCOPE\n'
      + `${'a'.repeat(12)}   bridge    bridge    local\n${'b'.repeat(12)}   net9      bridge    local\n${'c'.repeat(12)}   net10     bridge    local\n`,
    );
    expect(formatNetworks(list, { quiet: true, noTrunc: true })).toBe(['a', 'b', 'c'].map((x) => x.repeat(64) + '\n').join(''));
  });
  it('all placeholders, json, CreatedAt as Go time.String()', () => {
    expect(formatNetworks([list[1]], { format: '{{.IPv4}} {{.IPv6}} {{.Internal}} {{.Labels}} {{.Label "z"}} {{.CreatedAt}}' }))
      .toBe('true false false a=2,z=1 1 2026-11-27 07:20:27.123 +0000 UTC\n');
    expect(formatNetworks([list[2]], { format: 'json' }))
      .toBe(`{"CreatedAt":"2026-11-27 07:20:27.123 +0000 UTC","Driver":"bridge","ID":"${'a'.repeat(12)}","IPv4":"true","IPv6":"false","Internal":"false","Labels":"","Name":"bridge","Scope":"local"}\n`);
    expect(goTimeStringNano('2026-11-27T07:20:27Z')).toBe('2026-11-27 07:20:27 +0000 UTC');
    expect(() => formatNetworks(list, { format: '{{.Nope}}' })).toThrow("template parsing error: template: :1:2: executing \"\" at <.Nope>: can't evaluate field Nope in type *network.networkContext");
  });
});

// docker ps: real docker CLI 28.2.2 output (testdata/docker-ps.json, made with /work/notes/captures-formatter/gen-ps.mjs)
// vs formatContainers + validateContainerFormat.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { ContainerSummary } from '../../api/types';
import { displayablePorts, formatContainers, validateContainerFormat } from './container';
import { FormatError } from './context';

interface Golden { containers: ContainerSummary[]; cases: { args: string[]; stdout: string; stderr: string; rc: number }[] }
const golden = JSON.parse(readFileSync(new URL('./testdata/docker-ps.json', import.meta.url), 'utf8')) as Golden;
const NOW = Date.parse('2026-11-27T03:00:00Z');

function runPs(args: string[]): { stdout: string; stderr: string } {
  let format = '';
  let quiet = false;
  let noTrunc = false;
  let size = false;
  for (let i = 0; i < args.length; i++) {
    if (args[i] === '--format') format = args[++i];
    else if (args[i] === '-q') quiet = true;
    else if (args[i] === '-s') size = true;
    else if (args[i] === '--no-trunc') noTrunc = true;
  }
  let stderr = '';
  try {
    if (validateContainerFormat(format).size) size = true;
    // the ps command itself prints this warning (not the formatter)
    if (quiet && format !== '') stderr += 'WARNING: Ignoring custom format, because both --format and --quiet are set.\n';
    return { stdout: formatContainers(golden.containers, { format, quiet, noTrunc, size, now: NOW }), stderr };
  } catch (e) {
    if (!(e instanceof FormatError)) throw e;
    return { stdout: '', stderr: e.message + '\n' };
  }
}

describe('docker ps (real CLI vs ours)', () => {
  for (const c of golden.cases) {
    it(c.args.join(' ') || '(default)', () => {
      expect(runPs(c.args)).toEqual({ stdout: c.stdout, stderr: c.stderr });
    });
  }
});

describe('displayablePorts', () => {
  const cases: [Parameters<typeof displayablePorts>[0], string][] = [
    [[], ''],
    [[{ PrivatePort: 80, Type: 'tcp' }], '80/tcp'],
    [[{ PrivatePort: 81, Type: 'tcp' }, { PrivatePort: 80, Type: 'tcp' }, { PrivatePort: 82, Type: 'udp' }], '80-81/tcp, 82/udp'],
    [[{ IP: '0.0.0.0', PrivatePort: 80, PublicPort: 800, Type: 'tcp' }, { IP: '::', PrivatePort: 80, PublicPort: 800, Type: 'tcp' }], '0.0.0.0:800->80/tcp, [::]:800->80/tcp'],
    [[{ IP: '0.0.0.0', PrivatePort: 9000, PublicPort: 9000, Type: 'tcp' }, { IP: '0.0.0.0', PrivatePort: 9001, PublicPort: 9001, Type: 'tcp' }], '0.0.0.0:9000-9001->9000-9001/tcp'],
    [[{ PrivatePort: 1, Type: 'tcp' }, { PrivatePort: 3, Type: 'tcp' }, { PrivatePort: 4, Type: 'tcp' }], '1/tcp, 3-4/tcp'],
  ];
  for (const [ports, want] of cases) it(want || '(none)', () => expect(displayablePorts(ports)).toBe(want));
});

describe('Names', () => {
  it('only legacy links: all of them (real CLI: [web/db,x/y])', () => {
    const c = { Id: 'a'.repeat(64), Names: ['/web/db', '/x/y'], Image: 'nginx', ImageID: 'sha256:b', Command: '', Created: 1700000000, Ports: [], Labels: {}, State: 'running', Status: 'Up', HostConfig: { NetworkMode: '' }, NetworkSettings: { Networks: {} }, Mounts: [] };
    expect(formatContainers([c], { format: '[{{.Names}}]', now: NOW })).toBe('[web/db,x/y]\n');
  });
});

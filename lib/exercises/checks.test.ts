import { describe, expect, it } from 'vitest';
import { writeTar } from '../api/tar-read';
import type { EngineClient } from '../api/types';
import { evaluate, imageFileSystem, normalizeRef, repoOf } from './checks';
import { fakeEngine } from './testing/fake-engine';

const enc = new TextEncoder();

describe('reference helpers', () => {
  it('normalizes like the CLI shows names', () => {
    expect(normalizeRef('nginx')).toBe('nginx:latest');
    expect(normalizeRef('docker.io/library/nginx:1.27')).toBe('nginx:1.27');
    expect(normalizeRef('registry.example.com:5000/team/tool')).toBe('registry.example.com:5000/team/tool:latest');
    expect(normalizeRef('a59677401208')).toBe('a59677401208');
    expect(repoOf('registry.example.com:5000/team/tool:v1')).toBe('registry.example.com:5000/team/tool');
    expect(repoOf('student/hello@sha256:' + 'c'.repeat(64))).toBe('student/hello');
  });
});

describe('predicates', () => {
  const engine = fakeEngine({
    images: [
      { tags: ['tomcat:latest', 'tomcat:1.1'], history: ['/bin/sh -c apt-get install -y curl'] },
      { tags: ['redis:latest'] },
      { tags: [] },
    ],
  });
  it('repoAbsent names the remaining tags', async () => {
    expect(await evaluate(engine, { kind: 'repoAbsent', repo: 'tomcat' })).toEqual({ pass: false, detail: 'tomcat still has the tags tomcat:latest, tomcat:1.1' });
    expect((await evaluate(engine, { kind: 'repoAbsent', repo: 'mongo' })).pass).toBe(true);
  });
  it('imageCountAtMost and noDangling count images', async () => {
    expect(await evaluate(engine, { kind: 'imageCountAtMost', max: 2 })).toEqual({ pass: false, detail: 'docker image ls lists 3 images; at most 2 should remain' });
    const nd = await evaluate(engine, { kind: 'noDangling' });
    expect(nd.pass).toBe(false);
    expect(nd.detail).toMatch(/^1 dangling image remains \([0-9a-f]{12}\)$/);
  });
  it('historyLacks is the negation of historyMatches', async () => {
    expect((await evaluate(engine, { kind: 'historyLacks', ref: 'tomcat:1.1', pattern: 'apt-get install', what: 'package install' })).detail).toBe('the history of tomcat:1.1 still has package install');
    expect((await evaluate(engine, { kind: 'historyLacks', ref: 'redis', pattern: 'apt-get', what: 'apt-get step' })).pass).toBe(true);
  });
  it('a missing image is named, never just "wrong"', async () => {
    expect(await evaluate(engine, { kind: 'exposes', ref: 'web:1', port: '80' })).toEqual({ pass: false, detail: 'there is no image web:1' });
    expect(await evaluate(engine, { kind: 'publishes', name: 'web', hostPort: '80', containerPort: '80' })).toEqual({ pass: false, detail: 'there is no container named web' });
  });
  it('an engine error becomes a failed check that says what went wrong', async () => {
    const { runCheck } = await import('./checks');
    const broken = { imageInspect: async () => { throw new Error('boom'); } } as unknown as EngineClient;
    expect(await runCheck(broken, { id: 'x', label: 'X', spec: { kind: 'imageExists', ref: 'a' } })).toEqual({ id: 'x', label: 'X', pass: false, detail: 'could not be checked: boom' });
  });
});

describe('imageFileSystem', () => {
  it('applies layers in order with whiteouts and opaque directories', async () => {
    const layer = (entries: [string, string][]) => writeTar(entries.map(([name, text]) => ({ name, data: enc.encode(text) })));
    const l1 = layer([['etc/a.conf', 'a'], ['etc/b.conf', 'b'], ['srv/x/1', '1'], ['srv/x/2', '2'], ['keep', 'k']]);
    const l2 = layer([['etc/.wh.a.conf', ''], ['srv/x/.wh..wh..opq', ''], ['srv/x/3', '3']]);
    const save = writeTar([
      { name: 'blobs/sha256/l1', data: l1 },
      { name: 'blobs/sha256/l2', data: l2 },
      { name: 'manifest.json', data: enc.encode(JSON.stringify([{ Config: 'c', RepoTags: ['t:1'], Layers: ['blobs/sha256/l1', 'blobs/sha256/l2'] }])) },
    ]);
    const client = { imageSave: async () => save } as unknown as EngineClient;
    const fs = await imageFileSystem(client, 't:1');
    expect([...fs.keys()].sort()).toEqual(['etc/b.conf', 'keep', 'srv/x/3']);
  });
});

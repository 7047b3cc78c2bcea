// docker run -i with a file or a pipe on stdin: the container's program reads it (cat, sort, read, a script for sh).
import { beforeAll, describe, expect, it } from 'vitest';
import { testConsole } from '../session/testing';
import { loadJustBash } from '../shell/run';

beforeAll(async () => { await loadJustBash(); });

describe('docker run -i reads a redirected or piped stdin', () => {
  it('from < file and from a pipe; without -i the program gets no stdin', async () => {
    const { run } = testConsole({ seed: 'run-stdin', files: { 'names.txt': 'b\na\n' } });
    await run('docker pull -q alpine');
    expect(await run('docker run -i --rm alpine sort < names.txt')).toEqual({ out: 'a\nb\n', err: '', code: 0 });
    expect(await run("docker run -i --rm alpine sh -c 'read x; echo got $x' < names.txt")).toEqual({ out: 'got b\n', err: '', code: 0 });
    expect(await run('echo hi | docker run -i --rm alpine cat')).toEqual({ out: 'hi\n', err: '', code: 0 });
    expect(await run('printf "echo one\\necho two\\n" | docker run -i --rm alpine sh')).toEqual({ out: 'one\ntwo\n', err: '', code: 0 });
    expect(await run('docker run --rm alpine cat < names.txt')).toEqual({ out: '', err: '', code: 0 });
    expect(await run('cat names.txt | docker run -i --rm alpine wc -l')).toEqual({ out: '2\n', err: '', code: 0 });
  }, 60_000);

  it('docker exec -i and docker start -ai too', async () => {
    const { run } = testConsole({ seed: 'exec-stdin', files: { 'names.txt': 'b\na\n' } });
    await run('docker pull -q alpine');
    expect((await run('docker run -d --name box alpine sleep 1000')).code).toBe(0);
    expect(await run('docker exec -i box sort < names.txt')).toEqual({ out: 'a\nb\n', err: '', code: 0 });
    expect(await run('cat names.txt | docker exec -i box wc -l')).toEqual({ out: '2\n', err: '', code: 0 });
    expect(await run('docker exec box cat < names.txt')).toEqual({ out: '', err: '', code: 0 });
    expect((await run('docker create -i --name sorter alpine sort')).code).toBe(0);
    expect(await run('docker start -ai sorter < names.txt')).toEqual({ out: 'a\nb\n', err: '', code: 0 });
  }, 60_000);
});

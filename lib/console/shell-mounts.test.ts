// Bind mounts written the way tutorials write them, through the console's shell: `-v "$(pwd)":/app`, `-v $PWD/x:/y`,
// `--mount type=bind,source="$(pwd)"/site,...`. The workspace is the host's `/`, so $(pwd) names the directory the
// console is in, and what the container writes there shows up in the workspace.
import { describe, expect, it } from 'vitest';
import { ManualClock } from '../engine/clock';
import { createSession } from '../session';
import type { ConsoleIO } from './types';

function newSession() {
  const s = createSession({ clock: new ManualClock(1_764_000_000_000, 1000), files: [{ path: 'site/index.html', data: '<p>site</p>\n' }, { path: 'notes.txt', data: 'n\n' }] });
  const run = async (line: string) => {
    let out = '';
    let err = '';
    const io: ConsoleIO = { stdout: (x) => { out += x; }, stderr: (x) => { err += x; }, readLine: async () => null, isTTY: false, columns: 80 };
    const code = await s.console.run(line, io);
    return { out, err, code };
  };
  return { s, run };
}
const ok = (out: string) => ({ out, err: '', code: 0 });

describe('containers with -v "$(pwd)":/app', () => {
  it('reads and writes the workspace through "$(pwd)" and $PWD, from the root and from a sub-directory', async () => {
    const { s, run } = newSession();
    expect((await run('docker pull -q alpine:3.20')).code).toBe(0);
    expect(await run('docker run --rm -v "$(pwd)":/app alpine:3.20 ls /app')).toEqual(ok('notes.txt\nsite\n'));
    expect(await run('docker run --rm -v "$(pwd)":/app -w /app alpine:3.20 sh -c "echo made > out.txt"')).toEqual(ok(''));
    expect(new TextDecoder().decode(s.workspace.read('out.txt')?.data)).toBe('made\n');
    expect(await run('cat out.txt')).toEqual(ok('made\n'));
    expect(await run('cd site && docker run --rm -v "$(pwd)":/app alpine:3.20 cat /app/index.html && docker run --rm -v $PWD/..:/up alpine:3.20 cat /up/notes.txt; cd ..')).toEqual(ok('<p>site</p>\nn\n'));
    expect(await run('docker run --rm -v "$(pwd)"/site:/app:ro alpine:3.20 sh -c "touch /app/x" || echo "exit $?"')).toEqual({ out: 'exit 1\n', err: 'touch: /app/x: Read-only file system\n', code: 0 });
    expect(await run('docker run --rm --mount type=bind,source="$(pwd)"/site,target=/app alpine:3.20 ls /app')).toEqual(ok('index.html\n'));
  });

  it('a long-running container sees the mount in inspect, and workspace edits live', async () => {
    const { s, run } = newSession();
    await run('docker pull -q alpine:3.20');
    const id = (await run('docker run -d --name box -v "$(pwd)":/app alpine:3.20 sleep 1000')).out.trim();
    expect(id).toMatch(/^[0-9a-f]{64}$/);
    expect(await run(`docker inspect -f '{{json .HostConfig.Binds}}' box`)).toEqual(ok('["/:/app"]\n'));
    expect(await run(`docker inspect -f '{{range .Mounts}}{{.Type}} {{.Source}} {{.Destination}} {{.RW}}{{end}}' $(docker ps -q)`)).toEqual(ok('bind / /app true\n'));
    s.workspace.write('live.txt', 'live\n');
    expect(await run('docker exec box cat /app/live.txt')).toEqual(ok('live\n'));
    expect(await run('docker rm -f $(docker ps -aq) >/dev/null && docker ps -aq')).toEqual(ok(''));
  });
});

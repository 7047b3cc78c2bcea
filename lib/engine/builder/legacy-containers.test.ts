/**
 * The classic builder's step containers (moby builder/dockerfile: internals.go create, containerbackend.go RemoveAll,
 * evaluator.go dispatch's deferred removal): ` ---> Running in`, ` ---> Removed intermediate container`, --rm, --force-rm,
 * the container a failed RUN leaves behind; BuildKit ignores --rm/--force-rm (buildx's hidden flags).
 */
import { describe, expect, it } from 'vitest';
import { testConsole } from '../../session/testing';

function setup(files: Record<string, string> = {}) {
  return testConsole({ seed: 'legacy-containers', files });
}

const LEGACY_WARNING = 'DEPRECATED: The legacy builder is deprecated and will be removed in a future release.\n            BuildKit is currently disabled; enable it by removing the DOCKER_BUILDKIT=0\n            environment-variable.\n\n';
const FILES = {
  'ok/Dockerfile': 'FROM alpine:3.20\nENV A=1\nWORKDIR /app\nRUN echo hi > f && echo done\nCMD ["sh"]\n',
  'bad/Dockerfile': 'FROM alpine:3.20\nENV A=1\nRUN touch /made && echo started && exit 2\n',
};

async function ready(files: Record<string, string> = FILES) {
  const s = setup(files);
  expect((await s.run('docker pull -q alpine:3.20')).code).toBe(0);
  return s;
}

describe('legacy builder: intermediate containers', () => {
  it('--rm (default): each step that used a container removes it after the step; nothing is left', async () => {
    const { run } = await ready();
    const r = await run('DOCKER_BUILDKIT=0 docker build ok');
    expect(r.err).toBe(LEGACY_WARNING);
    expect(r.code).toBe(0);
    expect(r.out).toBe([
      'Sending build context to Docker daemon  2.048kB\r\r\n',
      'Step 1/5 : FROM alpine:3.20\n',
      ' ---> 71e427a66fd7\n',
      'Step 2/5 : ENV A=1\n',
      ' ---> Running in b639e4633b48\n',
      ' ---> Removed intermediate container b639e4633b48\n',
      ' ---> a95628c0487a\n',
      'Step 3/5 : WORKDIR /app\n',
      ' ---> Running in 3c2db1a3444f\n',
      ' ---> Removed intermediate container 3c2db1a3444f\n',
      ' ---> 039f37cee31d\n',
      'Step 4/5 : RUN echo hi > f && echo done\n',
      ' ---> Running in e77a5147e8b2\n',
      'done\n',
      ' ---> Removed intermediate container e77a5147e8b2\n',
      ' ---> ae9a24e49a87\n',
      'Step 5/5 : CMD ["sh"]\n',
      ' ---> Running in 581ad02fd78c\n',
      ' ---> Removed intermediate container 581ad02fd78c\n',
      ' ---> 2ebb5ac28288\n',
      'Successfully built 2ebb5ac28288\n',
    ].join(''));
    expect((await run('docker ps -aq')).out).toBe('');
    // a second build takes every step from the cache: no container at all
    const again = await run('DOCKER_BUILDKIT=0 docker build ok');
    expect(again.out).not.toContain('Running in');
    expect(again.out).toContain('Step 4/5 : RUN echo hi > f && echo done\n ---> Using cache\n ---> ae9a24e49a87\n');
  });

  it('a failed RUN leaves its container: Exited (N), the previous step\'s image, /bin/sh -c command, its changes', async () => {
    const { run } = await ready();
    const r = await run('DOCKER_BUILDKIT=0 docker build bad');
    expect(r.code).toBe(2);
    expect(r.out).toBe([
      'Sending build context to Docker daemon  2.048kB\r\r\n',
      'Step 1/3 : FROM alpine:3.20\n',
      ' ---> 71e427a66fd7\n',
      'Step 2/3 : ENV A=1\n',
      ' ---> Running in b639e4633b48\n',
      ' ---> Removed intermediate container b639e4633b48\n',
      ' ---> a95628c0487a\n',
      'Step 3/3 : RUN touch /made && echo started && exit 2\n',
      ' ---> Running in 3c2db1a3444f\n',
      'started\n',
    ].join(''));
    expect(r.err).toBe(LEGACY_WARNING + "The command '/bin/sh -c touch /made && echo started && exit 2' returned a non-zero code: 2\n");
    let p = await run('docker ps -a');
    expect(p.out).toBe([
      'CONTAINER ID   IMAGE          COMMAND                  CREATED                  STATUS                              PORTS     NAMES\n',
      '3c2db1a3444f   a95628c0487a   "/bin/sh -c \'touch /…"   Less than a second ago   Exited (2) Less than a second ago             distracted_colden\n',
    ].join(''));
    p = await run('docker ps -a --no-trunc --format "{{.Image}} {{.Command}}"');
    expect(p.out).toMatch(/^sha256:a95628c0487a[0-9a-f]{52} "\/bin\/sh -c 'touch \/made && echo started && exit 2'"\n$/);
    // moby's builder HostConfig: log driver "none", so `docker logs` cannot read it; RUN runs without entrypoint/healthcheck
    const logs = await run('docker logs 3c2db1a3444f');
    expect(logs).toEqual({ out: '', err: 'Error response from daemon: configured logging driver does not support reading\n', code: 1 });
    const ins = await run('docker inspect -f "{{json .HostConfig.LogConfig}} {{json .Config.Cmd}} {{json .Config.Entrypoint}} {{.Config.Hostname}} {{json .Config.Healthcheck}} {{.State.ExitCode}}" 3c2db1a3444f');
    expect(ins.out).toBe('{"Type":"none","Config":{}} ["/bin/sh","-c","touch /made && echo started && exit 2"] null 3c2db1a3444f {"Test":["NONE"]} 2\n');
    expect((await run('docker diff 3c2db1a3444f')).out).toBe('A /made\n');
    // it can be committed (with what the step did) and removed like any container
    expect((await run('docker commit 3c2db1a3444f debug:1')).code).toBe(0);
    expect((await run('docker run --rm --entrypoint ls debug:1 /made')).out).toBe('/made\n');
    expect((await run('docker rm 3c2db1a3444f')).out).toBe('3c2db1a3444f\n');
    expect((await run('docker ps -aq')).out).toBe('');
  });

  it('--force-rm removes the failed step\'s container too (the removal line comes before the error)', async () => {
    const { run } = await ready();
    const r = await run('DOCKER_BUILDKIT=0 docker build --force-rm bad');
    expect(r.code).toBe(2);
    expect(r.out.endsWith(' ---> Running in 3c2db1a3444f\nstarted\n ---> Removed intermediate container 3c2db1a3444f\n')).toBe(true);
    expect(r.err).toBe(LEGACY_WARNING + "The command '/bin/sh -c touch /made && echo started && exit 2' returned a non-zero code: 2\n");
    expect((await run('docker ps -aq')).out).toBe('');
  });

  it('--rm=false keeps every step container (metadata steps Created, RUN Exited (0)) and prints no removal', async () => {
    const { run } = await ready();
    const r = await run('DOCKER_BUILDKIT=0 docker build --rm=false ok');
    expect(r.code).toBe(0);
    expect(r.out).toBe([
      'Sending build context to Docker daemon  2.048kB\r\r\n',
      'Step 1/5 : FROM alpine:3.20\n',
      ' ---> 71e427a66fd7\n',
      'Step 2/5 : ENV A=1\n',
      ' ---> Running in b639e4633b48\n',
      ' ---> a95628c0487a\n',
      'Step 3/5 : WORKDIR /app\n',
      ' ---> Running in 3c2db1a3444f\n',
      ' ---> 039f37cee31d\n',
      'Step 4/5 : RUN echo hi > f && echo done\n',
      ' ---> Running in e77a5147e8b2\n',
      'done\n',
      ' ---> ae9a24e49a87\n',
      'Step 5/5 : CMD ["sh"]\n',
      ' ---> Running in 581ad02fd78c\n',
      ' ---> 2ebb5ac28288\n',
      'Successfully built 2ebb5ac28288\n',
    ].join(''));
    const p = await run('docker ps -a');
    expect(p.out).toBe([
      'CONTAINER ID   IMAGE          COMMAND                  CREATED                  STATUS                              PORTS     NAMES\n',
      '581ad02fd78c   ae9a24e49a87   "/bin/sh -c \'#(nop) …"   Less than a second ago   Created                                       frosty_hopper\n',
      'e77a5147e8b2   039f37cee31d   "/bin/sh -c \'echo hi…"   Less than a second ago   Exited (0) Less than a second ago             fervent_euler\n',
      '3c2db1a3444f   a95628c0487a   "/bin/sh -c \'#(nop) …"   Less than a second ago   Created                                       distracted_colden\n',
      'b639e4633b48   71e427a66fd7   "/bin/sh -c \'#(nop) …"   Less than a second ago   Created                                       quirky_archimedes\n',
    ].join(''));
    const cmds = await run('docker ps -a --no-trunc --format "{{.Command}}"');
    expect(cmds.out).toBe([
      '"/bin/sh -c \'#(nop) \' \'CMD [\\"sh\\"]\'"',
      '"/bin/sh -c \'echo hi > f && echo done\'"',
      '"/bin/sh -c \'#(nop) WORKDIR /app\'"',
      '"/bin/sh -c \'#(nop) \' \'ENV A=1\'"',
    ].join('\n') + '\n');
    // the WORKDIR container holds the directory it made; the RUN container its file
    expect((await run('docker diff 3c2db1a3444f')).out).toBe('A /app\n');
    expect((await run('docker diff e77a5147e8b2')).out).toBe('C /app\nA /app/f\n');
  });

  it('ONBUILD triggers: each trigger\'s container is removed, one image line after FROM; FROM scratch prints " ---> "', async () => {
    const { run } = await ready({
      'parent/Dockerfile': 'FROM alpine:3.20\nONBUILD RUN echo trig\nONBUILD ENV B=2\n',
      'child/Dockerfile': 'FROM parent\nCMD ["x"]\n',
      'sc/Dockerfile': 'FROM scratch\nENV A=1\n',
    });
    expect((await run('DOCKER_BUILDKIT=0 docker build -q -t parent parent')).code).toBe(0);
    const r = await run('DOCKER_BUILDKIT=0 docker build child');
    expect(r.out.replace(/[0-9a-f]{12}/g, 'ID')).toBe([
      'Sending build context to Docker daemon  2.048kB\r\r\n',
      'Step 1/2 : FROM parent\n',
      '# Executing 2 build triggers\n',
      ' ---> Running in ID\n',
      'trig\n',
      ' ---> Removed intermediate container ID\n',
      ' ---> Running in ID\n',
      ' ---> Removed intermediate container ID\n',
      ' ---> ID\n',
      'Step 2/2 : CMD ["x"]\n',
      ' ---> Running in ID\n',
      ' ---> Removed intermediate container ID\n',
      ' ---> ID\n',
      'Successfully built ID\n',
    ].join(''));
    const s = await run('DOCKER_BUILDKIT=0 docker build --rm=false sc');
    expect(s.out.replace(/[0-9a-f]{12}/g, 'ID')).toBe('Sending build context to Docker daemon  2.048kB\r\r\nStep 1/2 : FROM scratch\n ---> \nStep 2/2 : ENV A=1\n ---> Running in ID\n ---> ID\nSuccessfully built ID\n');
    // a container created right after FROM scratch has no image (moby creates it with Image "")
    expect((await run('docker ps -a --format "{{.Image}}|{{.Status}}"')).out).toBe('<no image>|Created\n');
  });

  it('BuildKit accepts --rm/--force-rm and ignores them (buildx hidden flags): no step containers', async () => {
    const { run } = await ready();
    for (const flags of ['--rm=false', '--force-rm', '--rm=false --force-rm']) {
      const r = await run(`docker build --progress=plain ${flags} ok`);
      expect(r.code, r.err).toBe(0);
      expect(r.err).not.toContain('WARNING');
      expect(r.err).not.toContain('unknown flag');
    }
    const bad = await run('docker build --progress=plain --rm=false bad');
    expect(bad.code).toBe(1);
    expect((await run('docker ps -aq')).out).toBe('');
  });

  it('each stage ends with an aux message carrying its image ID (moby emitImageID), the last one is the result', async () => {
    const { engine, run } = await ready();
    const files = new Map([['Dockerfile', { data: new TextEncoder().encode('FROM alpine:3.20 AS one\nENV A=1\nFROM alpine:3.20\nENV B=2\n'), mode: 0o644 }]]);
    const msgs = [];
    for await (const m of engine.build({ files }, { version: '1' })) msgs.push(m);
    const aux = msgs.filter((m) => m.aux).map((m) => (m.aux as { ID: string }).ID);
    expect(aux).toHaveLength(2);
    const streams = msgs.map((m) => m.stream ?? '').join('');
    expect(streams).toContain(` ---> ${aux[0].slice(7, 19)}\nStep 3/4 : FROM alpine:3.20\n`);
    expect(streams.endsWith(`Successfully built ${aux[1].slice(7, 19)}\n`)).toBe(true);
    expect(msgs.findIndex((m) => m.aux)).toBeLessThan(msgs.findIndex((m) => m.stream === 'Step 3/4 : FROM alpine:3.20\n'));
    void run;
  });

  it('HEALTHCHECK over an earlier one prints moby\'s note (classic builder only)', async () => {
    const { run } = await ready({ 'hc/Dockerfile': 'FROM alpine:3.20\nHEALTHCHECK CMD true\nHEALTHCHECK CMD ["true"]\nHEALTHCHECK NONE\nHEALTHCHECK CMD exit 0\n' });
    const r = await run('DOCKER_BUILDKIT=0 docker build -q hc');
    expect(r.code, r.err + r.out).toBe(0);
    const v = await run('DOCKER_BUILDKIT=0 docker build --no-cache hc');
    expect(v.out.replace(/[0-9a-f]{12}/g, 'ID')).toBe([
      'Sending build context to Docker daemon  2.048kB\r\r\n',
      'Step 1/5 : FROM alpine:3.20\n ---> ID\n',
      'Step 2/5 : HEALTHCHECK CMD true\n ---> Running in ID\n ---> Removed intermediate container ID\n ---> ID\n',
      'Step 3/5 : HEALTHCHECK CMD ["true"]\nNote: overriding previous HEALTHCHECK: [CMD-SHELL true]\n ---> Running in ID\n ---> Removed intermediate container ID\n ---> ID\n',
      'Step 4/5 : HEALTHCHECK NONE\nNote: overriding previous HEALTHCHECK: [CMD true]\n ---> Running in ID\n ---> Removed intermediate container ID\n ---> ID\n',
      'Step 5/5 : HEALTHCHECK CMD exit 0\n ---> Running in ID\n ---> Removed intermediate container ID\n ---> ID\n',
      'Successfully built ID\n',
    ].join(''));
    const b = await run('docker build --progress=plain --no-cache hc');
    expect(b.err).not.toContain('overriding');
  });

  it('a RUN after VOLUME writes into the step container\'s anonymous volume: the change is not in the image (BuildKit keeps it)', async () => {
    const { run } = await ready({ 'v/Dockerfile': 'FROM alpine:3.20\nRUN mkdir /data && echo before > /data/a\nVOLUME /data\nRUN echo after > /data/b && ls /data\nRUN ls /data\n' });
    const r = await run('DOCKER_BUILDKIT=0 docker build v');
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/Step 4\/5 : RUN echo after > \/data\/b && ls \/data\n ---> Running in [0-9a-f]{12}\na\nb\n/);
    expect(r.out).toMatch(/Step 5\/5 : RUN ls \/data\n ---> Running in [0-9a-f]{12}\na\n ---> Removed/);
    // removed with their anonymous volumes (moby RemoveAll: RemoveVolume)
    expect((await run('docker volume ls -q')).out).toBe('');
    const kept = await run('DOCKER_BUILDKIT=0 docker build --no-cache --rm=false v');
    expect(kept.code).toBe(0);
    expect((await run('docker volume ls -q')).out.trim().split('\n')).toHaveLength(3);
    const bk = await run('docker build --progress=plain v');
    expect(bk.err).toContain('#7 [4/4] RUN ls /data\n#7 0.000 a\n#7 0.000 b\n');
  });
});

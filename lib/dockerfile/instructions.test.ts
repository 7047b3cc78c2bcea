import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { DockerfileParseError } from './errors';
import {
  MountParseError,
  parseDockerfile,
  parseMount,
  parseRunMounts,
  type AddCommand,
  type CopyCommand,
  type HealthCheckCommand,
  type RunCommand,
} from './instructions';
import { processWord } from './shell-lex';

function err(src: string): DockerfileParseError {
  try {
    parseDockerfile(src);
  } catch (e) {
    if (e instanceof DockerfileParseError) return e;
    throw e;
  }
  throw new Error('expected an error');
}

describe('parseDockerfile: stages and commands', () => {
  it('meta args, stages, names, platform', () => {
    const r = parseDockerfile('ARG V=1\nARG B\nFROM --platform=$BUILDPLATFORM golang:${V} AS Build\nRUN go build\nFROM scratch\nCOPY --from=build /out /\n');
    expect(r.metaArgs.map((a) => a.args)).toEqual([[{ key: 'V', value: '1' }], [{ key: 'B' }]]);
    expect(r.stages.map((s) => [s.name, s.nameAsWritten, s.baseName, s.platform, s.index, s.commands.length])).toEqual([
      ['build', 'Build', 'golang:${V}', '$BUILDPLATFORM', 0, 1],
      ['', '', 'scratch', '', 1, 1],
    ]);
    const copy = r.stages[1]!.commands[0] as CopyCommand;
    expect(copy).toMatchObject({ kind: 'COPY', from: 'build', sourcePaths: ['/out'], destPath: '/', code: 'COPY --from=build /out /' });
    expect(copy.range).toEqual({ startLine: 6, endLine: 6, startCol: 0, endCol: 24 });
  });

  it('the seed nginx Dockerfile', () => {
    const src = [
      'FROM ubuntu:18.10',
      'LABEL maintainer="asahicantu@mail.com"',
      'RUN apt-get update',
      'RUN apt-get upgrade',
      'RUN apt-get install -y nginx',
      'COPY index.html /usr/share/nginx/html/index.html',
      'ENTRYPOINT ["/usr/sbin/nginx", "-g", "daemon off;"]',
      'EXPOSE 80',
      '',
    ].join('\n');
    const [stage] = parseDockerfile(src).stages;
    expect(stage!.commands.map((c) => c.kind)).toEqual(['LABEL', 'RUN', 'RUN', 'RUN', 'COPY', 'ENTRYPOINT', 'EXPOSE']);
    expect(stage!.commands[0]).toMatchObject({ labels: [{ key: 'maintainer', value: '"asahicantu@mail.com"', noDelim: false }] });
    expect(stage!.commands[1]).toMatchObject({ cmdLine: ['apt-get update'], prependShell: true, network: 'default', security: 'sandbox' });
    expect(stage!.commands[5]).toMatchObject({ cmdLine: ['/usr/sbin/nginx', '-g', 'daemon off;'], prependShell: false });
    expect(stage!.commands[6]).toMatchObject({ ports: ['80'] });
  });

  it('ENV legacy and key=value forms', () => {
    const [s] = parseDockerfile('FROM a\nENV A b c\nENV X=1 Y="two words"\n').stages;
    expect(s!.commands[0]).toMatchObject({ env: [{ key: 'A', value: 'b c', noDelim: true }] });
    expect(s!.commands[1]).toMatchObject({ env: [{ key: 'X', value: '1', noDelim: false }, { key: 'Y', value: '"two words"', noDelim: false }] });
  });

  it('RUN, heredoc files, mounts, network, security', () => {
    const [s] = parseDockerfile('FROM a\nRUN --mount=type=cache,target=/root/.cache --network=none <<EOF\npip install x\nEOF\n').stages;
    const run = s!.commands[0] as RunCommand;
    expect(run).toMatchObject({ cmdLine: ['<<EOF'], files: [{ name: 'EOF', data: 'pip install x\n', chomp: false }], network: 'none', mountSpecs: ['type=cache,target=/root/.cache'] });
    expect(run.range).toMatchObject({ startLine: 2, endLine: 4 });
    expect(parseRunMounts(run, (v) => v)).toEqual([
      { type: 'cache', from: '', source: '', target: '/root/.cache', readOnly: false, sizeLimit: 0, cacheId: '', cacheSharing: '', required: false },
    ]);
  });

  it('COPY/ADD flags and heredoc sources', () => {
    const [s] = parseDockerfile('FROM a\nCOPY --chmod=755 --link --parents --exclude=*.md --exclude=x <<-A ./src/ /d/\n\tbody\nA\nADD --checksum=sha256:abc --keep-git-dir=true --unpack=false https://x/y.tgz /z\n').stages;
    const copy = s!.commands[0] as CopyCommand;
    expect(copy).toMatchObject({ chmod: '755', link: true, parents: true, excludePatterns: ['*.md', 'x'], sourcePaths: ['./src/'], destPath: '/d/' });
    expect(copy.sourceContents).toEqual([{ path: 'A', data: 'body\n', expand: true }]);
    const add = s!.commands[1] as AddCommand;
    expect(add).toMatchObject({ checksum: 'sha256:abc', keepGitDir: true, unpack: false, link: false });
  });

  it('HEALTHCHECK forms', () => {
    const [s] = parseDockerfile('FROM a\nHEALTHCHECK --interval=30s --timeout=1m30s --retries=3 CMD curl -f http://x/ || exit 1\nHEALTHCHECK CMD ["true"]\nHEALTHCHECK NONE\n').stages;
    expect((s!.commands[0] as HealthCheckCommand).health).toEqual({
      test: ['CMD-SHELL', 'curl -f http://x/ || exit 1'],
      interval: 30e9,
      timeout: 90e9,
      startPeriod: 0,
      startInterval: 0,
      retries: 3,
    });
    expect((s!.commands[1] as HealthCheckCommand).health.test).toEqual(['CMD', 'true']);
    expect((s!.commands[2] as HealthCheckCommand).health.test).toEqual(['NONE']);
  });

  it('ONBUILD expression, SHELL, VOLUME, EXPOSE sorted, STOPSIGNAL, USER, WORKDIR', () => {
    const [s] = parseDockerfile('FROM a\nONBUILD RUN echo hi\nSHELL ["/bin/bash", "-c"]\nVOLUME ["/a", "/b"]\nEXPOSE 8080 443/tcp 80\nSTOPSIGNAL SIGKILL\nUSER app:app\nWORKDIR /srv\n').stages;
    expect(s!.commands.map((c) => c.kind)).toEqual(['ONBUILD', 'SHELL', 'VOLUME', 'EXPOSE', 'STOPSIGNAL', 'USER', 'WORKDIR']);
    expect(s!.commands[0]).toMatchObject({ expression: 'RUN echo hi' });
    expect(s!.commands[1]).toMatchObject({ shell: ['/bin/bash', '-c'] });
    expect(s!.commands[2]).toMatchObject({ volumes: ['/a', '/b'] });
    expect(s!.commands[3]).toMatchObject({ ports: ['443/tcp', '80', '8080'] });
  });
});

describe('instruction errors (BuildKit wording)', () => {
  const cases: [string, string][] = [
    ['FROM alpine\n\nFORM x\n', 'dockerfile parse error on line 3: unknown instruction: FORM (did you mean FROM?)'],
    ['FROM a\nexpoze 80\n', 'dockerfile parse error on line 2: unknown instruction: expoze (did you mean expose?)'],
    ['FROM a\nFOOBAR x\n', 'dockerfile parse error on line 2: unknown instruction: FOOBAR'],
    ['FROM\n', 'dockerfile parse error on line 1: FROM requires either one or three arguments'],
    ['FROM a b\n', 'dockerfile parse error on line 1: FROM requires either one or three arguments'],
    ['FROM a AS 1x\n', 'dockerfile parse error on line 1: invalid name for build stage: "1x", name can\'t start with a number or contain symbols'],
    ['FROM a\nENV =x\n', 'dockerfile parse error on line 2: ENV names can not be blank'],
    ['FROM a\nARG =x\n', 'dockerfile parse error on line 2: ARG names can not be blank'],
    ['FROM a\nARG\n', 'dockerfile parse error on line 2: ARG requires at least one argument'],
    ['FROM a\nLABEL\n', 'dockerfile parse error on line 2: LABEL requires at least one argument'],
    ['FROM a\nEXPOSE\n', 'dockerfile parse error on line 2: EXPOSE requires at least one argument'],
    ['FROM a\nVOLUME\n', 'dockerfile parse error on line 2: VOLUME requires at least one argument'],
    ['FROM a\nONBUILD\n', 'dockerfile parse error on line 2: ONBUILD requires at least one argument'],
    ['FROM a\nHEALTHCHECK\n', 'dockerfile parse error on line 2: HEALTHCHECK requires at least one argument'],
    ['FROM a\nWORKDIR\n', 'dockerfile parse error on line 2: WORKDIR requires exactly one argument'],
    ['FROM a\nUSER\n', 'dockerfile parse error on line 2: USER requires exactly one argument'],
    ['FROM a\nSTOPSIGNAL\n', 'dockerfile parse error on line 2: STOPSIGNAL requires exactly one argument'],
    ['FROM a\nMAINTAINER\n', 'dockerfile parse error on line 2: MAINTAINER requires exactly one argument'],
    ['FROM a\nCOPY x\n', 'dockerfile parse error on line 2: COPY requires at least two arguments, but only one was provided. Destination could not be determined'],
    ['FROM a\nADD x\n', 'dockerfile parse error on line 2: ADD requires at least two arguments, but only one was provided. Destination could not be determined'],
    ['FROM a\nCOPY a <<EOF\nEOF\n', 'dockerfile parse error on line 2: COPY cannot accept a heredoc as a destination'],
    ['FROM a\nRUN --foo=bar echo\n', 'dockerfile parse error on line 2: unknown flag: --foo'],
    ['FROM a\nCOPY --form=x a b\n', 'dockerfile parse error on line 2: unknown flag: --form (did you mean from?)'],
    ['FROM a\nCOPY --from=a --from=b a b\n', 'dockerfile parse error on line 2: duplicate flag specified: --from'],
    ['FROM a\nCOPY --from a b\n', 'dockerfile parse error on line 2: missing a value on flag: --from'],
    ['FROM a\nCOPY --link=maybe a b\n', 'dockerfile parse error on line 2: expecting boolean value for flag --link, not: maybe'],
    ['FROM a\nCOPY --link= a b\n', 'dockerfile parse error on line 2: missing a value on flag: --link'],
    ['FROM a\nSHELL sh -c\n', 'dockerfile parse error on line 2: SHELL requires the arguments to be in JSON form'],
    ['FROM a\nSHELL []\n', 'dockerfile parse error on line 2: SHELL requires at least one argument'],
    ['FROM a\nHEALTHCHECK FOO x\n', 'dockerfile parse error on line 2: Unknown type "FOO" in HEALTHCHECK (try CMD)'],
    ['FROM a\nHEALTHCHECK NONE x\n', 'dockerfile parse error on line 2: HEALTHCHECK NONE takes no arguments'],
    ['FROM a\nHEALTHCHECK CMD\n', 'dockerfile parse error on line 2: Missing command after HEALTHCHECK CMD'],
    ['FROM a\nHEALTHCHECK --interval=5 CMD x\n', 'dockerfile parse error on line 2: time: missing unit in duration "5"'],
    ['FROM a\nHEALTHCHECK --interval=5x CMD x\n', 'dockerfile parse error on line 2: time: unknown unit "x" in duration "5x"'],
    ['FROM a\nHEALTHCHECK --timeout=1ns CMD x\n', 'dockerfile parse error on line 2: Interval "timeout" cannot be less than 1ms'],
    ['FROM a\nHEALTHCHECK --retries=-1 CMD x\n', 'dockerfile parse error on line 2: --retries cannot be negative (-1)'],
    ['FROM a\nONBUILD ONBUILD RUN x\n', "dockerfile parse error on line 2: Chaining ONBUILD via `ONBUILD ONBUILD` isn't allowed"],
    ['FROM a\nONBUILD FROM b\n', "dockerfile parse error on line 2: FROM isn't allowed as an ONBUILD trigger"],
    ['FROM a\nRUN --network=bridge x\n', 'dockerfile parse error on line 2: invalid network mode "bridge"'],
    ['FROM a\nRUN --security=x y\n', 'dockerfile parse error on line 2: security "x" is not valid'],
    ['FROM a\nRUN --mount=type=bind,from=$X x\n', "dockerfile parse error on line 2: 'from' doesn't support variable expansion, define alias stage instead"],
    ['FROM a\nVOLUME [""]\n', 'dockerfile parse error on line 2: VOLUME specified can not be an empty string'],
  ];
  for (const [src, msg] of cases) {
    it(msg, () => {
      const e = err(src);
      expect(e.message).toBe(msg);
      expect(e.kind).toBe('instruction');
    });
  }

  it('instructions before FROM: no build stage in current context (not prefixed)', () => {
    const e = err('ARG a\nRUN x\n');
    expect(e.message).toBe('no build stage in current context');
    expect(e.range).toMatchObject({ startLine: 2, endLine: 2 });
  });

  it('parser errors come through unprefixed', () => {
    expect(err('').message).toBe('file with no instructions');
    expect(err('FROM a\nENV PATH\n').message).toBe('ENV must have two arguments');
  });

  it('matches the classic builder capture (build-legacy-parse-error)', () => {
    const dir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../shared/conformance/docker-cli/captures');
    const stderr = fs.readFileSync(path.join(dir, 'build-legacy-parse-error.stderr'), 'utf8');
    const e = err('FROM busybox\n\nFORM x\n');
    expect(stderr).toContain(`Error response from daemon: ${e.message}\n`);
  });
});

describe('RUN --mount parsing with an expander', () => {
  const ex = (v: string): string => processWord(v, { ID: 'mycache' });
  it('full mounts', () => {
    expect(parseMount('type=secret,id=tok,required', ex)).toMatchObject({ type: 'secret', cacheId: 'tok', required: true, readOnly: true });
    expect(parseMount('type=tmpfs,target=/t,size=64m', ex)).toMatchObject({ type: 'tmpfs', sizeLimit: 64 * 1024 * 1024, readOnly: false });
    expect(parseMount('type=cache,id=$ID,target=/c,sharing=locked,mode=0755,uid=1000', ex)).toMatchObject({ cacheId: 'mycache', cacheSharing: 'locked', mode: 0o755, uid: 1000 });
    expect(parseMount('target=/src,rw', ex)).toMatchObject({ type: 'bind', readOnly: false, target: '/src' });
  });
  it('errors', () => {
    expect(() => parseMount('type=volume', ex)).toThrow(new MountParseError('unsupported mount type "volume"'));
    expect(() => parseMount('type=cach,target=/x', ex)).toThrow(new MountParseError('unsupported mount type "cach" (did you mean cache?)'));
    expect(() => parseMount('type=bind,mode=0755', ex)).toThrow(new MountParseError('mode not allowed for "bind" type mounts'));
    expect(() => parseMount('type=secret', ex)).toThrow(new MountParseError('invalid secret mount. one of source, target required'));
    expect(() => parseMount('type=bind,targt=/x', ex)).toThrow(new MountParseError("unexpected key 'targt' in 'targt=/x' (did you mean target?)"));
    expect(() => parseMount('type=bind,foo', ex)).toThrow(new MountParseError("invalid field 'foo' must be a key=value pair"));
  });
});

describe('meta args and FROM expansion', () => {
  it('build args win, defaults expand with earlier meta args, declared-only args are left out', async () => {
    const { resolveMetaArgs, expandBaseName } = await import('./instructions');
    const r = parseDockerfile('ARG V=3.20\nARG IMG=alpine:${V}\nARG X\nFROM $IMG\nFROM ${X:-busybox}:latest\nFROM --platform=$BUILDPLATFORM golang:$GO\n');
    const env = resolveMetaArgs(r.metaArgs, { V: '3.19' }, { BUILDPLATFORM: 'linux/amd64' });
    expect([...env]).toEqual([['BUILDPLATFORM', 'linux/amd64'], ['V', '3.19'], ['IMG', 'alpine:3.19']]);
    expect(r.stages.map((s) => expandBaseName(s, env))).toEqual(['alpine:3.19', 'busybox:latest', 'golang:']);
  });
});

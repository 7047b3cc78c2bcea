import { describe, expect, it } from 'vitest';
import { lintDockerfile, type LintWarning } from './lint';

const ids = (src: string): string[] => lintDockerfile(src).map((w) => w.ruleId);
const find = (src: string, id: string): LintWarning | undefined => lintDockerfile(src).find((w) => w.ruleId === id);

describe('lint (BuildKit build checks)', () => {
  it('a clean Dockerfile has no warnings', () => {
    expect(lintDockerfile('FROM alpine:3.20\nWORKDIR /app\nCOPY . .\nRUN apk add --no-cache curl\nCMD ["sh"]\n')).toEqual([]);
  });
  it('MaintainerDeprecated', () => {
    const w = find('FROM a:1\nMAINTAINER me <me@x>\n', 'MaintainerDeprecated')!;
    expect(w.message).toBe('Maintainer instruction is deprecated in favor of using label');
    expect(w.range).toEqual({ startLine: 2, endLine: 2, startCol: 0, endCol: 10 });
    expect(w.url).toBe('https://docs.docker.com/go/dockerfile/rule/maintainer-deprecated/');
    expect(w.fix).toContain('LABEL');
  });
  it('StageNameCasing, FromAsCasing, DuplicateStageName, ReservedStageName', () => {
    expect(find('FROM a:1 AS Build\n', 'StageNameCasing')!.message).toBe("Stage name 'Build' should be lowercase");
    const fa = find('FROM a:1 as b\n', 'FromAsCasing')!;
    expect(fa.message).toBe("'as' and 'FROM' keywords' casing do not match");
    expect(fa.range).toEqual({ startLine: 1, endLine: 1, startCol: 9, endCol: 11 });
    expect(find('from a:1 AS b\n', 'FromAsCasing')!.message).toBe("'AS' and 'from' keywords' casing do not match");
    expect(find('FROM a:1 AS b\nFROM c:1 AS b\n', 'DuplicateStageName')!.message).toBe('Duplicate stage name "b", stage names should be unique');
    expect(find('FROM a:1 AS scratch\n', 'ReservedStageName')!.message).toBe('Stage name should not use the same name as reserved stage "scratch"');
  });
  it('JSONArgsRecommended for shell-form CMD/ENTRYPOINT, not with SHELL', () => {
    expect(find('FROM a:1\nCMD node server.js\n', 'JSONArgsRecommended')!.message).toBe(
      'JSON arguments recommended for CMD to prevent unintended behavior related to OS signals',
    );
    expect(ids('FROM a:1\nENTRYPOINT ["x"]\n')).not.toContain('JSONArgsRecommended');
    expect(ids('FROM a:1\nSHELL ["/bin/bash","-c"]\nCMD x\n')).not.toContain('JSONArgsRecommended');
  });
  it('MultipleInstructionsDisallowed on all but the last', () => {
    const ws = lintDockerfile('FROM a:1\nCMD ["a"]\nCMD ["b"]\nCMD ["c"]\nHEALTHCHECK NONE\n').filter((w) => w.ruleId === 'MultipleInstructionsDisallowed');
    expect(ws.map((w) => w.range.startLine)).toEqual([2, 3]);
    expect(ws[0]!.message).toBe('Multiple CMD instructions should not be used in the same stage because only the last one will be used');
  });
  it('WorkdirRelativePath only before an absolute WORKDIR', () => {
    expect(find('FROM a:1\nWORKDIR app\n', 'WorkdirRelativePath')!.message).toBe('Relative workdir "app" can have unexpected results if the base image changes');
    expect(ids('FROM a:1\nWORKDIR /srv\nWORKDIR app\n')).not.toContain('WorkdirRelativePath');
  });
  it('LegacyKeyValueFormat', () => {
    expect(find('FROM a:1\nENV A b\n', 'LegacyKeyValueFormat')!.message).toBe('"ENV key=value" should be used instead of legacy "ENV key value" format');
    expect(ids('FROM a:1\nENV A=b\n')).not.toContain('LegacyKeyValueFormat');
  });
  it('SecretsUsedInArgOrEnv', () => {
    expect(find('FROM a:1\nARG GITHUB_TOKEN\n', 'SecretsUsedInArgOrEnv')!.message).toBe('Do not use ARG or ENV instructions for sensitive data (ARG "GITHUB_TOKEN")');
    expect(find('FROM a:1\nENV DB_PASSWORD=x\n', 'SecretsUsedInArgOrEnv')!.message).toBe('Do not use ARG or ENV instructions for sensitive data (ENV "DB_PASSWORD")');
    expect(ids('FROM a:1\nENV PUBLIC_KEY=x\nENV KEYBOARD=us\n')).not.toContain('SecretsUsedInArgOrEnv');
  });
  it('ExposeProtoCasing and ExposeInvalidFormat', () => {
    expect(find('FROM a:1\nEXPOSE 80/TCP\n', 'ExposeProtoCasing')!.message).toBe("Defined protocol '80/TCP' in EXPOSE instruction should be lowercase");
    expect(find('FROM a:1\nEXPOSE 8080:80\n', 'ExposeInvalidFormat')!.message).toBe("EXPOSE instruction should not define an IP address or host-port mapping, found '8080:80'");
  });
  it('UndefinedVar and UndefinedArgInFrom', () => {
    expect(find('FROM a:1\nARG VERSION\nENV V=$VERSON\n', 'UndefinedVar')!.message).toBe("Usage of undefined variable '$VERSON' (did you mean $VERSION?)");
    expect(ids('FROM a:1\nARG V\nENV X=$V PATH=/x:$PATH\nCOPY $V /d\n')).not.toContain('UndefinedVar');
    expect(find('FROM alpine:$TAG\n', 'UndefinedArgInFrom')!.message).toBe("FROM argument 'TAG' is not declared");
    expect(ids('ARG TAG=3\nFROM alpine:$TAG\nFROM --platform=$BUILDPLATFORM b:1\n')).not.toContain('UndefinedArgInFrom');
  });
  it('ConsistentInstructionCasing', () => {
    expect(find('FROM a:1\nRUN x\nrun y\n', 'ConsistentInstructionCasing')!.message).toBe("Command 'run' should match the case of the command majority (uppercase)");
  });
  it('NoEmptyContinuation from the parser warning', () => {
    expect(find('FROM a:1\nRUN a \\\n\n b\n', 'NoEmptyContinuation')!.range.startLine).toBe(4);
  });
  it('# check=skip= disables rules', () => {
    expect(ids('# check=skip=JSONArgsRecommended,MaintainerDeprecated\nFROM a:1\nMAINTAINER x\nCMD y\n')).toEqual([]);
    expect(ids('# check=skip=all\nFROM a\nCMD y\n')).toEqual([]);
  });
});

describe('lint (best practices)', () => {
  it('apt-get without -y and without cleaning the lists', () => {
    const src = 'FROM ubuntu:22.04\nRUN apt-get update && apt-get install nginx\n';
    expect(ids(src)).toEqual(expect.arrayContaining(['AptGetMissingYes', 'AptListsNotCleaned']));
    expect(ids('FROM ubuntu:22.04\nRUN apt-get update && apt-get install -y nginx && rm -rf /var/lib/apt/lists/*\n')).toEqual([]);
  });
  it('cd in RUN', () => {
    const w = find('FROM a:1\nRUN cd /src && make\n', 'CdInRun')!;
    expect(w.range).toEqual({ startLine: 2, endLine: 2, startCol: 4, endCol: 7 });
  });
  it('untagged and latest base images (not stages, not scratch, not digests)', () => {
    expect(find('FROM ubuntu\n', 'UntaggedImage')!.range).toEqual({ startLine: 1, endLine: 1, startCol: 5, endCol: 11 });
    expect(ids('FROM ubuntu:latest\n')).toContain('LatestTag');
    expect(ids('FROM golang:1.22 AS b\nFROM b\nFROM scratch\nFROM alpine@sha256:abc\nFROM localhost:5000/x:1\n')).not.toEqual(expect.arrayContaining(['UntaggedImage']));
  });
  it('consecutive RUNs', () => {
    const ws = lintDockerfile('FROM a:1\nRUN a\nRUN b\nRUN c\nCOPY x y\nRUN d\n').filter((w) => w.ruleId === 'ConsecutiveRun');
    expect(ws.map((w) => w.range.startLine)).toEqual([3, 4]);
  });
  it('ADD where COPY fits, not for URLs and archives', () => {
    expect(ids('FROM a:1\nADD app.js /app/\n')).toContain('AddInsteadOfCopy');
    expect(ids('FROM a:1\nADD https://x/y /y\nADD rootfs.tar.gz /\n')).not.toContain('AddInsteadOfCopy');
  });
  it('a Dockerfile that does not parse gives no lint warnings', () => {
    expect(lintDockerfile('FROM a\nFORM b\n')).toEqual([]);
  });
  it('the seed nginx Dockerfile', () => {
    const src = 'FROM ubuntu:18.10\nLABEL maintainer="asahicantu@mail.com"\nRUN apt-get update\nRUN apt-get upgrade\nRUN apt-get install -y nginx\nCOPY index.html /usr/share/nginx/html/index.html\nENTRYPOINT ["/usr/sbin/nginx", "-g", "daemon off;"]\nEXPOSE 80\n';
    expect(lintDockerfile(src).map((w) => `${w.range.startLine} ${w.ruleId}`)).toEqual(['4 ConsecutiveRun', '5 AptListsNotCleaned', '5 ConsecutiveRun']);
  });
});

describe('lint options', () => {
  it('baseImageEnv feeds UndefinedVar; stages inherit their parent stage variables', () => {
    const src = 'FROM eclipse-temurin:21 AS base\nENV APP=/app\nWORKDIR $JAVA_HOME/x\nFROM base\nCOPY a $APP/\nENV P=$HOME\n';
    expect(ids(src)).toEqual(['UndefinedVar']); // JAVA_HOME unknown without the option; HOME assumed
    const ws = lintDockerfile(src, { baseImageEnv: (b) => (b.startsWith('eclipse-temurin') ? ['PATH', 'JAVA_HOME'] : undefined) });
    expect(ws.map((w) => w.message)).toEqual(["Usage of undefined variable '$HOME'"]);
  });
});

describe('CopyIgnoredFile', () => {
  it('warns when a COPY/ADD source is excluded by .dockerignore', () => {
    const ws = lintDockerfile('FROM a:1\nCOPY secret.env ./app.js /app/\nCOPY --from=b secret.env /x\n', { dockerignore: ['*.env'] });
    expect(ws.map((w) => w.message)).toEqual(['Attempting to Copy file "secret.env" that is excluded by .dockerignore']);
    expect(ws[0]!.range).toEqual({ startLine: 2, endLine: 2, startCol: 5, endCol: 15 });
  });
});

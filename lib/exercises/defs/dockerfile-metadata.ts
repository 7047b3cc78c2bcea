import type { ExerciseDef } from '../types';

export const dockerfileMetadata: ExerciseDef[] = [
  {
    id: 'label-healthcheck',
    lesson: 'dockerfile-metadata',
    title: 'Labels instead of MAINTAINER, and a health check',
    task: 'The Dockerfile uses the deprecated `MAINTAINER`. Replace it with a `maintainer` label (same address), add a `HEALTHCHECK` that runs `wget -q -O /dev/null http://localhost/`, and build it as `meta:1`.',
    start: { pull: ['alpine:3.20'], files: { Dockerfile: 'FROM alpine:3.20\nMAINTAINER asahicantu@mail.com\n' } },
    hints: ['`LABEL maintainer="asahicantu@mail.com"`', '`HEALTHCHECK CMD wget -q -O /dev/null http://localhost/ || exit 1`'],
    solution: {
      files: { Dockerfile: 'FROM alpine:3.20\nLABEL maintainer="asahicantu@mail.com"\nHEALTHCHECK --interval=30s CMD wget -q -O /dev/null http://localhost/ || exit 1\n' },
      commands: ['docker build -t meta:1 .', 'docker image inspect --format "{{json .Config.Labels}}" meta:1'],
    },
    checks: [
      { id: 'label', label: 'meta:1 has the label maintainer=asahicantu@mail.com', spec: { kind: 'label', ref: 'meta:1', key: 'maintainer', value: 'asahicantu@mail.com' } },
      { id: 'health', label: 'meta:1 has a health check that runs wget', spec: { kind: 'healthcheck', ref: 'meta:1', contains: 'wget' } },
    ],
    wrong: { commands: ['docker build -t meta:1 .'], fails: 'label' },
  },
  {
    id: 'shell-stopsignal',
    lesson: 'dockerfile-metadata',
    title: 'Shell and stop signal',
    task: 'Build `strict:1` from `alpine:3.20` whose shell-form commands run with `["/bin/sh", "-e", "-c"]`, and whose containers are stopped with `SIGINT`.',
    start: { pull: ['alpine:3.20'], files: { Dockerfile: 'FROM alpine:3.20\n' } },
    hints: ['`SHELL` takes a JSON array.', '`STOPSIGNAL SIGINT`'],
    solution: { files: { Dockerfile: 'FROM alpine:3.20\nSHELL ["/bin/sh", "-e", "-c"]\nSTOPSIGNAL SIGINT\nCMD echo ready\n' }, commands: ['docker build -t strict:1 .'] },
    checks: [
      { id: 'shell', label: 'strict:1 uses the shell ["/bin/sh","-e","-c"]', spec: { kind: 'shell', ref: 'strict:1', shell: ['/bin/sh', '-e', '-c'] } },
      { id: 'signal', label: 'strict:1 stops with SIGINT', spec: { kind: 'stopSignal', ref: 'strict:1', signal: 'SIGINT' } },
    ],
    wrong: { files: { Dockerfile: 'FROM alpine:3.20\nSHELL ["/bin/sh", "-e", "-c"]\n' }, commands: ['docker build -t strict:1 .'], fails: 'signal' },
  },
  {
    id: 'onbuild',
    lesson: 'dockerfile-metadata',
    title: 'A base image with a trigger',
    task: 'Build `base:onbuild` from `base.Dockerfile` with an `ONBUILD COPY . /app` trigger. Then build `child:1` from the one-line `Dockerfile` (`FROM base:onbuild`) and check that the trigger copied `hello.txt` into `/app`.',
    start: { pull: ['alpine:3.20'], files: { 'base.Dockerfile': 'FROM alpine:3.20\n', Dockerfile: 'FROM base:onbuild\n', 'hello.txt': 'hello from the child build\n' } },
    hints: ['`ONBUILD` stores an instruction that runs in the build of the next image that uses this one as its base.', 'Add `ONBUILD COPY . /app` to base.Dockerfile; build it with `-f base.Dockerfile`.'],
    solution: {
      files: { 'base.Dockerfile': 'FROM alpine:3.20\nONBUILD COPY . /app\n' },
      commands: ['docker build -t base:onbuild -f base.Dockerfile .', 'docker build -t child:1 .'],
    },
    checks: [
      { id: 'trigger', label: 'base:onbuild carries an ONBUILD COPY . /app trigger', spec: { kind: 'onbuild', ref: 'base:onbuild', contains: 'COPY . /app' } },
      { id: 'child', label: 'child:1 is built on base:onbuild', spec: { kind: 'basedOn', ref: 'child:1', base: 'base:onbuild' } },
      { id: 'copied', label: 'child:1 contains /app/hello.txt', spec: { kind: 'fileInImage', ref: 'child:1', path: '/app/hello.txt', contains: 'hello' } },
    ],
    wrong: { commands: ['docker build -t base:onbuild -f base.Dockerfile .', 'docker build -t child:1 .'], fails: 'trigger' },
  },
];

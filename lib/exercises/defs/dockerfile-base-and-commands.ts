import type { ExerciseDef } from '../types';

const argDockerfile = 'ARG BASE_TAG=3.19\nFROM alpine:${BASE_TAG}\nRUN echo built > /built.txt\n';

export const dockerfileBaseAndCommands: ExerciseDef[] = [
  {
    id: 'arg-before-from',
    lesson: 'dockerfile-base-and-commands',
    title: 'Choose the base at build time',
    task: 'The Dockerfile picks its base with `ARG BASE_TAG=3.19`. Without editing it, build `argy:1` on top of `alpine:3.20`.',
    start: { pull: ['alpine:3.19', 'alpine:3.20'], files: { Dockerfile: argDockerfile } },
    hints: ['An `ARG` default can be overridden at build time.', '`docker build --build-arg BASE_TAG=3.20 -t argy:1 .`'],
    solution: { commands: ['docker build --build-arg BASE_TAG=3.20 -t argy:1 .'] },
    checks: [
      { id: 'exists', label: 'argy:1 exists', spec: { kind: 'imageExists', ref: 'argy:1' } },
      { id: 'base', label: 'argy:1 is built on alpine:3.20', spec: { kind: 'basedOn', ref: 'argy:1', base: 'alpine:3.20' } },
    ],
    wrong: { commands: ['docker build -t argy:1 .'], fails: 'base' },
  },
  {
    id: 'cmd-vs-entrypoint',
    lesson: 'dockerfile-base-and-commands',
    title: 'A greeter with a default',
    task: 'Write a Dockerfile for `greeter:1` (from `alpine:3.20`) so that `docker run greeter:1` prints `Hello, world` and `docker run greeter:1 Docker` prints `Hello, Docker`.',
    start: { pull: ['alpine:3.20'], files: { Dockerfile: 'FROM alpine:3.20\n' } },
    hints: [
      'Arguments given to `docker run` after the image replace `CMD`, and are appended to `ENTRYPOINT`.',
      'Put the fixed part in `ENTRYPOINT` and the replaceable default in `CMD`, both in exec (JSON) form.',
      '`ENTRYPOINT ["echo", "Hello,"]` and `CMD ["world"]`',
    ],
    solution: {
      files: { Dockerfile: 'FROM alpine:3.20\nENTRYPOINT ["echo", "Hello,"]\nCMD ["world"]\n' },
      commands: ['docker build -t greeter:1 .', 'docker run --rm greeter:1', 'docker run --rm greeter:1 Docker'],
    },
    checks: [
      { id: 'exists', label: 'greeter:1 exists', spec: { kind: 'imageExists', ref: 'greeter:1' } },
      { id: 'entrypoint', label: 'Its entrypoint is ["echo","Hello,"]', spec: { kind: 'entrypoint', ref: 'greeter:1', entrypoint: ['echo', 'Hello,'] } },
      { id: 'cmd', label: 'Its default argument (CMD) is ["world"]', spec: { kind: 'cmd', ref: 'greeter:1', cmd: ['world'] } },
    ],
    wrong: { files: { Dockerfile: 'FROM alpine:3.20\nCMD ["echo", "Hello,", "world"]\n' }, commands: ['docker build -t greeter:1 .'], fails: 'entrypoint' },
  },
];

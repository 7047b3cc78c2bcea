import type { ExerciseDef } from '../types';

const PATH = '/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin';

export const inspectingImages: ExerciseDef[] = [
  {
    id: 'publish-exposed',
    lesson: 'inspecting-images',
    title: 'Which port does it listen on?',
    task: 'Use `docker image inspect` to find the port that `nginx:latest` exposes. Then create a container named `web` from it that publishes host port 8080 to that port.',
    start: { pull: ['nginx:latest'] },
    hints: [
      'The exposed ports are under `Config.ExposedPorts`; `--format "{{json .Config.ExposedPorts}}"` prints only them.',
      '`-p HOST:CONTAINER` publishes a port: `docker run -d --name web -p 8080:<port> nginx:latest`.',
    ],
    solution: { commands: ['docker image inspect --format "{{json .Config.ExposedPorts}}" nginx:latest', 'docker run -d --name web -p 8080:80 nginx:latest'] },
    checks: [
      { id: 'container', label: 'A container named web was created from nginx:latest', spec: { kind: 'container', name: 'web', image: 'nginx:latest' } },
      { id: 'port', label: 'web publishes host port 8080 to the exposed port 80', spec: { kind: 'publishes', name: 'web', hostPort: '8080', containerPort: '80/tcp' } },
    ],
    wrong: { commands: ['docker run -d --name web -p 8080:8080 nginx:latest'], fails: 'port' },
  },
  {
    id: 'extend-path',
    lesson: 'inspecting-images',
    title: 'Read the environment, then extend it',
    task: 'Inspect `alpine:3.20` to read its `PATH`. Then write a Dockerfile that builds `pathy:1` from it with `/opt/bin` appended at the end of that `PATH` (the other directories must stay).',
    start: { pull: ['alpine:3.20'], files: { Dockerfile: 'FROM alpine:3.20\n' } },
    hints: [
      '`docker image inspect --format "{{json .Config.Env}}" alpine:3.20`',
      '`ENV` can refer to the current value: `ENV PATH=$PATH:/opt/bin`.',
    ],
    solution: { files: { Dockerfile: 'FROM alpine:3.20\nENV PATH=$PATH:/opt/bin\n' }, commands: ['docker build -t pathy:1 .', 'docker image inspect --format "{{json .Config.Env}}" pathy:1'] },
    checks: [
      { id: 'exists', label: 'pathy:1 exists', spec: { kind: 'imageExists', ref: 'pathy:1' } },
      { id: 'path', label: `Its PATH is ${PATH}:/opt/bin`, spec: { kind: 'env', ref: 'pathy:1', name: 'PATH', value: `${PATH}:/opt/bin` } },
    ],
    wrong: { files: { Dockerfile: 'FROM alpine:3.20\nENV PATH=/opt/bin\n' }, commands: ['docker build -t pathy:1 .'], fails: 'path' },
  },
];

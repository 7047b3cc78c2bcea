import type { ExerciseDef } from '../types';

const appSh = 'echo "running in $APP_ENV"\n';

export const dockerfileEnvironmentAndFiles: ExerciseDef[] = [
  {
    id: 'env-workdir-copy',
    lesson: 'dockerfile-environment-and-files',
    title: 'Environment, working directory, files',
    task: 'Build `app:env` from `alpine:3.20`: set `APP_ENV=production`, make `/app` the working directory, copy `app.sh` into it with a relative destination, and run it by default with `CMD ["sh", "app.sh"]`.',
    start: { pull: ['alpine:3.20'], files: { Dockerfile: 'FROM alpine:3.20\n', 'app.sh': appSh } },
    hints: ['`ENV KEY=VALUE`, `WORKDIR /app`', 'After `WORKDIR /app`, `COPY app.sh .` copies into `/app`.'],
    solution: {
      files: { Dockerfile: 'FROM alpine:3.20\nENV APP_ENV=production\nWORKDIR /app\nCOPY app.sh .\nCMD ["sh", "app.sh"]\n' },
      commands: ['docker build -t app:env .', 'docker run --rm app:env'],
    },
    checks: [
      { id: 'env', label: 'app:env sets APP_ENV=production', spec: { kind: 'env', ref: 'app:env', name: 'APP_ENV', value: 'production' } },
      { id: 'workdir', label: 'Its working directory is /app', spec: { kind: 'workdir', ref: 'app:env', dir: '/app' } },
      { id: 'file', label: 'It contains /app/app.sh', spec: { kind: 'fileInImage', ref: 'app:env', path: '/app/app.sh', contains: 'APP_ENV' } },
      { id: 'cmd', label: 'Its default command is ["sh","app.sh"]', spec: { kind: 'cmd', ref: 'app:env', cmd: ['sh', 'app.sh'] } },
    ],
    wrong: {
      files: { Dockerfile: 'FROM alpine:3.20\nENV APP_ENV=production\nCOPY app.sh .\nCMD ["sh", "app.sh"]\n' },
      commands: ['docker build -t app:env .'],
      fails: 'workdir',
    },
  },
  {
    id: 'copy-directory',
    lesson: 'dockerfile-environment-and-files',
    title: 'Copying a directory',
    task: 'Build `conf:1` from `alpine:3.20` so that the files inside the workspace folder `conf.d/` land directly in `/etc/app/` (for example `/etc/app/default.conf`).',
    start: { pull: ['alpine:3.20'], files: { Dockerfile: 'FROM alpine:3.20\n', 'conf.d/default.conf': 'listen 8080\n', 'conf.d/extra.conf': 'gzip on\n' } },
    hints: ['`COPY dir/ dest/` copies the contents of the directory, not the directory itself.', '`COPY conf.d/ /etc/app/`'],
    solution: { files: { Dockerfile: 'FROM alpine:3.20\nCOPY conf.d/ /etc/app/\n' }, commands: ['docker build -t conf:1 .'] },
    checks: [
      { id: 'default', label: 'conf:1 contains /etc/app/default.conf', spec: { kind: 'fileInImage', ref: 'conf:1', path: '/etc/app/default.conf', contains: 'listen 8080' } },
      { id: 'extra', label: 'conf:1 contains /etc/app/extra.conf', spec: { kind: 'fileInImage', ref: 'conf:1', path: '/etc/app/extra.conf' } },
    ],
    wrong: { files: { Dockerfile: 'FROM alpine:3.20\nCOPY conf.d /etc/app/conf.d/\n' }, commands: ['docker build -t conf:1 .'], fails: 'default' },
  },
  {
    id: 'expose-user-volume',
    lesson: 'dockerfile-environment-and-files',
    title: 'A well-behaved service image',
    task: 'Build `svc:1` from `alpine:3.20` that documents port 8080, runs as the user `nobody`, and declares `/data` as a volume.',
    start: { pull: ['alpine:3.20'], files: { Dockerfile: 'FROM alpine:3.20\n' } },
    hints: ['Three instructions: `EXPOSE`, `USER`, `VOLUME`.', '`EXPOSE 8080`, `USER nobody`, `VOLUME /data`'],
    solution: { files: { Dockerfile: 'FROM alpine:3.20\nEXPOSE 8080\nUSER nobody\nVOLUME /data\n' }, commands: ['docker build -t svc:1 .'] },
    checks: [
      { id: 'expose', label: 'svc:1 exposes 8080', spec: { kind: 'exposes', ref: 'svc:1', port: '8080/tcp' } },
      { id: 'user', label: 'svc:1 runs as nobody', spec: { kind: 'user', ref: 'svc:1', user: 'nobody' } },
      { id: 'volume', label: 'svc:1 declares the volume /data', spec: { kind: 'volume', ref: 'svc:1', path: '/data' } },
    ],
    wrong: { files: { Dockerfile: 'FROM alpine:3.20\nEXPOSE 8080\nVOLUME /data\n' }, commands: ['docker build -t svc:1 .'], fails: 'user' },
  },
];

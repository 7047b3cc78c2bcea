import type { ExerciseDef } from '../types';

export const loginAndPush: ExerciseDef[] = [
  {
    id: 'push-one',
    lesson: 'login-and-push',
    title: 'Publish an image',
    task: 'Log in to the (simulated) Docker Hub as user `student` (any password), name `alpine:3.20` as `student/hello:1.0`, and push it.',
    start: { pull: ['alpine:3.20'] },
    hints: [
      '`docker login -u student` asks for the password; `-p` passes it on the command line (Docker warns that this is insecure).',
      'You can only push to repositories under your user name: tag first with `docker image tag`.',
      '`docker push student/hello:1.0`',
    ],
    solution: { commands: ['docker login -u student -p secret', 'docker image tag alpine:3.20 student/hello:1.0', 'docker push student/hello:1.0'] },
    checks: [
      { id: 'tagged', label: 'student/hello:1.0 exists', spec: { kind: 'imageExists', ref: 'student/hello:1.0' } },
      { id: 'pushed', label: 'student/hello:1.0 was pushed to the registry', spec: { kind: 'pushed', ref: 'student/hello:1.0' } },
    ],
    wrong: { commands: ['docker login -u student -p secret', 'docker image tag alpine:3.20 student/hello:1.0'], fails: 'pushed' },
  },
  {
    id: 'push-two-repos',
    lesson: 'login-and-push',
    title: 'Two repositories',
    task: 'Logged in as `student`, publish two repositories: `student/web:1.0` (from `alpine:3.20`) and `student/db:1.0` (from `busybox:latest`).',
    start: { pull: ['alpine:3.20', 'busybox:latest'], commands: ['docker login -u student -p secret'] },
    hints: ['Tag each image under your user name, then push each name.', '`docker push` takes one name at a time.'],
    solution: {
      commands: ['docker image tag alpine:3.20 student/web:1.0', 'docker image tag busybox:latest student/db:1.0', 'docker push student/web:1.0', 'docker push student/db:1.0'],
    },
    checks: [
      { id: 'web', label: 'student/web:1.0 was pushed', spec: { kind: 'pushed', ref: 'student/web:1.0' } },
      { id: 'db', label: 'student/db:1.0 was pushed', spec: { kind: 'pushed', ref: 'student/db:1.0' } },
      { id: 'db-busybox', label: 'student/db:1.0 is the busybox image', spec: { kind: 'sameImage', ref: 'student/db:1.0', other: 'busybox:latest' } },
    ],
    wrong: { commands: ['docker image tag alpine:3.20 student/web:1.0', 'docker image tag busybox:latest student/db:1.0', 'docker push student/web:1.0'], fails: 'db' },
  },
];

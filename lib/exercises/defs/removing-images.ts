import type { ExerciseDef } from '../types';

export const removingImages: ExerciseDef[] = [
  {
    id: 'prune-dangling',
    lesson: 'removing-images',
    title: 'Clean up dangling images',
    task: 'Rebuilding `app:1` three times left dangling images behind. Remove all dangling images, and only those: `app:1` and `alpine:3.20` must stay.',
    start: {
      pull: ['alpine:3.20'],
      files: { Dockerfile: 'FROM alpine:3.20\nRUN echo three > /v\n', 'one.Dockerfile': 'FROM alpine:3.20\nRUN echo one > /v\n', 'two.Dockerfile': 'FROM alpine:3.20\nRUN echo two > /v\n' },
      commands: ['docker build -t app:1 -f one.Dockerfile .', 'docker build -t app:1 -f two.Dockerfile .', 'docker build -t app:1 .'],
    },
    hints: ['`docker image prune` removes dangling images; it asks for confirmation unless you add `-f`.', 'Do not add `-a`: that would also remove tagged images that no container uses.'],
    solution: { commands: ['docker image prune -f'] },
    checks: [
      { id: 'no-dangling', label: 'No dangling images remain', spec: { kind: 'noDangling' } },
      { id: 'app', label: 'app:1 is kept', spec: { kind: 'imageExists', ref: 'app:1' } },
      { id: 'alpine', label: 'alpine:3.20 is kept', spec: { kind: 'imageExists', ref: 'alpine:3.20' } },
    ],
    wrong: { commands: ['docker image prune -a -f'], fails: 'app' },
  },
  {
    id: 'prune-unused',
    lesson: 'removing-images',
    title: 'Keep only what is used',
    task: 'A container named `web` uses `nginx:latest`. Remove every image that no container uses, in one command, without touching `web` or its image.',
    start: { pull: ['alpine:3.20', 'busybox:latest', 'nginx:latest'], commands: ['docker create --name web nginx:latest'] },
    hints: ['`docker image prune --all` removes every image without a container, not only dangling ones.', 'Add `-f` (`--force`) to skip the question.'],
    solution: { commands: ['docker image prune --all --force', 'docker image ls'] },
    checks: [
      { id: 'nginx', label: 'nginx:latest (used by web) is kept', spec: { kind: 'imageExists', ref: 'nginx:latest' } },
      { id: 'web', label: 'The container web still exists', spec: { kind: 'container', name: 'web', image: 'nginx:latest' } },
      { id: 'alpine', label: 'alpine:3.20 is removed', spec: { kind: 'imageAbsent', ref: 'alpine:3.20' } },
      { id: 'busybox', label: 'busybox:latest is removed', spec: { kind: 'imageAbsent', ref: 'busybox:latest' } },
    ],
    wrong: { commands: ['docker image prune -f'], fails: 'alpine' },
  },
];

import type { ExerciseDef } from '../types';

const v1 = 'FROM alpine:3.20\nRUN echo one > /version\n';
const v2 = 'FROM alpine:3.20\nRUN echo two > /version\n';

export const listingImages: ExerciseDef[] = [
  {
    id: 'rescue-dangling',
    lesson: 'listing-images',
    title: 'Find the dangling image',
    task: '`app:1` was built twice, so the first build lost its name and became a dangling image. Find its ID with a `dangling=true` filter and give it the name `rescued:1.0`.',
    start: {
      pull: ['alpine:3.20'],
      files: { Dockerfile: v2, 'v1.Dockerfile': v1 },
      commands: ['docker build -t app:1 -f v1.Dockerfile .', 'docker build -t app:1 .'],
    },
    hints: [
      '`docker image ls --filter dangling=true` lists only untagged images.',
      'Add `-q` (or `--format "{{.ID}}"`) to print only the ID.',
      '`docker image tag <ID> rescued:1.0`',
    ],
    solution: { commands: ['docker image ls --filter dangling=true', 'docker image tag $(docker image ls -q --filter dangling=true) rescued:1.0'] },
    checks: [
      { id: 'exists', label: 'rescued:1.0 exists', spec: { kind: 'imageExists', ref: 'rescued:1.0' } },
      { id: 'not-app', label: 'rescued:1.0 is the old build, not the current app:1', spec: { kind: 'differentImage', ref: 'rescued:1.0', other: 'app:1' } },
      { id: 'content', label: 'rescued:1.0 holds the first version (/version says one)', spec: { kind: 'fileInImage', ref: 'rescued:1.0', path: '/version', contains: 'one' } },
      { id: 'no-dangling', label: 'No dangling image is left', spec: { kind: 'noDangling' } },
    ],
    wrong: { commands: ['docker image tag app:1 rescued:1.0'], fails: 'not-app' },
  },
  {
    id: 'since-filter',
    lesson: 'listing-images',
    title: 'Everything built since',
    task: 'Three images were built in order: `stage:one`, `stage:two`, `stage:three`. List the images created after `stage:one` with a `since` filter, and remove exactly those.',
    start: {
      pull: ['alpine:3.20'],
      files: {
        'one.Dockerfile': 'FROM alpine:3.20\nRUN echo 1 > /stage\n',
        'two.Dockerfile': 'FROM alpine:3.20\nRUN echo 2 > /stage\n',
        'three.Dockerfile': 'FROM alpine:3.20\nRUN echo 3 > /stage\n',
      },
      commands: ['docker build -t stage:one -f one.Dockerfile .', 'docker build -t stage:two -f two.Dockerfile .', 'docker build -t stage:three -f three.Dockerfile .'],
    },
    hints: ['`docker image ls --filter since=stage:one` lists images created after stage:one.', 'Pass the names (or the `-q` IDs) to `docker image rm`.'],
    solution: { commands: ['docker image ls --filter since=stage:one', 'docker image rm stage:two stage:three'] },
    checks: [
      { id: 'one', label: 'stage:one is kept', spec: { kind: 'imageExists', ref: 'stage:one' } },
      { id: 'two', label: 'stage:two is removed', spec: { kind: 'imageAbsent', ref: 'stage:two' } },
      { id: 'three', label: 'stage:three is removed', spec: { kind: 'imageAbsent', ref: 'stage:three' } },
      { id: 'base', label: 'alpine:3.20 (created before) is kept', spec: { kind: 'imageExists', ref: 'alpine:3.20' } },
    ],
    wrong: { commands: ['docker image rm stage:one stage:two'], fails: 'one' },
  },
];

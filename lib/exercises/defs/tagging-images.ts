import type { ExerciseDef } from '../types';

export const taggingImages: ExerciseDef[] = [
  {
    id: 'two-names',
    lesson: 'tagging-images',
    title: 'Two names, one image',
    task: 'Give `alpine:3.20` two more names: `mytools:1.0` and `mytools:latest`. Check with `docker image ls` that all three rows show the same IMAGE ID.',
    start: { pull: ['alpine:3.20'] },
    hints: ['`docker image tag SOURCE TARGET`, once per new name.', 'A tag is only a name: no image is copied.'],
    solution: { commands: ['docker image tag alpine:3.20 mytools:1.0', 'docker image tag alpine:3.20 mytools:latest', 'docker image ls'] },
    checks: [
      { id: 'v1', label: 'mytools:1.0 exists', spec: { kind: 'imageExists', ref: 'mytools:1.0' } },
      { id: 'latest', label: 'mytools:latest exists', spec: { kind: 'imageExists', ref: 'mytools:latest' } },
      { id: 'same-1', label: 'mytools:1.0 is alpine:3.20', spec: { kind: 'sameImage', ref: 'mytools:1.0', other: 'alpine:3.20' } },
      { id: 'same-latest', label: 'mytools:latest is alpine:3.20', spec: { kind: 'sameImage', ref: 'mytools:latest', other: 'alpine:3.20' } },
    ],
    wrong: { commands: ['docker image tag alpine:3.20 mytools:1.0'], fails: 'latest' },
  },
  {
    id: 'untag-only',
    lesson: 'tagging-images',
    title: 'Remove a name, keep the image',
    task: 'The image `alpine:3.20` is also tagged `base:keep`. Remove the name `alpine:3.20` so that only `base:keep` points to the image. The image itself must not be deleted.',
    start: { pull: ['alpine:3.20'], commands: ['docker image tag alpine:3.20 base:keep'] },
    hints: ['`docker image rm NAME:TAG` on an image with several tags only untags it (`Untagged:`).', 'Do not remove by ID and do not use `-f`: that deletes the image with all its names.'],
    solution: { commands: ['docker image rm alpine:3.20'] },
    checks: [
      { id: 'untagged', label: 'The name alpine:3.20 is gone', spec: { kind: 'imageAbsent', ref: 'alpine:3.20' } },
      { id: 'kept', label: 'base:keep still exists', spec: { kind: 'imageExists', ref: 'base:keep' } },
    ],
    wrong: { commands: ['docker image rm base:keep'], fails: 'untagged' },
  },
];

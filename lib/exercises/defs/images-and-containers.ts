import type { ExerciseDef } from '../types';

export const imagesAndContainers: ExerciseDef[] = [
  {
    id: 'first-container',
    lesson: 'images-and-containers',
    title: 'From template to container',
    task: 'Pull the image `alpine:3.20`, then start a container named `first` from it that runs `echo hello` and exits.',
    start: {},
    hints: [
      '`docker pull NAME:TAG` downloads an image into the local image store.',
      '`docker run` creates a container from an image and starts it; `--name` gives the container a name.',
      'Everything after the image name is the command the container runs: `docker run --name first alpine:3.20 echo hello`.',
    ],
    solution: { commands: ['docker pull alpine:3.20', 'docker run --name first alpine:3.20 echo hello'] },
    checks: [
      { id: 'image', label: 'The image alpine:3.20 is in the image store', spec: { kind: 'imageExists', ref: 'alpine:3.20' } },
      { id: 'container', label: 'A container named first was created from alpine:3.20 and has exited', spec: { kind: 'container', name: 'first', image: 'alpine:3.20', state: 'exited' } },
    ],
    wrong: { commands: ['docker pull alpine:3.20'], fails: 'container' },
  },
  {
    id: 'writable-layer',
    lesson: 'images-and-containers',
    title: 'Write into the writable layer',
    task: 'Run a container named `scratchpad` from `alpine:3.20` that writes the text `hello` into the file `/note.txt`. Then look at what changed with `docker container diff scratchpad`, and confirm that the image itself did not change.',
    start: { pull: ['alpine:3.20'] },
    hints: [
      'The command must go through a shell to use `>`: `sh -c "..."`.',
      '`docker run --name scratchpad alpine:3.20 sh -c "echo hello > /note.txt"`',
    ],
    solution: { commands: ['docker run --name scratchpad alpine:3.20 sh -c "echo hello > /note.txt"', 'docker container diff scratchpad'] },
    checks: [
      { id: 'container', label: 'A container named scratchpad exists, created from alpine:3.20', spec: { kind: 'container', name: 'scratchpad', image: 'alpine:3.20' } },
      { id: 'diff', label: "The container's writable layer holds /note.txt", spec: { kind: 'containerChanged', name: 'scratchpad', path: '/note.txt' } },
      { id: 'image-untouched', label: 'The image alpine:3.20 still has no /note.txt (images are read-only)', spec: { kind: 'fileNotInImage', ref: 'alpine:3.20', path: '/note.txt' } },
    ],
    wrong: { commands: ['docker run --name scratchpad alpine:3.20 echo hello'], fails: 'diff' },
  },
];

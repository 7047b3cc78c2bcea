import type { ExerciseDef } from '../types';

export const searchAndPull: ExerciseDef[] = [
  {
    id: 'pull-a-tag',
    lesson: 'search-and-pull',
    title: 'A precise tag',
    task: 'Pull the Alpine image with the tag `3.19` (not the latest one).',
    start: {},
    hints: ['Without a tag, `docker pull` pulls `:latest`.', '`docker pull alpine:3.19`'],
    solution: { commands: ['docker pull alpine:3.19'] },
    checks: [
      { id: 'pulled', label: 'alpine:3.19 is in the image store', spec: { kind: 'imageExists', ref: 'alpine:3.19' } },
      { id: 'registry', label: 'alpine:3.19 came from the registry (it has a repo digest)', spec: { kind: 'pushed', ref: 'alpine:3.19' } },
    ],
    wrong: { commands: ['docker pull alpine'], fails: 'pulled' },
  },
  {
    id: 'search-official',
    lesson: 'search-and-pull',
    title: 'Find the official image',
    task: 'Search the registry for `busybox`, find the official image (the `OFFICIAL` column says `[OK]`) and pull its latest version.',
    start: {},
    hints: ['`docker search busybox`', '`docker search --filter is-official=true busybox` keeps only official images.', 'Official images have no `USER/` prefix: `docker pull busybox`.'],
    solution: { commands: ['docker search --filter is-official=true busybox', 'docker pull busybox'] },
    checks: [{ id: 'pulled', label: 'busybox:latest is in the image store', spec: { kind: 'imageExists', ref: 'busybox:latest' } }],
    wrong: { commands: ['docker search busybox'], fails: 'pulled' },
  },
];

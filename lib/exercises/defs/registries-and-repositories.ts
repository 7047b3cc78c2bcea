import type { ExerciseDef } from '../types';

export const registriesAndRepositories: ExerciseDef[] = [
  {
    id: 'two-tags-one-repo',
    lesson: 'registries-and-repositories',
    title: 'Two images from one repository',
    task: 'The repository `alpine` on the registry holds many images. Pull two of them: the tags `3.20` and `3.19`. Then list only that repository with `docker image ls alpine`.',
    start: {},
    hints: ['A repository is a name; the tag after `:` picks one image in it.', '`docker pull alpine:3.20` and `docker pull alpine:3.19`.'],
    solution: { commands: ['docker pull alpine:3.20', 'docker pull alpine:3.19', 'docker image ls alpine'] },
    checks: [
      { id: 'a320', label: 'alpine:3.20 was pulled', spec: { kind: 'imageExists', ref: 'alpine:3.20' } },
      { id: 'a319', label: 'alpine:3.19 was pulled', spec: { kind: 'imageExists', ref: 'alpine:3.19' } },
      { id: 'different', label: 'The two tags are two different images', spec: { kind: 'differentImage', ref: 'alpine:3.20', other: 'alpine:3.19' } },
    ],
    wrong: { commands: ['docker pull alpine:3.20'], fails: 'a319' },
  },
  {
    id: 'own-repository',
    lesson: 'registries-and-repositories',
    title: 'A repository of your own',
    task: 'Give the local image `alpine:3.20` a name in a user repository of your own: `student/tools:1.0` (user `student`, repository `tools`, tag `1.0`).',
    start: { pull: ['alpine:3.20'] },
    hints: ['User repositories are named `USER/REPOSITORY`.', '`docker image tag SOURCE TARGET` adds a name to an existing image.', '`docker image tag alpine:3.20 student/tools:1.0`'],
    solution: { commands: ['docker image tag alpine:3.20 student/tools:1.0'] },
    checks: [
      { id: 'exists', label: 'student/tools:1.0 exists', spec: { kind: 'imageExists', ref: 'student/tools:1.0' } },
      { id: 'same', label: 'student/tools:1.0 is the same image as alpine:3.20', spec: { kind: 'sameImage', ref: 'student/tools:1.0', other: 'alpine:3.20' } },
    ],
    wrong: { commands: ['docker image tag alpine:3.20 tools:1.0'], fails: 'exists' },
  },
];

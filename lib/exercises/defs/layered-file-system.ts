import type { ExerciseDef } from '../types';

const base = `FROM alpine:3.20
RUN echo a > /a.txt
`;

export const layeredFileSystem: ExerciseDef[] = [
  {
    id: 'add-a-layer',
    lesson: 'layered-file-system',
    title: 'One more layer',
    task: 'The Dockerfile creates `/a.txt` in one layer. Add a second `RUN` that writes `b` into `/b.txt`, build the image as `layers:demo`, and compare `docker image history layers:demo` with `docker image history alpine:3.20`.',
    start: { pull: ['alpine:3.20'], files: { Dockerfile: base } },
    hints: ['Each `RUN` adds one layer on top of the previous ones.', 'Add the line `RUN echo b > /b.txt` and run `docker build -t layers:demo .`'],
    solution: { files: { Dockerfile: base + 'RUN echo b > /b.txt\n' }, commands: ['docker build -t layers:demo .', 'docker image history layers:demo'] },
    checks: [
      { id: 'base', label: 'layers:demo is built on alpine:3.20', spec: { kind: 'basedOn', ref: 'layers:demo', base: 'alpine:3.20' } },
      { id: 'a', label: 'layers:demo contains /a.txt', spec: { kind: 'fileInImage', ref: 'layers:demo', path: '/a.txt', contains: 'a' } },
      { id: 'b-layer', label: 'Its history has a step that writes /b.txt', spec: { kind: 'historyMatches', ref: 'layers:demo', pattern: 'echo b > /b\\.txt', what: 'step that writes /b.txt' } },
      { id: 'b', label: 'layers:demo contains /b.txt', spec: { kind: 'fileInImage', ref: 'layers:demo', path: '/b.txt', contains: 'b' } },
    ],
    wrong: { commands: ['docker build -t layers:demo .'], fails: 'b-layer' },
  },
  {
    id: 'hide-a-file',
    lesson: 'layered-file-system',
    title: 'Deleting in a later layer',
    task: 'The Dockerfile writes `/secret.txt`. Add a step after it that deletes the file, build as `layers:gone`, and check with `docker image history layers:gone` that the layer holding the file is still there (deleting only hides it).',
    start: { pull: ['alpine:3.20'], files: { Dockerfile: 'FROM alpine:3.20\nRUN echo s3cr3t > /secret.txt\n' } },
    hints: ['A later layer can only hide a file of an earlier layer (a "whiteout"); the bytes stay in the image.', 'Add `RUN rm /secret.txt` and build with `docker build -t layers:gone .`'],
    solution: { files: { Dockerfile: 'FROM alpine:3.20\nRUN echo s3cr3t > /secret.txt\nRUN rm /secret.txt\n' }, commands: ['docker build -t layers:gone .', 'docker image history layers:gone'] },
    checks: [
      { id: 'exists', label: 'layers:gone exists', spec: { kind: 'imageExists', ref: 'layers:gone' } },
      { id: 'still-in-history', label: 'Its history still has the step that wrote /secret.txt', spec: { kind: 'historyMatches', ref: 'layers:gone', pattern: 'echo s3cr3t', what: 'step that writes /secret.txt' } },
      { id: 'hidden', label: '/secret.txt is not visible in the final file system', spec: { kind: 'fileNotInImage', ref: 'layers:gone', path: '/secret.txt' } },
    ],
    wrong: { commands: ['docker build -t layers:gone .'], fails: 'hidden' },
  },
];

import type { ExerciseDef } from '../types';

const files = {
  Dockerfile: 'FROM alpine:3.20\nCOPY . /app/\n',
  'app.sh': 'echo app\n',
  'README.md': '# docs\n',
  'notes.yaml': 'draft: true\n',
  'docker-compose.yml': 'services: {}\n',
};

export const dockerignore: ExerciseDef[] = [
  {
    id: 'ignore-docs',
    lesson: 'dockerignore',
    title: 'Keep the context lean',
    task: 'The Dockerfile copies the whole context into `/app`. Write a `.dockerignore` so that `README.md`, every `*.yaml` file and `docker-compose.yml` stay out, then build `lean:1`.',
    start: { pull: ['alpine:3.20'], files },
    hints: ['One pattern per line, relative to the context root.', '`README*`, `*.yaml`, `docker-compose.yml`'],
    solution: { files: { '.dockerignore': 'README*\n*.yaml\ndocker-compose.yml\n' }, commands: ['docker build -t lean:1 .'] },
    checks: [
      { id: 'app', label: 'lean:1 contains /app/app.sh', spec: { kind: 'fileInImage', ref: 'lean:1', path: '/app/app.sh' } },
      { id: 'readme', label: 'lean:1 has no /app/README.md', spec: { kind: 'fileNotInImage', ref: 'lean:1', path: '/app/README.md' } },
      { id: 'yaml', label: 'lean:1 has no /app/notes.yaml', spec: { kind: 'fileNotInImage', ref: 'lean:1', path: '/app/notes.yaml' } },
      { id: 'compose', label: 'lean:1 has no /app/docker-compose.yml', spec: { kind: 'fileNotInImage', ref: 'lean:1', path: '/app/docker-compose.yml' } },
    ],
    wrong: { files: { '.dockerignore': 'README*\n*.yaml\n' }, commands: ['docker build -t lean:1 .'], fails: 'compose' },
  },
  {
    id: 'ignore-exception',
    lesson: 'dockerignore',
    title: 'An exception to the rule',
    task: 'Leave every Markdown file out of the build context except `KEEP.md`, then build `docs:1`.',
    start: { pull: ['alpine:3.20'], files: { Dockerfile: 'FROM alpine:3.20\nCOPY . /app/\n', 'KEEP.md': 'keep me\n', 'README.md': 'drop me\n', 'CHANGELOG.md': 'drop me too\n' } },
    hints: ['A line starting with `!` re-includes what an earlier line excluded.', 'Order matters: the last matching line wins. `*.md` then `!KEEP.md`.'],
    solution: { files: { '.dockerignore': '*.md\n!KEEP.md\n' }, commands: ['docker build -t docs:1 .'] },
    checks: [
      { id: 'keep', label: 'docs:1 contains /app/KEEP.md', spec: { kind: 'fileInImage', ref: 'docs:1', path: '/app/KEEP.md' } },
      { id: 'readme', label: 'docs:1 has no /app/README.md', spec: { kind: 'fileNotInImage', ref: 'docs:1', path: '/app/README.md' } },
      { id: 'changelog', label: 'docs:1 has no /app/CHANGELOG.md', spec: { kind: 'fileNotInImage', ref: 'docs:1', path: '/app/CHANGELOG.md' } },
    ],
    wrong: { files: { '.dockerignore': '!KEEP.md\n*.md\n' }, commands: ['docker build -t docs:1 .'], fails: 'keep' },
  },
];

/**
 * Remote sources of ADD in the playground (no network): a few simulated public git repositories. An HTTP(S) URL
 * downloads a small simulated file (build.ts); a git URL must name one of these repositories, else ADD fails the way
 * BuildKit reports an unreachable or private repository.
 */

export interface SimulatedRepo {
  branch: string;
  files: ReadonlyMap<string, { data: string; mode: number }>;
}

const GETTING_STARTED: SimulatedRepo = {
  branch: 'main',
  files: new Map([
    ['README.md', { data: '# Getting started app\n\nA simple todo list manager used by the Docker getting-started guide.\n', mode: 0o644 }],
    ['package.json', { data: '{\n  "name": "101-app",\n  "version": "1.0.0",\n  "main": "src/index.js",\n  "scripts": {\n    "dev": "nodemon -L src/index.js"\n  }\n}\n', mode: 0o644 }],
    ['src/index.js', { data: "const express = require('express');\nconst app = express();\n\napp.get('/', (req, res) => res.send('Hello from the getting-started app'));\napp.listen(3000, () => console.log('Listening on port 3000'));\n", mode: 0o644 }],
  ]),
};

const WELCOME: SimulatedRepo = {
  branch: 'main',
  files: new Map([
    ['README.md', { data: '# Welcome to Docker\n\nA small React app that greets you once your first container runs.\n', mode: 0o644 }],
    ['Dockerfile', { data: 'FROM node:18-alpine\nWORKDIR /app\nCOPY . .\nRUN npm install\nCMD ["npm", "start"]\n', mode: 0o644 }],
    ['package.json', { data: '{\n  "name": "welcome-to-docker",\n  "version": "0.1.0",\n  "scripts": {\n    "start": "react-scripts start"\n  }\n}\n', mode: 0o644 }],
  ]),
};

const REPOS = new Map<string, SimulatedRepo>([
  ['github.com/docker/getting-started-app', GETTING_STARTED],
  ['github.com/docker/welcome-to-docker', WELCOME],
]);

/** The repository path of a git URL (host/owner/name, no scheme, no .git), and its #ref[:subdir] fragment. */
export function parseGitUrl(src: string): { repo: string; ref: string; subdir: string } {
  const [u, frag = ''] = src.split('#');
  let repo = u.replace(/^(?:https?|git|ssh):\/\//, '').replace(/^git@([^:]+):/, '$1/').replace(/^[^@/]+@/, '').replace(/\/$/, '').replace(/\.git$/, '');
  repo = repo.toLowerCase();
  const [ref = '', subdir = ''] = frag.split(':');
  return { repo, ref, subdir };
}

/** The files of a simulated repository at its ref (and subdirectory), or undefined when it is not simulated. */
export function gitRepository(src: string): SimulatedRepo | undefined {
  const { repo, ref, subdir } = parseGitUrl(src);
  const r = REPOS.get(repo);
  if (!r || (ref && ref !== r.branch)) return undefined;
  if (!subdir) return r;
  const pre = subdir.replace(/^\/+|\/+$/g, '') + '/';
  const files = new Map([...r.files].filter(([p]) => p.startsWith(pre)).map(([p, f]) => [p.slice(pre.length), f] as const));
  return files.size ? { branch: r.branch, files } : undefined;
}

/** Repositories ADD can fetch in the playground (for docs and hints). */
export function simulatedRepositories(): string[] {
  return [...REPOS.keys()].map((r) => `https://${r}.git`);
}

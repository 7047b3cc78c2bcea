// Builder figures (printed, never asserted): the seed nginx Dockerfile built cold and cached with BuildKit and with
// the legacy builder, and a 20-step multi-stage build, over the engine's real catalog (base images pulled beforehand).
// RUN steps go through lib/shell (just-bash); the time spent there is printed apart.
import { performance } from 'node:perf_hooks';
import { createState } from '../lib/engine/index';
import { ManualClock, SeededRandom } from '../lib/engine/clock';
import { imagePull } from '../lib/engine/pull';
import { buildkitBuild, legacyBuild } from '../lib/engine/builder/build';
import type { BuilderHost, BuildRequest, RunRequest } from '../lib/engine/builder/types';
import { shellRun } from '../lib/engine/builder/shell';
import { SEED_NGINX_DOCKERFILE } from '../lib/dockerfile/gen';
import { PlainPrinter } from '../lib/progress/plain';
import { utf8 } from '../lib/engine/digest';
import type { EngineState } from '../lib/engine/state';

const ctx = (files: Record<string, string>) => ({ files: new Map(Object.entries(files).map(([k, v]) => [k, { data: utf8(v), mode: 0o644 }])) });

async function freshState(bases: string[]): Promise<EngineState> {
  const state = createState({ clock: new ManualClock(Date.UTC(2026, 10, 26, 12), 1), random: new SeededRandom('bench') });
  for (const b of bases) for await (const m of imagePull(state, { fromImage: b })) void m;
  return state;
}

const MULTI = [
  'FROM alpine:3.20 AS deps', 'WORKDIR /src', 'COPY package.json .', 'RUN echo installing > /src/deps.txt', 'RUN mkdir -p /src/node_modules/a',
  'RUN echo a > /src/node_modules/a/index.js', 'ENV NODE_ENV=production',
  'FROM alpine:3.20 AS build', 'WORKDIR /app', 'COPY --from=deps /src /app', 'COPY src/ src/', 'RUN echo compiled > /app/dist.js',
  'RUN echo map > /app/dist.js.map', 'ARG VERSION=1.0', 'LABEL version=$VERSION',
  'FROM alpine:3.20', 'WORKDIR /srv', 'COPY --from=build /app/dist.js .', 'USER nobody', 'EXPOSE 8080', 'CMD ["node", "dist.js"]', '',
].join('\n');

const MOUNTS = [
  'FROM alpine:3.20', 'WORKDIR /app',
  'RUN --mount=type=cache,target=/root/.cache --mount=type=bind,source=src,target=src cp -r src /app/out && echo x >> /root/.cache/log',
  'RUN --mount=type=secret,id=token --mount=type=tmpfs,target=/tmp cat /run/secrets/token > /tmp/t && echo done',
  'COPY --link --exclude=*.md src/ /srv/', '',
].join('\n');

type Case = { name: string; bases: string[]; req: BuildRequest; buildkitOnly?: boolean };
const cases: Case[] = [
  { name: 'seed nginx', bases: ['ubuntu:18.10'], req: { context: ctx({ Dockerfile: SEED_NGINX_DOCKERFILE, 'index.html': '<h1>Hello</h1>\n' }), tags: ['asahicantu/nginx:1.0'] } },
  { name: '20-step multi-stage', bases: ['alpine:3.20'], req: { context: ctx({ Dockerfile: MULTI, 'package.json': '{}', 'src/index.js': 'x' }), tags: ['app:1'] } },
  {
    name: 'mounts + COPY --link', bases: ['alpine:3.20'], buildkitOnly: true,
    req: { context: ctx({ Dockerfile: MOUNTS, 'src/a.js': 'a', 'src/b.js': 'b', 'src/README.md': 'r' }), tags: ['m:1'], secrets: { token: utf8('t0k') } },
  },
];

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

async function measure(c: Case, builder: 'buildkit' | 'legacy', n: number): Promise<{ cold: number; cached: number; steps: number; shell: number }> {
  const cold: number[] = [], cached: number[] = [], shell: number[] = [];
  let steps = 0;
  for (let i = 0; i < n; i++) {
    let inShell = 0;
    const host: BuilderHost = {
      state: await freshState(c.bases),
      run: async (req: RunRequest) => { const t = performance.now(); const r = await shellRun(req); inShell += performance.now() - t; return r; },
    };
    let out = '';
    const run = async () => {
      const t0 = performance.now();
      if (builder === 'buildkit') {
        const p = new PlainPrinter((s) => (out += s), { desc: 'building with "default" instance using docker driver', rateLimitMs: 100 });
        const r = await buildkitBuild(host, c.req, (e) => p.update(e));
        p.done();
        if (r.failure) throw new Error(r.failure.message);
      } else {
        const r = await legacyBuild(host, c.req, () => {});
        if (r.failure) throw new Error(r.failure.message);
        steps = r.committed.length;
      }
      return performance.now() - t0;
    };
    cold.push(await run());
    shell.push(inShell);
    cached.push(await run());
  }
  return { cold: median(cold), cached: median(cached), steps, shell: median(shell) };
}

const N = Number(process.env.N ?? 15);
console.log(`builder bench (median of ${N} runs; targets: cold seed < 50 ms, cached < 10 ms)`);
// warm up the JIT and the catalog's lazy layer generation
for (const c of cases) await measure(c, 'buildkit', 2);
for (const c of cases) {
  for (const b of c.buildkitOnly ? ['buildkit'] as const : ['buildkit', 'legacy'] as const) {
    const m = await measure(c, b, N);
    console.log(`${c.name.padEnd(20)} ${b.padEnd(8)} cold ${m.cold.toFixed(2).padStart(7)} ms (RUN in lib/shell ${m.shell.toFixed(1)} ms)   cached ${m.cached.toFixed(2).padStart(6)} ms${b === 'legacy' ? `   (${m.steps} images committed)` : ''}`);
  }
}

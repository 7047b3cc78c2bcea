#!/usr/bin/env node
// Serves the static export in out/ (building it first when it is missing or older than the sources).
// `next start` refuses an `output: 'export'` build, hence this small server.
import http from 'node:http';
import fs from 'node:fs';
import path from 'node:path';
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const out = path.join(root, 'out');
const stamp = path.join(out, '.build-stamp');
const args = process.argv.slice(2);
const portArg = args.indexOf('--port');
const port = Number(portArg >= 0 ? args[portArg + 1] : process.env.PORT ?? 3000);
const host = process.env.HOST ?? '0.0.0.0';

function newestMtime(p) {
  let st;
  try { st = fs.statSync(p); } catch { return 0; }
  if (!st.isDirectory()) return st.mtimeMs;
  let max = 0;
  for (const name of fs.readdirSync(p)) {
    if (name === 'node_modules' || name.startsWith('.')) continue;
    if (name.endsWith('.test.ts')) continue;
    max = Math.max(max, newestMtime(path.join(p, name)));
  }
  return max;
}

function needsBuild() {
  if (!fs.existsSync(stamp)) return true;
  const built = fs.statSync(stamp).mtimeMs;
  const inputs = ['app', 'components', 'lib', 'content', 'public', 'next.config.js', 'package.json', 'mdx-components.tsx', 'postcss.config.mjs'];
  return inputs.some((p) => newestMtime(path.join(root, p)) > built);
}

if (needsBuild()) {
  console.log('Building the site (next build)...');
  const r = spawnSync('npx', ['next', 'build'], { cwd: root, stdio: 'inherit', env: { ...process.env, NEXT_TELEMETRY_DISABLED: '1' } });
  if (r.status !== 0) process.exit(r.status ?? 1);
  fs.writeFileSync(stamp, new Date().toISOString());
}

const types = {
  '.html': 'text/html; charset=utf-8', '.js': 'text/javascript; charset=utf-8', '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8', '.json': 'application/json', '.svg': 'image/svg+xml', '.png': 'image/png',
  '.ico': 'image/x-icon', '.txt': 'text/plain; charset=utf-8', '.woff2': 'font/woff2', '.ttf': 'font/ttf', '.wasm': 'application/wasm',
  '.map': 'application/json',
};

function resolve(urlPath) {
  let p = decodeURIComponent(urlPath.split('?')[0].split('#')[0]);
  p = path.normalize(p).replace(/^(\.\.[/\\])+/, '');
  let file = path.join(out, p);
  if (!file.startsWith(out)) return null;
  if (fs.existsSync(file) && fs.statSync(file).isDirectory()) file = path.join(file, 'index.html');
  if (!fs.existsSync(file) && fs.existsSync(file + '.html')) file += '.html';
  return fs.existsSync(file) ? file : null;
}

http.createServer((req, res) => {
  const file = resolve(req.url ?? '/');
  if (!file) {
    const nf = path.join(out, '404.html');
    res.writeHead(404, { 'content-type': types['.html'] });
    res.end(fs.existsSync(nf) ? fs.readFileSync(nf) : 'Not found');
    return;
  }
  const ext = path.extname(file);
  const headers = { 'content-type': types[ext] ?? 'application/octet-stream' };
  if (file.includes(`${path.sep}_next${path.sep}static${path.sep}`)) headers['cache-control'] = 'public, max-age=31536000, immutable';
  res.writeHead(200, headers);
  fs.createReadStream(file).pipe(res);
}).listen(port, host, () => {
  console.log(`Docker Playground on http://localhost:${port}`);
});

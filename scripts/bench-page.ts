// Page figures, measured in Debian Chromium on localhost (issue 6):
//  - first-load JS per route: the scripts a route's HTML loads before anything is lazy-loaded, raw and gzip bytes,
//    read from the static export in out/ (`noModule` polyfills are listed apart: modern browsers never fetch them);
//  - /play, in cold browser contexts (no HTTP cache, no IndexedDB), times from navigation start to: the Dockerfile's
//    text on screen, the console's prompt on screen, `docker version` typed and answered, Monaco ready;
//  - the load average before and after (the machine is shared: figures without it mean little).
// Marks are taken in the page by a MutationObserver (exact, no polling delay).
// Uses the site built in out/ (serve.mjs builds it first when sources are newer). Prints figures; never fails on time.
//   BENCH_RUNS=7 (default 5)   BENCH_PORT=3390   BENCH_PATH=/play (or /embed)
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import zlib from 'node:zlib';

const root = path.resolve(path.dirname(new URL(import.meta.url).pathname), '..');
const out = path.join(root, 'out');
const port = Number(process.env.BENCH_PORT ?? 3390);
const runsWanted = Math.max(1, Number(process.env.BENCH_RUNS ?? 5));
const benchPath = process.env.BENCH_PATH ?? '/play';
const chromium = '/usr/bin/chromium';

function kb(n: number): string { return `${(n / 1024).toFixed(1)} KB`; }
function load(): string { return os.loadavg().map((n) => n.toFixed(2)).join(' '); }

interface RouteJs { route: string; files: number; raw: number; gzip: number; nomodule: number }

function firstLoadJs(route: string): RouteJs | null {
  const rel = route.replace(/^\/|\/$/g, '');
  const htmlFile = [path.join(out, rel, 'index.html'), path.join(out, `${rel}.html`)].find((f) => fs.existsSync(f));
  if (!htmlFile) return null;
  const html = fs.readFileSync(htmlFile, 'utf8');
  const srcs = new Set<string>();
  let nomodule = 0;
  const fileOf = (src: string) => path.join(out, decodeURIComponent(src.replace(/^\//, '').split('?')[0]!));
  for (const m of html.matchAll(/<script([^>]*)\ssrc="([^"]+\.js)"([^>]*)>/g)) {
    if (/nomodule/i.test(m[1]! + m[3]!)) nomodule += fs.statSync(fileOf(m[2]!)).size;
    else srcs.add(m[2]!);
  }
  let raw = 0, gzip = 0;
  for (const src of srcs) {
    const bytes = fs.readFileSync(fileOf(src));
    raw += bytes.length;
    gzip += zlib.gzipSync(bytes, { level: 9 }).length;
  }
  return { route, files: srcs.size, raw, gzip, nomodule };
}

function routes(): string[] {
  const list = ['/', '/play', '/embed', '/learn', '/learn/assignments'];
  const lessons = path.join(out, 'learn');
  if (fs.existsSync(lessons)) {
    const first = fs.readdirSync(lessons).filter((d) => d !== 'assignments' && fs.existsSync(path.join(lessons, d, 'index.html'))).sort()[0];
    if (first) list.push(`/learn/${first}`);
  }
  return list;
}

async function waitForServer(url: string, server: ChildProcess): Promise<void> {
  const deadline = Date.now() + 900_000;
  while (Date.now() < deadline) {
    if (server.exitCode !== null) throw new Error(`server exited with ${server.exitCode}`);
    try { if ((await fetch(url)).ok) return; } catch { /* not yet */ }
    await new Promise((r) => setTimeout(r, 300));
  }
  throw new Error('server did not start');
}

/** Runs in the page before its own scripts: notes when each milestone first shows in the DOM. */
const MARKS_SCRIPT = `(() => {
  const marks = (window.__benchMarks = {});
  const check = () => {
    const t = performance.now();
    if (marks.text === undefined) {
      const e = document.querySelector('[data-testid="dockerfile-editor"]');
      if (e && e.textContent.replace(/\u00a0/g, ' ').includes('FROM alpine')) marks.text = t;
    }
    if (marks.prompt === undefined) {
      const r = document.querySelector('[data-testid="terminal"] .xterm-rows');
      if (r && r.textContent.includes('$')) marks.prompt = t;
    }
    if (marks.monaco === undefined && document.querySelector('[data-testid="dockerfile-editor"] .monaco-editor .view-line')) marks.monaco = t;
    if (marks.engine === undefined) {
      const s = document.querySelector('[data-testid="engine-status"]');
      if (s && s.textContent.includes('Engine ready')) marks.engine = t;
    }
    if (marks.answered === undefined) {
      const r = document.querySelector('[data-testid="terminal"] .xterm-rows');
      if (r && r.textContent.includes('28.2.2-ok')) marks.answered = t;
    }
  };
  new MutationObserver(check).observe(document, { subtree: true, childList: true, characterData: true });
  const long = (window.__benchLongTasks = []);
  try {
    new PerformanceObserver((l) => { for (const e of l.getEntries()) long.push(Math.round(e.duration)); }).observe({ type: 'longtask', buffered: true });
  } catch {}
})();`;

type Mark = 'text' | 'prompt' | 'engine' | 'answered' | 'monaco';
const MARKS: [Mark, string][] = [
  ['text', 'Dockerfile text on screen'],
  ['prompt', 'console prompt on screen'],
  ['engine', 'engine ready (status)'],
  ['answered', 'first command answered (docker version)'],
  ['monaco', 'Monaco editor ready'],
];

async function main(): Promise<void> {
  const server = fs.existsSync(chromium)
    ? spawn('node', [path.join(root, 'scripts/serve.mjs'), '--port', String(port)], { cwd: root, stdio: ['ignore', 'ignore', 'inherit'] })
    : null;
  if (!server) console.log('timings skipped: /usr/bin/chromium is not installed');
  try {
    if (server) await waitForServer(`http://127.0.0.1:${port}/`, server);
    console.log('first-load JS per route (async scripts of the HTML; gzip -9):');
    for (const r of routes()) {
      const js = firstLoadJs(r);
      if (!js) continue;
      console.log(`  ${r.padEnd(32)} ${String(js.files).padStart(2)} scripts  ${kb(js.raw).padStart(9)} raw  ${kb(js.gzip).padStart(8)} gzip${js.nomodule ? `   (+ ${kb(js.nomodule)} noModule polyfills, not fetched by modern browsers)` : ''}`);
    }
    if (!server) return;

    const { chromium: pw } = await import('@playwright/test');
    const browser = await pw.launch({ executablePath: chromium, args: ['--no-sandbox', '--disable-gpu'] });
    const loadBefore = load();
    const runs: (Record<Mark, number> & { jsBytes: number; longTasks: number[] })[] = [];
    for (let i = 0; i < runsWanted; i++) {
      const context = await browser.newContext({ viewport: { width: 1440, height: 900 } });
      await context.addInitScript(MARKS_SCRIPT);
      const page = await context.newPage();
      await page.goto(`http://127.0.0.1:${port}${benchPath}`);
      const rows = page.locator('[data-testid="terminal"] .xterm-rows');
      await rows.filter({ hasText: '$' }).waitFor({ timeout: 60_000 });
      await page.locator('[data-testid="terminal"] .xterm').click();
      // The banner names 28.2.2 too: the answer is told apart by its suffix.
      await page.keyboard.type('docker version --format {{.Client.Version}}-ok');
      await page.keyboard.press('Enter');
      await rows.filter({ hasText: '28.2.2-ok' }).waitFor({ timeout: 60_000 });
      await page.locator('[data-testid="dockerfile-editor"] .monaco-editor').first().waitFor({ timeout: 60_000 });
      await page.getByTestId('engine-status').filter({ hasText: 'Engine ready' }).waitFor({ timeout: 60_000 });
      const marks = await page.evaluate(() => (window as unknown as { __benchMarks: Record<string, number> }).__benchMarks);
      const { jsBytes, longTasks } = await page.evaluate(() => ({
        jsBytes: (performance.getEntriesByType('resource') as PerformanceResourceTiming[]).filter((e) => /\.js(\?|$)/.test(e.name)).reduce((n, e) => n + e.decodedBodySize, 0),
        longTasks: (window as unknown as { __benchLongTasks: number[] }).__benchLongTasks,
      }));
      runs.push({ ...(marks as Record<Mark, number>), jsBytes, longTasks });
      console.log(`  run ${i + 1}: ${MARKS.map(([k]) => `${k} ${marks[k]?.toFixed(0) ?? '-'}`).join(', ')} ms; longest main-thread tasks ${[...longTasks].sort((a, b) => b - a).slice(0, 3).join(', ')} ms`);
      await context.close();
    }
    await browser.close();
    const sorted = (k: Mark) => runs.map((r) => r[k]).filter((n) => Number.isFinite(n)).sort((a, b) => a - b);
    const median = (k: Mark) => { const s = sorted(k); return s.length % 2 ? s[(s.length - 1) / 2]! : (s[s.length / 2 - 1]! + s[s.length / 2]!) / 2; };
    console.log(`${benchPath}, ${runs.length} cold contexts, ms from navigation start (median [min–max]); load average before ${loadBefore}, after ${load()}:`);
    for (const [k, label] of MARKS) {
      const s = sorted(k);
      if (!s.length) continue;
      console.log(`  ${label.padEnd(42)} ${median(k).toFixed(0).padStart(6)}  [${s[0]!.toFixed(0)}–${s[s.length - 1]!.toFixed(0)}]`);
    }
    const longest = runs.map((r) => Math.max(0, ...r.longTasks)).sort((a, b) => a - b);
    console.log(`  longest main-thread task per run (ms)             ${longest.join(', ')}`);
    console.log(`  JS the page fetched by then: ${kb(runs[0]!.jsBytes)} (uncompressed, main thread only: the workers' scripts not counted)`);
  } finally {
    server?.kill();
  }
}

main().catch((err) => { console.error(err); process.exit(1); });

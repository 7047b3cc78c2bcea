// Page figures for /play, measured in Debian Chromium on localhost (issue 6):
//  - first-load JS: the scripts the HTML of /play loads before anything is lazy-loaded (Monaco and xterm come later),
//    raw and gzip bytes, read from the static export in out/;
//  - time to an interactive console: navigation start -> the prompt is on screen -> `docker version` typed and answered;
//  - JS fetched by then, and when the editor (Monaco) is ready.
// Uses the site built in out/ (serve.mjs builds it first when sources are newer). Prints figures; never fails on time.
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';

const root = path.resolve(path.dirname(new URL(import.meta.url).pathname), '..');
const out = path.join(root, 'out');
const port = Number(process.env.BENCH_PORT ?? 3390);
const chromium = '/usr/bin/chromium';

function kb(n: number): string { return `${(n / 1024).toFixed(1)} KB`; }

function firstLoadJs(): { files: number; raw: number; gzip: number } {
  const htmlFile = [path.join(out, 'play', 'index.html'), path.join(out, 'play.html')].find((f) => fs.existsSync(f));
  if (!htmlFile) throw new Error('out/play.html not found');
  const html = fs.readFileSync(htmlFile, 'utf8');
  const srcs = new Set<string>();
  for (const m of html.matchAll(/<script[^>]*\ssrc="([^"]+\.js)"/g)) srcs.add(m[1]);
  let raw = 0, gzip = 0;
  for (const src of srcs) {
    const file = path.join(out, decodeURIComponent(src.replace(/^\//, '').split('?')[0]));
    const bytes = fs.readFileSync(file);
    raw += bytes.length;
    gzip += zlib.gzipSync(bytes, { level: 9 }).length;
  }
  return { files: srcs.size, raw, gzip };
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

async function main(): Promise<void> {
  if (!fs.existsSync(chromium)) { console.log('skipped: /usr/bin/chromium is not installed'); return; }
  const server = spawn('node', [path.join(root, 'scripts/serve.mjs'), '--port', String(port)], { cwd: root, stdio: ['ignore', 'ignore', 'inherit'] });
  try {
    await waitForServer(`http://127.0.0.1:${port}/`, server);
    const js = firstLoadJs();
    console.log(`/play first-load JS (before Monaco and xterm): ${js.files} scripts, ${kb(js.raw)} raw, ${kb(js.gzip)} gzip`);

    const { chromium: pw } = await import('@playwright/test');
    const browser = await pw.launch({ executablePath: chromium, args: ['--no-sandbox', '--disable-gpu'] });
    const runs: { prompt: number; answered: number; editor: number; jsBytes: number }[] = [];
    for (let i = 0; i < 3; i++) {
      const context = await browser.newContext({ viewport: { width: 1440, height: 900 } });
      const page = await context.newPage();
      let jsBytes = 0;
      page.on('response', async (res) => {
        if (!/\.js(\?|$)/.test(res.url())) return;
        try { jsBytes += (await res.body()).length; } catch { /* navigation */ }
      });
      await page.goto(`http://127.0.0.1:${port}/play`);
      const rows = page.locator('[data-testid="terminal"] .xterm-rows');
      await rows.filter({ hasText: '$' }).waitFor({ timeout: 60_000 });
      const prompt = await page.evaluate(() => performance.now());
      await page.locator('[data-testid="terminal"] .xterm').click();
      await page.keyboard.type('docker version --format {{.Client.Version}}');
      await page.keyboard.press('Enter');
      await rows.filter({ hasText: '28.2.2' }).waitFor({ timeout: 60_000 });
      const answered = await page.evaluate(() => performance.now());
      await page.locator('[data-testid="dockerfile-editor"] .monaco-editor').first().waitFor({ timeout: 60_000 });
      const editor = await page.evaluate(() => performance.now());
      runs.push({ prompt, answered, editor, jsBytes });
      await context.close();
    }
    await browser.close();
    const best = (k: 'prompt' | 'answered' | 'editor') => Math.min(...runs.map((r) => r[k]));
    const median = (k: 'prompt' | 'answered' | 'editor') => runs.map((r) => r[k]).sort((a, b) => a - b)[1];
    console.log(`console prompt on screen: best ${best('prompt').toFixed(0)} ms, median ${median('prompt').toFixed(0)} ms (from navigation start, 3 cold contexts)`);
    console.log(`first command answered (docker version): best ${best('answered').toFixed(0)} ms, median ${median('answered').toFixed(0)} ms`);
    console.log(`Monaco editor ready: best ${best('editor').toFixed(0)} ms, median ${median('editor').toFixed(0)} ms`);
    console.log(`JS fetched by then: ${kb(runs[0].jsBytes)} (uncompressed; the static server sends no gzip)`);
  } finally {
    server.kill();
  }
}

main().catch((err) => { console.error(err); process.exit(1); });

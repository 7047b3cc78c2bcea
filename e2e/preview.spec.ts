import { expect, test } from '@playwright/test';
import { encodeShare } from '../lib/share';
import { terminalText, typeCommand, waitForEngine, waitForPrompt, watchErrors } from './helpers';

const enc = new TextEncoder();

test('a published nginx shows its page in the sandboxed preview', async ({ page }) => {
  test.setTimeout(120_000);
  const errors = watchErrors(page);
  await page.goto('/play/');
  await waitForEngine(page);
  await waitForPrompt(page);
  await page.getByTestId('preview-tab').click();
  await expect(page.getByTestId('preview')).toContainText('No container publishes a port yet');
  await typeCommand(page, 'docker run -d -p 8080:80 --name web nginx');
  await expect.poll(() => terminalText(page), { timeout: 45_000 }).toMatch(/\n[0-9a-f]{40}/);
  const preview = page.getByTestId('preview');
  await expect(preview.getByRole('tab', { name: /localhost:8080/ })).toContainText('localhost:8080 → nginx');
  await expect(page.getByTestId('preview-address')).toHaveValue('localhost:8080/');
  await expect(page.getByTestId('preview-status')).toHaveText('200 OK');
  const frame = page.getByTestId('preview-frame');
  await expect(frame).toHaveAttribute('sandbox', '');
  await expect(page.frameLocator('[data-testid="preview-frame"]').locator('h1')).toHaveText('Welcome to nginx!');
  await expect(preview).toContainText('scripts do not run, and relative links');
  await expect(page.getByTestId('preview-frame')).toHaveAttribute('srcdoc', /Content-Security-Policy/);
  // The address bar opens other paths: a missing page is nginx's 404.
  await page.getByTestId('preview-address').fill('localhost:8080/nope.html');
  await page.getByTestId('preview-address').press('Enter');
  await expect(page.getByTestId('preview-status')).toHaveText('404 Not Found');
  await expect(page.frameLocator('[data-testid="preview-frame"]').locator('h1')).toHaveText('404 Not Found');
  // Each preview fetch is a request the server logs, as curl's are.
  await typeCommand(page, 'docker logs web');
  await expect.poll(() => terminalText(page)).toContain('"GET /nope.html');
  // Stopping the container empties the preview.
  await typeCommand(page, 'docker stop web');
  await expect(preview).toContainText('No container publishes a port yet', { timeout: 20_000 });
  expect(errors).toEqual([]);
});

test('a page that tries to run script or load assets is shown inert', async ({ page }) => {
  test.setTimeout(120_000);
  const errors = watchErrors(page);
  const link = encodeShare({
    files: [
      { path: 'Dockerfile', data: enc.encode('FROM nginx:alpine\nCOPY index.html /usr/share/nginx/html/\n') },
      {
        path: 'index.html',
        data: enc.encode(
          '<!DOCTYPE html><html><head><title>Mine</title><link rel="stylesheet" href="style.css"></head>' +
            '<body><h1 id="t">Static page</h1><img src="logo.png" alt="logo"><a href="/about.html">About</a>' +
            '<script>document.getElementById("t").textContent = "SCRIPT RAN"; parent.document.title = "PWNED";</script></body></html>\n',
        ),
      },
    ],
    commands: ['docker build -t site .', 'docker run -d -p 8081:80 site', 'docker run -d -p 6379:6379 redis'],
  });
  const requests: string[] = [];
  page.on('request', (r) => requests.push(r.url()));
  await page.goto(`/play/#${link}`);
  await expect.poll(() => terminalText(page), { timeout: 60_000 }).toMatch(/Status: Downloaded newer image for redis:latest\s*\n[0-9a-f]{40}/);
  await page.getByTestId('preview-tab').click();
  const preview = page.getByTestId('preview');
  await preview.getByRole('tab', { name: /localhost:8081/ }).click();
  const inner = page.frameLocator('[data-testid="preview-frame"]');
  await expect(inner.locator('h1')).toHaveText('Static page');
  await page.waitForTimeout(500);
  await expect(inner.locator('h1')).toHaveText('Static page'); // the script did not run
  expect(await page.title()).not.toBe('PWNED');
  // Clicking a relative link goes nowhere (there is nothing to resolve it against).
  await inner.getByRole('link', { name: 'About' }).click();
  await page.waitForTimeout(300);
  await expect(inner.locator('h1')).toHaveText('Static page');
  expect(requests.filter((u) => /style\.css|logo\.png|about\.html/.test(u))).toEqual([]);
  // Reload fetches again.
  await page.getByTestId('preview-reload').click();
  await expect(inner.locator('h1')).toHaveText('Static page');
  // A published port without a web server says so.
  await preview.getByRole('tab', { name: /localhost:6379/ }).click();
  await expect(preview).toContainText('Nothing answers HTTP on localhost:6379');
  expect(errors.filter((e) => !/Content Security Policy|Blocked script execution|Blocked opening|Refused to/.test(e))).toEqual([]);
});

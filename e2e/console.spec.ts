import { expect, test, type Page } from '@playwright/test';
import { terminalText, typeCommand, waitForEngine, waitForPrompt } from './helpers';

async function ready(page: Page) {
  await page.goto('/play/');
  await waitForEngine(page);
  await waitForPrompt(page);
}

const rows = (page: Page) => page.locator('[data-testid="terminal"] .xterm-rows > div');

test('Tab completes flags, image names and container names', async ({ page }) => {
  test.setTimeout(120_000);
  await ready(page);
  await typeCommand(page, 'docker pull alpine:3.20');
  await expect.poll(() => terminalText(page), { timeout: 30_000 }).toContain('Downloaded newer image for alpine:3.20');
  await typeCommand(page, 'docker run -d --name webby alpine:3.20 sleep 600');
  await expect.poll(() => terminalText(page), { timeout: 30_000 }).toMatch(/\n[0-9a-f]{40}/);
  // a flag
  await page.keyboard.type('docker image ls --fo');
  await page.keyboard.press('Tab');
  await page.keyboard.type("'{{.Repository}}:{{.Tag}}'");
  await page.keyboard.press('Enter');
  await expect.poll(() => terminalText(page)).toMatch(/\nalpine:3\.20/);
  // an image name
  await page.keyboard.type('docker image inspect --format {{.Id}} alp');
  await page.keyboard.press('Tab');
  await page.keyboard.press('Enter');
  await expect.poll(() => terminalText(page)).toMatch(/\nsha256:[0-9a-f]{40}/);
  // a container name
  await page.keyboard.type('docker kill web');
  await page.keyboard.press('Tab');
  await page.keyboard.press('Enter');
  await expect.poll(() => terminalText(page), { timeout: 20_000 }).toMatch(/docker kill webby\s*\nwebby\s*\n/);
});

test('docker run -it ... sh switches the console into the container until exit', async ({ page }) => {
  test.setTimeout(120_000);
  await ready(page);
  await typeCommand(page, 'docker run -it --rm alpine:3.20 sh');
  await expect.poll(() => terminalText(page), { timeout: 45_000 }).toMatch(/\/ #\s*$/);
  await page.keyboard.type('cat /etc/alpine-release');
  await page.keyboard.press('Enter');
  await expect.poll(() => terminalText(page)).toMatch(/\n3\.20\.\d+\s*\n\/ # /);
  await page.keyboard.type('cd /tmp && pwd');
  await page.keyboard.press('Enter');
  await expect.poll(() => terminalText(page)).toMatch(/\n\/tmp\s*\n\/tmp # /);
  await page.keyboard.type('exit');
  await page.keyboard.press('Enter');
  await typeCommand(page, 'echo back-on-the-host');
  await expect.poll(() => terminalText(page)).toMatch(/\$ echo back-on-the-host\s*\nback-on-the-host/);
});

test('Ctrl+L clears, the terminal follows resizes, paste and copy work', async ({ page, context }) => {
  await context.grantPermissions(['clipboard-read', 'clipboard-write']);
  await ready(page);
  await typeCommand(page, 'echo before-clear');
  await expect.poll(() => terminalText(page)).toMatch(/\nbefore-clear/);
  await page.keyboard.press('Control+l');
  await expect.poll(() => terminalText(page)).not.toContain('before-clear');
  await expect.poll(() => terminalText(page)).toContain('$');
  // Resize: the terminal refits its rows to the pane.
  const tall = await rows(page).count();
  await page.setViewportSize({ width: 1440, height: 600 });
  await expect.poll(() => rows(page).count()).toBeLessThan(tall);
  await page.setViewportSize({ width: 1280, height: 720 });
  // Paste from the clipboard with Ctrl+V.
  await page.evaluate(() => navigator.clipboard.writeText('echo pasted-text'));
  await page.locator('[data-testid="terminal"] .xterm').click();
  await page.keyboard.press('Control+v');
  await page.keyboard.press('Enter');
  await expect.poll(() => terminalText(page)).toMatch(/\npasted-text/);
  // Copy: select the output line with the mouse, Ctrl+Shift+C.
  const line = page.locator('[data-testid="terminal"] .xterm-rows > div', { hasText: /^pasted-text\s*$/ });
  const box = (await line.boundingBox())!;
  await page.mouse.move(box.x + 1, box.y + box.height / 2);
  await page.mouse.down();
  await page.mouse.move(box.x + 200, box.y + box.height / 2, { steps: 5 });
  await page.mouse.up();
  await page.keyboard.press('Control+Shift+C');
  await expect.poll(() => page.evaluate(() => navigator.clipboard.readText())).toContain('pasted-text');
});

test('links in the output open in a new tab; screen-reader mode exposes the output', async ({ page, context }) => {
  // Offline: answer the link's page here, so the new tab has its URL rather than an error page.
  await context.route('https://docs.docker.com/**', (r) => r.fulfill({ body: 'docs', contentType: 'text/plain' }));
  await ready(page);
  await typeCommand(page, 'echo see https://docs.docker.com/get-started/');
  const line = page.locator('[data-testid="terminal"] .xterm-rows > div', { hasText: /^see https/ });
  await expect(line).toHaveCount(1);
  // The middle of the URL on screen: a DOM range over its characters in the row.
  const at = await page.evaluate(() => {
    const walker = document.createTreeWalker(document.querySelector('[data-testid="terminal"] .xterm-rows')!, NodeFilter.SHOW_TEXT);
    for (let n = walker.nextNode(); n; n = walker.nextNode()) {
      const i = n.textContent!.indexOf('docs.docker.com');
      if (i < 0) continue;
      const r = document.createRange();
      r.setStart(n, i + 2);
      r.setEnd(n, i + 3);
      const b = r.getBoundingClientRect();
      return { x: b.x + b.width / 2, y: b.y + b.height / 2 };
    }
    return null;
  });
  expect(at).not.toBeNull();
  await page.mouse.move(at!.x, at!.y);
  await page.waitForTimeout(300);
  const popup = page.waitForEvent('popup');
  await page.mouse.click(at!.x, at!.y);
  const tab = await popup;
  await tab.waitForLoadState();
  expect(tab.url()).toContain('docs.docker.com/get-started');
  // Screen reader mode: xterm keeps an accessible copy of the rows.
  await page.getByRole('button', { name: 'Screen reader' }).click();
  await expect(page.getByRole('button', { name: 'Screen reader' })).toHaveAttribute('aria-pressed', 'true');
  await expect(page.locator('[data-testid="terminal"] .xterm-accessibility-tree')).toContainText('see https://docs.docker.com/get-started/');
  await typeCommand(page, 'echo spoken-aloud');
  await expect(page.locator('[data-testid="terminal"] .xterm-accessibility-tree')).toContainText('spoken-aloud');
});

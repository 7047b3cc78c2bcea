import { expect, test, type Page } from '@playwright/test';
import { terminalText, typeCommand, waitForEngine, waitForPrompt, watchErrors } from './helpers';

async function ready(page: Page) {
  await page.goto('/play/');
  await waitForEngine(page);
  await waitForPrompt(page);
}

// Lines with a pipe or a loop run in just-bash (lib/console/full-shell.ts) inside the engine's worker.
test('docker images | grep alpine after a pull shows the row; a loop prints each run; Ctrl+C stops a loop', async ({ page }) => {
  test.setTimeout(150_000);
  const errors = watchErrors(page);
  await ready(page);
  await typeCommand(page, 'docker pull alpine:3.20');
  await expect.poll(() => terminalText(page), { timeout: 30_000 }).toContain('Downloaded newer image for alpine:3.20');
  await typeCommand(page, 'docker images | grep alpine');
  await expect.poll(() => terminalText(page), { timeout: 45_000 }).toMatch(/\$ docker images \| grep alpine\s*\nalpine\s+3\.20\s+[0-9a-f]{12}\s+\S.*ago\s+[\d.]+MB\s*\n/);
  await typeCommand(page, 'for i in 1 2 3; do echo "n=$i"; done | wc -l');
  await expect.poll(() => terminalText(page), { timeout: 20_000 }).toMatch(/\| wc -l\s*\n3\s*\n/);
  // a command only just-bash has, without a pipe
  await typeCommand(page, 'seq 2 4');
  await expect.poll(() => terminalText(page), { timeout: 20_000 }).toMatch(/\$ seq 2 4\s*\n2\s*\n3\s*\n4\s*\n/);
  // a loop that never ends stops on Ctrl+C, and the console takes the next line
  await typeCommand(page, 'while true; do docker ps -q; done');
  await page.waitForTimeout(500);
  await page.keyboard.press('Control+c');
  await typeCommand(page, 'echo after-the-loop $?');
  await expect.poll(() => terminalText(page), { timeout: 20_000 }).toMatch(/\nafter-the-loop 130/);
  expect(errors).toEqual([]);
});

import { expect, test } from '@playwright/test';
import { terminalText, typeCommand, waitForPrompt } from './helpers';

test('docker commands reach the engine; pulled images show in the panel and survive a reload', async ({ page }) => {
  await page.goto('/play/');
  await expect(page.getByTestId('engine-status')).toHaveText('Engine ready', { timeout: 30_000 });
  await waitForPrompt(page);
  await typeCommand(page, 'docker image ls');
  await expect.poll(() => terminalText(page)).toMatch(/REPOSITORY\s+TAG\s+IMAGE ID\s+CREATED\s+SIZE/);
  await typeCommand(page, 'docker pull alpine:3.20');
  await expect.poll(() => terminalText(page), { timeout: 30_000 }).toContain('Status: Downloaded newer image for alpine:3.20');
  const list = page.getByTestId('image-list');
  await expect(list).toContainText('alpine:3.20');
  await expect(page.getByTestId('layer-explorer')).toContainText('CMD ["/bin/sh"]');
  await page.waitForTimeout(800);
  await page.reload();
  await expect(page.getByTestId('image-list')).toContainText('alpine:3.20', { timeout: 30_000 });
  await waitForPrompt(page);
  await typeCommand(page, 'docker images');
  await expect.poll(() => terminalText(page)).toMatch(/alpine\s+3\.20\s+[0-9a-f]{12}/);
});

test('Ctrl+C at a [y/N] prompt aborts the command', async ({ page }) => {
  await page.goto('/play/');
  await expect(page.getByTestId('engine-status')).toHaveText('Engine ready', { timeout: 30_000 });
  await waitForPrompt(page);
  await typeCommand(page, 'docker image prune');
  await expect.poll(() => terminalText(page)).toContain('Are you sure you want to continue? [y/N]');
  await page.keyboard.press('Control+c');
  await expect.poll(() => terminalText(page)).toContain('[y/N] ^C');
  await typeCommand(page, 'echo after');
  await expect.poll(() => terminalText(page)).toMatch(/\nafter/);
});

test('edit the Dockerfile, build from the button, see the image and its layers, find it after a reload', async ({ page }) => {
  test.setTimeout(120_000);
  await page.goto('/play/');
  await expect(page.getByTestId('engine-status')).toHaveText('Engine ready', { timeout: 30_000 });
  const lines = page.locator('[data-testid="dockerfile-editor"] .view-lines');
  await expect(lines).toBeVisible({ timeout: 30_000 });
  await lines.click();
  await page.keyboard.press('ControlOrMeta+End');
  await page.keyboard.type('\nLABEL built.by=e2e');
  await waitForPrompt(page);
  await page.getByTestId('build-button').click();
  await expect.poll(() => terminalText(page), { timeout: 45_000 }).toMatch(/naming to docker\.io\/library\/app:latest/);
  await expect(page.getByTestId('image-list')).toContainText('app:latest');
  await page.getByTestId('image-list').getByRole('option').filter({ hasText: 'app:latest' }).click();
  await expect(page.getByTestId('layer-explorer')).toContainText('LABEL built.by=e2e');
  await expect(page.getByTestId('layer-explorer')).toContainText('RUN echo "Hello from a layer" > greeting.txt');
  await page.waitForTimeout(800);
  await page.reload();
  await expect(page.getByTestId('image-list')).toContainText('app:latest', { timeout: 30_000 });
});

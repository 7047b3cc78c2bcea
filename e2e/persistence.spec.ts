import { expect, test } from '@playwright/test';
import { terminalText, typeCommand, waitForPrompt } from './helpers';

test('files and console history survive a reload', async ({ page }) => {
  await page.goto('/play/');
  const lines = page.locator('[data-testid="dockerfile-editor"] .view-lines');
  await expect(lines).toBeVisible({ timeout: 30_000 });
  await lines.click();
  await page.keyboard.press('ControlOrMeta+End');
  await page.keyboard.type('\nENV KEPT=1');
  await waitForPrompt(page);
  await typeCommand(page, 'echo remember-me');
  await expect.poll(() => terminalText(page)).toMatch(/\nremember-me/);
  await page.waitForTimeout(800); // the worker saves 300 ms after the last change
  await page.reload();
  await expect(page.locator('[data-testid="dockerfile-editor"] .view-lines')).toContainText('ENV KEPT=1', { timeout: 30_000 });
  await waitForPrompt(page);
  await page.locator('[data-testid="terminal"] .xterm').click();
  await page.keyboard.press('ArrowUp');
  await page.keyboard.press('Enter');
  await expect.poll(async () => (await terminalText(page)).match(/\nremember-me/g)?.length ?? 0).toBe(1);
  await expect.poll(() => terminalText(page)).toContain('echo remember-me');
});

test('files can be created, renamed and deleted', async ({ page }) => {
  await page.goto('/play/');
  await waitForPrompt(page);
  await page.getByRole('button', { name: 'New file' }).click();
  await page.keyboard.type('app.sh');
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('file-tree')).toContainText('app.sh');
  await page.locator('[data-testid="dockerfile-editor"] .view-lines').click();
  await page.keyboard.type('echo from-app');
  await page.getByTestId('file-tree').getByRole('button', { name: 'app.sh', exact: true }).hover();
  await page.getByRole('button', { name: 'Rename app.sh' }).click();
  await page.keyboard.press('ControlOrMeta+a');
  await page.keyboard.type('run.sh');
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('file-tree')).toContainText('run.sh');
  await typeCommand(page, 'cat run.sh');
  await expect.poll(() => terminalText(page)).toContain('echo from-app');
  await page.getByTestId('file-tree').getByRole('button', { name: 'run.sh', exact: true }).hover();
  await page.getByRole('button', { name: 'Delete run.sh' }).click();
  await page.getByRole('alert').getByRole('button', { name: 'Delete' }).click();
  await expect(page.getByTestId('file-tree')).not.toContainText('run.sh');
  await typeCommand(page, 'ls');
  await expect.poll(() => terminalText(page)).toContain('index.html');
});

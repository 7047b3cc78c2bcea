import { expect, test } from '@playwright/test';
import { terminalText, typeCommand, waitForPrompt, watchErrors } from './helpers';

test.beforeEach(async ({ page }) => {
  // Each test starts from a clean IndexedDB (a fresh browser context already has none).
  await page.goto('/play/');
});

test('the playground loads editor, console, toolbar and panels', async ({ page }) => {
  const errors = watchErrors(page);
  await page.reload();
  await expect(page.getByTestId('build-button')).toBeVisible();
  await expect(page.getByTestId('share-button')).toBeVisible();
  await expect(page.getByTestId('image-list')).toBeAttached();
  await expect(page.getByTestId('layer-explorer')).toBeAttached();
  await expect(page.locator('[data-testid="dockerfile-editor"] .monaco-editor')).toBeVisible({ timeout: 30_000 });
  await waitForPrompt(page);
  expect(errors).toEqual([]);
});

test('typing into Monaco edits the Dockerfile', async ({ page }) => {
  const editor = page.locator('[data-testid="dockerfile-editor"] .monaco-editor');
  await expect(editor).toBeVisible({ timeout: 30_000 });
  await editor.locator('.view-lines').click();
  await page.keyboard.press('ControlOrMeta+End');
  await page.keyboard.press('Enter');
  await page.keyboard.type('LABEL maintainer=e2e');
  await expect(editor.locator('.view-lines')).toContainText('LABEL maintainer=e2e');
  // The console sees the edit: the workspace is shared.
  await waitForPrompt(page);
  await typeCommand(page, 'cat Dockerfile');
  await expect.poll(() => terminalText(page)).toContain('LABEL maintainer=e2e');
});

test('the console echoes, edits lines and keeps history', async ({ page }) => {
  await waitForPrompt(page);
  await typeCommand(page, 'echo hello');
  await expect.poll(() => terminalText(page)).toMatch(/echo hello\s*\n\s*hello/);
  // Line editing: type, move left, insert, Ctrl+A to the start, insert there.
  await page.keyboard.type('echo wrld');
  for (let i = 0; i < 3; i++) await page.keyboard.press('ArrowLeft');
  await page.keyboard.type('o');
  await page.keyboard.press('Control+a');
  await page.keyboard.press('Control+k');
  await page.keyboard.type('echo world');
  await page.keyboard.press('Enter');
  await expect.poll(() => terminalText(page)).toMatch(/\nworld/);
  // History: Up recalls the previous command.
  await page.keyboard.press('ArrowUp');
  await page.keyboard.press('ArrowUp');
  await page.keyboard.press('Enter');
  await expect.poll(async () => (await terminalText(page)).split('\nhello').length - 1).toBe(2);
  // Ctrl+R searches the history backwards; Enter runs the match.
  await page.keyboard.press('Control+r');
  await page.keyboard.type('wor');
  await expect.poll(() => terminalText(page)).toContain("(reverse-i-search)`wor': echo world");
  await page.keyboard.press('Enter');
  await expect.poll(async () => (await terminalText(page)).split('\nworld').length - 1).toBe(2);
  // Ctrl+C abandons a line and shows ^C.
  await page.keyboard.type('echo never');
  await page.keyboard.press('Control+c');
  await expect.poll(() => terminalText(page)).toContain('echo never^C');
});

test('tab completion completes command names', async ({ page }) => {
  await waitForPrompt(page);
  await page.locator('[data-testid="terminal"] .xterm').click();
  await page.keyboard.type('ech');
  await page.keyboard.press('Tab');
  await page.keyboard.type('tabbed');
  await page.keyboard.press('Enter');
  await expect.poll(() => terminalText(page)).toMatch(/\ntabbed/);
});

test('the build button runs docker build in the console', async ({ page }) => {
  await waitForPrompt(page);
  await page.getByTestId('build-button').click();
  await expect.poll(() => terminalText(page)).toContain('docker build -t app .');
});

test('reset asks first, then starts clean', async ({ page }) => {
  await waitForPrompt(page);
  await typeCommand(page, 'echo before-reset');
  await page.getByTestId('reset-button').click();
  await expect(page.getByRole('dialog')).toContainText('Reset the playground?');
  await page.getByTestId('confirm-reset').click();
  await waitForPrompt(page);
  await expect.poll(() => terminalText(page)).not.toContain('before-reset');
});

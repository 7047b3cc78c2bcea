import { expect, test, type Page } from '@playwright/test';
import { watchErrors } from './helpers';

/** Replace the Dockerfile in Monaco with `text` (inserted as typed text, no auto-completion accepted). */
async function setDockerfile(page: Page, text: string) {
  // the workspace is loaded (from IndexedDB or the defaults) by the time the engine is ready
  await expect(page.getByTestId('engine-status')).toHaveText('Engine ready', { timeout: 30_000 });
  const editor = page.locator('[data-testid="dockerfile-editor"] .monaco-editor');
  await expect(editor).toBeVisible({ timeout: 30_000 });
  await expect(editor.locator('.view-lines')).toContainText('FROM');
  await editor.locator('.view-lines').click();
  await page.keyboard.press('ControlOrMeta+a');
  await page.keyboard.press('Delete');
  await page.keyboard.insertText(text);
  await page.keyboard.press('Escape');
  if (text) await expect(editor.locator('.view-lines')).toContainText(text.split('\n')[0]!.split(' ')[0]!);
  return editor;
}

/** Move the mouse over the first characters of the editor line that contains `text` (plus `dx` pixels). */
async function hoverLine(page: Page, text: string, dx = 8) {
  const line = page.locator('[data-testid="dockerfile-editor"] .view-line', { hasText: text }).first();
  await expect(line).toBeVisible();
  // Monaco re-renders lines (tokens, markers): retry until a box is read
  let box: { x: number; y: number; width: number; height: number } | null = null;
  for (let i = 0; i < 20 && !box; i++) box = await line.boundingBox({ timeout: 1000 }).catch(() => null);
  if (!box) throw new Error(`no editor line with ${text}`);
  await page.mouse.move(box.x + dx - 4, box.y + box.height / 2);
  await page.mouse.move(box.x + dx, box.y + box.height / 2);
}

test.beforeEach(async ({ page }) => {
  await page.goto('/play/');
});

test('a typo in an instruction gets a red marker with the suggestion, fixed by the quick fix', async ({ page }) => {
  const errors = watchErrors(page);
  const editor = await setDockerfile(page, 'FORM ubuntu:24.04\nRUN echo hi\n');
  await expect(editor.locator('.squiggly-error')).toHaveCount(1, { timeout: 10_000 });
  // hovering the squiggle shows the parser's message
  await hoverLine(page, 'FORM');
  await expect(page.locator('.monaco-hover').filter({ hasText: 'unknown instruction: FORM (did you mean FROM?)' }).first()).toBeVisible();
  // quick fix: Ctrl+. on the keyword, apply "Replace with FROM"
  await editor.locator('.view-lines').click();
  await page.keyboard.press('ControlOrMeta+Home');
  await page.keyboard.press('ControlOrMeta+.');
  await page.locator('.action-widget').getByText('Replace with FROM').click();
  await expect(editor.locator('.view-lines')).toContainText('FROM ubuntu:24.04');
  await expect(editor.locator('.squiggly-error')).toHaveCount(0, { timeout: 10_000 });
  expect(errors).toEqual([]);
});

test('lint warnings are yellow markers', async ({ page }) => {
  const editor = await setDockerfile(page, 'FROM ubuntu:24.04\nMAINTAINER me\n');
  await expect(editor.locator('.squiggly-warning')).not.toHaveCount(0, { timeout: 10_000 });
  await expect(editor.locator('.squiggly-error')).toHaveCount(0);
});

test('hovering an instruction shows its documentation', async ({ page }) => {
  const editor = await setDockerfile(page, 'FROM ubuntu:24.04\nRUN echo hi\n');
  await hoverLine(page, 'RUN');
  const hover = page.locator('.monaco-hover').filter({ hasText: 'Runs a command' }).first();
  await expect(hover).toBeVisible();
  await expect(hover).toContainText('Example');
  // base image facts from the simulated registry
  await page.mouse.move(0, 0);
  await hoverLine(page, 'ubuntu', 70);
  await expect(page.locator('.monaco-hover').filter({ hasText: 'Ubuntu is a Debian-based' }).first()).toBeVisible();
});

test('Ctrl+Space after FROM offers the registry images, then their tags', async ({ page }) => {
  const editor = await setDockerfile(page, '');
  await page.keyboard.insertText('FROM ');
  await page.keyboard.press('Control+Space');
  const suggest = page.locator('.suggest-widget');
  await expect(suggest).toBeVisible();
  await expect(suggest.locator('.monaco-list-row', { hasText: /^ubuntu/ }).first()).toBeVisible();
  await page.keyboard.type('ubun');
  await page.keyboard.press('Enter');
  // accepting an image inserts "ubuntu:" and opens the tags
  await expect(editor.locator('.view-lines')).toContainText('FROM ubuntu:');
  await expect(suggest.locator('.monaco-list-row', { hasText: '24.04' }).first()).toBeVisible();
});

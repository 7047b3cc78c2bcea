import { expect, test } from '@playwright/test';
import { terminalText, typeCommand, waitForPrompt, watchErrors } from './helpers';

// /play shows the Dockerfile in a read-only preview until Monaco has loaded (after the console's prompt). Reaching for
// the preview loads Monaco at once and hands it the focus and the line clicked; nothing typed is lost.

test('the Dockerfile shows before Monaco; clicking a line of it gives Monaco the focus on that line', async ({ page }) => {
  const errors = watchErrors(page);
  await page.goto('/play/');
  const box = page.getByTestId('dockerfile-editor');
  // The text is on screen in the preview or (on a fast machine) already in Monaco.
  await expect(box).toContainText(/WORKDIR\s\/srv/, { timeout: 30_000 });
  const preview = page.getByTestId('editor-preview');
  if (await preview.isVisible()) {
    await expect(preview).toContainText('Loading the editor');
    await expect(preview.getByRole('textbox')).toHaveAttribute('aria-readonly', 'true');
    await preview.locator('[data-line="3"]').click();
  } else {
    await box.locator('.view-line', { hasText: 'WORKDIR' }).click();
  }
  const monaco = box.locator('.monaco-editor');
  await expect(monaco).toBeVisible({ timeout: 30_000 });
  await expect(preview).toHaveCount(0);
  await expect(box.locator('.line-numbers.active-line-number')).toHaveText('3');
  // (Monaco's focus target is an EditContext element in Chromium, not its textarea)
  await expect.poll(() => page.evaluate(() => !!document.activeElement?.closest('[data-testid="dockerfile-editor"] .monaco-editor'))).toBe(true);
  await page.keyboard.press('Home');
  await page.keyboard.type('# moved here\n');
  await expect(box.locator('.view-lines')).toContainText('# moved here');
  await waitForPrompt(page);
  await typeCommand(page, 'head -n 4 Dockerfile');
  await expect.poll(() => terminalText(page)).toMatch(/alpine:3\.20\s*\n# moved here\s*\nWORKDIR/);
  expect(errors).toEqual([]);
});

test('Monaco loads by itself once the console is up, and the console answers before it', async ({ page }) => {
  await page.goto('/play/');
  await waitForPrompt(page);
  await typeCommand(page, 'docker version --format {{.Client.Version}}-ok');
  await expect.poll(() => terminalText(page), { timeout: 60_000 }).toContain('28.2.2-ok');
  await expect(page.locator('[data-testid="dockerfile-editor"] .monaco-editor')).toBeVisible({ timeout: 30_000 });
  await expect(page.getByTestId('editor-preview')).toHaveCount(0);
});

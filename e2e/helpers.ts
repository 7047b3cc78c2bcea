import { expect, type Page } from '@playwright/test';

export function watchErrors(page: Page): string[] {
  const errors: string[] = [];
  page.on('console', (msg) => {
    if (msg.type() !== 'error') return;
    // Until the lessons exist, prefetching /learn/ 404s; that is not this page's error.
    if (/Failed to load resource/.test(msg.text()) && /\/learn\//.test(msg.location().url)) return;
    errors.push(`${msg.text()} (${msg.location().url})`);
  });
  page.on('pageerror', (err) => errors.push(String(err)));
  return errors;
}

/** The terminal's visible text (xterm renders rows into .xterm-rows). */
export async function terminalText(page: Page): Promise<string> {
  return page.locator('[data-testid="terminal"] .xterm-rows').innerText();
}

export async function waitForPrompt(page: Page) {
  await expect(page.locator('[data-testid="terminal"] .xterm-rows')).toContainText('$', { timeout: 30_000 });
}

/** Types a command into the console and presses Enter. */
export async function typeCommand(page: Page, line: string) {
  await page.locator('[data-testid="terminal"] .xterm').click();
  await page.keyboard.type(line);
  await page.keyboard.press('Enter');
}

/** Waits until the engine worker is up (slow on a loaded machine: the engine and just-bash load in the worker). */
export async function waitForEngine(page: Page) {
  await expect(page.getByTestId('engine-status')).toHaveText('Engine ready', { timeout: 90_000 });
}

/**
 * Types text into the focused Monaco editor line by line. Escape before each Enter closes a completion popup that
 * would otherwise take the Enter (FROM offers image names).
 */
export async function typeInEditor(page: Page, text: string) {
  const lines = text.split('\n');
  for (let i = 0; i < lines.length; i++) {
    if (lines[i]) await page.keyboard.type(lines[i]!);
    if (i < lines.length - 1) {
      await page.keyboard.press('Escape');
      await page.keyboard.press('Enter');
    }
  }
}

import { expect, test, type Page } from '@playwright/test';
import { terminalText, typeCommand, typeInEditor, waitForEngine, waitForPrompt, watchErrors } from './helpers';

const editorLines = (page: Page) => page.locator('[data-testid="dockerfile-editor"] .view-lines');

/** Replaces the open file's text by typing it into Monaco. */
async function setDockerfile(page: Page, text: string) {
  await expect(editorLines(page)).toBeVisible({ timeout: 30_000 });
  await editorLines(page).click();
  await page.keyboard.press('ControlOrMeta+a');
  await page.keyboard.press('Delete');
  await typeInEditor(page, text);
  await expect(editorLines(page)).toContainText(text.split('\n')[0]!);
}

test('a failing step stays marked in red with the error on hover; a good build clears it', async ({ page }) => {
  test.setTimeout(120_000);
  const errors = watchErrors(page);
  await page.goto('/play/');
  await waitForEngine(page);
  await waitForPrompt(page);
  await setDockerfile(page, 'FROM alpine:3.20\nRUN echo ok\nRUN exit 3\nRUN echo never\n');
  await page.getByTestId('build-button').click();
  await expect.poll(() => terminalText(page), { timeout: 45_000 }).toContain('ERROR: failed to solve');
  const failed = page.locator('[data-testid="dockerfile-editor"] .dockerfile-build-step-error');
  await expect(failed).toHaveCount(1);
  // The red line is line 3 (RUN exit 3): same vertical position as that line's text.
  const lineBox = await page.locator('[data-testid="dockerfile-editor"] .view-line', { hasText: 'RUN exit 3' }).boundingBox();
  const markBox = await failed.boundingBox();
  expect(Math.abs(lineBox!.y - markBox!.y)).toBeLessThan(3);
  // The error is a marker: hovering the line shows it.
  await page.locator('[data-testid="dockerfile-editor"] .view-line', { hasText: 'RUN exit 3' }).locator('span span').first().hover();
  await expect(page.locator('.monaco-hover').filter({ hasText: 'exit code: 3' }).first()).toBeVisible({ timeout: 10_000 });
  // Fix the step and build with Ctrl+Enter from the editor: the mark goes, nothing stays highlighted.
  await page.locator('[data-testid="dockerfile-editor"] .view-line', { hasText: 'RUN exit 3' }).click();
  await page.keyboard.press('End');
  await page.keyboard.press('Shift+Home');
  await page.keyboard.type('RUN echo fixed');
  await page.keyboard.press('Escape');
  await page.keyboard.press('ControlOrMeta+Enter');
  await expect.poll(() => terminalText(page), { timeout: 45_000 }).toMatch(/naming to docker\.io\/library\/app:latest/);
  await expect(failed).toHaveCount(0);
  await expect(page.locator('[data-testid="dockerfile-editor"] .dockerfile-build-step')).toHaveCount(0);
  // Layer -> line: the layer explorer's link scrolls the editor to the step's line and flashes it.
  await page.getByTestId('image-list').getByRole('option').filter({ hasText: 'app:latest' }).click();
  await page.getByRole('option', { name: /RUN echo fixed/ }).click();
  await page.getByTestId('layer-reveal-line').click();
  // The flash lasts 1.8 s: measure it and the line in one go, in the page, while it is there.
  const where = await page.waitForFunction(() => {
    const flash = document.querySelector('[data-testid="dockerfile-editor"] .dockerfile-line-flash');
    const line = [...document.querySelectorAll('[data-testid="dockerfile-editor"] .view-line')].find((e) => e.textContent?.replace(/\u00a0/g, ' ').includes('RUN echo fixed'));
    return flash && line ? { flashes: document.querySelectorAll('[data-testid="dockerfile-editor"] .dockerfile-line-flash').length, dy: Math.abs(flash.getBoundingClientRect().y - line.getBoundingClientRect().y) } : null;
  }, undefined, { timeout: 15_000 });
  const { flashes, dy } = (await where.jsonValue())!;
  expect(flashes).toBe(1);
  expect(dy).toBeLessThan(3);
  expect(errors).toEqual([]);
});

test('a runaway RUN step is highlighted while it runs and Ctrl+C stops it; the page and the workspace survive', async ({ page }) => {
  test.setTimeout(120_000);
  await page.goto('/play/');
  await waitForEngine(page);
  await waitForPrompt(page);
  await typeCommand(page, 'docker pull alpine:3.20');
  await expect.poll(() => terminalText(page), { timeout: 30_000 }).toContain('Downloaded newer image for alpine:3.20');
  await setDockerfile(page, 'FROM alpine:3.20\nRUN while true; do :; done\n');
  await page.keyboard.press('ControlOrMeta+Enter');
  // The step being run is highlighted: line 2.
  const running = page.locator('[data-testid="dockerfile-editor"] .dockerfile-build-step');
  await expect(running).toHaveCount(1, { timeout: 30_000 });
  const lineBox = await page.locator('[data-testid="dockerfile-editor"] .view-line', { hasText: 'RUN while true' }).boundingBox();
  expect(Math.abs(lineBox!.y - (await running.boundingBox())!.y)).toBeLessThan(3);
  // The page stays responsive while the worker spins: the tab strip still reacts.
  await page.getByTestId('preview-tab').click();
  await expect(page.getByTestId('preview-tab')).toHaveAttribute('aria-selected', 'true');
  await page.getByTestId('images-tab').click();
  // Ctrl+C in the console stops it (the command, or the watchdog restarting the worker).
  await page.locator('[data-testid="terminal"] .xterm').click();
  await page.keyboard.press('Control+c');
  await expect.poll(() => terminalText(page)).toContain('^C');
  await typeCommand(page, 'echo still-alive');
  await expect.poll(() => terminalText(page), { timeout: 20_000 }).toMatch(/\nstill-alive/);
  await expect(running).toHaveCount(0);
  // Nothing was lost: the edited Dockerfile and the pulled image are still there.
  await typeCommand(page, 'cat Dockerfile');
  await expect.poll(() => terminalText(page)).toMatch(/\nRUN while true; do :; done/);
  await expect(editorLines(page)).toContainText('RUN while true; do :; done');
  await typeCommand(page, 'docker image ls alpine');
  await expect.poll(() => terminalText(page)).toMatch(/alpine\s+3\.20\s+[0-9a-f]{12}/);
});

test('a command that never yields is stopped by restarting the worker from the saved state', async ({ page }) => {
  test.setTimeout(120_000);
  await page.goto('/play/');
  await waitForEngine(page);
  await waitForPrompt(page);
  await typeCommand(page, 'docker pull alpine:3.20');
  await expect.poll(() => terminalText(page), { timeout: 30_000 }).toContain('Downloaded newer image for alpine:3.20');
  // Typed into the editor just before the runaway: it must survive the restart.
  await editorLines(page).click();
  await page.keyboard.press('ControlOrMeta+End');
  await typeInEditor(page, '\nLABEL typed.before=runaway');
  await typeCommand(page, "docker run alpine:3.20 sh -c 'while :; do seq 1 2000 > /dev/null; done'");
  await page.waitForTimeout(1500);
  // The console itself stays usable while the worker is stuck: keys echo, the page reacts.
  await page.keyboard.press('Control+c');
  await expect(page.getByRole('status')).toContainText('Engine restarted', { timeout: 15_000 });
  await waitForPrompt(page);
  await waitForEngine(page);
  await typeCommand(page, 'cat Dockerfile');
  await expect.poll(() => terminalText(page), { timeout: 20_000 }).toContain('LABEL typed.before=runaway');
  await typeCommand(page, 'docker image ls alpine');
  await expect.poll(() => terminalText(page)).toMatch(/alpine\s+3\.20\s+[0-9a-f]{12}/);
  await expect(editorLines(page)).toContainText('LABEL typed.before=runaway');
});

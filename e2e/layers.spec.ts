import { expect, test, type Page } from '@playwright/test';
import { encodeShare } from '../lib/share';
import { terminalText, typeCommand, waitForPrompt, watchErrors } from './helpers';

// The layer explorer: build from the page, then read the layers with the keyboard.
// LAYER_SHOTS=<dir> also saves screenshots (desktop 1440x900 and phone 390x844).
const shots = process.env.LAYER_SHOTS;

const DOCKERFILE = [
  'FROM alpine:3.20',
  "RUN printf '%01048576d' 0 > /big.bin",
  'RUN rm /big.bin',
  'COPY index.html /srv/index.html',
  'RUN echo hello > /srv/hello.txt && echo more >> /etc/motd',
  'CMD ["sh"]',
  '',
].join('\n');

const enc = new TextEncoder();
const link = () =>
  encodeShare({
    files: [
      { path: 'Dockerfile', data: enc.encode(DOCKERFILE) },
      { path: 'index.html', data: enc.encode('<h1>layers</h1>\n') },
    ],
    commands: [],
    active: 'Dockerfile',
  });

async function buildFromThePage(page: Page, phone = false) {
  await page.goto(`/play/#${link()}`);
  if (phone) await page.getByRole('tab', { name: 'Console' }).click();
  // the first load on a busy machine can take a while: wait longer than waitForPrompt does
  await expect(page.locator('[data-testid="terminal"] .xterm-rows')).toContainText('$', { timeout: 90_000 });
  await waitForPrompt(page);
  await expect(page.getByTestId('engine-status')).toHaveText('Engine ready', { timeout: 30_000 });
  await page.getByTestId('build-button').click();
  await expect.poll(() => terminalText(page), { timeout: 30_000 }).toContain('naming to docker.io/library/app');
  // the build is over when the prompt is back (the console may take the focus until then)
  await expect.poll(() => terminalText(page), { timeout: 30_000 }).toMatch(/naming to docker\.io\/library\/app[\s\S]*\n\$\s*$/);
}

const rows = (page: Page) => page.getByTestId('layer-explorer').getByRole('option');

test('the layer explorer shows each layer, its A/M/D changes and the wasted space, all by keyboard', async ({ page }) => {
  test.setTimeout(150_000);
  const errors = watchErrors(page);
  await page.setViewportSize({ width: 1440, height: 900 });
  await buildFromThePage(page);
  const explorer = page.getByTestId('layer-explorer');
  await expect(explorer).toContainText('Layers of app:latest');
  // 1 MB written by one RUN and removed by the next still ships: wasted, and the score says so.
  await expect(page.getByTestId('layer-wasted')).toHaveText('1.05 MB wasted');
  await expect(page.getByTestId('layer-efficiency')).toContainText('88%');

  // Newest first: CMD, RUN echo, COPY, RUN rm, RUN printf, then the base image's rows.
  await expect(rows(page)).toHaveCount(7);
  await expect(rows(page).nth(1)).toHaveAttribute(
    'aria-label',
    'Layer 6 of 7: RUN echo hello > /srv/hello.txt && echo more >> /etc/motd. 295 B, 1 file added, 1 modified, 0 removed. Dockerfile line 5, rebuilt: an earlier step was rebuilt.',
  );
  // The first layer with files is selected: its file tree shows the marks.
  await expect(rows(page).nth(1)).toHaveAttribute('aria-selected', 'true');
  const tree = page.getByTestId('layer-tree');
  await expect(tree.locator('[role="treeitem"][data-path="/srv/hello.txt"]')).toHaveAttribute('data-kind', 'A');
  await expect(tree.locator('[role="treeitem"][data-path="/etc/motd"]')).toHaveAttribute('data-kind', 'M');

  // Keyboard: the list is one tab stop; arrows move the selection; Enter goes into the tree.
  await rows(page).nth(1).click();
  await expect(rows(page).nth(1)).toBeFocused();
  await page.keyboard.press('ArrowDown'); // COPY
  await page.keyboard.press('ArrowDown'); // RUN rm
  await expect(rows(page).nth(3)).toHaveAttribute('aria-selected', 'true');
  await expect(rows(page).nth(3)).toBeFocused();
  await expect(page.getByTestId('layer-detail-command')).toHaveText('RUN rm /big.bin');
  await expect(page.getByTestId('layer-detail-counts')).toHaveText('0 files added, 0 modified, 1 removed');
  await expect(tree.locator('[data-path="/big.bin"]')).toHaveAttribute('data-kind', 'D');
  await page.keyboard.press('ArrowDown'); // RUN printf: the wasted megabyte
  await expect(page.getByTestId('layer-detail-command')).toHaveText("RUN printf '%01048576d' 0 > /big.bin");
  await expect(rows(page).nth(4)).toHaveAttribute('aria-label', /1\.05 MB, 1 file added, 0 modified, 0 removed\. 1\.05 MB of it wasted by later layers\. Dockerfile line 2/);
  await page.keyboard.press('End');
  await expect(rows(page).nth(6)).toBeFocused();
  await expect(rows(page).nth(6)).toHaveAttribute('aria-label', /From the base image \(FROM alpine:3\.20, line 1\)/);
  await page.keyboard.press('Home');
  await expect(rows(page).nth(0)).toHaveAttribute('aria-label', 'Layer 7 of 7: CMD ["sh"]. Metadata only, no files. Dockerfile line 6.');

  // Into the tree of the COPY layer: Right opens a folder, Down moves, Left goes back to the parent.
  await page.keyboard.press('ArrowDown');
  await page.keyboard.press('ArrowDown');
  await expect(page.getByTestId('layer-detail-command')).toHaveText('COPY index.html /srv/index.html');
  // The layer's files arrive from the worker: Enter moves into the tree once it is there.
  await expect(tree.locator('[role="treeitem"][data-path="/srv"]')).toBeVisible();
  await page.keyboard.press('Enter');
  const focused = page.locator('[role="treeitem"]:focus');
  await expect(focused).toHaveAttribute('data-path', '/srv');
  await expect(focused).toHaveAttribute('aria-expanded', 'true');
  await page.keyboard.press('ArrowDown');
  await expect(focused).toHaveAttribute('data-path', '/srv/index.html');
  await expect(focused).toHaveAttribute('aria-label', 'index.html, file, 16 B, added');
  await page.keyboard.press('ArrowLeft');
  await expect(focused).toHaveAttribute('data-path', '/srv');
  await page.keyboard.press('ArrowLeft');
  await expect(focused).toHaveAttribute('aria-expanded', 'false');

  // Cumulative view: the whole file system at that layer, with this layer's marks.
  await page.getByRole('tab', { name: 'Cumulative' }).click();
  await expect(tree.locator('[data-path="/etc"]')).toBeVisible();
  await expect(tree.locator('[data-path="/srv"]')).toHaveAttribute('data-kind', 'M'); // alpine has /srv
  await expect(tree.locator('[data-path="/srv/index.html"]')).toHaveAttribute('data-kind', 'A');
  await expect(tree.locator('[data-path="/etc"]')).toHaveAttribute('data-kind', ''); // untouched by the COPY

  // Wasted space: the top wasted files.
  await page.getByTestId('layer-wasted').click();
  await expect(page.getByTestId('wasted-files')).toContainText('/big.bin');
  await expect(page.getByTestId('wasted-files')).toContainText('removed later');

  if (shots) await page.screenshot({ path: `${shots}/layers-desktop.png` });

  // Each layer links back to its Dockerfile line: the editor opens there.
  await rows(page).filter({ hasText: 'RUN rm /big.bin' }).click();
  await page.getByTestId('layer-reveal-line').click();
  await expect(page.locator('[data-testid="dockerfile-editor"] .line-numbers.active-line-number')).toHaveText('3');

  // A container's writable layer goes on top of the stack.
  await typeCommand(page, 'docker run --name web app sh -c "echo x > /tmp/x; rm /srv/hello.txt"');
  await expect(page.getByTestId('layer-row-container')).toBeVisible({ timeout: 15_000 });
  await expect(page.getByTestId('layer-row-container')).toHaveAttribute('aria-label', /Writable layer of container web, exited, on top of the image: 2 B, 1 file added, 0 modified, 1 removed\./);
  await page.getByTestId('layer-row-container').click();
  await page.getByRole('tab', { name: 'Changes' }).click();
  await expect(tree.locator('[data-path="/srv/hello.txt"]')).toHaveAttribute('data-kind', 'D');
  await expect(tree.locator('[data-path="/tmp/x"]')).toHaveAttribute('data-kind', 'A');
  if (shots) await page.screenshot({ path: `${shots}/layers-desktop-container.png` });

  // Full screen, and Esc closes it.
  await page.getByTestId('layer-explorer-expand').click();
  await expect(explorer).toHaveAttribute('role', 'dialog');
  if (shots) await page.screenshot({ path: `${shots}/layers-desktop-full.png` });
  await page.keyboard.press('Escape');
  await expect(explorer).not.toHaveAttribute('role', 'dialog');

  // A rebuild takes every step from the cache.
  await page.getByTestId('build-button').click();
  await expect.poll(async () => (await terminalText(page)).split('naming to docker.io/library/app:latest').length, { timeout: 30_000 }).toBe(3);
  await rows(page).filter({ hasText: 'RUN rm /big.bin' }).click();
  await expect(page.getByTestId('layer-detail-cache')).toHaveText('cached');
  expect(errors).toEqual([]);
});

test('the layer explorer on a phone', async ({ browser }) => {
  test.setTimeout(120_000);
  const context = await browser.newContext({ viewport: { width: 390, height: 844 }, deviceScaleFactor: 2 });
  const page = await context.newPage();
  await buildFromThePage(page, true);
  await page.getByRole('tab', { name: 'Images' }).click();
  const explorer = page.getByTestId('layer-explorer');
  await expect(explorer).toBeVisible();
  await expect(page.getByTestId('layer-wasted')).toHaveText('1.05 MB wasted');
  await expect(rows(page).first()).toBeVisible();
  if (shots) await page.screenshot({ path: `${shots}/layers-phone.png` });
  await rows(page).filter({ hasText: 'RUN rm /big.bin' }).click();
  await expect(page.getByTestId('layer-tree').locator('[data-path="/big.bin"]')).toHaveAttribute('data-kind', 'D');
  await page.getByTestId('layer-explorer-expand').click();
  if (shots) await page.screenshot({ path: `${shots}/layers-phone-full.png` });
  await context.close();
});

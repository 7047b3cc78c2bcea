import { expect, test } from '@playwright/test';
import { encodeShare } from '../lib/share';
import { terminalText, typeCommand, waitForPrompt, watchErrors } from './helpers';

const enc = new TextEncoder();

test('a share link restores the files and replays the commands', async ({ page }) => {
  const errors = watchErrors(page);
  const link = encodeShare({
    files: [
      { path: 'Dockerfile', data: enc.encode('FROM alpine:3.20\nLABEL shared=yes\n') },
      { path: 'notes.txt', data: enc.encode('<script>alert(1)</script>\n') },
    ],
    commands: ['echo shared-hello', 'cat notes.txt'],
    active: 'Dockerfile',
  });
  await page.goto(`/play/#${link}`);
  await expect(page.getByTestId('file-tree')).toContainText('notes.txt');
  await expect(page.locator('[data-testid="dockerfile-editor"] .view-lines')).toContainText('LABEL shared=yes', { timeout: 30_000 });
  await expect.poll(() => terminalText(page)).toMatch(/\nshared-hello/);
  // File contents are text in the terminal, never HTML.
  await expect.poll(() => terminalText(page)).toContain('<script>alert(1)</script>');
  // The hash is consumed: a reload shows the saved playground, not a second replay.
  await expect.poll(() => page.evaluate(() => location.hash)).toBe('');
  expect(errors).toEqual([]);
});

test('a broken share link says so and opens the playground', async ({ page }) => {
  await page.goto('/play/#v1/not-a-valid-payload');
  await expect(page.getByRole('status')).toContainText('share link');
  await waitForPrompt(page);
});

test('the share dialog offers a link that opens the same workspace', async ({ page, context }) => {
  await page.goto('/play/');
  await waitForPrompt(page);
  await typeCommand(page, 'echo from-the-dialog');
  await expect.poll(() => terminalText(page)).toMatch(/\nfrom-the-dialog/);
  await page.getByTestId('share-button').click();
  const url = await page.getByTestId('share-url').inputValue();
  expect(url).toMatch(/\/play\/#v1\/[A-Za-z0-9_-]+$/);
  const other = await context.browser()!.newContext();
  const p2 = await other.newPage();
  await p2.goto(url.replace(/^https?:\/\/[^/]+/, ''.concat(new URL(page.url()).origin)));
  await expect.poll(() => terminalText(p2), { timeout: 30_000 }).toMatch(/\nfrom-the-dialog/);
  await other.close();
});

test('the embed page shows editor and console and runs ?cmd= commands', async ({ page }) => {
  const errors = watchErrors(page);
  await page.goto('/embed/?cmd=echo%20embedded-run');
  await expect(page.locator('header')).toHaveCount(0);
  await expect(page.getByTestId('dockerfile-editor')).toBeVisible();
  await expect.poll(() => terminalText(page)).toMatch(/\nembedded-run/);
  expect(errors).toEqual([]);
});

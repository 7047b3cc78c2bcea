import { expect, test, type Page } from '@playwright/test';
import { terminalText, typeCommand, waitForEngine, waitForPrompt } from './helpers';

async function ready(page: Page) {
  await page.goto('/play/');
  await waitForEngine(page);
  await waitForPrompt(page);
}

/** True when the last non-empty row of the console is a bare `$` prompt. */
async function atPrompt(page: Page): Promise<boolean> {
  const rows = (await terminalText(page)).split('\n').filter((l) => l.trim() !== '');
  return /^\$\s*$/.test(rows.at(-1) ?? '');
}

/**
 * Clears the console, runs a command whose output rows start with `tag`, and returns those rows once the prompt is
 * back (the command line itself may wrap; the rows are kept short enough not to).
 */
async function outputOf(page: Page, line: string, tag: string): Promise<string> {
  await page.getByRole('button', { name: 'Clear' }).click();
  await typeCommand(page, line);
  let out = '';
  await expect
    .poll(async () => {
      if (!(await atPrompt(page))) return false;
      const rows = (await terminalText(page)).split('\n').map((l) => l.replace(/\u00a0/g, ' ').trimEnd());
      out = rows.filter((l) => l.startsWith(tag)).join('\n');
      return out !== '';
    }, { timeout: 30_000 })
    .toBe(true);
  return out;
}

test('Upload puts files into the build context; text opens in the editor, binary files are listed', async ({ page }) => {
  await ready(page);
  await page.getByTestId('upload-input').setInputFiles([
    { name: 'app.py', mimeType: 'text/x-python', buffer: Buffer.from('print("uploaded")\n') },
    { name: 'logo.png', mimeType: 'image/png', buffer: Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0xff, 0xfe, 0x00]) },
  ]);
  await expect(page.getByTestId('file-tree')).toContainText('app.py');
  await expect(page.getByTestId('file-tree')).toContainText('logo.png');
  await expect(page.locator('[data-testid="dockerfile-editor"] .view-lines')).toContainText('print("uploaded")', { timeout: 30_000 });
  await typeCommand(page, 'cat app.py');
  await expect.poll(() => terminalText(page)).toMatch(/\nprint\("uploaded"\)/);
  await typeCommand(page, 'ls');
  await expect.poll(() => terminalText(page)).toMatch(/\$ ls\s*\n.*logo\.png/);
  await page.getByTestId('file-tree').getByRole('button', { name: 'logo.png', exact: true }).click();
  await expect(page.getByTestId('dockerfile-editor')).toContainText('logo.png is a binary file');
  // A bad name is refused with a message.
  await page.getByTestId('upload-input').setInputFiles([{ name: 'bad\\name.txt', mimeType: 'text/plain', buffer: Buffer.from('x') }]);
  await expect(page.getByRole('alert').filter({ hasText: 'characters a path cannot hold' })).toBeVisible();
});

test('a share link opened in a fresh browser gives the same docker image ls and docker history', async ({ page, browser }) => {
  // The link carries each command's clock reading and the engine is seeded the same in every fresh page, so the
  // replay creates the same image and container IDs.
  test.setTimeout(180_000);
  await page.setViewportSize({ width: 1920, height: 1080 });
  await ready(page);
  await page.getByTestId('build-button').click();
  await expect.poll(() => terminalText(page), { timeout: 45_000 }).toMatch(/naming to docker\.io\/library\/app:latest/);
  await typeCommand(page, 'docker run -d --name web -p 8080:80 app');
  await expect.poll(() => terminalText(page), { timeout: 30_000 }).toMatch(/\n[0-9a-f]{40}/);
  // Everything but the CREATED columns, which say how long ago (and the replay ran later).
  const LS = "docker image ls --format 'I {{.Repository}}:{{.Tag}} {{.ID}} {{.Size}}'";
  const HISTORY = "docker history --format 'H {{.ID}} {{.Size}} {{.CreatedBy}}' app";
  const PS = "docker ps -a --format 'P {{.ID}} {{.Image}} {{.Names}} {{.Ports}}'";
  const images = await outputOf(page, LS, 'I ');
  const history = await outputOf(page, HISTORY, 'H ');
  const ps = await outputOf(page, PS, 'P ');
  expect(images).toMatch(/I app:latest [0-9a-f]{12}/);
  expect(history).toContain('RUN /bin/sh -c');
  expect(ps).toMatch(/P [0-9a-f]{12} app web/);
  await page.getByTestId('share-button').click();
  const url = await page.getByTestId('share-url').inputValue();
  const other = await browser.newContext({ viewport: { width: 1920, height: 1080 } });
  const p2 = await other.newPage();
  await p2.goto(new URL(new URL(url).pathname + new URL(url).hash, page.url()).toString());
  await waitForEngine(p2);
  // The replay ran the same commands; then the same questions give the same answers.
  await expect.poll(() => terminalText(p2), { timeout: 60_000 }).toContain(PS);
  await expect.poll(() => atPrompt(p2), { timeout: 60_000 }).toBe(true);
  expect(await outputOf(p2, LS, 'I ')).toBe(images);
  expect(await outputOf(p2, HISTORY, 'H ')).toBe(history);
  expect(await outputOf(p2, PS, 'P ')).toBe(ps);
  await other.close();
});

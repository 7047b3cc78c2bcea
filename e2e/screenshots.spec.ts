import { test } from '@playwright/test';
import { typeCommand, typeInEditor, waitForPrompt } from './helpers';

// Screenshots for the README and for reviewing the design: `SCREENSHOTS=dir npx playwright test screenshots`.
const dir = process.env.SCREENSHOTS;

const sizes = [
  { name: 'desktop', viewport: { width: 1440, height: 900 }, scale: 1 },
  { name: 'phone', viewport: { width: 390, height: 844 }, scale: 2 },
];

for (const size of sizes) {
  test(`screenshots at ${size.name} size`, async ({ browser }) => {
    test.skip(!dir, 'set SCREENSHOTS=<dir> to take screenshots');
    test.setTimeout(240_000);
    const context = await browser.newContext({ viewport: size.viewport, deviceScaleFactor: size.scale });
    const page = await context.newPage();
    const phone = size.name === 'phone';
    await page.goto('/');
    await page.waitForTimeout(500);
    await page.screenshot({ path: `${dir}/home-${size.name}.png`, fullPage: phone });
    await page.goto('/play/');
    if (phone) await page.getByRole('tab', { name: 'Console' }).click();
    await waitForPrompt(page);
    await page.getByText('Engine ready').waitFor({ timeout: 30_000 }).catch(() => undefined);
    await typeCommand(page, 'docker pull alpine:3.20');
    await page.waitForTimeout(1500);
    await page.getByTestId('build-button').click();
    await page.waitForTimeout(2500);
    await typeCommand(page, 'docker run -d -p 8080:80 --name web nginx');
    await page.waitForTimeout(3000);
    await typeCommand(page, 'docker image ls');
    await page.waitForTimeout(800);
    if (phone) {
      await page.screenshot({ path: `${dir}/play-${size.name}-console.png` });
      await page.getByRole('tab', { name: 'Images' }).click();
      await page.waitForTimeout(600);
      await page.screenshot({ path: `${dir}/play-${size.name}-images.png` });
      await page.getByRole('tab', { name: 'Preview' }).click();
      await page.waitForTimeout(800);
      await page.screenshot({ path: `${dir}/play-${size.name}-preview.png` });
      await page.getByRole('tab', { name: 'Editor' }).click();
      await page.waitForTimeout(600);
      await page.screenshot({ path: `${dir}/play-${size.name}.png` });
    } else {
      await page.screenshot({ path: `${dir}/play-${size.name}.png` });
      await page.getByTestId('preview-tab').click();
      await page.waitForTimeout(800);
      await page.screenshot({ path: `${dir}/play-${size.name}-preview.png` });
      // A failed build: the failing step stays marked in the editor.
      await page.locator('[data-testid="dockerfile-editor"] .view-lines').click();
      await page.keyboard.press('ControlOrMeta+End');
      await typeInEditor(page, '\nRUN cp missing.txt /srv/');
      await page.keyboard.press('Escape');
      await page.keyboard.press('ControlOrMeta+Enter');
      await page.waitForTimeout(2500);
      await page.locator('[data-testid="dockerfile-editor"] .view-line', { hasText: 'RUN cp missing.txt' }).locator('span span').first().hover();
      await page.waitForTimeout(800);
      await page.screenshot({ path: `${dir}/play-${size.name}-failed-step.png` });
      await page.mouse.move(700, 880); // the hover would cover the toolbar
      await page.keyboard.press('Escape');
      await page.getByTestId('share-button').click();
      await page.waitForTimeout(300);
      await page.screenshot({ path: `${dir}/share-${size.name}.png` });
    }
    await context.close();
  });
}

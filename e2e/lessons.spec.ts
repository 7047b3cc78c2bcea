import { expect, test } from '@playwright/test';

// A learner on a lesson page: starts an exercise, checks a wrong state (each condition named), applies the solution,
// checks again (all pass), and the course map remembers it after a reload.
const shots = process.env.SCREENSHOTS;

test('an exercise names the failing check, then passes with the solution', async ({ page }) => {
  test.setTimeout(120_000);
  const errors: string[] = [];
  page.on('console', (m) => { if (m.type() === 'error') errors.push(m.text()); });
  await page.setViewportSize({ width: 1280, height: 900 });
  await page.goto('/learn/tagging-images/');
  await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
  const ex = page.locator('section[aria-labelledby="ex-two-names"]');
  await ex.getByRole('button', { name: 'Start the exercise' }).click();
  await ex.getByRole('button', { name: 'Check', exact: true }).click();
  const status = ex.getByRole('status').filter({ hasText: 'checks pass' });
  await expect(status).toContainText('0 of 4 checks pass.', { timeout: 30_000 });
  await expect(ex.getByLabel('Check results')).toContainText('mytools:1.0');
  if (shots) await ex.screenshot({ path: `${shots}/lesson-check-failed.png` });

  await ex.getByRole('button', { name: 'Show the solution' }).click();
  await ex.getByRole('button', { name: 'Apply the solution in this console' }).click();
  await expect(ex.getByRole('button', { name: 'Check', exact: true })).toBeEnabled({ timeout: 30_000 });
  await expect(async () => {
    await ex.getByRole('button', { name: 'Check', exact: true }).click();
    await expect(status).toContainText('All checks pass.', { timeout: 5_000 });
  }).toPass({ timeout: 45_000 });
  await expect(ex.getByText('✓ Passed')).toBeVisible();
  if (shots) {
    await ex.screenshot({ path: `${shots}/lesson-check-passed.png` });
    await page.screenshot({ path: `${shots}/lesson-page.png` });
  }
  expect(errors).toEqual([]);
});

import { expect, test } from '@playwright/test';
import { watchErrors } from './helpers';

test('home page sells the playground and links to it', async ({ page }) => {
  const errors = watchErrors(page);
  await page.goto('/');
  await expect(page.getByRole('heading', { level: 1 })).toContainText('Learn Docker');
  await expect(page.getByRole('link', { name: 'Open the playground' })).toHaveAttribute('href', '/play/');
  await expect(page.getByRole('link', { name: 'Start the lessons' })).toHaveAttribute('href', '/learn/');
  await expect(page.getByLabel('Example terminal session')).toContainText('Successfully tagged hello:latest');
  expect(errors).toEqual([]);
});

test('/learn loads without console errors', async ({ page }) => {
  const errors = watchErrors(page);
  const res = await page.goto('/learn/');
  test.skip(res?.status() === 404, 'the lessons are not built yet');
  await expect(page.locator('h1').first()).toBeVisible();
  expect(errors).toEqual([]);
});

// Wrong links lead to a friendly page that says what happened and where to go, not a blank
// screen or an error code.
import { expect, test } from '../support/test';
import { expectAccessible } from '../support/axe';
import { heading } from '../support/booking';
import { TEXT } from '../support/text';

const t = TEXT.en;

test('an unknown visit link shows a friendly not-found page', async ({ page }) => {
  // Well formed (43 URL-safe characters) but never issued.
  await page.goto('/a/' + 'x'.repeat(43));
  await expect(heading(page)).toHaveText(t.visitMissingTitle);
  await expect(page.getByText(/call the clinic/)).toBeVisible();
  await expect(page.getByRole('link', { name: t.notFoundHome })).toHaveAttribute('href', '/');
  await expectAccessible(page, 'unknown visit');

  // A mangled link says the same.
  await page.goto('/a/not-a-token');
  await expect(heading(page)).toHaveText(t.visitMissingTitle);
});

test('an unknown address shows a friendly page-not-found', async ({ page }) => {
  await page.goto('/no/such/page');
  await expect(heading(page)).toHaveText(t.notFoundTitle);
  const home = page.getByRole('link', { name: t.notFoundHome });
  await expect(home).toBeVisible();
  await expectAccessible(page, 'page not found');

  // The way out works: the start page, which leads on to booking.
  await home.click();
  await expect(heading(page)).toHaveText(t.homeTitle);
  await expectAccessible(page, 'start page');
});

test('an unknown clinic says so instead of showing an empty booking page', async ({ page }) => {
  await page.goto('/book/no-such-clinic');
  await expect(heading(page)).toHaveText(t.notFoundTitle);
  await expectAccessible(page, 'unknown clinic');
});

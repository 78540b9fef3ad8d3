// An article of the health library arrives with the article in it (server/src/routes/
// learn_page.rs): readable before the app has loaded and without JavaScript, the words around it
// in the browser's language; the app then takes over with the same page, once.
import { expect, test } from '../support/test';
import { expectAccessible } from '../support/axe';
import { layoutShift, markPage, stillSamePage } from '../support/drawn';
import { appReady } from '../support/booking';
import { expectNoSideScroll } from '../support/setup';
import { DIABETES } from '../support/text';

test('without JavaScript the article reads in full, with its way back to the library', async ({ browser }) => {
  const context = await browser.newContext({ javaScriptEnabled: false });
  try {
    const page = await context.newPage();
    await page.goto(`/learn/demo/${DIABETES.slugEn}`);
    await expect(page.getByRole('heading', { level: 1 })).toHaveText(DIABETES.en);
    await expect(page).toHaveTitle(`${DIABETES.en} · Carebook`);
    await expect(page.getByText(/\d+ min read · Last reviewed October 15, 2026/)).toBeVisible();
    await expect(page.locator('.article-body h2').first()).toBeVisible();
    await expect(page.getByRole('link', { name: '+1 212 555 0142' })).toHaveAttribute('href', 'tel:+12125550142');
    await expect(page.getByRole('link', { name: 'Back to the health library' }).first()).toHaveAttribute(
      'href',
      '/learn/demo',
    );
    await page.getByRole('link', { name: 'Leer en español' }).click();
    await expect(page).toHaveURL(`/learn/demo/${DIABETES.slugEs}`);
    await expect(page.getByRole('heading', { level: 1 })).toHaveText(DIABETES.es);
  } finally {
    await context.close();
  }
});

test('a Spanish browser gets the words around the article in Spanish from the server', async ({ request }) => {
  const response = await request.get(`/learn/demo/${DIABETES.slugEs}`, {
    headers: { 'Accept-Language': 'es-MX,es;q=0.9' },
  });
  expect(response.status()).toBe(200);
  const html = await response.text();
  expect(html).toContain('data-shell');
  expect(html).toMatch(/<html lang="?es"?/);
  expect(html).toContain(DIABETES.es);
  expect(html).toContain('Revisado por última vez el 15 de octubre de 2026');
  // An article that does not exist gets the library's page as built: its app says so.
  const missing = await request.get('/learn/demo/no-such-article');
  expect(missing.status()).toBe(200);
  expect(await missing.text()).not.toContain('data-shell');
});

test('the app takes over from the article the server sent: one heading, no shift, its buttons work', async ({ page }) => {
  await page.goto(`/learn/demo/${DIABETES.slugEn}`);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(DIABETES.en);
  await appReady(page);
  await expect(page.locator('h1')).toHaveCount(1);
  await expect(page.locator('article.learn-article')).toHaveCount(1);
  const shift = await layoutShift(page);
  expect(shift, 'layout shift while the app took over').toBeLessThanOrEqual(0.02);
  await expectAccessible(page, 'article drawn by the server, then the app');
  await expectNoSideScroll(page, 'article drawn by the server, then the app');

  // The app is in charge: the other language opens within the page, in that language.
  await markPage(page);
  await page.getByRole('link', { name: 'Leer en español' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(DIABETES.es);
  await expect(page.getByText(/min de lectura · Revisado por última vez el 15 de octubre de 2026/)).toBeVisible();
  expect(await stillSamePage(page), 'the app handled it within the page').toBe(true);
});

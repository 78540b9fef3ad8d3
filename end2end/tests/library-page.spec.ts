// The health library's list arrives drawn by the server (server/src/routes/learn_page.rs): its
// topics, articles and search work before the app has loaded and without JavaScript; the app
// then takes over with the same page, once, without anything moving, and keeps what was typed.
import { expect, test } from '../support/test';
import { expectAccessible } from '../support/axe';
import { layoutShift, markPage, stillSamePage } from '../support/drawn';
import { appReady } from '../support/booking';
import { expectNoSideScroll } from '../support/setup';
import { DIABETES } from '../support/text';

test('without JavaScript the library lists its topics, and a topic and a search still work', async ({ browser }) => {
  const context = await browser.newContext({ javaScriptEnabled: false });
  try {
    const page = await context.newPage();
    await page.goto('/learn/demo');
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('Health library');
    await expect(page).toHaveTitle('Health library · Carebook');
    const topics = page.getByRole('navigation', { name: 'Topics' });
    await expect(topics.getByRole('link', { name: 'All topics' })).toHaveAttribute('aria-current', 'page');
    expect(await page.locator('.article-card').count()).toBeGreaterThanOrEqual(8);

    // A topic is a plain link: the server draws its list.
    await topics.getByRole('link', { name: /^Diabetes \(2\)$/ }).click();
    await expect(page).toHaveURL(/category=Diabetes/);
    await expect(page.locator('.article-card')).toHaveCount(2);
    await expect(topics.getByRole('link', { name: /^Diabetes/ })).toHaveAttribute('aria-current', 'page');

    // The search box is a form: the browser sends it, the server draws the results.
    const search = page.getByRole('searchbox', { name: 'Search the library' });
    await search.fill('diab');
    await search.press('Enter');
    await expect(page.getByRole('heading', { name: 'Results for “diab”' })).toBeVisible();
    await expect(page.locator('.article-card').first().getByRole('heading')).toHaveText(DIABETES.en);
    await expect(search).toHaveValue('diab');
  } finally {
    await context.close();
  }
});

test('a Spanish browser gets the library in Spanish from the server', async ({ request }) => {
  const response = await request.get('/learn/demo', { headers: { 'Accept-Language': 'es-MX,es;q=0.9' } });
  expect(response.status()).toBe(200);
  const html = await response.text();
  expect(html).toContain('data-shell');
  expect(html).toMatch(/<html lang="?es"?/);
  expect(html).toContain('Biblioteca de salud');
  expect(html).toContain(DIABETES.es);
  // A clinic that does not exist gets the library's page as built: its app says so.
  const missing = await request.get('/learn/no-such-clinic');
  expect(missing.status()).toBe(200);
  expect(await missing.text()).not.toContain('data-shell');
});

test('the app takes over from the list the server sent: one heading, no shift, and search within the page', async ({ page }) => {
  await page.goto('/learn/demo?category=Diabetes');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Health library');
  await appReady(page);
  await expect(page.locator('h1')).toHaveCount(1);
  await expect(page.locator('.article-card')).toHaveCount(2);
  const shift = await layoutShift(page);
  expect(shift, 'layout shift while the app took over').toBeLessThanOrEqual(0.02);
  await expectAccessible(page, 'library drawn by the server, then the app');
  await expectNoSideScroll(page, 'library drawn by the server, then the app');

  // The app is in charge: a search is answered within the page and its count announced.
  await markPage(page);
  const search = page.getByRole('searchbox', { name: 'Search the library' });
  await search.fill('diab');
  await search.press('Enter');
  await expect(page).toHaveURL(/\?q=diab$/);
  await expect(page.getByRole('heading', { name: 'Results for “diab”' })).toBeVisible();
  await expect(page.getByRole('status')).toHaveText(/articles? found/);
  expect(await stillSamePage(page), 'the app handled it within the page').toBe(true);
});

test.describe('typing before the app has loaded', () => {
  // The offline worker would fetch the wasm itself, past the route below that holds it back.
  test.use({ serviceWorkers: 'block' });

  test('what was typed into the drawn search box, and its focus, carry over to the app', async ({ page }) => {
    // The app's wasm is held back until the patient has typed.
    let release: () => void = () => {};
    const typed = new Promise<void>((resolve) => (release = resolve));
    await page.route('**/*_bg.wasm', async (route) => {
      await typed;
      await route.continue();
    });
    await page.goto('/learn/demo');
    const search = page.getByRole('searchbox', { name: 'Search the library' });
    await search.fill('back pa');
    await expect(page.locator('#boot[data-shell]')).toHaveCount(1);
    release();
    await appReady(page);
    await expect(search).toHaveValue('back pa');
    await expect(search).toBeFocused();
    await page.keyboard.type('in');
    await page.keyboard.press('Enter');
    await expect(page).toHaveURL(/\?q=back%20pain$/);
    await expect(page.getByRole('heading', { name: 'Results for “back pain”' })).toBeVisible();
  });
});

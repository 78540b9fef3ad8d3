// The health library: a patient browses the demo clinic's topics, searches with the start of a
// word, reads an article, switches it to Spanish, and the pages stay accessible and fit a
// 360px phone.
import { expect, test } from '../support/test';
import { expectAccessible } from '../support/axe';
import { expectNoSideScroll } from '../support/setup';
import { appReady } from '../support/booking';
import { DIABETES } from '../support/text';

test('the library lists topics and articles, and a search finds the diabetes article first', async ({ page }) => {
  await page.goto('/learn/demo');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Health library');
  // What follows is the app's (the page the server drew before it: library-page.spec.ts).
  await appReady(page);
  await expect(page.getByText('Short articles from Riverside Family Clinic')).toBeVisible();
  const topics = page.getByRole('navigation', { name: 'Topics' });
  await expect(topics.getByRole('link', { name: 'All topics' })).toHaveAttribute('aria-current', 'page');
  await expect(topics.getByRole('link', { name: /^Diabetes \(2\)$/ })).toBeVisible();
  await expect(topics.getByRole('link', { name: /^Back pain \(1\)$/ })).toBeVisible();
  const cards = page.locator('.article-card');
  expect(await cards.count()).toBeGreaterThanOrEqual(8);
  await expect(cards.first()).toContainText('min read');
  await expectAccessible(page, 'library');
  await expectNoSideScroll(page, 'library');

  // A topic narrows the list.
  await topics.getByRole('link', { name: /^Diabetes/ }).click();
  await expect(page).toHaveURL(/category=Diabetes/);
  await expect(cards).toHaveCount(2);

  // Typing the start of a word and pressing Enter searches; the count is announced.
  const search = page.getByRole('searchbox', { name: 'Search the library' });
  await search.fill('diab');
  await search.press('Enter');
  await expect(page).toHaveURL(/\?q=diab$/);
  await expect(page.getByRole('heading', { name: 'Results for “diab”' })).toBeVisible();
  await expect(cards.first().getByRole('heading')).toHaveText(DIABETES.en);
  await expect(page.getByRole('status')).toHaveText(/articles? found/);
  await expectAccessible(page, 'library search results');

  // Nothing found: says so, with a way on.
  await search.fill('zzzzqx');
  await search.press('Enter');
  await expect(page.getByText('No articles match “zzzzqx”.').first()).toBeVisible();
  await expect(page.getByRole('link', { name: 'Show all articles' })).toBeVisible();
  await expectAccessible(page, 'library, no results');
});

test('an article reads well, links to its Spanish version and switches language', async ({ page }) => {
  await page.goto('/learn/demo?q=diab');
  await appReady(page);
  await page.getByRole('link', { name: DIABETES.en }).click();
  await expect(page).toHaveURL(`/learn/demo/${DIABETES.slugEn}`);
  const title = page.getByRole('heading', { level: 1 });
  await expect(title).toHaveText(DIABETES.en);
  await expect(page.getByText(/\d+ min read · Last reviewed October 15, 2026/)).toBeVisible();
  await expect(page.locator('article.learn-article')).toHaveAttribute('lang', 'en');
  await expect(page.locator('.article-body h2').first()).toBeVisible();
  await expect(page.getByRole('link', { name: '+1 212 555 0142' })).toHaveAttribute('href', 'tel:+12125550142');
  await expectAccessible(page, 'article');
  await expectNoSideScroll(page, 'article');

  // The link to the other language, named in that language.
  await page.getByRole('link', { name: 'Leer en español' }).click();
  await expect(page).toHaveURL(`/learn/demo/${DIABETES.slugEs}`);
  await expect(title).toHaveText(DIABETES.es);
  await expect(page.locator('article.learn-article')).toHaveAttribute('lang', 'es');
  await expect(page.getByText(/min de lectura · Revisado por última vez el 15 de octubre de 2026/)).toBeVisible();
  await expectAccessible(page, 'article in Spanish');

  // The language switch in the header takes it back to English.
  await page.getByLabel(/Idioma|Language/).selectOption('en');
  await expect(page).toHaveURL(`/learn/demo/${DIABETES.slugEn}`);
  await expect(title).toHaveText(DIABETES.en);

  // Back to the library, keyboard only.
  const back = page.getByRole('link', { name: 'Back to the health library' }).first();
  await back.focus();
  await page.keyboard.press('Enter');
  await expect(page).toHaveURL('/learn/demo');
});

test('the library in Spanish lists the Spanish articles, and a missing article says so', async ({ page }) => {
  await page.goto('/learn/demo');
  await page.getByLabel('Language').selectOption('es');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Biblioteca de salud');
  await expect(page.getByRole('link', { name: DIABETES.es })).toBeVisible();
  await expect(page.getByRole('link', { name: DIABETES.en })).toHaveCount(0);
  await expectAccessible(page, 'library in Spanish');

  await page.goto('/learn/demo/no-such-article');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Artículo no encontrado');
  await expectAccessible(page, 'missing article');
});

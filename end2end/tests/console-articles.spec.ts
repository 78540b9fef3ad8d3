// The console's Articles screen: an admin writes a new article in Markdown, the plain-language
// check flags a medical term with the plain words and the preview shows the list patients will
// get; once saved as published, patients find it in the library's search and read it. The
// article is deleted at the end, even when the test fails.
import { expect, test } from '../support/test';
import { expectAccessible } from '../support/axe';
import { STAFF, signIn } from '../support/console';
import { consoleApi } from '../support/setup';

interface ArticleAdmin {
  id: number;
  slug: string;
}

test('an admin writes and publishes an article with the plain-language check, and patients find it', async ({
  page,
}) => {
  const slug = `knee-care-${Date.now().toString(36)}`;
  await signIn(page, STAFF.admin);
  try {
    await page.getByRole('link', { name: 'Articles' }).click();
    await expect(page.getByRole('heading', { level: 1, name: 'Health library articles' })).toBeVisible();
    await expect(page.getByRole('cell', { name: 'Low back pain: what helps and when to get help' })).toBeVisible();
    await expectAccessible(page, 'console articles list');

    await page.getByRole('button', { name: 'Write an article' }).click();
    await page.getByLabel('Title', { exact: true }).fill('Caring for a sore knee');
    await page.getByLabel('Summary').fill('Simple steps for a sore knee in the first days.');
    await page.getByLabel('Category').fill('Injuries');
    await page.getByLabel('Tags').fill('knee, pain');
    await page.getByLabel('Address').fill(slug);
    await page
      .getByLabel('Text (Markdown)')
      .fill('## What helps\n\n- Rest the knee.\n- Use a cold pack for 15 minutes.\n\nCall us if the pain is bilateral.');
    await page.getByLabel('Last reviewed').fill('2026-11-01');
    await page.getByLabel('Published: patients can read it').check();

    // The check and the preview follow the text.
    const check = page.getByTestId('art-plain');
    await expect(check.getByTestId('plain-summary')).toContainText(/Reading grade -?\d+\.\d/);
    await expect(check.getByTestId('jargon')).toContainText('bilateral → say “both sides”');
    await expect(page.getByTestId('art-preview').getByRole('listitem')).toHaveText([
      'Rest the knee.',
      'Use a cold pack for 15 minutes.',
    ]);
    await expectAccessible(page, 'article editor with the plain-language check');

    await page.getByRole('button', { name: 'Save article' }).click();
    await expect(page.locator('p.notice').filter({ hasText: 'Article saved.' })).toBeVisible();
    await expect(page.getByRole('cell', { name: 'Caring for a sore knee' })).toBeVisible();

    // Patients: the library's search finds it and the article reads as written.
    await page.goto('/learn/demo');
    await page.getByRole('searchbox').fill('sore kne');
    await page.keyboard.press('Enter');
    await page.getByRole('link', { name: 'Caring for a sore knee' }).click();
    await expect(page).toHaveURL(new RegExp(`/learn/demo/${slug}$`));
    await expect(page.getByRole('heading', { level: 1, name: 'Caring for a sore knee' })).toBeVisible();
    await expect(page.getByRole('heading', { level: 2, name: 'What helps' })).toBeVisible();
    await expect(page.getByRole('listitem').filter({ hasText: 'Rest the knee.' })).toBeVisible();
  } finally {
    await page.goto('/console/articles');
    const articles = await consoleApi<ArticleAdmin[]>(page, 'GET', '/articles');
    const written = articles.find((a) => a.slug === slug);
    if (written) {
      const origin = new URL(page.url()).origin;
      const gone = await page.request.fetch(`${origin}/api/console/articles/${written.id}`, {
        method: 'DELETE',
        headers: { Origin: origin },
      });
      expect(gone.ok()).toBe(true);
    }
  }
});

// One accessibility check for every screen the tests reach: axe-core with its default rules
// (WCAG A/AA and best practices), expecting no violations at all.
import AxeBuilder from '@axe-core/playwright';
import { expect, test, type Page } from '@playwright/test';

/** Waits until the screen has finished loading (no skeletons, nothing marked busy). */
export async function settled(page: Page): Promise<void> {
  await expect(page.locator('main#main')).toBeVisible();
  await expect(page.locator('[aria-busy="true"]')).toHaveCount(0);
}

/**
 * Runs axe on the page as it is now and records any violation as a failure of this test,
 * naming the rule, the elements and what to fix. The check is soft so that one test reports
 * every screen's problems at once; the test still fails.
 */
export async function expectAccessible(page: Page, screen: string): Promise<void> {
  await settled(page);
  const results = await new AxeBuilder({ page }).analyze();
  const report = results.violations.map((violation) => {
    const nodes = violation.nodes
      .map((node) => `    at ${node.target.join(' ')}: ${(node.failureSummary ?? '').replace(/\s+/g, ' ')}`)
      .join('\n');
    return `${violation.id} [${violation.impact}] ${violation.help} (${violation.helpUrl})\n${nodes}`;
  });
  if (report.length > 0) {
    await test.info().attach(`axe-${screen}`, {
      body: JSON.stringify({ url: page.url(), violations: results.violations }, null, 2),
      contentType: 'application/json',
    });
  }
  expect.soft(report, `axe found problems on "${screen}" (${page.url()})`).toEqual([]);
}

// Playwright's `test`, guarded: a test fails when any page it opened reports a
// Content-Security-Policy violation, so the strict policy the server sends (no inline code but
// trunk's hashed bootstrap script) cannot quietly break a screen. Specs import `test` from here.
import { test as base, expect, type BrowserContext } from '@playwright/test';

export { expect };

export const test = base.extend<{
  /** Violations the pages reported so far in this test. */
  cspViolations: string[];
  /** Only for the test of the guard itself: record violations without failing. */
  allowCspViolations: boolean;
  cspGuard: void;
}>({
  cspViolations: async ({}, use) => {
    await use([]);
  },
  allowCspViolations: [false, { option: true }],
  cspGuard: [
    async ({ browser, context, cspViolations: violations, allowCspViolations }, use) => {
      const guard = async (guarded: BrowserContext): Promise<void> => {
        // The page's own report of each violation; init scripts are not subject to its CSP.
        await guarded.addInitScript(() => {
          document.addEventListener('securitypolicyviolation', (event) => {
            console.error(
              `Content Security Policy violation: ${event.violatedDirective} blocked ${event.blockedURI || 'inline code'}`,
            );
          });
        });
        // Chromium also logs "Refused to … because it violates the following Content Security
        // Policy directive …" for every violation, including ones before the listener exists.
        guarded.on('console', (message) => {
          if (message.text().includes('Content Security Policy')) {
            violations.push(`${message.location().url}: ${message.text()}`);
          }
        });
      };
      await guard(context);
      // Tests that play two patients open contexts of their own: guard those too.
      const newContext = browser.newContext.bind(browser);
      browser.newContext = async (...args: Parameters<typeof browser.newContext>) => {
        const made = await newContext(...args);
        await guard(made);
        return made;
      };
      try {
        await use();
      } finally {
        browser.newContext = newContext;
      }
      if (!allowCspViolations) {
        expect(violations, 'Content-Security-Policy violations reported by the pages').toEqual([]);
      }
    },
    { auto: true },
  ],
});

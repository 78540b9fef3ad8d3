// The Content-Security-Policy holds in the real app: the bootstrap script runs (the app starts),
// injected inline code does not, and the guard every other test runs with sees the refusal.
import { expect, test } from '../support/test';
import { startBooking } from '../support/booking';

test.describe('the content security policy', () => {
  test.use({ allowCspViolations: true });

  test('runs the app but refuses inline code a page did not ship', async ({ page, cspViolations }) => {
    await startBooking(page);
    expect(cspViolations, 'the app itself starts without a violation').toEqual([]);

    const ran = await page.evaluate(async () => {
      const refused = new Promise<string>((resolve) =>
        document.addEventListener('securitypolicyviolation', (event) => resolve(event.violatedDirective), {
          once: true,
        }),
      );
      const script = document.createElement('script');
      script.textContent = 'window.injected = true;';
      document.body.append(script);
      const directive = await refused;
      return { directive, injected: (window as unknown as { injected?: boolean }).injected === true };
    });
    expect(ran.injected).toBe(false);
    expect(ran.directive).toContain('script-src');
    await expect.poll(() => cspViolations.length).toBeGreaterThan(0);
  });
});

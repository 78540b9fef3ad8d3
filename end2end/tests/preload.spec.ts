// The pages patients land on start downloading their first API answer alongside the wasm
// (a `Link: …; rel=preload` header from the server), and the page then uses that very download:
// the answer is asked for once, not twice, and Chromium reports no unused preload.
import type { Page } from '@playwright/test';
import { expect, test } from '../support/test';
import { bookViaApi } from '../support/api';
import { heading } from '../support/booking';
import { DEMO } from '../support/text';

/// Opens `path` and returns how many times each API address was requested, and what Chromium
/// said about preloads on the console.
async function firstVisit(page: Page, path: string, settled: () => Promise<void>) {
  const requested = new Map<string, number>();
  page.on('request', (request) => {
    const url = new URL(request.url());
    if (url.pathname.startsWith('/api/')) {
      const address = url.pathname + url.search;
      requested.set(address, (requested.get(address) ?? 0) + 1);
    }
  });
  const warnings: string[] = [];
  page.on('console', (message) => {
    if (/preload/i.test(message.text()) && !/integrity/.test(message.text())) warnings.push(message.text());
  });
  const response = await page.goto(path);
  await settled();
  // Chromium warns about a preload left unused a few seconds after the page loaded.
  await page.waitForTimeout(3500);
  return { link: response?.headers()['link'] ?? '', requested, warnings };
}

test('the booking page preloads its clinic in the browser language and asks for it once', async ({ page }) => {
  const visit = await firstVisit(page, '/book/demo', async () => {
    await expect(page.getByTestId('service-list').getByRole('link', { name: DEMO.services.followUp.en })).toBeVisible();
  });
  expect(visit.link).toContain('</api/clinics/demo?lang=en>; rel=preload; as=fetch; crossorigin');
  expect(visit.requested.get('/api/clinics/demo?lang=en')).toBe(1);
  expect(visit.warnings).toEqual([]);
});

test('in Spanish too, the preloaded clinic is the one the page shows', async ({ browser }) => {
  const context = await browser.newContext({ locale: 'es-MX' });
  const page = await context.newPage();
  const visit = await firstVisit(page, '/book/demo', async () => {
    await expect(page.getByTestId('service-list').getByRole('link', { name: DEMO.services.followUp.es })).toBeVisible();
  });
  expect(visit.link).toContain('</api/clinics/demo?lang=es>');
  expect(visit.requested.get('/api/clinics/demo?lang=es')).toBe(1);
  expect(visit.requested.has('/api/clinics/demo?lang=en')).toBe(false);
  expect(visit.warnings).toEqual([]);
  await context.close();
});

test('a visit page preloads the visit and asks for it once', async ({ page, request }) => {
  const booked = await bookViaApi(request, {
    service: DEMO.services.followUp.en,
    practitioner: DEMO.practitioners.herrera,
    name: 'Petra Preload',
  });
  const visit = await firstVisit(page, `/a/${booked.token}`, async () => {
    await expect(heading(page)).toBeVisible();
    await expect(page.getByTestId('visit-when')).toBeVisible();
  });
  expect(visit.link).toBe(`</api/appointments/${booked.token}>; rel=preload; as=fetch; crossorigin`);
  expect(visit.requested.get(`/api/appointments/${booked.token}`)).toBe(1);
  expect(visit.warnings).toEqual([]);
});

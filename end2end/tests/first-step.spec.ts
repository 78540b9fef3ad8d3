// The booking page arrives with its first step in it (server/src/routes/book_page.rs): the
// clinic's services show before the app has loaded, in the browser's language, and their links
// work even without JavaScript; the app then takes over with the same step, once.
import { expect, test } from '../support/test';
import { expectAccessible } from '../support/axe';
import { layoutShift, markPage, stillSamePage } from '../support/drawn';
import { appReady, heading } from '../support/booking';
import { clinicInfo } from '../support/api';
import { DEMO, TEXT } from '../support/text';

test('without JavaScript the page still shows the services, and a tap goes on to the next step', async ({
  browser,
  request,
}) => {
  const context = await browser.newContext({ javaScriptEnabled: false });
  try {
    const page = await context.newPage();
    await page.goto('/book/demo');
    await expect(heading(page)).toHaveText(TEXT.en.titleService);
    await expect(page.getByText(`Booking at ${DEMO.name}`)).toBeVisible();
    const services = page.getByTestId('service-list').getByRole('link');
    const names = (await clinicInfo(request)).services.map((s) => s.name);
    await expect(services).toHaveText(names);
    await expect(page).toHaveTitle(`${TEXT.en.titleService} · Carebook`);

    const video = (await clinicInfo(request)).services.find((s) => s.name === DEMO.services.telehealth.en)!;
    await services.filter({ hasText: DEMO.services.telehealth.en }).click();
    await expect(page).toHaveURL(new RegExp(`/book/demo\\?service=${video.id}$`));
  } finally {
    await context.close();
  }
});

test('a Spanish browser gets the first step in Spanish from the server', async ({ request }) => {
  const response = await request.get('/book/demo', { headers: { 'Accept-Language': 'es-US,es;q=0.9' } });
  expect(response.status()).toBe(200);
  const html = await response.text();
  expect(html).toContain('data-shell');
  expect(html).toMatch(/<html lang="?es"?/);
  expect(html).toContain(TEXT.es.titleService);
  expect(html).toContain(DEMO.services.telehealth.es);
});

test('the app takes over from the step the server sent: one heading, one list, nothing shifts', async ({ page }) => {
  await page.goto('/book/demo');
  await expect(heading(page)).toHaveText(TEXT.en.titleService);
  await appReady(page);
  await expect(page.locator('h1')).toHaveCount(1);
  await expect(page.getByTestId('service-list')).toHaveCount(1);
  const shift = await layoutShift(page);
  expect(shift, 'layout shift while the app took over').toBeLessThanOrEqual(0.02);
  // The app is in charge: choosing a service is a step within the page, not a new page load.
  await markPage(page);
  await page.getByTestId('service-list').getByRole('link', { name: DEMO.services.telehealth.en, exact: true }).click();
  await expect(heading(page)).toHaveText(TEXT.en.titlePractitioner);
  expect(await stillSamePage(page), 'the app handled it within the page').toBe(true);
  await expect(heading(page)).toBeFocused();
  await expectAccessible(page, 'practitioner step after the server-sent first step');
});

// The console's Embed page: an admin lists the web sites allowed to show the booking widget
// (a wrong address is refused in words, a right one is saved and stays), builds the two lines
// of HTML to paste from their choices, copies them, and sees the real widget in the preview.
// Front desk can neither open the page nor change the list. The demo clinic's list is put back
// as it was at the end for the other specs.
import type { Page } from '@playwright/test';
import { expect, test } from '../support/test';
import { expectAccessible } from '../support/axe';
import { STAFF, expectNoSidewaysScroll, signIn } from '../support/console';
import { SETUP } from '../support/setup';
import { TEXT } from '../support/text';

/** The page's words (app/src/i18n/embed_console.rs). */
const W = {
  nav: 'Embed',
  title: 'Booking on your web site',
  addLabel: 'Add a web site',
  add: 'Add',
  save: 'Save web sites',
  saved: 'Web sites saved.',
  notSaved: 'not saved yet',
  notAnOrigin: /One of these is not a web site's address\. Write https:\/\/ and the site's name only/,
  needsHttps: /A web site must start with https:\/\/\./,
  mode: 'How it shows',
  popup: 'A button that opens it in a window over the page',
  service: 'Service',
  practitioner: 'Practitioner',
  language: 'Widget language',
  useBrand: 'Use your brand colour',
  brand: 'Brand colour',
  unreadable: /White text on this colour would be hard to read/,
  code: 'HTML for your web site',
  copy: 'Copy',
  copied: 'Copied',
  preview: 'Preview of the booking widget',
  events: 'Events for your web site',
} as const;

const SITE = 'https://www.riverside-clinic.example';

async function origins(page: Page): Promise<string[]> {
  const response = await page.request.get('/api/console/embed');
  expect(response.status()).toBe(200);
  return (await response.json()).origins;
}

test('an admin allows a web site, builds the HTML to paste and sees the widget in the preview', async ({
  page,
  context,
  baseURL,
}) => {
  await signIn(page, STAFF.admin);
  const before = await origins(page);
  await page.getByRole('navigation').getByRole('link', { name: W.nav, exact: true }).click();
  await expect(page).toHaveURL(/\/console\/embed$/);
  await expect(page.getByRole('heading', { level: 1, name: W.title })).toBeVisible();

  // A page's address is not a web site: refused, and said why in words.
  const sites = page.locator('form#embed-sites-form');
  const address = page.getByLabel(W.addLabel);
  await address.fill(`${SITE}/book`);
  await page.getByRole('button', { name: W.save }).click();
  await expect(sites).toContainText(W.notAnOrigin);
  await expect(address).toBeFocused();
  await expect(address).toHaveAttribute('aria-invalid', 'true');
  await expect(page.getByTestId('embed-sites')).toContainText(`${SITE}/book ${W.notSaved}`);
  await expectAccessible(page, 'embed, address refused');

  // Plain http for a site on the internet: refused too, with its own reason.
  await page.getByRole('button', { name: `Remove ${SITE}/book` }).click();
  await address.fill('http://www.riverside-clinic.example');
  await page.getByRole('button', { name: W.save }).click();
  await expect(sites).toContainText(W.needsHttps);
  await page.getByRole('button', { name: 'Remove http://www.riverside-clinic.example' }).click();

  // The site's address alone: added, saved, and still there after a reload.
  await address.fill(SITE);
  await page.getByRole('button', { name: W.add, exact: true }).click();
  await expect(page.getByTestId('embed-sites')).toContainText(`${SITE} ${W.notSaved}`);
  await expect(address).toBeFocused();
  await page.getByRole('button', { name: W.save }).click();
  await expect(page.getByTestId('embed-sites-status')).toHaveText(W.saved);
  await expect(sites).not.toContainText(W.notAnOrigin);
  await expect(page.getByTestId('embed-sites')).not.toContainText(W.notSaved);
  expect(await origins(page)).toEqual([...before, SITE]);
  await page.reload();
  await expect(page.getByTestId('embed-sites')).toContainText(SITE);
  await expect(page.getByTestId('embed-sites')).not.toContainText(W.notSaved);

  // The HTML to paste: this Carebook's loader and an inline widget for the demo clinic.
  const code = page.getByLabel(W.code);
  await expect(code).toHaveValue(
    `<script src="${baseURL}/embed.js" async></script>\n<div data-carebook="demo"></div>`,
  );
  // The preview is the real widget: the booking flow's first step.
  const preview = page.frameLocator(`iframe[title="${W.preview}"]`);
  await expect(preview.getByRole('heading', { level: 1 })).toHaveText(TEXT.en.titleService);
  // Inline, it takes the height the frame reports (as embed.js does), so nothing scrolls inside.
  const frame = page.locator(`iframe[title="${W.preview}"]`);
  await expect.poll(() => frame.evaluate((el) => (el as HTMLElement).style.height)).toMatch(/^\d+px$/);
  await expect
    .poll(() => preview.locator('html').evaluate((root) => root.scrollHeight - root.clientHeight))
    .toBeLessThanOrEqual(1);

  // A popup button for one service: the snippet and the preview follow.
  await page.getByRole('radio', { name: W.popup }).check();
  const service = page.getByLabel(W.service, { exact: true });
  await service.selectOption({ label: 'Follow-up visit' });
  const serviceId = await service.inputValue();
  expect(serviceId).toMatch(/^\d+$/);
  await page.getByLabel(W.practitioner, { exact: true }).selectOption({ label: TEXT.en.firstAvailable });
  await expect(code).toHaveValue(
    `<script src="${baseURL}/embed.js" async></script>\n` +
      `<button type="button" data-carebook-open="demo" data-service="${serviceId}" data-practitioner="any">Book a visit</button>`,
  );
  await expect(frame).toHaveAttribute('src', /[?&]mode=popup(&|$)/);
  await expect(frame).toHaveAttribute('src', new RegExp(`[?&]service=${serviceId}(&|$)`));
  await expect(frame).toHaveAttribute('src', /[?&]practitioner=any(&|$)/);
  await expect(preview.getByRole('heading', { level: 1 })).toHaveText(TEXT.en.titleDay);

  // Spanish, and a brand colour: too light for white text is said in words (the widget keeps
  // Carebook's green); a dark one goes into the snippet.
  await page.getByLabel(W.language, { exact: true }).selectOption('es');
  await page.getByLabel(W.brand, { exact: true }).fill('#facc15');
  await expect(page.getByLabel(W.useBrand)).toBeChecked();
  await expect(page.getByTestId('embed-brand-warning')).toHaveText(W.unreadable);
  await page.getByLabel(W.brand, { exact: true }).fill('#1d4ed8');
  await expect(page.getByTestId('embed-brand-warning')).toHaveCount(0);
  await expect(code).toHaveValue(
    `<script src="${baseURL}/embed.js" async></script>\n` +
      `<button type="button" data-carebook-open="demo" data-service="${serviceId}" data-practitioner="any" data-lang="es" data-brand="#1d4ed8">Reservar una cita</button>`,
  );
  await expect(frame).toHaveAttribute('src', /[?&]lang=es&brand=1d4ed8$/);
  await expect(preview.getByRole('heading', { level: 1 })).toHaveText(TEXT.es.titleDay);

  // Copy: the clipboard holds exactly the snippet, and the page says so.
  await context.grantPermissions(['clipboard-read', 'clipboard-write']);
  await page.getByRole('button', { name: W.copy, exact: true }).click();
  await expect(page.getByTestId('embed-copied')).toHaveText(W.copied);
  expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(await code.inputValue());

  await expect(page.getByRole('heading', { level: 2, name: W.events })).toBeVisible();
  for (const event of ['ready', 'step', 'booked', 'closed']) {
    await expect(page.getByTestId('embed-events').getByRole('rowheader', { name: event })).toBeVisible();
  }
  await expectAccessible(page, 'embed, snippet and preview');
  await expectNoSidewaysScroll(page);

  // In Spanish: the page's words change, the choices and their HTML stay.
  const snippet = await code.inputValue();
  await page.locator('#lang-select').selectOption('es');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Reservas en su sitio web');
  await expect(page.getByLabel('HTML para su sitio web')).toHaveValue(snippet);
  await expect(page.getByLabel('Servicio', { exact: true })).toHaveValue(serviceId);
  await expectAccessible(page, 'embed, in Spanish');
  await page.locator('#lang-select').selectOption('en');

  // Back to the demo clinic's list, by keyboard: Remove, then Enter in the (empty) address
  // field saves the list.
  await page.getByRole('button', { name: `Remove ${SITE}` }).focus();
  await page.keyboard.press('Enter');
  await expect(address).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('embed-sites-status')).toHaveText(W.saved);
  expect(await origins(page)).toEqual(before);
});

test('front desk can neither open the Embed page nor change the allowed web sites', async ({ page, baseURL }) => {
  await signIn(page, STAFF.frontDesk);
  await expect(page.getByRole('navigation').getByRole('link', { name: W.nav, exact: true })).toHaveCount(0);
  await page.goto('/console/embed');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(SETUP.notAllowed);
  await expect(page.getByTestId('not-allowed')).toHaveText(SETUP.adminsOnly);
  await expect(page.getByLabel(W.addLabel)).toHaveCount(0);
  await expectAccessible(page, 'embed, front desk');

  const refused = await page.request.put('/api/console/embed', {
    data: { origins: ['https://desk.example'] },
    headers: { Origin: baseURL ?? '' },
  });
  expect(refused.status()).toBe(403);
  expect((await refused.json()).error).toBe('forbidden');
});

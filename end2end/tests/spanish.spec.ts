// A Spanish speaker switches the language, books, and reads the visit page in Spanish, even
// when opening the link later on another device.
import { expect, test } from '../support/test';
import { expectAccessible } from '../support/axe';
import {
  chooseDay,
  choosePractitioner,
  chooseService,
  chooseTime,
  confirmBooking,
  continueToReview,
  expectStep,
  fillDetails,
  formatInstant,
  heading,
  startBooking,
} from '../support/booking';
import { DEMO, TEXT } from '../support/text';

const es = TEXT.es;

test('booking in Spanish gives a visit page in Spanish', async ({ page, browser }) => {
  await startBooking(page, 'en');
  await page.getByRole('combobox', { name: TEXT.en.language }).selectOption('es');
  await expectStep(page, es.titleService);
  await expect(page.locator('html')).toHaveAttribute('lang', 'es');
  await expect(page.getByTestId('service-list')).toContainText(DEMO.services.physio.es);
  await expectAccessible(page, 'service step in Spanish');

  await chooseService(page, DEMO.services.physio.es, 'es');
  await expectAccessible(page, 'practitioner step in Spanish');
  await choosePractitioner(page, DEMO.practitioners.lee, 'es');
  await expectAccessible(page, 'day step in Spanish');
  await chooseDay(page, 'es');
  await expectAccessible(page, 'time step in Spanish');
  const start = await chooseTime(page, 0, 'es');
  await expectAccessible(page, 'details step in Spanish');
  await fillDetails(page, { name: 'Ana María Torres', preferredName: 'Ana', email: 'ana@example.org' }, 'es');
  await continueToReview(page, 'es');
  await expect(page.getByRole('heading', { name: es.prepare })).toBeVisible();
  await expect(page.getByText(/Use ropa suelta y cómoda/)).toBeVisible();
  await expectAccessible(page, 'review step in Spanish');

  const token = await confirmBooking(page, 'Ana', 'es');
  await expect(page.locator('html')).toHaveAttribute('lang', 'es');
  await expect(page.getByTestId('visit-when')).toContainText(await formatInstant(page, start, 'es'));
  await expect(page.getByRole('link', { name: es.addCalendar })).toBeVisible();
  await expectAccessible(page, 'visit page in Spanish');

  // Later, on a phone set to English that never chose a language: still Spanish.
  const other = await (await browser.newContext({ locale: 'en-US' })).newPage();
  await other.goto(`/a/${token}`);
  await expect(heading(other)).toHaveText(es.visitTitle('Ana'));
  await expect(other.locator('html')).toHaveAttribute('lang', 'es');
  await expect(other.locator('article.visit')).toContainText(DEMO.services.physio.es);
  await other.context().close();
});

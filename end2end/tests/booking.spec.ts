// Booking a visit from the first screen to the visit page, with the mouse, with the keyboard
// alone, and with a mistake in the form.
import { expect, test } from '../support/test';
import { expectAccessible } from '../support/axe';
import { fetchAppointment } from '../support/api';
import {
  chooseDay,
  choosePractitioner,
  chooseService,
  chooseTime,
  confirmBooking,
  continueToReview,
  expectStep,
  fillDetails,
  firstFreeDay,
  formatInstant,
  heading,
  startBooking,
  tabTo,
  timeButtons,
} from '../support/booking';
import { DEMO, TEXT } from '../support/text';

const t = TEXT.en;

test('a new patient books a visit through every step', async ({ page, request }) => {
  await startBooking(page);
  await expect(page.getByText(`Booking at ${DEMO.name}`)).toBeVisible();
  await expectAccessible(page, 'service step');

  // Step 1: the first kind of visit on offer.
  const firstService = page.getByTestId('service-list').getByRole('link').first();
  await expect(firstService).toHaveText(DEMO.services.newPatient.en);
  await firstService.click();
  await expectStep(page, t.titlePractitioner);
  await expect(heading(page)).toBeFocused();
  expect(new URL(page.url()).searchParams.get('service')).toMatch(/^\d+$/);
  await expectAccessible(page, 'practitioner step');

  // Step 2: a named doctor.
  await choosePractitioner(page, DEMO.practitioners.okafor);
  await expect(heading(page)).toBeFocused();
  expect(new URL(page.url()).searchParams.get('practitioner')).toMatch(/^\d+$/);
  await expectAccessible(page, 'day step');

  // Step 3: the first day with free times.
  await chooseDay(page);
  await expect(heading(page)).toBeFocused();
  expect(new URL(page.url()).searchParams.get('date')).toMatch(/^\d{4}-\d{2}-\d{2}$/);
  await expectAccessible(page, 'time step');

  // Step 4: the first free time of that day.
  const start = await chooseTime(page);
  await expect(heading(page)).toBeFocused();
  expect(new URL(page.url()).searchParams.get('step')).toBe('details');
  await expectAccessible(page, 'details step');

  // Step 5: who is coming.
  await fillDetails(page, { name: 'Maria Lopez', preferredName: 'Mari', email: 'maria@example.org' });
  await continueToReview(page);
  await expect(heading(page)).toBeFocused();

  // Step 6: everything on one screen before committing: what, with whom, when, cost, preparation.
  const when = await formatInstant(page, start);
  const facts = page.locator('dl.facts');
  await expect(facts).toContainText(DEMO.services.newPatient.en);
  await expect(facts).toContainText(DEMO.practitioners.okafor);
  await expect(facts).toContainText(when);
  await expect(facts).toContainText(t.cost);
  await expect(facts).toContainText('Without insurance: $120.');
  await expect(page.getByRole('heading', { name: t.prepare })).toBeVisible();
  // The clinic writes it in Markdown; it arrives formatted, as a list.
  const preparation = page.getByTestId('preparation');
  await expect(preparation.getByRole('listitem')).toHaveText([
    'a photo ID',
    'your insurance card',
    'a list of the medicines you take',
  ]);
  await expect(page.getByText('maria@example.org')).toBeVisible();
  await expectAccessible(page, 'review step');

  const token = await confirmBooking(page, 'Mari');
  await expect(heading(page)).toBeFocused();
  await expect(page.getByTestId('confirmation-banner')).toBeVisible();
  await expect(page.getByTestId('visit-when')).toContainText(when);
  await expect(page.locator('article.visit')).toContainText(DEMO.practitioners.okafor);
  await expectAccessible(page, 'visit page, just booked');

  const saved = await fetchAppointment(request, token);
  expect(new Date(saved.start).toISOString()).toBe(new Date(start).toISOString());
  expect(saved.status).toBe('booked');
});

test('the whole booking works with the keyboard alone', async ({ page }) => {
  await startBooking(page);
  const keyboardStep = async (title: string) => {
    await expectStep(page, title);
    await expect(heading(page), `focus moves to "${title}"`).toBeFocused();
  };

  await tabTo(page, page.getByTestId('service-list').getByRole('link', { name: DEMO.services.followUp.en }));
  await page.keyboard.press('Enter');
  await keyboardStep(t.titlePractitioner);

  await tabTo(page, page.getByTestId('practitioner-list').getByRole('link', { name: DEMO.practitioners.herrera }));
  await page.keyboard.press('Enter');
  await keyboardStep(t.titleDay);

  await tabTo(page, firstFreeDay(page));
  await page.keyboard.press('Enter');
  await keyboardStep(t.titleTime);

  await tabTo(page, timeButtons(page).first());
  await page.keyboard.press('Space');
  await keyboardStep(t.titleDetails);
  const start = new URL(page.url()).searchParams.get('start')!;

  const name = page.getByLabel(t.fullName, { exact: true });
  await tabTo(page, name);
  await page.keyboard.type('Kim Nguyen');
  const email = page.getByLabel(t.email, { exact: true });
  await tabTo(page, email);
  await page.keyboard.type('kim@example.org');
  // Shift+Tab goes back to the field before (pronouns), Tab forward again.
  await page.keyboard.press('Shift+Tab');
  await expect(page.getByLabel('Pronouns')).toBeFocused();
  await page.keyboard.press('Tab');
  await expect(email).toBeFocused();
  const consent = page.getByLabel(t.consent);
  await tabTo(page, consent);
  await page.keyboard.press('Space');
  await expect(consent).toBeChecked();
  await tabTo(page, page.getByRole('button', { name: t.continue }));
  await page.keyboard.press('Enter');
  await keyboardStep(t.titleReview);

  await tabTo(page, page.getByRole('button', { name: t.confirmBooking }));
  await page.keyboard.press('Enter');
  await page.waitForURL(/\/a\/[A-Za-z0-9_-]{43}\?booked=1$/);
  await keyboardStep(t.bookedTitle('Kim Nguyen'));
  await expect(page.getByTestId('visit-when')).toContainText(await formatInstant(page, start));
});

test('a mistyped email is pointed out next to the field and in an announced summary', async ({ page }) => {
  await startBooking(page);
  await chooseService(page, DEMO.services.telehealth.en);
  await choosePractitioner(page, t.firstAvailable);
  await chooseDay(page);
  await chooseTime(page);

  await fillDetails(page, { name: 'Lee Park', email: 'lee.park@example' });
  await page.getByRole('button', { name: t.continue }).click();

  // Still on the form, with a summary that takes focus and sits in a live region.
  await expectStep(page, t.titleDetails);
  const summary = page.locator('#error-summary');
  await expect(summary).toBeVisible();
  await expect(summary).toBeFocused();
  await expect(summary).toContainText(t.errorSummary);
  // Announced: inside a live region (or an alert), so screen readers read it out.
  await expect(page.locator(':is([aria-live], [role="alert"]):has(#error-summary)')).not.toHaveCount(0);
  const jump = summary.getByRole('link', { name: t.eEmail });
  await expect(jump).toBeVisible();

  // The field itself says what is wrong, and only that field.
  const email = page.getByLabel(t.email, { exact: true });
  await expect(email).toHaveAttribute('aria-invalid', 'true');
  await expect(email).toHaveAccessibleDescription(t.eEmail);
  await expect(page.getByLabel(t.fullName, { exact: true })).not.toHaveAttribute('aria-invalid', 'true');
  await expectAccessible(page, 'details step with an error');

  // The summary link leads to the field; once fixed, the form goes on.
  await jump.click();
  await expect(email).toBeFocused();
  await email.fill('lee.park@example.org');
  await continueToReview(page);
  await expect(page.getByText('lee.park@example.org')).toBeVisible();
});

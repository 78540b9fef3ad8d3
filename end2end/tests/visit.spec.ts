// The visit page behind the patient's link: what it shows, the calendar file, moving the
// visit and cancelling it. Each test books its own visit through the API first.
import { expect, test } from '../support/test';
import { expectAccessible } from '../support/axe';
import { bookSlot, bookViaApi, clinicInfo, fetchAppointment, type Slot } from '../support/api';
import { pinnedServer } from '../support/pinned';
import { firstFreeDay, formatInstant, heading, timeButtons } from '../support/booking';
import { downloadCalendar, parseCalendar, sameInstant } from '../support/ics';
import { DEMO, TEXT } from '../support/text';

const t = TEXT.en;

test('the visit page shows the details and gives a calendar file for the booked time', async ({ page, request }) => {
  const visit = await bookViaApi(request, {
    service: DEMO.services.followUp.en,
    practitioner: DEMO.practitioners.herrera,
    name: 'Samuel Patel',
    preferredName: 'Sam',
  });
  await page.goto(`/a/${visit.token}`);
  await expect(heading(page)).toHaveText(t.visitTitle('Sam'));
  const article = page.locator('article.visit');
  await expect(page.getByTestId('visit-when')).toContainText(await formatInstant(page, visit.start));
  await expect(article).toContainText(`Time zone: ${DEMO.timeZone}`);
  await expect(article).toContainText(DEMO.services.followUp.en);
  await expect(article).toContainText(`${DEMO.practitioners.herrera} (he/him), Family physician`);
  await expect(article).toContainText('120 Hudson Street, New York, NY 10013');
  await expect(article).toContainText('Without insurance: $60.');
  await expect(page.getByRole('heading', { name: t.prepare })).toBeVisible();
  await expect(article).toContainText('write down any questions you have');
  await expect(page.getByRole('button', { name: t.reschedule })).toBeVisible();
  await expect(page.getByRole('button', { name: t.cancelVisit })).toBeVisible();
  await expectAccessible(page, 'visit page');

  const event = await downloadCalendar(page, t.addCalendar);
  expect(sameInstant(event.start, visit.start), `${event.start} is ${visit.start}`).toBe(true);
  expect(event.status).toBe('CONFIRMED');
  expect(event.sequence).toBe(0);
  expect(event.summary).toBe(`${DEMO.services.followUp.en} — ${DEMO.name}`);
  expect(event.location).toContain('120 Hudson Street');
  expect(event.url).toMatch(new RegExp(`/a/${visit.token}$`));
});

test('rescheduling from the visit page moves it to the new time', async ({ page, request }) => {
  const visit = await bookViaApi(request, {
    service: DEMO.services.telehealth.en,
    practitioner: DEMO.practitioners.okafor,
    name: 'Ruth Cohen',
  });
  await page.goto(`/a/${visit.token}`);
  await expect(heading(page)).toHaveText(t.visitTitle('Ruth Cohen'));
  const before = await downloadCalendar(page, t.addCalendar);

  const open = page.getByRole('button', { name: t.reschedule });
  await open.click();
  await expect(open).toHaveAttribute('aria-expanded', 'true');
  const panel = page.getByRole('region', { name: t.newTimeTitle });
  await expect(panel.getByRole('heading', { name: t.newTimeTitle })).toBeFocused();
  await expectAccessible(page, 'visit page, choosing a new day');

  await firstFreeDay(panel).click();
  const time = timeButtons(panel).first();
  await expect(time).toBeVisible();
  await expectAccessible(page, 'visit page, choosing a new time');
  await time.click();
  await expect(time).toHaveAttribute('aria-pressed', 'true');
  const move = panel.getByRole('button', { name: t.moveVisitTo });
  await move.click();

  await expect(page.locator('article.visit').getByText(t.movedTo)).toBeVisible();
  const moved = await fetchAppointment(request, visit.token);
  expect(sameInstant(moved.start, visit.start)).toBe(false);
  expect(moved.sequence).toBe(visit.sequence + 1);
  await expect(page.getByTestId('visit-when')).toContainText(await formatInstant(page, moved.start));
  await expect(page.getByTestId('visit-when')).not.toContainText(await formatInstant(page, visit.start));
  await expectAccessible(page, 'visit page, rescheduled');

  const after = await downloadCalendar(page, t.addCalendar);
  expect(after.uid).toBe(before.uid);
  expect(after.sequence).toBeGreaterThan(before.sequence);
  expect(sameInstant(after.start, moved.start)).toBe(true);
  expect(after.status).toBe('CONFIRMED');
});

test('cancelling asks first, then shows the visit as cancelled with a way to book again', async ({ page, request }) => {
  const visit = await bookViaApi(request, {
    service: DEMO.services.physio.en,
    practitioner: DEMO.practitioners.lee,
    name: 'Tomás Ruiz',
    preferredName: 'Tom',
  });
  await page.goto(`/a/${visit.token}`);
  await expect(heading(page)).toHaveText(t.visitTitle('Tom'));

  await page.getByRole('button', { name: t.cancelVisit }).click();
  const confirm = page.getByRole('region', { name: t.cancelTitle });
  await expect(confirm.getByRole('heading', { name: t.cancelTitle })).toBeFocused();
  await expectAccessible(page, 'visit page, cancel confirmation');
  // Nothing happens until the patient says yes.
  expect((await fetchAppointment(request, visit.token)).status).toBe('booked');

  await confirm.getByLabel(t.cancelReason).fill('Feeling better');
  await confirm.getByRole('button', { name: t.cancelYes }).click();

  const banner = page.getByTestId('cancelled-banner');
  await expect(banner).toContainText(t.cancelledBanner);
  await expect(page.locator('article.visit').getByText(t.nowCancelled)).toBeVisible();
  const again = banner.getByRole('link', { name: t.bookAgain });
  await expect(again).toHaveAttribute('href', '/book/demo');
  await expect(page.getByRole('button', { name: t.reschedule })).toHaveCount(0);
  await expect(page.getByRole('button', { name: t.cancelVisit })).toHaveCount(0);
  await expectAccessible(page, 'visit page, cancelled');

  expect((await fetchAppointment(request, visit.token)).status).toBe('cancelled');
  const ics = await request.get(`/api/appointments/${visit.token}/calendar.ics`);
  const [event] = parseCalendar(await ics.text());
  expect(event.status).toBe('CANCELLED');

  await again.click();
  await expect(heading(page)).toHaveText(t.titleService);
});

test('a visit less than a day away can only be changed by phone', async ({ page, playwright }) => {
  // On the pinned-clock server it is 07:00 on the visit's day: every free time today is inside
  // the 24-hour window (and past the 2-hour notice).
  const pinned = pinnedServer(Number(process.env.CAREBOOK_E2E_PORT ?? 3917));
  const api = await playwright.request.newContext({ baseURL: pinned.baseURL });
  const clinic = await clinicInfo(api);
  const service = clinic.services.find((s) => s.name === DEMO.services.followUp.en)!;
  const found = await api.get(
    `/api/clinics/${DEMO.slug}/availability?service_id=${service.id}&from=${pinned.today}&to=${pinned.today}`,
  );
  expect(found.status()).toBe(200);
  const { slots } = (await found.json()) as { slots: Slot[] };
  expect(slots.length, 'free times later on the pinned day').toBeGreaterThan(0);
  const visit = await bookSlot(api, service.id, slots[0], 'Omar Haddad');
  expect(visit, 'booked a time less than a day away').toBeTruthy();
  expect(visit!.can_cancel).toBe(false);
  await api.dispose();

  await page.goto(`${pinned.baseURL}/a/${visit!.token}`);
  await expect(heading(page)).toHaveText(t.visitTitle('Omar Haddad'));
  await expect(page.getByText(t.lateChange)).toBeVisible();
  await expect(page.getByRole('link', { name: DEMO.phone })).toHaveAttribute('href', `tel:${DEMO.phone}`);
  await expect(page.getByRole('button', { name: t.reschedule })).toHaveCount(0);
  await expect(page.getByRole('button', { name: t.cancelVisit })).toHaveCount(0);
  await expect(page.getByRole('link', { name: t.addCalendar })).toBeVisible();
  await expectAccessible(page, 'visit page, too late to change online');
});

test('the result of moving or cancelling a visit is announced to screen readers', async ({ page, request }) => {
  const visit = await bookViaApi(request, {
    service: DEMO.services.followUp.en,
    practitioner: DEMO.practitioners.okafor,
    name: 'Iris Moreau',
  });
  const status = page.locator('main [role="status"][aria-live="polite"]');
  await page.goto(`/a/${visit.token}`);
  await expect(heading(page)).toHaveText(t.visitTitle('Iris Moreau'));

  await page.getByRole('button', { name: t.reschedule }).click();
  const panel = page.getByRole('region', { name: t.newTimeTitle });
  await firstFreeDay(panel).click();
  await timeButtons(panel).first().click();
  await panel.getByRole('button', { name: t.moveVisitTo }).click();
  await expect(page.locator('article.visit').getByText(t.movedTo)).toBeVisible();
  await expect(status).toHaveText(t.movedTo, { timeout: 5_000 });

  await page.getByRole('button', { name: t.cancelVisit }).click();
  await page.getByRole('button', { name: t.cancelYes }).click();
  await expect(page.getByTestId('cancelled-banner')).toBeVisible();
  await expect(status).toHaveText(t.nowCancelled, { timeout: 5_000 });
});

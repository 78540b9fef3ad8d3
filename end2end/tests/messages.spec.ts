// The reminder's one-tap answers, end to end on a phone: a link scanner's fetch of "I'll be
// there" confirms nothing; the patient opening it is thanked in their language and the clinic
// sees the visit confirmed by the patient; "Need to change it?" opens the visit page at its
// change buttons; a cancelled visit's link says so; an unknown link and a lost connection are
// explained. The links are the ones a reminder carries (server/src/messages: `/a/{token}/coming`
// and `/a/{token}#change`), built here from the booked visit's token.
import type { Browser, Page } from '@playwright/test';
import { expect, test } from '../support/test';
import { expectAccessible } from '../support/axe';
import { bookViaApi, type Appointment } from '../support/api';
import { STAFF, signIn, visitRow } from '../support/console';
import { consoleApi, expectNoSideScroll } from '../support/setup';
import { DEMO } from '../support/text';

/** The page's words (app/src/i18n/coming.rs; the visit page's in app/src/i18n/en.rs). */
const W = {
  en: {
    thanks: (name: string) => `Thank you, ${name}.`,
    clinicKnows: `${DEMO.name} knows you'll be there.`,
    seeVisit: 'See your visit',
    needChange: 'Need to change it?',
    cancelled: 'This visit was cancelled',
    cancelledBody: 'There is nothing to confirm. Your visit page lets you book a new time.',
    notSent: 'We could not tell the clinic yet',
    network: "We couldn't reach Carebook. Check your connection, then try again.",
    retry: 'Try again',
    missing: "We couldn't find this visit",
    reschedule: 'Reschedule',
  },
  es: {
    thanks: (name: string) => `Gracias, ${name}.`,
    clinicKnows: `${DEMO.name} sabe que usted vendrá.`,
    seeVisit: 'Ver su cita',
    needChange: '¿Necesita cambiarla?',
  },
} as const;

/** The console day view's words about messages (app/src/i18n/visit_messages.rs). */
const CONSOLE_WORDS = {
  patientConfirmed: 'Patient confirmed',
  messages: 'Messages',
  confirmation: 'Confirmation',
  email: 'E-mail',
} as const;

const stamp = () => Date.now().toString(36);
const heading = (page: Page) => page.getByRole('heading', { level: 1 });

/** A staff member's own browser, signed in to the console. */
async function staffPage(browser: Browser): Promise<Page> {
  const baseURL = test.info().project.use.baseURL;
  const context = await browser.newContext({ baseURL, viewport: { width: 1024, height: 900 } });
  const page = await context.newPage();
  await signIn(page, STAFF.admin);
  return page;
}

/** What the clinic knows of the patient's answer: the visit's history in the console. */
async function confirmedByPatient(staff: Page, fullName: string, visit: Appointment): Promise<boolean> {
  const matches = await consoleApi<{ id: number; name: string }[]>(
    staff,
    'GET',
    `/patients?q=${encodeURIComponent(fullName)}`,
  );
  const patient = matches.find((m) => m.name === fullName);
  expect(patient, `the console finds ${fullName}`).toBeTruthy();
  const timeline = await consoleApi<{ entries: { action: string; visit_start: string; by_staff: string | null }[] }>(
    staff,
    'GET',
    `/patients/${patient!.id}`,
  );
  return timeline.entries.some(
    (e) => e.action === 'patient_confirmed' && e.by_staff === null && Date.parse(e.visit_start) === Date.parse(visit.start),
  );
}

test("the patient taps \"I'll be there\" on a phone and the clinic sees the visit confirmed", async ({
  page,
  browser,
  request,
}) => {
  const t = W.en;
  const id = stamp();
  const fullName = `Comfort Coming ${id}`;
  const preferred = `Comfort ${id}`;
  const visit = await bookViaApi(request, {
    service: DEMO.services.followUp.en,
    practitioner: DEMO.practitioners.okafor,
    name: fullName,
    preferredName: preferred,
  });
  const staff = await staffPage(browser);

  // A mail system's link scanner fetches the link without running the page: nothing changes.
  const scanned = await request.get(`/a/${visit.token}/coming`);
  expect(scanned.status()).toBe(200);
  expect(await confirmedByPatient(staff, fullName, visit), 'a plain GET confirms nothing').toBe(false);

  await page.goto(`/a/${visit.token}/coming`);
  await expect(heading(page)).toHaveText(t.thanks(preferred));
  await expect(heading(page)).toBeFocused();
  await expect(page.getByTestId('coming-thanks')).toContainText(t.clinicKnows);
  await expect(page).toHaveTitle(/I'll be there/);
  await expectAccessible(page, "I'll be there");
  await expectNoSideScroll(page, "I'll be there");
  expect(await confirmedByPatient(staff, fullName, visit), 'the visit history shows the answer').toBe(true);

  // Tapping the link again (or the next reminder's) keeps one answer.
  await page.reload();
  await expect(heading(page)).toHaveText(t.thanks(preferred));

  await expect(page.getByRole('link', { name: t.seeVisit })).toHaveAttribute('href', `/a/${visit.token}`);
  // "Need to change it?" opens the visit page with the focus on its change buttons.
  await page.getByRole('link', { name: t.needChange }).tap();
  await expect(page).toHaveURL(new RegExp(`/a/${visit.token}#change$`));
  const change = page.locator('#change');
  await expect(change).toBeFocused();
  await expect(change.getByRole('button', { name: t.reschedule })).toBeVisible();
  await expect(change).toBeInViewport();
  await expectAccessible(page, 'visit page opened at change');

  // The front desk sees it on the day view (under the name the patient goes by): a badge in
  // words, and the visit's messages.
  await staff.goto(`/console/day?date=${visit.local_date}`);
  const row = visitRow(staff, preferred);
  await expect(row.getByTestId('patient-confirmed')).toHaveText(CONSOLE_WORDS.patientConfirmed);
  const messages = row.getByTestId('visit-messages');
  const summary = messages.locator('summary');
  await expect(summary).toContainText(CONSOLE_WORDS.messages);
  // Opened from the keyboard, as a disclosure should be.
  await summary.focus();
  await staff.keyboard.press('Enter');
  await expect(messages).toHaveAttribute('open', '');
  await expect(messages).toContainText(/Patient confirmed at \d{1,2}:\d{2}/);
  await expect(
    messages.getByTestId('visit-message').filter({ hasText: CONSOLE_WORDS.confirmation }).first(),
  ).toContainText(CONSOLE_WORDS.email);
  await expect(summary).toBeFocused();
  await expectAccessible(staff, 'day view with a visit confirmed by the patient');
  await staff.context().close();
});

test('a Spanish patient is thanked in Spanish', async ({ page, request }) => {
  const t = W.es;
  const id = stamp();
  const preferred = `Lucía ${id}`;
  const visit = await bookViaApi(request, {
    service: DEMO.services.followUp.en,
    practitioner: DEMO.practitioners.okafor,
    name: `Lucía Llegaré ${id}`,
    preferredName: preferred,
    language: 'es',
  });
  // The phone is set to English: the page follows the language the visit was booked in.
  await page.goto(`/a/${visit.token}/coming`);
  await expect(heading(page)).toHaveText(t.thanks(preferred));
  await expect(page.getByTestId('coming-thanks')).toContainText(t.clinicKnows);
  await expect(page.locator('html')).toHaveAttribute('lang', 'es');
  await expect(page.getByRole('link', { name: t.seeVisit })).toBeVisible();
  await expect(page.getByRole('link', { name: t.needChange })).toHaveAttribute('href', `/a/${visit.token}#change`);
  await expectAccessible(page, "I'll be there in Spanish");
  await expectNoSideScroll(page, "I'll be there in Spanish");
});

test("a cancelled visit's link says it was cancelled; an unknown link and a lost connection are explained", async ({
  page,
  request,
}) => {
  const t = W.en;
  const id = stamp();
  const visit = await bookViaApi(request, {
    service: DEMO.services.followUp.en,
    practitioner: DEMO.practitioners.okafor,
    name: `Cass Cancelled ${id}`,
  });
  const cancelled = await request.post(`/api/appointments/${visit.token}/cancel`, { data: {} });
  expect(cancelled.status()).toBe(200);

  await page.goto(`/a/${visit.token}/coming`);
  await expect(heading(page)).toHaveText(t.cancelled);
  await expect(heading(page)).toBeFocused();
  await expect(page.getByRole('alert')).toHaveText(t.cancelledBody);
  await expect(page.getByRole('link', { name: t.seeVisit })).toHaveAttribute('href', `/a/${visit.token}`);
  await expectAccessible(page, "I'll be there for a cancelled visit");
  await expectNoSideScroll(page, "I'll be there for a cancelled visit");

  await page.goto(`/a/${'x'.repeat(43)}/coming`);
  await expect(heading(page)).toHaveText(t.missing);
  await expectAccessible(page, "I'll be there with an unknown link");

  // The connection drops as the answer is sent: the page says so, and Retry sends it.
  const other = await bookViaApi(request, {
    service: DEMO.services.followUp.en,
    practitioner: DEMO.practitioners.okafor,
    name: `Nettie Network ${id}`,
    preferredName: `Nettie ${id}`,
  });
  const confirmUrl = `**/api/appointments/${other.token}/confirm`;
  await page.route(confirmUrl, (route) => route.abort('internetdisconnected'));
  await page.goto(`/a/${other.token}/coming`);
  await expect(heading(page)).toHaveText(t.notSent);
  await expect(page.getByRole('alert')).toContainText(t.network);
  await expectAccessible(page, "I'll be there offline");
  await page.unroute(confirmUrl);
  await page.getByRole('button', { name: t.retry }).tap();
  await expect(heading(page)).toHaveText(t.thanks(`Nettie ${id}`));
});

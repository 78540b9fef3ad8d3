// Feedback in the console, end to end: a patient's unhappy survey answers land in the follow-up
// queue with what they said; staff mark them contacted with a note, then resolve them, and the
// history says who did what. The figures dashboard shows the demo clinic's months of visits and
// answers as a table and charts with accessible names, withholds what rests on too few answers,
// and downloads as CSV; front desk is told the figures are not for them.
import type { Page } from '@playwright/test';
import { expect, test } from '../support/test';
import { expectAccessible } from '../support/axe';
import { bookViaApi, clinicDay, type Appointment } from '../support/api';
import { CONSOLE, STAFF, expectNoSidewaysScroll, liveRegion, rowButton, signIn, visitRow } from '../support/console';
import { DEMO } from '../support/text';

/** The words of the screens (app/src/i18n/feedback_console.rs, FEEDBACK_CONSOLE_EN). */
const F = {
  navFollowUps: /^Follow-ups/,
  navFigures: 'Figures',
  queueTitle: 'Follow-ups',
  tab: (state: 'Open' | 'Contacted' | 'Resolved') => new RegExp(`^${state} \\(\\d+\\)$`),
  lowRating: 'Low overall rating (1 or 2 of 5)',
  detractor: 'Not likely to recommend us (0–6 of 10)',
  communicationNo: 'Answered “No” about how the practitioner communicated',
  doNotContact: 'Do not contact',
  mayContact: 'Agreed to be contacted about their answers.',
  note: 'Note',
  markContacted: 'Mark contacted',
  resolve: 'Resolve',
  reopen: 'Reopen',
  addNote: 'Add note',
  noteRequired: 'Write a note first.',
  contacted: (who: string) => `${who}: marked contacted. It is now under Contacted.`,
  resolved: (who: string) => `${who}: resolved. It is now under Resolved.`,
  figuresTitle: 'Figures',
  figuresOnly: 'The figures are for admins and practitioners only.',
  tooFew: 'not enough answers yet',
  charts: ['NPS over time', 'Satisfied patients (CSAT) over time', 'No-shows and adherence over time'],
  group: 'Rows',
  from: 'From',
  to: 'To',
  perPractitioner: 'Per practitioner',
  show: 'Show figures',
  last365: 'Last 365 days',
  csv: 'Download this table (CSV)',
  whoCancels: 'Who asked to cancel?',
  byPatient: 'The patient',
  byClinic: 'The clinic',
} as const;

/** The patient's survey page (app/src/i18n/survey.rs, SURVEY_EN; the invitation in instructions.rs). */
const S = {
  invite: 'How was your visit? Tell us in under a minute',
  optional: '(optional)',
  rating: 'Overall, how would you rate your visit? (required)',
  recommend: 'How likely are you to recommend us to a friend or family member?',
  explained: 'Did the practitioner explain things in a way that was easy to understand?',
  listened: 'Did the practitioner listen carefully to you?',
  respected: 'Did the practitioner show respect for what you had to say?',
  enoughTime: 'Did the practitioner spend enough time with you?',
  definitely: 'Yes, definitely',
  somewhat: 'Yes, somewhat',
  no: 'No',
  comment: 'Anything else you want to tell us? (optional)',
  mayContact: 'May we contact you about your answers?',
  send: 'Send',
  followUp: 'We are sorry it was not better. Someone from the clinic will get in touch with you.',
} as const;

/** The demo admin, as the history names them (server/src/demo.rs). */
const ADMIN_NAME = 'Avery Admin';

const stamp = () => Date.now().toString(36);

/**
 * Marks a booked visit completed through the console API (the signed-in page's session);
 * `patient` is the name the day view shows (the preferred name).
 */
async function markCompleted(page: Page, visit: Appointment, patient: string): Promise<void> {
  const origin = new URL(page.url()).origin;
  const day = await page.request.get(`${origin}/api/console/day?date=${visit.local_date}`);
  expect(day.status()).toBe(200);
  const schedule = (await day.json()) as {
    practitioners: { appointments: { id: number; patient_name: string }[] }[];
  };
  const appointment = schedule.practitioners
    .flatMap((p) => p.appointments)
    .find((a) => a.patient_name === patient);
  expect(appointment, `${patient} on the day view`).toBeTruthy();
  const done = await page.request.post(`${origin}/api/console/appointments/${appointment!.id}/attendance`, {
    data: { attendance: 'completed' },
    headers: { Origin: origin },
  });
  expect(done.ok(), await done.text()).toBe(true);
}

/** A patient's answers sent straight to the survey's API (no login: the token is the key). */
async function answerSurvey(page: Page, visit: Appointment, answers: Record<string, unknown>): Promise<void> {
  const response = await page.request.post(`/api/appointments/${visit.token}/survey`, { data: answers });
  expect(response.status(), await response.text()).toBe(201);
}

test('an unhappy answer given on a phone reaches the queue; staff call back, note it and resolve it', async ({
  page,
  request,
  browser,
}) => {
  const id = stamp();
  const unhappy = `Una Unhappy ${id}`;
  const private_ = `Pia Private ${id}`;
  const first = await bookViaApi(request, {
    service: DEMO.services.followUp.en,
    practitioner: DEMO.practitioners.okafor,
    name: unhappy,
    preferredName: `Una ${id}`,
    email: `una-${id}@example.org`,
  });
  const second = await bookViaApi(request, {
    service: DEMO.services.followUp.en,
    practitioner: DEMO.practitioners.okafor,
    name: private_,
  });

  await signIn(page, STAFF.admin);
  await markCompleted(page, first, `Una ${id}`);
  await markCompleted(page, second, private_);
  const comment = 'I waited an hour <b>and nobody</b> told me why.';
  // Una answers on her phone, from the invitation on her visit page.
  const phone = await browser.newContext({
    baseURL: test.info().project.use.baseURL,
    viewport: { width: 360, height: 740 },
    isMobile: true,
    hasTouch: true,
  });
  const patientPage = await phone.newPage();
  await patientPage.goto(`/a/${first.token}`);
  await patientPage.getByRole('link', { name: S.invite }).click();
  await expect(patientPage).toHaveURL(new RegExp(`/a/${first.token}/survey$`));
  const question = (words: string) => patientPage.getByRole('group', { name: `${words} ${S.optional}` });
  await patientPage.getByRole('group', { name: S.rating }).getByRole('radio', { name: '2', exact: true }).tap();
  await question(S.recommend).getByRole('radio', { name: '3', exact: true }).tap();
  await question(S.explained).getByRole('radio', { name: S.no, exact: true }).tap();
  await question(S.listened).getByRole('radio', { name: S.somewhat }).tap();
  await question(S.respected).getByRole('radio', { name: S.definitely }).tap();
  await question(S.enoughTime).getByRole('radio', { name: S.no, exact: true }).tap();
  await patientPage.getByLabel(S.comment).fill(comment);
  await patientPage.getByLabel(S.mayContact).check();
  await patientPage.getByRole('button', { name: S.send }).tap();
  await expect(patientPage.getByText(S.followUp).first()).toBeVisible();
  await phone.close();
  await answerSurvey(page, second, { rating: 1, may_contact: false });

  // The home tells the admin the queue is waiting, and links to it.
  await page.goto('/console/day');
  const glance = page.getByTestId('follow-up-glance');
  await expect(glance).toContainText(/follow-ups? open — oldest/);
  await glance.getByRole('link').click();
  await expect(page).toHaveURL(/\/console\/follow-ups$/);
  await expect(page.getByRole('heading', { level: 1, name: F.queueTitle })).toBeVisible();
  await expect(page.getByRole('link', { name: F.tab('Open') })).toHaveAttribute('aria-current', 'page');

  // Who, why, what they said (the comment as text, not markup), and that they may be called.
  const item = page.getByTestId('follow-up').filter({ has: page.getByRole('heading', { name: unhappy }) });
  await expect(item).toBeVisible();
  await expect(item).toContainText(`Goes by Una ${id} · Speaks English`);
  await expect(item.getByRole('link', { name: `una-${id}@example.org` })).toHaveAttribute(
    'href',
    `mailto:una-${id}@example.org`,
  );
  await expect(item).toContainText(`${DEMO.services.followUp.en} with ${DEMO.practitioners.okafor}`);
  for (const reason of [F.lowRating, F.detractor, F.communicationNo]) {
    await expect(item.getByRole('listitem').filter({ hasText: reason })).toBeVisible();
  }
  const said = item.getByTestId('what-they-said');
  await expect(said).toContainText('Overall rating2 of 5');
  await expect(said).toContainText('Would recommend us3 of 10');
  await expect(said).toContainText('Spent enough time with themNo');
  await expect(item.getByTestId('comment')).toHaveText(comment);
  await expect(item.locator('b')).toHaveCount(0);
  await expect(item.getByTestId('may-contact')).toHaveText(F.mayContact);
  await expect(item.getByTestId('do-not-contact')).toHaveCount(0);

  // The one who said no to a call is marked so it cannot be missed.
  const privateItem = page.getByTestId('follow-up').filter({ has: page.getByRole('heading', { name: private_ }) });
  await expect(privateItem.getByTestId('do-not-contact')).toContainText(F.doNotContact);

  await expectAccessible(page, 'follow-up queue');
  await expectNoSidewaysScroll(page);

  // "Add note" needs a note; the error is on the field, and focus goes there.
  await item.getByRole('button', { name: F.addNote }).click();
  const note = item.getByLabel(F.note);
  await expect(item.getByText(F.noteRequired)).toBeVisible();
  await expect(note).toBeFocused();

  // Called back: marked contacted with a note. It leaves the open list, and focus lands on
  // what happened (which says where the item went).
  await note.fill('Called back; apologised for the wait and booked a longer visit.');
  await item.getByRole('button', { name: F.markContacted }).click();
  const done = page.getByTestId('follow-up-done');
  await expect(done).toHaveText(F.contacted(unhappy));
  await expect(done).toBeFocused();
  await expect(liveRegion(page)).toHaveText(F.contacted(unhappy));
  await expect(item).toHaveCount(0);

  // Under Contacted, with its history; then resolved.
  await page.getByRole('link', { name: F.tab('Contacted') }).click();
  await expect(page).toHaveURL(/state=contacted$/);
  const contacted = page.getByTestId('follow-up').filter({ has: page.getByRole('heading', { name: unhappy }) });
  await expect(contacted.getByTestId('follow-up-state')).toHaveText('Contacted');
  await expect(contacted.getByTestId('event')).toHaveCount(1);
  await expect(contacted.getByTestId('event').first()).toContainText(`${ADMIN_NAME} marked it contacted`);
  await expect(contacted.getByTestId('event').first()).toContainText('booked a longer visit');
  await contacted.getByLabel(F.note).fill('They were happy with the call.');
  await contacted.getByRole('button', { name: F.resolve }).click();
  await expect(page.getByTestId('follow-up-done')).toHaveText(F.resolved(unhappy));
  await expect(contacted).toHaveCount(0);

  // Resolved: the whole history, and Reopen is offered.
  await page.getByRole('link', { name: F.tab('Resolved') }).click();
  const resolved = page.getByTestId('follow-up').filter({ has: page.getByRole('heading', { name: unhappy }) });
  await expect(resolved.getByTestId('follow-up-state')).toHaveText('Resolved');
  const events = resolved.getByTestId('event');
  await expect(events).toHaveCount(2);
  await expect(events.nth(0)).toContainText(`${ADMIN_NAME} marked it contacted`);
  await expect(events.nth(1)).toContainText(`${ADMIN_NAME} resolved it`);
  await expect(events.nth(1)).toContainText('They were happy with the call.');
  await expect(resolved.getByRole('button', { name: F.reopen })).toBeVisible();
  await expectAccessible(page, 'resolved follow-ups');

  // And it is no longer among the open ones.
  await page.getByRole('link', { name: F.tab('Open') }).click();
  await expect(page.getByTestId('follow-up').first().or(page.getByTestId('follow-ups-empty'))).toBeVisible();
  await expect(page.getByTestId('follow-up').filter({ has: page.getByRole('heading', { name: unhappy }) })).toHaveCount(0);
});

test('the figures show the demo history as a table and charts, with CSV, for admins', async ({ page }) => {
  await signIn(page, STAFF.admin);
  await page.getByRole('navigation').getByRole('link', { name: F.navFigures }).click();
  await expect(page).toHaveURL(/\/console\/kpis/);
  await expect(page.getByRole('heading', { level: 1, name: F.figuresTitle })).toBeVisible();

  // A year of the demo's visits, per practitioner.
  await page.getByRole('button', { name: F.last365 }).click();
  await expect(page.getByTestId('kpi-range')).toBeFocused();
  await page.getByLabel(F.group).selectOption({ label: F.perPractitioner });
  await page.getByRole('button', { name: F.show }).click();
  await expect(page).toHaveURL(/group=practitioner/);
  const table = page.getByTestId('kpi-table');
  await expect(table).toBeVisible();
  await expect(table.getByRole('columnheader', { name: DEMO.practitioners.okafor })).toBeVisible();
  await expect(table.locator('tbody tr')).toHaveCount(16);
  // Figures carry their counts and interval.
  await expect(table).toContainText(/\d+ % \(\d+\/\d+\) 95 % CI \d+–\d+ %/);

  // "not enough answers yet" exactly where the server withheld a figure: over the year, and on
  // a single day of the demo history where some practitioner has only a few answers.
  const origin = new URL(page.url()).origin;
  const withheld = async (search: string): Promise<number> => {
    const response = await page.request.get(`${origin}/api/console/kpis${search}`);
    expect(response.status()).toBe(200);
    const report = (await response.json()) as { rows: { figures: Record<string, unknown> }[] };
    return report.rows
      .flatMap((row) => Object.values(row.figures))
      .filter((figure) => (figure as { state?: string } | null)?.state === 'too_few').length;
  };
  await expect(table.getByTestId('too-few')).toHaveCount(await withheld(new URL(page.url()).search));
  let fewDay = '';
  for (let back = 1; back <= 60 && !fewDay; back++) {
    const day = clinicDay(-back);
    if ((await withheld(`?from=${day}&to=${day}&group=practitioner`)) > 0) fewDay = day;
  }
  expect(fewDay, 'a demo day with a practitioner on fewer than 5 answers').not.toBe('');
  await page.getByLabel(F.from, { exact: true }).fill(fewDay);
  await page.getByLabel(F.to, { exact: true }).fill(fewDay);
  await page.getByRole('button', { name: F.show }).click();
  await expect(page).toHaveURL(new RegExp(`from=${fewDay}&to=${fewDay}&group=practitioner`));
  const fewCount = await withheld(`?from=${fewDay}&to=${fewDay}&group=practitioner&interval=month`);
  await expect(table.getByTestId('too-few')).toHaveCount(fewCount);
  await expect(table.getByText(F.tooFew).first()).toBeVisible();
  await page.getByRole('button', { name: F.last365 }).click();
  await expect(page.getByTestId('kpi-range')).toBeFocused();

  // The trends: images with names, and their numbers in tables.
  for (const name of F.charts) {
    await expect(page.getByRole('img', { name })).toBeVisible();
    await expect(page.getByRole('table', { name })).toBeVisible();
  }
  await expect(page.getByTestId('chart-nps-table').locator('tbody tr').first()).toBeVisible();

  await expectAccessible(page, 'figures dashboard');
  await expectNoSidewaysScroll(page);

  // The CSV of the same table: a header row, then data.
  const [download] = await Promise.all([
    page.waitForEvent('download'),
    page.getByRole('link', { name: F.csv }).click(),
  ]);
  const path = await download.path();
  const text = (await import('node:fs')).readFileSync(path!, 'utf8');
  const lines = text.trim().split(/\r?\n/);
  expect(lines.length, 'header and rows').toBeGreaterThan(1);
  expect(lines[0]).toMatch(/,/);
  expect(lines[0].toLowerCase()).toContain('nps');
});

test('front desk is told the figures are for admins and practitioners', async ({ page }) => {
  await signIn(page, STAFF.frontDesk);
  const nav = page.getByRole('navigation', { name: /console/i });
  await expect(nav.getByRole('link', { name: F.navFollowUps })).toBeVisible();
  await expect(nav.getByRole('link', { name: F.navFigures })).toHaveCount(0);
  await page.goto('/console/kpis');
  await expect(page.getByTestId('not-allowed')).toHaveText(F.figuresOnly);
  await expect(page.getByTestId('kpi-table')).toHaveCount(0);
});

test('a practitioner opens the figures: the clinic and their own', async ({ page }) => {
  await signIn(page, STAFF.okafor);
  await page.getByRole('navigation', { name: /console/i }).getByRole('link', { name: F.navFigures }).click();
  const table = page.getByTestId('kpi-table');
  await expect(table).toBeVisible();
  await expect(table.getByRole('columnheader', { name: DEMO.name })).toBeVisible();
  await expect(page.getByRole('img', { name: F.charts[0] })).toBeVisible();

  // In Spanish too (app/src/i18n/feedback_console.rs, FEEDBACK_CONSOLE_ES).
  await page.getByRole('combobox', { name: 'Language' }).selectOption('es');
  await expect(page.getByRole('heading', { level: 1, name: 'Cifras' })).toBeVisible();
  await expect(page.getByRole('img', { name: 'NPS a lo largo del tiempo' })).toBeVisible();
  await page.goto('/console/follow-ups');
  await expect(page.getByRole('heading', { level: 1, name: 'Seguimientos' })).toBeVisible();
  await expect(page.getByRole('link', { name: /^Abiertos \(\d+\)$/ })).toHaveAttribute('aria-current', 'page');
});

test('front desk says the clinic asked to cancel, and that is what is sent', async ({ page, request }) => {
  const patient = `Cal Clinic ${stamp()}`;
  const visit = await bookViaApi(request, {
    service: DEMO.services.followUp.en,
    practitioner: DEMO.practitioners.herrera,
    name: patient,
  });
  await signIn(page, STAFF.frontDesk);
  await page.goto(`/console/day?date=${visit.local_date}`);
  const row = visitRow(page, patient);
  await rowButton(row, CONSOLE.cancelForPatient, patient).click();
  const who = row.getByRole('group', { name: F.whoCancels });
  await expect(who.getByLabel(F.byPatient)).toBeChecked();
  await who.getByLabel(F.byClinic).check();
  await row.getByLabel(CONSOLE.cancelReason).fill('The practitioner is ill today');
  const sent = page.waitForRequest((r) => r.method() === 'POST' && r.url().endsWith('/cancel'));
  await row.getByRole('button', { name: CONSOLE.cancelConfirm }).click();
  expect((await sent).postDataJSON()).toEqual({ reason: 'The practitioner is ill today', cancelled_by: 'clinic' });
  await expect(row.getByTestId('status')).toHaveText(CONSOLE.cancelled);
});

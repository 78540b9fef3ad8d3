// The waitlist end to end on a phone: a patient who finds no time that suits joins the list
// from the booking flow's link, ticking the day and time of day of a time someone else holds;
// staff cancel that visit in the console; the waiting patient's link now holds the freed time
// for them with a countdown, and taking it lands them on their visit page at that time. Also:
// letting a held time go keeps them on the list, leaving the list (in Spanish), and the
// console's waitlist page (remove with a confirm step, the settings). Every new screen passes
// axe and fits a 360px screen.
//
// A patient who joins is offered the earliest free time that suits at once, and the demo
// clinic has plenty: so the tests that need a freed time give the practitioner time off
// around it first (removed again at the end), leaving that one time to free up; the others
// ask for Sundays only, when nobody works, so their entries simply wait.
//
// The offer link is the patient's waitlist link (`/waitlist/{token}`), the one a waitlist
// message carries: read from the join confirmation here, or from the API's join answer.
import type { APIRequestContext, Browser, Page } from '@playwright/test';
import { expect, test } from '../support/test';
import { expectAccessible } from '../support/axe';
import { bookViaApi, clinicDay, clinicInfo, type Appointment } from '../support/api';
import { STAFF, CONSOLE, signIn, visitRow } from '../support/console';
import { consoleApi, expectNoSideScroll, practitionerHours, restorePractitioner } from '../support/setup';
import { DEMO } from '../support/text';

/** The pages' words (app/src/i18n/waitlist.rs, waitlist_console.rs and en.rs). */
const W = {
  en: {
    link: 'No time that suits? Join the waitlist',
    joinTitle: 'Join the waitlist',
    join: 'Join the waitlist',
    weekdays: ['Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday', 'Sunday'],
    parts: ['Morning (before noon)', 'Afternoon (noon to 5 PM)', 'Evening (from 5 PM)'],
    fullName: 'Full name',
    email: 'Email',
    consent: 'I agree that the clinic may use these details to contact me about times that open up.',
    errorSummary: 'Please check the following:',
    eDays: 'Choose at least one day.',
    eName: 'Enter your full name.',
    joinedTitle: "You're on the list",
    offeredTitle: (name: string) => `A time opened up for you, ${name}`,
    waitingTitle: (name: string) => `You're on the waitlist, ${name}`,
    take: 'Take this time',
    letGo: 'Let it go',
    letGoDone: "You let the time go. You're still on the waitlist.",
    leave: 'Leave the waitlist',
  },
  es: {
    waitingTitle: (name: string) => `Está en la lista de espera, ${name}`,
    leave: 'Salir de la lista de espera',
    leaveYes: 'Sí, salir',
    leftTitle: 'Salió de la lista de espera',
  },
  console: {
    nav: 'Waitlist',
    title: 'Waitlist',
    remove: 'Remove',
    removeYes: 'Yes, remove',
    removeKeep: 'Keep on the list',
    removed: (name: string) => `${name} was taken off the waitlist.`,
    hold: 'How long an offered time is held (minutes)',
    entryDays: 'How long a patient stays on the list (days)',
    save: 'Save waitlist settings',
    saved: 'Waitlist settings saved.',
    range: 'Enter a whole number from 5 to 240.',
  },
} as const;

const stamp = () => Date.now().toString(36);
const heading = (page: Page) => page.getByRole('heading', { level: 1 });

/** Monday-first weekday (0 = Monday) of a clinic-local day. */
function weekdayOf(date: string): number {
  return (new Date(`${date}T12:00:00Z`).getUTCDay() + 6) % 7;
}

/** Morning, afternoon or evening (0–2) of a clinic-local `HH:MM`, as the waitlist splits a day. */
function partOf(time: string): number {
  const hour = Number(time.slice(0, 2));
  return hour < 12 ? 0 : hour < 17 ? 1 : 2;
}

const PARTS = ['morning', 'afternoon', 'evening'] as const;

interface Entry {
  token: string;
  status: 'waiting' | 'offered' | 'booked' | 'left' | 'expired';
  offer?: { start: string; local_date: string; local_time: string; hold_until: string } | null;
  appointment_token?: string | null;
}

async function ids(request: APIRequestContext, service: string, practitioner: string) {
  const clinic = await clinicInfo(request);
  const serviceId = clinic.services.find((s) => s.name === service)!.id;
  const practitionerId = clinic.practitioners.find((p) => p.display_name === practitioner)!.id;
  return { serviceId, practitionerId };
}

/** Joins through the API for the weekday and part of day of `visit` (or all, when absent). */
async function joinViaApi(
  request: APIRequestContext,
  options: { name: string; preferredName?: string; language?: 'en' | 'es'; visit?: Appointment; practitioner?: string },
): Promise<Entry> {
  const { serviceId, practitionerId } = await ids(
    request,
    DEMO.services.followUp.en,
    options.practitioner ?? DEMO.practitioners.herrera,
  );
  const response = await request.post(`/api/clinics/${DEMO.slug}/waitlist`, {
    data: {
      service_id: serviceId,
      practitioner_id: practitionerId,
      // Without a visit to match: Sundays, when nobody works, so the entry simply waits.
      days: options.visit ? [weekdayOf(options.visit.local_date)] : [6],
      parts_of_day: options.visit ? [PARTS[partOf(options.visit.local_time)]] : [...PARTS],
      contact: {
        name: options.name,
        preferred_name: options.preferredName ?? null,
        // One entry per e-mail and service while on the list.
        email: `waiting-${stamp()}-${Math.random().toString(36).slice(2, 8)}@example.org`,
        language: options.language ?? 'en',
        consent: true,
      },
    },
  });
  expect(response.status(), await response.text()).toBe(201);
  return (await response.json()) as Entry;
}

async function entryOf(request: APIRequestContext, token: string): Promise<Entry> {
  const response = await request.get(`/api/waitlist/${token}`);
  expect(response.status()).toBe(200);
  return (await response.json()) as Entry;
}

/** Waits until the entry holds a time for the patient (offers may be made by a sweep). */
async function offered(request: APIRequestContext, token: string): Promise<Entry> {
  await expect
    .poll(async () => (await entryOf(request, token)).status, { timeout: 30_000, message: 'the freed time is offered' })
    .toBe('offered');
  return entryOf(request, token);
}

/** Frees a visit as its patient would (their own cancel link). */
async function cancelViaApi(request: APIRequestContext, visit: Appointment): Promise<void> {
  const response = await request.post(`/api/appointments/${visit.token}/cancel`, { data: { reason: null } });
  expect(response.status(), await response.text()).toBe(200);
}

/** Takes an entry off the list so later tests' freed times go to their own patients. */
async function leaveViaApi(request: APIRequestContext, token: string): Promise<void> {
  const response = await request.post(`/api/waitlist/${token}/leave`, { data: {} });
  expect(response.status(), await response.text()).toBe(200);
}

/** A staff member's own browser, signed in to the console. */
async function staffPage(browser: Browser, email: string = STAFF.admin): Promise<Page> {
  const baseURL = test.info().project.use.baseURL;
  const context = await browser.newContext({ baseURL, viewport: { width: 1024, height: 900 } });
  const page = await context.newPage();
  await signIn(page, email);
  return page;
}

/** Time off for Dr. Herrera all around `visit`, so its time is the only one that can free up. */
async function isolate(staff: Page, visit: Appointment & { end: string }, practitionerId: number): Promise<() => Promise<void>> {
  const minutes = (Date.parse(visit.end) - Date.parse(visit.start)) / 60_000;
  const [h, m] = visit.local_time.split(':').map(Number);
  const endMinute = h * 60 + m + minutes;
  const endTime = `${String(Math.floor(endMinute / 60)).padStart(2, '0')}:${String(endMinute % 60).padStart(2, '0')}`;
  const note = `waitlist e2e ${stamp()}`;
  const blocks = [
    { starts: `${clinicDay(0)}T00:00`, ends: `${visit.local_date}T${visit.local_time}`, note },
    { starts: `${visit.local_date}T${endTime}`, ends: `${clinicDay(75)}T00:00`, note },
  ];
  for (const block of blocks) {
    await consoleApi(staff, 'POST', `/practitioners/${practitionerId}/time-off`, block);
  }
  return async () => {
    const hours = await practitionerHours(staff, practitionerId);
    await restorePractitioner(staff, practitionerId, hours, note);
  };
}

test('a waiting patient joins from the booking flow, is offered a cancelled time and takes it', async ({
  page,
  browser,
  request,
}) => {
  const first = `Wanda First ${stamp()}`;
  const waiting = `Walt Waiting ${stamp()}`;
  // The time the waiting patient will want: booked by someone else first.
  const visit = (await bookViaApi(request, {
    service: DEMO.services.followUp.en,
    practitioner: DEMO.practitioners.herrera,
    name: first,
    fromDay: 3,
  })) as Appointment & { end: string };
  const { serviceId, practitionerId } = await ids(request, DEMO.services.followUp.en, DEMO.practitioners.herrera);
  const staff = await staffPage(browser);
  const restore = await isolate(staff, visit, practitionerId);
  try {
    // The booking flow's time step links to the waitlist for this service and practitioner.
    await page.goto(`/book/demo?service=${serviceId}&practitioner=${practitionerId}&date=${visit.local_date}`);
    await page.getByRole('link', { name: W.en.link }).click();
    await expect(page).toHaveURL(new RegExp(`/book/demo/waitlist\\?service=${serviceId}&practitioner=${practitionerId}$`));
    await expect(heading(page)).toHaveText(W.en.joinTitle);
    await expect(page.getByText(DEMO.practitioners.herrera)).toBeVisible();
    await expectAccessible(page, 'waitlist join form');
    await expectNoSideScroll(page, 'waitlist join form');

    // Every day and part of the day is ticked at first; with no day and no name the form
    // says what to fix, in a summary that takes focus.
    const days = page.getByRole('group', { name: 'Days that suit you' });
    const parts = page.getByRole('group', { name: 'Times of day that suit you' });
    for (const day of W.en.weekdays) {
      await expect(days.getByLabel(day, { exact: true })).toBeChecked();
      await days.getByLabel(day, { exact: true }).uncheck();
    }
    await page.getByRole('button', { name: W.en.join }).click();
    const summary = page.locator('#error-summary');
    await expect(summary.getByRole('heading', { name: W.en.errorSummary })).toBeVisible();
    await expect(summary).toBeFocused();
    await expect(summary.getByRole('link', { name: W.en.eDays })).toBeVisible();
    await expect(summary.getByRole('link', { name: W.en.eName })).toBeVisible();
    await expectAccessible(page, 'waitlist join form with errors');

    // The visit's weekday and part of the day only.
    const weekday = weekdayOf(visit.local_date);
    const part = partOf(visit.local_time);
    await days.getByLabel(W.en.weekdays[weekday], { exact: true }).check();
    for (const [i, label] of W.en.parts.entries()) {
      if (i !== part) await parts.getByLabel(label, { exact: true }).uncheck();
    }
    await page.getByLabel(W.en.fullName).fill(waiting);
    await page.getByLabel(W.en.email).fill(`walt-${stamp()}@example.org`);
    await page.getByLabel(W.en.consent).check();
    await page.getByRole('button', { name: W.en.join }).click();

    await expect(heading(page)).toHaveText(W.en.joinedTitle);
    await expect(heading(page)).toBeFocused();
    const confirmation = page.getByTestId('waitlist-joined');
    await expect(confirmation.getByText(W.en.weekdays[weekday], { exact: true })).toBeVisible();
    await expectAccessible(page, 'waitlist confirmation');
    await expectNoSideScroll(page, 'waitlist confirmation');
    const link = await page.getByTestId('waitlist-link').getAttribute('href');
    expect(link).toMatch(/^\/waitlist\/[^/]+$/);
    const token = link!.split('/').pop()!;
    // Nothing that suits is free: the patient waits.
    expect((await entryOf(request, token)).status).toBe('waiting');

    // Staff cancel the other patient's visit from the day view.
    await staff.goto(`/console/day?date=${visit.local_date}`);
    const row = visitRow(staff, first);
    await row.getByRole('button', { name: CONSOLE.cancelForPatient }).click();
    await row.getByLabel(CONSOLE.cancelReason).fill('Called to say they are away');
    await row.getByRole('button', { name: CONSOLE.cancelConfirm }).click();
    await expect(row.getByTestId('status')).toHaveText(CONSOLE.cancelled);

    // The freed time is held for the waiting patient.
    const held = await offered(request, token);
    expect(Date.parse(held.offer!.start)).toBe(Date.parse(visit.start));

    // Their link shows it, with a countdown, and takes it.
    await page.goto(link!);
    await expect(heading(page)).toHaveText(W.en.offeredTitle(waiting));
    await expect(page.getByTestId('offer-time')).toContainText(
      new Intl.DateTimeFormat('en-US', { timeZone: 'UTC', weekday: 'long', month: 'long', day: 'numeric' }).format(
        new Date(`${visit.local_date}T12:00:00Z`),
      ),
    );
    await expect(page.getByRole('timer')).toHaveText(/^\d+:\d\d$/);
    await expectAccessible(page, 'waitlist offer');
    await expectNoSideScroll(page, 'waitlist offer');
    await page.getByRole('button', { name: W.en.take }).click();

    // On their own visit page, at that time.
    await expect(page).toHaveURL(/\/a\/[^/]+$/);
    const visitToken = page.url().split('/').pop()!;
    const booked = (await (await request.get(`/api/appointments/${visitToken}`)).json()) as Appointment;
    expect(booked.status).toBe('booked');
    expect(Date.parse(booked.start)).toBe(Date.parse(visit.start));
    await expect(heading(page)).toBeVisible();
    const after = await entryOf(request, token);
    expect(after.status).toBe('booked');
    expect(after.appointment_token).toBe(visitToken);
  } finally {
    await restore();
    await staff.context().close();
  }
});

test('letting a held time go keeps the patient on the list', async ({ page, browser, request }) => {
  const visit = (await bookViaApi(request, {
    service: DEMO.services.followUp.en,
    practitioner: DEMO.practitioners.herrera,
    name: `Lena Holder ${stamp()}`,
    fromDay: 3,
  })) as Appointment & { end: string };
  const { practitionerId } = await ids(request, DEMO.services.followUp.en, DEMO.practitioners.herrera);
  const staff = await staffPage(browser);
  const restore = await isolate(staff, visit, practitionerId);
  const name = `Luz Passing ${stamp()}`;
  try {
    const entry = await joinViaApi(request, { name, visit });
    expect(entry.status).toBe('waiting');
    await cancelViaApi(request, visit);
    await offered(request, entry.token);

    await page.goto(`/waitlist/${entry.token}`);
    await expect(heading(page)).toHaveText(W.en.offeredTitle(name));
    await page.getByRole('button', { name: W.en.letGo }).click();
    await expect(page.getByTestId('waitlist-notice')).toHaveText(W.en.letGoDone);
    await expect(heading(page)).toHaveText(W.en.waitingTitle(name));
    await expect(heading(page)).toBeFocused();
    await expect(page.getByRole('button', { name: W.en.take })).toHaveCount(0);
    await expectAccessible(page, 'waitlist after letting a time go');
    const now = await entryOf(request, entry.token);
    expect(now.status).toBe('waiting');
    await leaveViaApi(request, entry.token);
  } finally {
    await restore();
    await staff.context().close();
  }
});

test('a patient leaves the waitlist from their link, in Spanish', async ({ page, request }) => {
  const name = `Sofía Salida ${stamp()}`;
  const entry = await joinViaApi(request, { name, preferredName: 'Sofi', language: 'es' });

  await page.goto(`/waitlist/${entry.token}`);
  await expect(heading(page)).toHaveText(W.es.waitingTitle('Sofi'));
  await expect(page.locator('html')).toHaveAttribute('lang', 'es');
  await expectAccessible(page, 'waitlist entry (Spanish)');
  await expectNoSideScroll(page, 'waitlist entry (Spanish)');
  await page.getByRole('button', { name: W.es.leave }).click();
  const yes = page.getByRole('button', { name: W.es.leaveYes });
  await expect(yes).toBeFocused();
  await yes.click();
  await expect(heading(page)).toHaveText(W.es.leftTitle);
  await expect(heading(page)).toBeFocused();
  await expectAccessible(page, 'waitlist left (Spanish)');
  expect((await entryOf(request, entry.token)).status).toBe('left');
});

test('staff see the waitlist in the console, take someone off it and set how long times are held', async ({
  browser,
  request,
}) => {
  const name = `Carl Console ${stamp()}`;
  const entry = await joinViaApi(request, { name });
  const page = await staffPage(browser);
  await page.getByRole('link', { name: W.console.nav, exact: true }).click();
  await expect(page).toHaveURL(/\/console\/waitlist$/);
  await expect(heading(page)).toHaveText(W.console.title);
  const row = page.getByTestId('waitlist-waiting').getByTestId('waitlist-row').filter({ hasText: name });
  await expect(row).toContainText(DEMO.services.followUp.en);
  await expect(row).toContainText(DEMO.practitioners.herrera);
  await expectAccessible(page, 'console waitlist');

  // Remove asks first; keeping changes nothing.
  await row.getByRole('button', { name: W.console.remove }).click();
  await expect(row.getByRole('button', { name: W.console.removeYes })).toBeFocused();
  await expectAccessible(page, 'console waitlist remove confirm');
  await row.getByRole('button', { name: W.console.removeKeep }).click();
  await expect(row.getByRole('button', { name: W.console.remove })).toBeFocused();
  await row.getByRole('button', { name: W.console.remove }).click();
  await row.getByRole('button', { name: W.console.removeYes }).click();
  await expect(page.getByTestId('waitlist-status')).toHaveText(W.console.removed(name));
  await expect(
    page.getByTestId('waitlist-waiting').getByTestId('waitlist-row').filter({ hasText: name }),
  ).toHaveCount(0);
  expect((await entryOf(request, entry.token)).status).toBe('left');

  // The settings: a number out of range is refused here; a good one is saved and kept.
  const hold = page.getByLabel(W.console.hold);
  await hold.fill('1');
  await page.getByRole('button', { name: W.console.save }).click();
  await expect(page.getByText(W.console.range)).toBeVisible();
  await expect(hold).toBeFocused();
  await expect(hold).toHaveAttribute('aria-invalid', 'true');
  await hold.fill('20');
  await page.getByRole('button', { name: W.console.save }).click();
  await expect(page.getByTestId('waitlist-settings-status')).toHaveText(W.console.saved);
  await expectAccessible(page, 'console waitlist settings saved');
  await page.reload();
  await expect(page.getByLabel(W.console.hold)).toHaveValue('20');
  const saved = await consoleApi<{ hold_minutes: number; entry_days: number }>(page, 'GET', '/waitlist/settings');
  expect(saved.hold_minutes).toBe(20);
  // Back to the default for the other tests.
  await consoleApi(page, 'PUT', '/waitlist/settings', { hold_minutes: 15, entry_days: saved.entry_days });
  await page.context().close();
});

test('the console waitlist reads on a phone', async ({ page, request }) => {
  const name = `Pia Phone ${stamp()}`;
  const entry = await joinViaApi(request, { name });
  await signIn(page, STAFF.frontDesk);
  await page.goto('/console/waitlist');
  await expect(page.getByTestId('waitlist-row').filter({ hasText: name })).toBeVisible();
  await expectNoSideScroll(page, 'console waitlist');
  // Front desk may remove, but the settings are for admins.
  await expect(page.getByLabel(W.console.hold)).toHaveCount(0);
  await leaveViaApi(request, entry.token);
});

// The clinic console's front desk screens: booking for a patient on the phone, saying a
// practitioner runs late, finding a patient and their history, and the week overview. Setup
// bookings go through the public API; everything asserted is what staff (or the patient) see.
import { type APIRequestContext, type Page } from '@playwright/test';
import { expect, test } from '../support/test';
import { expectAccessible } from '../support/axe';
import { bookSlot, clinicDay, clinicInfo, fetchAppointment, type Appointment, type Slot } from '../support/api';
import { formatInstant, heading, tabTo } from '../support/booking';
import {
  CONSOLE,
  DESK,
  FRONT_DESK_NAME,
  STAFF,
  column,
  dayTitle,
  expectNoSidewaysScroll,
  liveRegion,
  mondayOf,
  rowButton,
  signIn,
  visitRow,
} from '../support/console';
import { pinnedServer } from '../support/pinned';
import { DEMO, TEXT } from '../support/text';

const stamp = () => Date.now().toString(36);

/** A phone number no other test uses (the patient record is found by it). */
function uniquePhone(): string {
  const digits = String(Date.now() % 10_000_000).padStart(7, '0');
  return `+1 917 ${digits.slice(0, 3)} ${digits.slice(3)}`;
}

/** The first day, at least `fromDay` days ahead, with a free time for a service with anyone. */
async function firstFreeDay(request: APIRequestContext, serviceName: string, fromDay = 2): Promise<string> {
  const clinic = await clinicInfo(request);
  const service = clinic.services.find((s) => s.name === serviceName)!;
  const query = new URLSearchParams({
    service_id: String(service.id),
    from: clinicDay(fromDay),
    to: clinicDay(fromDay + 27),
  });
  const found = await request.get(`/api/clinics/${DEMO.slug}/availability?${query}`);
  expect(found.status()).toBe(200);
  const { slots } = (await found.json()) as { slots: Slot[] };
  expect(slots.length, 'free times in the next four weeks').toBeGreaterThan(0);
  return slots[0].local_date;
}

/** Books online (as a patient would) with this practitioner on `day` or the first free day after `fromDay`. */
async function bookOnline(
  request: APIRequestContext,
  options: { service: string; practitioner: string; name: string; phone?: string; day?: string; last?: boolean },
): Promise<Appointment> {
  const clinic = await clinicInfo(request);
  const service = clinic.services.find((s) => s.name === options.service)!;
  const practitioner = clinic.practitioners.find((p) => p.display_name === options.practitioner)!;
  const query = new URLSearchParams({
    service_id: String(service.id),
    practitioner_id: String(practitioner.id),
    from: options.day ?? clinicDay(2),
    to: options.day ?? clinicDay(29),
  });
  const found = await request.get(`/api/clinics/${DEMO.slug}/availability?${query}`);
  expect(found.status()).toBe(200);
  let { slots } = (await found.json()) as { slots: Slot[] };
  expect(slots.length, `free times with ${options.practitioner}`).toBeGreaterThan(0);
  if (options.last) slots = [...slots].reverse();
  for (const slot of slots.slice(0, 5)) {
    const response = await request.post(`/api/clinics/${DEMO.slug}/appointments`, {
      data: {
        service_id: service.id,
        practitioner_id: practitioner.id,
        start: slot.start,
        patient: {
          name: options.name,
          phone: options.phone ?? uniquePhone(),
          language: 'en',
          new_or_returning: 'returning',
          consent: true,
        },
      },
    });
    if (response.status() === 409) continue;
    expect(response.status(), await response.text()).toBe(201);
    return (await response.json()) as Appointment;
  }
  throw new Error('every free time tried was taken');
}

async function openFromNav(page: Page, name: string, title: string): Promise<void> {
  await page.getByRole('navigation', { name: 'Console' }).getByRole('link', { name, exact: true }).click();
  await expect(heading(page)).toHaveText(title);
}

test('front desk books a patient on the phone and gives them the visit link', async ({ page, request, context }) => {
  const id = stamp();
  const name = `Nora Phone ${id}`;
  const preferred = `Nora ${id}`;
  const day = await firstFreeDay(request, DEMO.services.followUp.en);

  await signIn(page, STAFF.frontDesk);
  await openFromNav(page, DESK.navBook, DESK.bookTitle);
  await expectAccessible(page, 'console book by phone');
  await expectNoSidewaysScroll(page);

  await page.getByLabel(DESK.service).selectOption({ label: `${DEMO.services.followUp.en} · 20 min` });
  await expect(page.getByLabel(DESK.practitioner)).toHaveValue('any');
  await page.getByLabel(DESK.day, { exact: true }).fill(day);
  const times = page.getByTestId('slots').getByRole('button');
  await expect(times.first()).toBeVisible();
  await expect(page.getByText(dayTitle(day), { exact: true })).toBeVisible();
  await expectAccessible(page, 'console book, free times');

  // Booking without the patient's details says what is missing, on the fields.
  const first = times.first();
  const who = (await first.locator('.slot-who').innerText()).trim().replace(/^with /, '');
  await first.click();
  await expect(first).toHaveAttribute('aria-pressed', 'true');
  await page.getByRole('button', { name: DESK.bookVisit }).click();
  const nameField = page.getByLabel(DESK.fullName);
  await expect(nameField).toBeFocused();
  await expect(nameField).toHaveAttribute('aria-invalid', 'true');
  await expect(page.getByText(DESK.eName)).toBeVisible();
  await expect(page.getByText(DESK.eContact)).toBeVisible();
  await expectAccessible(page, 'console book, details missing');

  await nameField.fill(name);
  await page.getByLabel(DESK.preferredName).fill(preferred);
  const phone = uniquePhone();
  await page.getByLabel(DESK.phone, { exact: true }).fill(phone);
  await page.getByLabel(DESK.reason).fill('Blood pressure check');
  await page.getByLabel(DESK.interpreter).fill('Portuguese');
  await page.getByLabel(DESK.mobility).fill('Uses a wheelchair');
  await page.getByLabel(DESK.consent).check();
  await page.getByRole('button', { name: DESK.bookVisit }).click();

  const booked = page.getByTestId('booked');
  await expect(booked.getByRole('heading', { name: DESK.booked(preferred) })).toBeFocused();
  await expect(booked).toContainText(who);
  await expect(booked).toContainText(DEMO.services.followUp.en);
  const link = booked.getByTestId('visit-link');
  const url = (await link.getAttribute('href'))!;
  expect(url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/a\/[A-Za-z0-9_-]{43}$/);
  await expect(link).toHaveText(url);
  const token = url.split('/a/')[1];
  const visit = await fetchAppointment(request, token);
  await expect(booked.getByTestId('booked-when')).toHaveText(await formatInstant(page, visit.start));
  expect(visit.local_date).toBe(day);
  expect(visit.practitioner.display_name).toBe(who);
  await expectAccessible(page, 'console book, booked');
  await expectNoSidewaysScroll(page);

  await context.grantPermissions(['clipboard-read', 'clipboard-write']);
  await booked.getByRole('button', { name: DESK.copyLink }).click();
  await expect(booked.getByText(DESK.copied)).toBeVisible();
  expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(url);

  // The patient opens the link: their visit, at the time booked.
  await link.click();
  await expect(heading(page)).toHaveText(TEXT.en.visitTitle(preferred));
  await expect(page.getByTestId('visit-when')).toContainText(await formatInstant(page, visit.start));
  await expect(page.locator('article.visit')).toContainText(who);

  // The day view lists them, with what the clinic should prepare for.
  await page.goto(`/console/day?date=${day}`);
  await expect(heading(page)).toHaveText(dayTitle(day));
  const row = visitRow(page, preferred);
  await expect(row.getByTestId('status')).toHaveText(CONSOLE.booked);
  await expect(row).toContainText('Interpreter: Portuguese');
  await expect(row).toContainText('Uses a wheelchair');
});

test('"Book another" starts a fresh booking', async ({ page, request }) => {
  const day = await firstFreeDay(request, DEMO.services.telehealth.en);
  await signIn(page, STAFF.admin);
  await page.goto('/console/book');
  await page.getByLabel(DESK.service).selectOption({ label: `${DEMO.services.telehealth.en} · 15 min` });
  await page.getByLabel(DESK.practitioner).selectOption({ label: DEMO.practitioners.okafor });
  await page.getByLabel(DESK.day, { exact: true }).fill(day);
  await page.getByTestId('slots').getByRole('button').first().click();
  await page.getByLabel(DESK.fullName).fill(`Otto Again ${stamp()}`);
  await page.getByLabel('Email', { exact: true }).fill('otto@example.org');
  await page.getByLabel(DESK.consent).check();
  await page.getByRole('button', { name: DESK.bookVisit }).click();
  await expect(page.getByTestId('booked')).toContainText(DEMO.practitioners.okafor);

  await page.getByRole('button', { name: DESK.bookAnother }).click();
  await expect(page.getByLabel(DESK.service)).toBeFocused();
  await expect(page.getByLabel(DESK.service)).toHaveValue('');
  await expect(page.getByLabel(DESK.fullName)).toHaveValue('');
  await expect(page.getByText('Choose a visit type to see the free times.')).toBeVisible();
});

test('a time taken meanwhile offers the nearest free times instead', async ({ page, request }) => {
  const clinic = await clinicInfo(request);
  const service = clinic.services.find((s) => s.name === DEMO.services.followUp.en)!;
  const herrera = clinic.practitioners.find((p) => p.display_name === DEMO.practitioners.herrera)!;
  const query = new URLSearchParams({
    service_id: String(service.id),
    practitioner_id: String(herrera.id),
    from: clinicDay(2),
    to: clinicDay(29),
  });
  const { slots } = (await (await request.get(`/api/clinics/${DEMO.slug}/availability?${query}`)).json()) as {
    slots: Slot[];
  };
  const day = slots[0].local_date;

  await signIn(page, STAFF.frontDesk);
  await page.goto('/console/book');
  await page.getByLabel(DESK.service).selectOption(String(service.id));
  await page.getByLabel(DESK.practitioner).selectOption(String(herrera.id));
  await page.getByLabel(DESK.day, { exact: true }).fill(day);
  const first = page.getByTestId('slots').getByRole('button').first();
  await first.click();
  await page.getByLabel(DESK.fullName).fill(`Rita Race ${stamp()}`);
  await page.getByLabel(DESK.phone, { exact: true }).fill(uniquePhone());
  await page.getByLabel(DESK.consent).check();
  // Someone books the same time online while the phone call goes on.
  const daySlots = slots.filter((slot) => slot.local_date === day);
  expect(await bookSlot(request, service.id, daySlots[0], 'Online Racer')).toBeTruthy();

  await page.getByRole('button', { name: DESK.bookVisit }).click();
  await expect(page.getByRole('alert').filter({ hasText: DESK.taken })).toBeVisible();
  await expect(page.getByRole('heading', { name: DESK.freeTimes })).toBeFocused();
  const alternatives = page.getByTestId('alternatives').getByRole('button');
  await expect(alternatives.first()).toBeVisible();
  await expectAccessible(page, 'console book, time taken');
  await alternatives.first().click();
  await expect(page.getByRole('button', { name: DESK.bookVisit })).toBeFocused();
  await page.getByRole('button', { name: DESK.bookVisit }).click();
  await expect(page.getByTestId('booked')).toContainText(DEMO.practitioners.herrera);
});

test('booking by phone works with the keyboard alone', async ({ page, request }) => {
  const day = await firstFreeDay(request, DEMO.services.followUp.en);
  await signIn(page, STAFF.frontDesk);
  const nav = page.getByRole('navigation', { name: 'Console' }).getByRole('link', { name: DESK.navBook });
  await tabTo(page, nav);
  await page.keyboard.press('Enter');
  await expect(heading(page)).toHaveText(DESK.bookTitle);
  await expect(heading(page)).toBeFocused();

  const service = page.getByLabel(DESK.service);
  await page.keyboard.press('Tab');
  await expect(service).toBeFocused();
  // Down the list to the follow-up visit (the second visit type).
  await page.keyboard.press('ArrowDown');
  await page.keyboard.press('ArrowDown');
  await expect(service.locator('option:checked')).toHaveText(`${DEMO.services.followUp.en} · 20 min`);
  await expect(service).toBeFocused();
  await page.keyboard.press('Tab');
  await expect(page.getByLabel(DESK.practitioner)).toBeFocused();
  await page.keyboard.press('Tab');
  const date = page.getByLabel(DESK.day, { exact: true });
  await expect(date).toBeFocused();
  const [year, month, dayOfMonth] = day.split('-');
  await page.keyboard.type(`${month}${dayOfMonth}${year}`);
  await expect(date).toHaveValue(day);

  const time = page.getByTestId('slots').getByRole('button').first();
  await tabTo(page, time);
  await page.keyboard.press('Enter');
  await expect(time).toHaveAttribute('aria-pressed', 'true');
  await expect(time).toBeFocused();
  await expect(liveRegion(page)).toContainText('Chosen: ');

  await tabTo(page, page.getByLabel(DESK.fullName));
  await page.keyboard.type(`Kai Keys ${stamp()}`);
  await tabTo(page, page.getByLabel('Email', { exact: true }));
  await page.keyboard.type('kai@example.org');
  await tabTo(page, page.getByLabel(DESK.consent));
  await page.keyboard.press('Space');
  await tabTo(page, page.getByRole('button', { name: DESK.bookVisit }));
  await page.keyboard.press('Enter');
  await expect(page.getByRole('heading', { name: /^Booked: Kai Keys/ })).toBeFocused();
});

test('front desk says a practitioner runs 20 minutes late, and the patient sees the later time', async ({
  page,
  playwright,
}) => {
  const pinned = pinnedServer(Number(process.env.CAREBOOK_E2E_PORT ?? 3917));
  const api = await playwright.request.newContext({ baseURL: pinned.baseURL });
  // A visit later on the pinned day (it is 07:00 there): the last free time, well ahead.
  const name = `Lia Late ${stamp()}`;
  const visit = await bookOnline(api, {
    service: DEMO.services.followUp.en,
    practitioner: DEMO.practitioners.herrera,
    name,
    day: pinned.today,
    last: true,
  });
  await api.dispose();
  const herrera = DEMO.practitioners.herrera;

  await signIn(page, STAFF.frontDesk, pinned.baseURL);
  await expect(heading(page)).toHaveText(dayTitle(pinned.today));
  const own = column(page, herrera);
  await expect(visitRow(page, name)).toBeVisible();
  await expect(own.getByTestId('late-status')).toHaveText(DESK.onTime);
  await own.getByLabel(DESK.runningLate).selectOption('20');
  await own.getByRole('button', { name: DESK.set }).click();
  await expect(own.getByTestId('late-status')).toHaveText(DESK.lateStatus(20));
  await expect(liveRegion(page)).toHaveText(DESK.lateDone(herrera, 20));
  await expect(own.getByLabel(DESK.runningLate)).toBeFocused();
  // Only Dr. Herrera is late.
  await expect(column(page, DEMO.practitioners.okafor).getByTestId('late-status')).toHaveText(DESK.onTime);
  await expectAccessible(page, 'console day view, running late');
  await expectNoSidewaysScroll(page);

  await page.goto(`${pinned.baseURL}/a/${visit.token}`);
  const expected = new Date(Date.parse(visit.start) + 20 * 60_000).toISOString();
  await expect(page.getByTestId('running-late')).toHaveText(
    `${herrera} is running about 20 minutes late today. Expected time: ${await formatInstant(page, expected)}.`,
  );

  await page.goto(`${pinned.baseURL}/console/day`);
  await expect(own.getByTestId('late-status')).toHaveText(DESK.lateStatus(20));
  await own.getByLabel(DESK.runningLate).selectOption({ label: DESK.onTime });
  await own.getByRole('button', { name: DESK.set }).click();
  await expect(own.getByTestId('late-status')).toHaveText(DESK.onTime);
  await expect(liveRegion(page)).toHaveText(DESK.lateCleared(herrera));

  await page.goto(`${pinned.baseURL}/a/${visit.token}`);
  await expect(heading(page)).toHaveText(TEXT.en.visitTitle(name));
  await expect(page.getByTestId('running-late')).toHaveCount(0);
});

test('running late is only offered on today, and a practitioner may only set their own', async ({ page }) => {
  const pinned = pinnedServer(Number(process.env.CAREBOOK_E2E_PORT ?? 3917));
  await signIn(page, STAFF.okafor, pinned.baseURL);
  const own = column(page, DEMO.practitioners.okafor);
  await expect(own.getByTestId('late-status')).toHaveText(DESK.onTime);
  await expect(page.getByLabel(DESK.runningLate)).toHaveCount(1);

  await page.getByRole('link', { name: DESK.nextDay }).click();
  const tomorrow = new Date(`${pinned.today}T12:00:00Z`);
  tomorrow.setUTCDate(tomorrow.getUTCDate() + 1);
  await expect(heading(page)).toHaveText(dayTitle(tomorrow.toISOString().slice(0, 10)));
  await expect(page.getByTestId('late-status')).toHaveCount(0);
  await expect(page.getByLabel(DESK.runningLate)).toHaveCount(0);
});

test('front desk finds a patient by phone and follows their history', async ({ page, request }) => {
  const name = `Pia Lookup ${stamp()}`;
  const phone = uniquePhone();
  const visit = await bookOnline(request, {
    service: DEMO.services.followUp.en,
    practitioner: DEMO.practitioners.okafor,
    name,
    phone,
  });

  await signIn(page, STAFF.frontDesk);
  await openFromNav(page, DESK.navPatients, DESK.patientsTitle);
  await expectAccessible(page, 'console patients, search');

  // Too short to search for: said on the field.
  const query = page.getByLabel(DESK.patientsQuery);
  await query.fill('7');
  await page.getByRole('button', { name: DESK.search }).click();
  await expect(page.getByRole('search').getByText(DESK.tooShort)).toBeVisible();
  await expect(query).toBeFocused();
  await expect(query).toHaveAttribute('aria-invalid', 'true');

  await query.fill(phone);
  await page.getByRole('button', { name: DESK.search }).click();
  await expect(page).toHaveURL(/\/console\/patients\?q=/);
  await expect(page.getByRole('heading', { level: 2 })).toHaveText(DESK.results(phone));
  await expect(page.getByRole('heading', { level: 2 })).toBeFocused();
  const results = page.getByTestId('patient-results').getByRole('listitem');
  await expect(results).toHaveCount(1);
  await expect(results).toContainText(DESK.visits(1));
  await expectAccessible(page, 'console patients, results');
  await expectNoSidewaysScroll(page);

  // The search is the URL: a reload shows the same results.
  await page.reload();
  await expect(page.getByLabel(DESK.patientsQuery)).toHaveValue(phone);
  await expect(page.getByTestId('patient-results').getByRole('link', { name })).toBeVisible();

  await page.getByTestId('patient-results').getByRole('link', { name }).click();
  await expect(heading(page)).toHaveText(name);
  const record = page.url();
  const entries = page.getByTestId('timeline').getByTestId('entry');
  await expect(entries).toHaveCount(1);
  await expect(entries.first()).toContainText(CONSOLE.booked);
  await expect(entries.first()).toContainText(DEMO.services.followUp.en);
  await expect(entries.first()).toContainText(await formatInstant(page, visit.start));
  await expect(entries.first().getByTestId('entry-by')).toHaveText(DESK.byPatientOnline);
  await expectAccessible(page, 'console patient history');
  await expectNoSidewaysScroll(page);

  // Marked arrived on the day view, the history says so, and who did it.
  await page.goto(`/console/day?date=${visit.local_date}`);
  const row = visitRow(page, name);
  await rowButton(row, CONSOLE.arrived, name).click();
  await expect(row.getByTestId('status')).toHaveText(CONSOLE.arrived);
  await page.goto(record);
  await expect(heading(page)).toHaveText(name);
  await expect(entries).toHaveCount(2);
  await expect(entries.nth(1)).toContainText(CONSOLE.arrived);
  await expect(entries.nth(1).getByTestId('entry-by')).toHaveText(FRONT_DESK_NAME);

  await page.getByRole('link', { name: DESK.backToSearch }).click();
  await expect(page.getByLabel(DESK.patientsQuery)).toHaveValue(phone);
});

test('a search with no match says so, and an unknown patient is not found', async ({ page }) => {
  await signIn(page, STAFF.admin);
  const nobody = `Nobody ${stamp()}`;
  await page.goto(`/console/patients?q=${encodeURIComponent(nobody)}`);
  await expect(page.getByTestId('no-patients')).toHaveText(DESK.noPatients(nobody));
  await page.goto('/console/patients/999999');
  await expect(heading(page)).toHaveText(DESK.patientMissing);
  await expectAccessible(page, 'console patient not found');
});

test('practitioners are told the front desk screens are not theirs', async ({ page }) => {
  await signIn(page, STAFF.okafor);
  await page.goto('/console/book');
  await expect(heading(page)).toHaveText(DESK.bookTitle);
  await expect(page.getByTestId('desk-only')).toHaveText(DESK.deskOnly);
  await expect(page.getByLabel(DESK.service)).toHaveCount(0);
  await expectAccessible(page, 'console book, not for practitioners');
  await page.goto('/console/patients');
  await expect(page.getByTestId('desk-only')).toHaveText(DESK.deskOnly);
  await expect(page.getByLabel(DESK.patientsQuery)).toHaveCount(0);
});

test('the booking screen speaks Spanish when the console does', async ({ page }) => {
  await signIn(page, STAFF.frontDesk);
  await page.getByLabel(TEXT.en.language).selectOption('es');
  await page.goto('/console/book');
  await expect(heading(page)).toHaveText('Reservar por teléfono');
  const service = page.getByLabel('Tipo de cita');
  await expect(service.locator('option').nth(2)).toHaveText(`${DEMO.services.followUp.es} · 20 min`);
  await expect(page.getByLabel('Profesional')).toHaveValue('any');
  await expect(page.getByText('Elija un tipo de cita para ver los horarios libres.')).toBeVisible();
  await expectAccessible(page, 'console book by phone, Spanish');
});

test('the week overview counts the visits of each day and opens a day', async ({ page, request }) => {
  const name = `Wes Week ${stamp()}`;
  const visit = await bookOnline(request, {
    service: DEMO.services.followUp.en,
    practitioner: DEMO.practitioners.herrera,
    name,
  });
  await signIn(page, STAFF.frontDesk);
  // What the day view holds for Dr. Herrera that day, as the count to expect.
  const schedule = await page.request.get(`/api/console/day?date=${visit.local_date}`);
  expect(schedule.status()).toBe(200);
  const day = (await schedule.json()) as {
    practitioners: { display_name: string; appointments: { status: string }[] }[];
  };
  const herrera = day.practitioners.find((p) => p.display_name === DEMO.practitioners.herrera)!;
  const booked = herrera.appointments.filter((a) => a.status === 'booked').length;
  expect(booked).toBeGreaterThan(0);

  await openFromNav(page, DESK.navWeek, DESK.weekTitle(mondayOf(clinicDay(0))));
  await page.goto(`/console/week?start=${visit.local_date}`);
  const monday = mondayOf(visit.local_date);
  await expect(heading(page)).toHaveText(DESK.weekTitle(monday));
  const table = page.getByRole('region', { name: DESK.weekTable });
  await expect(table).toBeVisible();
  const offset = Math.round((Date.parse(visit.local_date) - Date.parse(monday)) / 86_400_000);
  const row = table.getByRole('row').filter({ has: page.getByRole('rowheader', { name: DEMO.practitioners.herrera }) });
  await expect(row.getByRole('cell').nth(offset)).toContainText(DESK.weekBooked(booked));
  await expectAccessible(page, 'console week overview');
  await expectNoSidewaysScroll(page);

  await page.getByRole('link', { name: DESK.nextWeek }).click();
  const next = new Date(`${monday}T12:00:00Z`);
  next.setUTCDate(next.getUTCDate() + 7);
  await expect(heading(page)).toHaveText(DESK.weekTitle(next.toISOString().slice(0, 10)));
  await page.getByRole('link', { name: DESK.previousWeek }).click();
  await expect(heading(page)).toHaveText(DESK.weekTitle(monday));

  const columnHeader = table.getByRole('columnheader').nth(offset + 1);
  await columnHeader.getByRole('link').click();
  await expect(page).toHaveURL(new RegExp(`/console/day\\?date=${visit.local_date}$`));
  await expect(heading(page)).toHaveText(dayTitle(visit.local_date));
  await expect(visitRow(page, name)).toBeVisible();
});

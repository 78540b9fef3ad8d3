// The console's set-up screens, as an admin uses them: time off and weekly hours that leave
// booked visits out (they stay booked and are listed to call the patients), the clinic profile
// as patients then see it, a new service on the booking page and retiring it; only admins get
// in. The database is shared with the other spec files: visits are booked fresh, and whatever
// is changed on the demo clinic is put back at the end of each test, even when it fails.
import { type Page } from '@playwright/test';
import { expect, test } from '../support/test';
import { expectAccessible } from '../support/axe';
import { bookViaApi, clinicInfo, fetchAppointment } from '../support/api';
import { appReady, tabTo } from '../support/booking';
import { CONSOLE, STAFF, liveRegion, signIn, visitRow } from '../support/console';
import {
  SETUP,
  backTabTo,
  consoleApi,
  dayAfter,
  expectNoSideScroll,
  localText,
  practitionerHours,
  restorePractitioner,
  strandedVisit,
  title,
  weekday,
  weekdayOf,
} from '../support/setup';
import { DEMO, TEXT } from '../support/text';

const stamp = () => Date.now().toString(36);

/** Opens a practitioner's page from the list, as an admin would. */
async function openPractitioner(page: Page, name: string): Promise<number> {
  await page.goto('/console/practitioners');
  await expect(title(page)).toHaveText(SETUP.practitionersTitle);
  await page.getByTestId('practitioner-list').getByRole('link', { name, exact: true }).click();
  await expect(title(page)).toHaveText(name);
  await expect(title(page)).toBeFocused();
  return Number(new URL(page.url()).pathname.split('/').pop());
}

test('time off over a booked visit lists it as no longer fitting, still booked; removing the time off clears it', async ({
  page,
  request,
}) => {
  const patient = `Tia Setup ${stamp()}`;
  const note = `E2E leave ${stamp()}`;
  const visit = await bookViaApi(request, {
    service: DEMO.services.followUp.en,
    practitioner: DEMO.practitioners.okafor,
    name: patient,
  });
  await signIn(page, STAFF.admin);
  const id = await openPractitioner(page, DEMO.practitioners.okafor);
  const hours = await practitionerHours(page, id);
  try {
    await expect(page.getByTestId('stranded-none')).toHaveText(SETUP.strandedNone);
    await expectAccessible(page, 'practitioner page');
    await expectNoSideScroll(page, 'practitioner page');

    // The whole day of the visit off.
    const timeOff = page.getByTestId('time-off');
    await timeOff.getByLabel(SETUP.starts).fill(`${visit.local_date}T00:00`);
    await timeOff.getByLabel(SETUP.ends).fill(`${dayAfter(visit.local_date)}T00:00`);
    await timeOff.getByLabel(SETUP.note).fill(note);
    await timeOff.getByRole('button', { name: SETUP.addTimeOff }).click();

    const listed = strandedVisit(page, patient);
    await expect(listed).toContainText(SETUP.duringTimeOff);
    await expect(listed).toContainText(DEMO.services.followUp.en);
    await expect(listed).toContainText(await localText(page, visit.local_date, visit.local_time));
    await expect(liveRegion(page)).toContainText(SETUP.stranded);
    await expect(timeOff.getByTestId('time-off-entry').filter({ hasText: note })).toBeVisible();
    await expectAccessible(page, 'practitioner page, visits that no longer fit');
    await expectNoSideScroll(page, 'practitioner page, visits that no longer fit');

    // Nothing was dropped: the visit is still booked, for the patient and on the day view.
    expect((await fetchAppointment(request, visit.token)).status).toBe('booked');
    await page.goto(`/a/${visit.token}`);
    await expect(title(page)).toHaveText(TEXT.en.visitTitle(patient));
    await expect(page.getByText(TEXT.en.cancelledBanner)).toHaveCount(0);
    await expect(page.getByRole('button', { name: TEXT.en.cancelVisit })).toBeVisible();

    await page.goto(`/console/practitioners/${id}`);
    await strandedVisit(page, patient).getByRole('link', { name: SETUP.openDay }).click();
    await expect(page).toHaveURL(new RegExp(`/console/day\\?date=${visit.local_date}$`));
    await expect(visitRow(page, patient).getByTestId('status')).toHaveText(CONSOLE.booked);

    // Removing the time off: the visit fits again.
    await page.goto(`/console/practitioners/${id}`);
    const entry = page.getByTestId('time-off-entry').filter({ hasText: note });
    await entry.getByRole('button', { name: SETUP.removeTimeOff }).click();
    await expect(entry).toHaveCount(0);
    await expect(strandedVisit(page, patient)).toHaveCount(0);
    await expect(page.getByTestId('stranded-none')).toBeVisible();
    await expect(liveRegion(page)).toContainText(SETUP.strandedCleared);
  } finally {
    await restorePractitioner(page, id, hours, note);
  }
});

test('weekly hours cut under a booked visit list it as outside working hours until they are put back', async ({
  page,
  request,
}) => {
  const patient = `Hal Setup ${stamp()}`;
  const visit = await bookViaApi(request, {
    service: DEMO.services.followUp.en,
    practitioner: DEMO.practitioners.okafor,
    name: patient,
  });
  const day = weekdayOf(visit.local_date);
  const dayName = SETUP.weekdays[day];
  await signIn(page, STAFF.admin);
  const id = await openPractitioner(page, DEMO.practitioners.okafor);
  const hours = await practitionerHours(page, id);
  const ofDay = hours.filter((block) => block.weekday === day);
  expect(ofDay.length, `${dayName} has working hours`).toBeGreaterThan(0);
  try {
    const fieldset = weekday(page, day);
    await expect(fieldset.getByLabel(SETUP.starts)).toHaveCount(ofDay.length);

    // An end before its start is refused next to it, and nothing is saved.
    await fieldset.getByLabel(SETUP.ends).first().fill('06:00');
    await page.getByRole('button', { name: SETUP.saveHours }).click();
    const badEnd = fieldset.getByLabel(SETUP.ends).first();
    await expect(badEnd).toBeFocused();
    await expect(badEnd).toHaveAttribute('aria-invalid', 'true');
    await expect(fieldset.getByText(SETUP.eEndAfterStart)).toBeVisible();
    await expectAccessible(page, 'weekly hours with an error');

    // The whole day off: every block of it removed.
    for (let n = ofDay.length; n > 0; n--) {
      await fieldset.getByRole('button', { name: SETUP.removeBlock(1, dayName) }).click();
    }
    await expect(fieldset.getByLabel(SETUP.starts)).toHaveCount(0);
    await expect(fieldset.getByRole('button', { name: SETUP.addBlock(dayName) })).toBeFocused();
    await page.getByRole('button', { name: SETUP.saveHours }).click();

    await expect(page.getByTestId('hours').getByTestId('saved')).toContainText(SETUP.hoursSaved);
    await expect(liveRegion(page)).toContainText(SETUP.stranded);
    const listed = strandedVisit(page, patient);
    await expect(listed).toContainText(SETUP.outsideHours);
    await expect(listed).toContainText(await localText(page, visit.local_date, visit.local_time));
    expect((await fetchAppointment(request, visit.token)).status).toBe('booked');
    await expectAccessible(page, 'weekly hours cut under a visit');

    // The hours back, typed in again: the visit fits again.
    for (const [n, block] of ofDay.entries()) {
      await fieldset.getByRole('button', { name: SETUP.addBlock(dayName) }).click();
      await fieldset.getByLabel(SETUP.starts).nth(n).fill(block.start);
      await fieldset.getByLabel(SETUP.ends).nth(n).fill(block.end);
    }
    await page.getByRole('button', { name: SETUP.saveHours }).click();
    await expect(liveRegion(page)).toContainText(SETUP.strandedCleared);
    await expect(strandedVisit(page, patient)).toHaveCount(0);
    expect(await practitionerHours(page, id)).toEqual(hours);
  } finally {
    await restorePractitioner(page, id, hours);
  }
});

test('the clinic profile: a new name and phone reach patients; a horizon of 0 is refused and saves nothing', async ({
  page,
  request,
}) => {
  await signIn(page, STAFF.admin);
  await page.goto('/console/clinic');
  await expect(title(page)).toHaveText(SETUP.clinicTitle);
  const original = await consoleApi<Record<string, unknown>>(page, 'GET', '/clinic');
  const name = `${DEMO.name} ${stamp()}`;
  const phone = '+1 212 555 0199';
  try {
    await expect(page.getByLabel(SETUP.clinicName)).toHaveValue(DEMO.name);
    await expect(page.getByLabel(SETUP.timeZone)).toHaveValue(DEMO.timeZone);
    await expectAccessible(page, 'clinic profile');
    await expectNoSideScroll(page, 'clinic profile');

    // A horizon of 0 days: refused next to the field, and the phone typed with it not saved.
    await page.getByLabel(SETUP.phone).fill(phone);
    await page.getByLabel(SETUP.horizon).fill('0');
    await page.getByRole('button', { name: SETUP.saveClinic }).click();
    const horizon = page.getByLabel(SETUP.horizon);
    await expect(horizon).toBeFocused();
    await expect(horizon).toHaveAttribute('aria-invalid', 'true');
    await expect(horizon).toHaveAccessibleDescription(new RegExp(SETUP.eRange.replace('.', '\\.')));
    await expect(liveRegion(page)).toHaveText(SETUP.checkFields);
    await expectAccessible(page, 'clinic profile with an error');
    expect((await clinicInfo(request)) as unknown).toMatchObject({ phone: DEMO.phone });

    await horizon.fill('60');
    await page.getByLabel(SETUP.clinicName).fill(name);
    await page.getByRole('button', { name: SETUP.saveClinic }).click();
    await expect(page.getByTestId('saved')).toHaveText(SETUP.clinicSaved);
    await expect(liveRegion(page)).toHaveText(SETUP.clinicSaved);
    await expect(horizon).not.toHaveAttribute('aria-invalid', 'true');
    await expect(page.getByTestId('signed-in')).toContainText(name);

    // Patients see it.
    expect((await clinicInfo(request)) as unknown).toMatchObject({ name, phone, horizon_days: 60 });
    await page.goto('/book/demo');
    await expect(page.getByText(`Booking at ${name}`)).toBeVisible();
  } finally {
    await consoleApi(page, 'PUT', '/clinic', original);
  }
});

test('a new service offered by one practitioner is bookable until it is retired', async ({ page, request }) => {
  const id = stamp();
  const name = `Setup check ${id}`;
  const nameEs = `Revisión ${id}`;
  await signIn(page, STAFF.admin);
  await page.goto('/console/services');
  await expect(title(page)).toHaveText(SETUP.servicesTitle);
  await expectAccessible(page, 'services');
  await expectNoSideScroll(page, 'services');

  await page.getByRole('link', { name: SETUP.addService }).click();
  await expect(page).toHaveURL(/\/console\/services\?new=1$/);
  await expect(title(page)).toHaveText(SETUP.newServiceTitle);
  await expect(title(page)).toBeFocused();
  // The form is in the URL: a reload keeps it open.
  await page.reload();
  await expect(title(page)).toHaveText(SETUP.newServiceTitle);

  // Nothing filled in: each name is asked for next to it, focus on the first.
  await page.getByRole('button', { name: SETUP.createService }).click();
  const english = page.getByRole('group', { name: SETUP.english });
  const spanish = page.getByRole('group', { name: SETUP.spanish });
  await expect(english.getByLabel(SETUP.name)).toBeFocused();
  await expect(english.getByLabel(SETUP.name)).toHaveAttribute('aria-invalid', 'true');
  await expect(spanish.getByLabel(SETUP.name)).toHaveAttribute('aria-invalid', 'true');
  await expect(english.getByText(SETUP.eRequired)).toBeVisible();
  await expectAccessible(page, 'service form with errors');
  await expectNoSideScroll(page, 'service form');

  await english.getByLabel(SETUP.name).fill(name);
  await english.getByLabel(SETUP.description).fill('A short check made by the end-to-end tests.');
  await spanish.getByLabel(SETUP.name).fill(nameEs);
  await page.getByLabel(SETUP.duration).fill('30');
  await page.getByRole('group', { name: SETUP.whoOffers }).getByLabel(DEMO.practitioners.lee).check();
  let created: number | undefined;
  try {
    await page.getByRole('button', { name: SETUP.createService }).click();
    await expect(page).toHaveURL(/\/console\/services$/);
    await expect(title(page)).toBeFocused();
    await expect(page.getByTestId('saved')).toHaveText(SETUP.serviceAdded(name));
    const item = page.getByTestId('service').filter({ hasText: name });
    await expect(item).toContainText('30 min · In person');
    await expect(item).toContainText(SETUP.offeredBy(DEMO.practitioners.lee));
    created = (await clinicInfo(request)).services.find((s) => s.name === name)?.id;
    expect(created, 'the new service is offered to patients').toBeTruthy();

    // Patients can book it, with the one practitioner who offers it.
    await page.goto('/book/demo');
    await appReady(page);
    await page.getByTestId('service-list').getByRole('link', { name, exact: true }).click();
    await expect(title(page)).toHaveText(TEXT.en.titlePractitioner);
    const people = page.getByTestId('practitioner-list').getByRole('link');
    await expect(people.filter({ hasText: DEMO.practitioners.lee })).toHaveCount(1);
    await expect(people.filter({ hasText: DEMO.practitioners.okafor })).toHaveCount(0);

    // Editing keeps the form on its own URL.
    await page.goto('/console/services');
    await page.getByRole('link', { name: SETUP.edit(name) }).click();
    await expect(page).toHaveURL(new RegExp(`/console/services\\?edit=${created}$`));
    await expect(title(page)).toHaveText(SETUP.editServiceTitle(name));
    await page.getByLabel(SETUP.duration).fill('45');
    await page.getByRole('button', { name: SETUP.saveService }).click();
    await expect(page.getByTestId('saved')).toHaveText(SETUP.serviceSaved(name));
    await expect(item).toContainText('45 min · In person');

    // Retired: off the booking page, and marked so in the list.
    await page.getByRole('button', { name: SETUP.retire(name) }).click();
    await expect(item.getByText(SETUP.retired, { exact: true })).toBeVisible();
    await expect(page.getByRole('button', { name: SETUP.offerAgain(name) })).toBeFocused();
    await expect(liveRegion(page)).toHaveText(SETUP.nowRetired(name));
    await expectAccessible(page, 'services with a retired one');
    expect((await clinicInfo(request)).services.map((s) => s.name)).not.toContain(name);
    await page.goto('/book/demo');
    await expect(title(page)).toHaveText(TEXT.en.titleService);
    await expect(page.getByTestId('service-list').getByRole('link', { name, exact: true })).toHaveCount(0);
  } finally {
    if (created !== undefined) {
      await consoleApi(page, 'POST', `/services/${created}/retire`, { retired: true });
    }
  }
});

test('the practitioners list and the new practitioner form, which refuses a blank name', async ({ page }) => {
  await signIn(page, STAFF.admin);
  await page.goto('/console/practitioners');
  await expect(title(page)).toHaveText(SETUP.practitionersTitle);
  const list = page.getByTestId('practitioner-list');
  for (const name of Object.values(DEMO.practitioners)) {
    await expect(list.getByRole('link', { name, exact: true })).toBeVisible();
  }
  await expectAccessible(page, 'practitioners');
  await expectNoSideScroll(page, 'practitioners');

  await page.getByRole('link', { name: SETUP.addPractitioner }).click();
  await expect(page).toHaveURL(/\/console\/practitioners\?new=1$/);
  await expect(title(page)).toHaveText(SETUP.newPractitionerTitle);
  await page.getByRole('button', { name: SETUP.createPractitioner }).click();
  const displayName = page.getByLabel(SETUP.displayName);
  await expect(displayName).toBeFocused();
  await expect(displayName).toHaveAttribute('aria-invalid', 'true');
  await expect(page.getByRole('group', { name: SETUP.english }).getByLabel(SETUP.jobTitle)).toHaveAttribute(
    'aria-invalid',
    'true',
  );
  await expectAccessible(page, 'new practitioner form with errors');
  await expectNoSideScroll(page, 'new practitioner form');
  // Nothing was added.
  await page.goto('/console/practitioners');
  await expect(list.getByTestId('practitioner')).toHaveCount(
    (await consoleApi<unknown[]>(page, 'GET', '/practitioners')).length,
  );
});

test('front desk staff are told the set-up screens are for admins', async ({ page }) => {
  await signIn(page, STAFF.frontDesk);
  for (const path of ['/console/clinic', '/console/services', '/console/practitioners']) {
    await page.goto(path);
    await expect(title(page)).toHaveText(SETUP.notAllowed);
    await expect(page.getByTestId('not-allowed')).toHaveText(SETUP.adminsOnly);
  }
  await expectAccessible(page, 'set-up screen, not allowed');
  await expect(page.getByRole('link', { name: 'Clinic', exact: true })).toHaveCount(0);
});

test('adding and removing time off works with the keyboard alone', async ({ page }) => {
  const note = `Keyboard leave ${stamp()}`;
  await signIn(page, STAFF.admin);
  const id = await openPractitioner(page, DEMO.practitioners.lee);
  const hours = await practitionerHours(page, id);
  try {
    const timeOff = page.getByTestId('time-off');
    const starts = timeOff.getByLabel(SETUP.starts);
    await tabTo(page, starts, 200);
    await typeDateTime(page, '2031-03-04', '09:00');
    await expect(starts).toHaveValue('2031-03-04T09:00');
    const ends = timeOff.getByLabel(SETUP.ends);
    await tabTo(page, ends, 5);
    await typeDateTime(page, '2031-03-04', '17:00');
    await expect(ends).toHaveValue('2031-03-04T17:00');
    await tabTo(page, timeOff.getByLabel(SETUP.note), 5);
    await page.keyboard.type(note);
    await page.keyboard.press('Enter');

    const entry = timeOff.getByTestId('time-off-entry').filter({ hasText: note });
    await expect(entry).toContainText(`${await localText(page, '2031-03-04', '09:00')} to`);
    await expect(timeOff.getByRole('button', { name: SETUP.addTimeOff })).toBeFocused();
    await expect(liveRegion(page)).toContainText('Time off added');

    const remove = entry.getByRole('button', { name: SETUP.removeTimeOff });
    // The list is above the form: back up to it.
    await backTabTo(page, remove);
    await page.keyboard.press('Enter');
    await expect(entry).toHaveCount(0);
    await expect(page.getByRole('heading', { level: 2, name: SETUP.timeOffTitle })).toBeFocused();
  } finally {
    await restorePractitioner(page, id, hours, note);
  }
});

/**
 * Types a date and time into the focused `datetime-local` input the way a keyboard user does in
 * Chromium (en-US): month and day move on by themselves; the year takes up to six digits, so
 * Tab moves on from it; then hour, minute and A or P.
 */
async function typeDateTime(page: Page, date: string, time: string): Promise<void> {
  const [year, month, day] = date.split('-');
  const [hour, minute] = time.split(':').map(Number);
  const hour12 = hour % 12 === 0 ? 12 : hour % 12;
  await page.keyboard.type(month);
  await page.keyboard.type(day);
  await page.keyboard.type(year);
  await page.keyboard.press('Tab');
  await page.keyboard.type(String(hour12).padStart(2, '0'));
  await page.keyboard.type(String(minute).padStart(2, '0'));
  await page.keyboard.type(hour < 12 ? 'A' : 'P');
}

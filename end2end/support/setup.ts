// The console's set-up screens (clinic profile, services, practitioners): the words they show,
// copied from the app's set-up catalog (app/src/i18n/setup.rs, SETUP_EN: when a wording
// changes there, change it here), and calls to the console API that put back what a test
// changed, so the other spec files (which share the database) find the demo clinic as seeded.
import { expect, type Locator, type Page } from '@playwright/test';

export const SETUP = {
  notAllowed: 'Not allowed',
  adminsOnly: "Only the clinic's admins can set up the clinic. Ask an admin if something needs changing.",
  checkFields: 'Some answers need a look. Check the fields marked in red.',
  english: 'English',
  spanish: 'Spanish',
  eRequired: 'This is required.',
  eRange: 'This number is outside the allowed range.',
  eEndAfterStart: 'The end must be after the start.',

  clinicTitle: 'Clinic profile',
  clinicName: 'Clinic name',
  phone: 'Phone',
  timeZone: 'Time zone',
  horizon: 'Booking horizon (days)',
  saveClinic: 'Save clinic profile',
  clinicSaved: 'Clinic profile saved.',

  servicesTitle: 'Services',
  addService: 'Add a service',
  newServiceTitle: 'Add a service',
  editServiceTitle: (name: string) => `Edit service: ${name}`,
  name: 'Name',
  description: /^Short description/,
  duration: 'Length (minutes)',
  inPerson: 'In person',
  whoOffers: 'Who offers it',
  createService: 'Add service',
  saveService: 'Save service',
  serviceAdded: (name: string) => `Added: ${name}. Patients can book it now.`,
  serviceSaved: (name: string) => `Saved: ${name}.`,
  offeredBy: (names: string) => `Offered by: ${names}`,
  retired: 'Retired',
  retire: (name: string) => `Retire ${name}`,
  offerAgain: (name: string) => `Offer again: ${name}`,
  edit: (name: string) => `Edit ${name}`,
  nowRetired: (name: string) =>
    `${name} is retired: patients can no longer book it. Visits already booked stay booked.`,

  practitionersTitle: 'Practitioners',
  addPractitioner: 'Add a practitioner',
  newPractitionerTitle: 'Add a practitioner',
  displayName: 'Name as patients see it',
  jobTitle: 'Job title',
  createPractitioner: 'Add practitioner',

  hoursTitle: 'Weekly hours',
  weekdays: ['Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday', 'Sunday'],
  starts: 'Starts',
  ends: 'Ends',
  addBlock: (weekday: string) => `Add hours on ${weekday}`,
  removeBlock: (n: number, weekday: string) => `Remove block ${n} on ${weekday}`,
  saveHours: 'Save hours',
  hoursSaved: 'Weekly hours saved.',

  timeOffTitle: 'Time off',
  addTimeOff: 'Add time off',
  note: /^Note/,
  removeTimeOff: /^Remove time off: /,

  strandedTitle: 'Visits that no longer fit',
  strandedNone: 'Every booked visit fits these hours and time off.',
  stranded: /\d+ booked visits? no longer fits? these hours\. (It is|They are) still booked: call the patients? to move (it|them)\./,
  strandedCleared: 'Every booked visit fits these hours again.',
  outsideHours: 'Outside working hours',
  duringTimeOff: 'During time off',
  openDay: /^Open .+ in the day view$/,
} as const;

/** A practitioner's week as the console API has it. */
export interface WeeklyBlock {
  weekday: number;
  start: string;
  end: string;
}

/** The console API, called with the signed-in browser's cookie and our Origin (writes need it). */
export async function consoleApi<T>(page: Page, method: 'GET' | 'PUT' | 'POST', path: string, data?: unknown): Promise<T> {
  const origin = new URL(page.url()).origin;
  const response = await page.request.fetch(`${origin}/api/console${path}`, {
    method,
    data,
    headers: { Origin: origin },
  });
  expect(response.ok(), `${method} ${path}: ${response.status()} ${await response.text()}`).toBe(true);
  return (await response.json()) as T;
}

interface PractitionerAdmin {
  id: number;
  hours: WeeklyBlock[];
  time_off: { id: number; starts: string; ends: string; note: string | null }[];
}

/** Puts a practitioner's weekly hours back and removes time off with this note. */
export async function restorePractitioner(page: Page, id: number, hours: WeeklyBlock[], note?: string): Promise<void> {
  const now = await consoleApi<{ practitioner: PractitionerAdmin }>(page, 'PUT', `/practitioners/${id}/hours`, {
    blocks: hours,
  });
  for (const off of now.practitioner.time_off.filter((o) => note !== undefined && o.note === note)) {
    const origin = new URL(page.url()).origin;
    await page.request.delete(`${origin}/api/console/practitioners/${id}/time-off/${off.id}`, {
      headers: { Origin: origin },
    });
  }
}

export async function practitionerHours(page: Page, id: number): Promise<WeeklyBlock[]> {
  const change = await consoleApi<{ practitioner: PractitionerAdmin }>(page, 'GET', `/practitioners/${id}`);
  return change.practitioner.hours;
}

/** The weekday (0 = Monday) of a YYYY-MM-DD day. */
export function weekdayOf(date: string): number {
  return (new Date(`${date}T12:00:00Z`).getUTCDay() + 6) % 7;
}

/** The day after a YYYY-MM-DD day. */
export function dayAfter(date: string): string {
  const day = new Date(`${date}T12:00:00Z`);
  day.setUTCDate(day.getUTCDate() + 1);
  return day.toISOString().slice(0, 10);
}

/** A clinic-local day and time as the set-up screens write it ("Thu, Dec 3, 10:00 AM"). */
export async function localText(page: Page, date: string, time: string): Promise<string> {
  return page.evaluate(
    ([at]) =>
      new Date(at).toLocaleString('en-US', {
        timeZone: 'UTC',
        weekday: 'short',
        month: 'short',
        day: 'numeric',
        hour: 'numeric',
        minute: '2-digit',
      }),
    [`${date}T${time}:00Z`] as const,
  );
}

/** The heading of the screen. */
export const title = (page: Page): Locator => page.getByRole('heading', { level: 1 });

/** A visit listed under "Visits that no longer fit", by its patient. */
export function strandedVisit(page: Page, patient: string): Locator {
  return page.getByTestId('stranded').getByTestId('stranded-visit').filter({ hasText: patient });
}

/** A weekday's fieldset of the weekly hours. */
export function weekday(page: Page, index: number): Locator {
  return page.getByTestId('hours').getByRole('group', { name: SETUP.weekdays[index], exact: true });
}

/** Fails when the page is wider than the 360px screen (it would scroll sideways). */
export async function expectNoSideScroll(page: Page, screen: string): Promise<void> {
  const overflow = await page.evaluate(
    () => document.documentElement.scrollWidth - document.documentElement.clientWidth,
  );
  expect(overflow, `${screen} scrolls sideways by ${overflow}px`).toBeLessThanOrEqual(0);
}

/** Presses Shift+Tab until `target` has focus (keyboard only, going back); fails after `max`. */
export async function backTabTo(page: Page, target: Locator, max = 30): Promise<void> {
  await expect(target).toBeVisible();
  for (let i = 0; i <= max; i++) {
    if (await target.evaluate((el) => el === document.activeElement)) return;
    await page.keyboard.press('Shift+Tab');
  }
  const focused = await page.evaluate(() => document.activeElement?.outerHTML.slice(0, 200));
  throw new Error(`Shift+Tab never reached ${target}; focus is on ${focused}`);
}

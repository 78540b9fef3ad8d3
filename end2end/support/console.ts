// The clinic console: the demo staff accounts (their password is fixed for the tests through
// CAREBOOK_DEMO_PASSWORD in playwright.config.ts) and the words the console shows, copied from
// the app's console catalog (app/src/i18n/en.rs, CONSOLE_EN).
import { expect, type Locator, type Page } from '@playwright/test';

/** The demo staff's password on the test servers (at least 12 characters). */
export const STAFF_PASSWORD = 'e2e-console-pass-2026';

export const STAFF = {
  admin: 'admin@demo.carebook.test',
  frontDesk: 'frontdesk@demo.carebook.test',
  okafor: 'okafor@demo.carebook.test',
} as const;

export const CONSOLE = {
  signInTitle: 'Sign in to the clinic console',
  email: 'Email',
  password: 'Password',
  signIn: 'Sign in',
  signOut: 'Sign out',
  wrongPassword: 'Wrong email or password.',
  sessionEnded: 'Your session ended. Please sign in again.',
  booked: 'Booked',
  arrived: 'Arrived',
  completed: 'Completed',
  noShow: 'No-show',
  cancelled: 'Cancelled',
  cancelForPatient: 'Cancel for patient',
  cancelReason: 'Reason (required)',
  cancelConfirm: 'Cancel visit',
  cancelKeep: 'Keep visit',
  cancelReasonMissing: 'Enter a reason for cancelling.',
  noVisits: 'No visits',
  newPatient: 'New patient',
} as const;

/** The day view's heading for a clinic-local day, as the console writes it. */
export function dayTitle(date: string): string {
  return new Intl.DateTimeFormat('en-US', {
    timeZone: 'UTC',
    weekday: 'long',
    month: 'long',
    day: 'numeric',
  }).format(new Date(`${date}T12:00:00Z`));
}

/** Signs in on /console with the mouse and waits for the day view; `base` is another server's URL. */
export async function signIn(page: Page, email: string, base = ''): Promise<void> {
  await page.goto(`${base}/console`);
  await expect(page.getByRole('heading', { level: 1, name: CONSOLE.signInTitle })).toBeVisible();
  await page.getByLabel(CONSOLE.email).fill(email);
  await page.getByLabel(CONSOLE.password).fill(STAFF_PASSWORD);
  await page.getByRole('button', { name: CONSOLE.signIn }).click();
  await expect(page).toHaveURL(/\/console\/day$/);
  await expect(page.getByRole('button', { name: CONSOLE.signOut })).toBeVisible();
}

/** The day view's row of the visit of this patient. */
export function visitRow(page: Page, patient: string): Locator {
  return page.getByTestId('appt').filter({ hasText: patient });
}

/** The page's polite live region (what was just done). */
export function liveRegion(page: Page): Locator {
  return page.locator('main#main > div[role="status"]');
}

const escape = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** A row's button, by its visible label (its accessible name adds the patient and time). */
export function rowButton(row: Locator, label: string, patient: string): Locator {
  return row.getByRole('button', { name: new RegExp(`^${escape(label)}: ${escape(patient)}, `) });
}

/** The front desk screens' words (CONSOLE_EN in app/src/i18n/en.rs; some from EN). */
export const DESK = {
  navBook: 'Book by phone',
  navPatients: 'Patients',
  navWeek: 'Week',
  bookTitle: 'Book by phone',
  service: 'Visit type',
  practitioner: 'Practitioner',
  firstAvailable: 'First available',
  day: 'Day',
  freeTimes: 'Free times',
  noTimes: 'No free times that day.',
  fullName: 'Full name',
  preferredName: 'Preferred name',
  phone: 'Phone',
  reason: 'Reason for the visit',
  interpreter: 'Interpreter language',
  mobility: 'Mobility needs',
  consent: /^The patient agrees that the clinic may use these details/,
  bookVisit: 'Book visit',
  booked: (name: string) => `Booked: ${name}`,
  copyLink: 'Copy link',
  copied: 'Link copied.',
  bookAnother: 'Book another',
  eName: "Enter the patient's full name.",
  eContact: 'Enter an email address or a phone number.',
  chooseTime: 'Choose a time.',
  taken: 'That time was just taken. The nearest free times:',
  deskOnly: 'This screen is for front desk and admin staff.',
  runningLate: /^Running late/,
  set: /^Set/,
  onTime: 'On time',
  nextDay: 'Next day',
  lateStatus: (minutes: number) => `Running ${minutes} min late`,
  lateDone: (who: string, minutes: number) => `${who}: running ${minutes} min late.`,
  lateCleared: (who: string) => `${who}: on time.`,
  patientsTitle: 'Patients',
  patientsQuery: 'Name, email or phone',
  search: 'Search',
  tooShort: 'Type at least 2 characters.',
  results: (q: string) => `Results for “${q}”`,
  noPatients: (q: string) => `No patients match “${q}”.`,
  visits: (n: number) => (n === 1 ? '1 visit' : `${n} visits`),
  history: 'History',
  byPatientOnline: 'Patient, online',
  patientMissing: 'Patient not found',
  backToSearch: 'Back to search',
  weekTitle: (monday: string) => `Week of ${dayTitle(monday)}`,
  previousWeek: 'Previous week',
  nextWeek: 'Next week',
  thisWeek: 'This week',
  weekTable: 'Week overview (scrolls sideways)',
  weekBooked: (n: number) => `Booked: ${n}`,
} as const;

/** The demo front desk person's name, as the timeline shows who did what. */
export const FRONT_DESK_NAME = 'Frankie Desk';

/** The Monday of the week of a YYYY-MM-DD day. */
export function mondayOf(date: string): string {
  const day = new Date(`${date}T12:00:00Z`);
  day.setUTCDate(day.getUTCDate() - ((day.getUTCDay() + 6) % 7));
  return day.toISOString().slice(0, 10);
}

/** A day view column, by its practitioner's name. */
export function column(page: Page, practitioner: string): Locator {
  return page
    .getByTestId('practitioner')
    .filter({ has: page.getByRole('heading', { level: 2, name: practitioner, exact: true }) });
}

/** Fails when the page is wider than the screen (it would scroll sideways). */
export async function expectNoSidewaysScroll(page: Page): Promise<void> {
  await expect
    .poll(() => page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth))
    .toBeLessThanOrEqual(0);
}

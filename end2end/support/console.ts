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

/** Signs in on /console with the mouse and waits for the day view. */
export async function signIn(page: Page, email: string): Promise<void> {
  await page.goto('/console');
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

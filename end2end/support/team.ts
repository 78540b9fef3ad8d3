// The console's team screens: the words they show (copied from the app's team catalog,
// app/src/i18n/team.rs, TEAM_EN: when a wording changes there, change it here), signing in with
// any password, and staff accounts made through the API for tests that start from one.
import { expect, request as playwrightRequest, type Locator, type Page } from '@playwright/test';
import { CONSOLE, STAFF, STAFF_PASSWORD } from './console';

export const TEAM = {
  notAllowed: 'Not allowed',
  staffAdminsOnly: "Only the clinic's admins can manage staff accounts. Ask an admin if something needs changing.",
  auditAdminsOnly: "Only the clinic's admins can read the audit log.",
  navStaff: 'Staff',
  navAudit: 'Audit log',
  navPassword: 'Password',

  staffTitle: 'Staff accounts',
  you: 'You',
  active: 'Active',
  disabled: 'Disabled',
  ownAccountNote: 'This is your account. Another admin can change its role or disable it.',
  role: 'Role',
  practitioner: 'Practitioner',
  frontDesk: 'Front desk',
  saveRole: 'Save role',
  disable: 'Disable account',
  enable: 'Enable account',
  roleSaved: (name: string, role: string) => `${name} is now: ${role}.`,
  nowDisabled: (name: string) => `${name} can no longer sign in.`,
  nowEnabled: (name: string) => `${name} can sign in again.`,
  practitionerRequired: 'Choose whose schedule this person works from.',

  addTitle: 'Add a staff member',
  fullName: 'Full name',
  email: 'Email',
  addSubmit: 'Add staff member',
  nameRequired: "Enter the person's name.",
  emailInvalid: 'Enter an email address like name@example.com.',
  emailTaken: 'An account with this email already exists.',
  accountCreated: 'Account created.',
  createdTitle: (name: string) => `Account created for ${name}`,
  copyPassword: 'Copy password',
  copied: 'Password copied.',
  hidePassword: 'Done, hide the password',

  passwordTitle: 'Change your password',
  currentPassword: 'Current password',
  newPassword: 'New password',
  confirmPassword: 'New password again',
  changePassword: 'Change password',
  wrongCurrent: 'That is not your current password.',
  tooShort: 'The new password is too short: use at least 12 characters.',
  passwordsDiffer: "The two new passwords don't match.",
  passwordChanged: 'Your password has been changed. Use the new one next time you sign in.',

  auditTitle: 'Audit log',
  staffMember: 'Staff member',
  action: 'Action',
  recordType: 'Record type',
  from: 'From',
  to: 'To',
  showEntries: 'Show entries',
  datesReversed: 'The “To” date must be on or after the “From” date.',
  entriesRegion: 'Audit entries (scroll sideways for more columns)',
  noEntries: 'No entries match.',
  olderEntries: 'Older entries',
  viewed: 'Viewed',
  cancelledAction: 'Cancelled',
  daySchedule: 'Day schedule',
} as const;

/** A unique suffix for names and emails: the database lives for the whole run. */
export function unique(): string {
  return `${Date.now().toString(36)}${Math.floor(Math.random() * 1296).toString(36)}`;
}

/** Signs in on /console with this email and password and waits for the day view. */
export async function signInWith(page: Page, email: string, password: string): Promise<void> {
  await page.goto('/console');
  await expect(page.getByRole('heading', { level: 1, name: CONSOLE.signInTitle })).toBeVisible();
  await page.getByLabel(CONSOLE.email).fill(email);
  await page.getByLabel(CONSOLE.password).fill(password);
  await page.getByRole('button', { name: CONSOLE.signIn }).click();
  await expect(page).toHaveURL(/\/console\/day$/);
  await expect(page.getByRole('button', { name: CONSOLE.signOut })).toBeVisible();
}

export async function signOut(page: Page): Promise<void> {
  await page.getByRole('button', { name: CONSOLE.signOut }).click();
  await expect(page.getByRole('heading', { level: 1, name: CONSOLE.signInTitle })).toBeVisible();
}

/** A link of the console's nav bar. */
export function navLink(page: Page, name: string): Locator {
  return page.getByRole('navigation', { name: 'Console' }).getByRole('link', { name, exact: true });
}

/** The staff list's card of this person. */
export function staffRow(page: Page, name: string): Locator {
  return page.getByTestId('staff-row').filter({ has: page.getByRole('heading', { level: 2, name }) });
}

/** The page does not scroll sideways (a 360px phone shows all of it). */
export async function expectNoSideScroll(page: Page, screen: string): Promise<void> {
  const overflow = await page.evaluate(
    () => document.documentElement.scrollWidth - document.documentElement.clientWidth,
  );
  expect(overflow, `${screen} scrolls sideways by ${overflow}px`).toBeLessThanOrEqual(0);
}

export interface MadeAccount {
  id: number;
  name: string;
  email: string;
  password: string;
}

/** A signed-in API session of its own (cookies apart from the page's), writing as the console. */
async function apiSession(baseURL: string, email: string, password: string) {
  const api = await playwrightRequest.newContext({ baseURL, extraHTTPHeaders: { Origin: baseURL } });
  const signIn = await api.post('/api/console/sign-in', { data: { email, password } });
  expect(signIn.status(), `sign in as ${email}`).toBe(200);
  return api;
}

/** A new account made by the demo admin through the API, with its one-time password. */
export async function makeAccount(
  baseURL: string,
  role: 'front_desk' | 'admin' = 'front_desk',
): Promise<MadeAccount> {
  const suffix = unique();
  const name = `Robin Team ${suffix}`;
  const email = `robin.${suffix}@demo.carebook.test`;
  const api = await apiSession(baseURL, STAFF.admin, STAFF_PASSWORD);
  const made = await api.post('/api/console/staff', {
    data: { email, display_name: name, role, practitioner_id: null },
  });
  expect(made.ok(), `create staff account: ${made.status()}`).toBe(true);
  const body = (await made.json()) as { account: { id: number }; temporary_password: string };
  await api.dispose();
  return { id: body.account.id, name, email, password: body.temporary_password };
}

/** Opens the day view `times` times as this account, through the API: audit entries to page through. */
export async function viewDayTimes(baseURL: string, account: MadeAccount, times: number): Promise<void> {
  const api = await apiSession(baseURL, account.email, account.password);
  for (let i = 0; i < times; i++) {
    expect((await api.get('/api/console/day')).status()).toBe(200);
  }
  await api.dispose();
}

// The console's team screens: an admin adds someone and hands over the one-time password, the
// new person changes it, an admin changes a role and disables an account, the audit log shows
// who opened which records (never patients' names), and only admins reach those two screens.
// Every account here is new (unique emails), as the database lives for the whole run.
import { expect, test } from '../support/test';
import { expectAccessible, settled } from '../support/axe';
import { bookViaApi } from '../support/api';
import { CONSOLE, STAFF, liveRegion, signIn, visitRow } from '../support/console';
import {
  TEAM,
  expectNoSideScroll,
  makeAccount,
  navLink,
  signInWith,
  signOut,
  staffRow,
  unique,
  viewDayTimes,
} from '../support/team';
import { DEMO } from '../support/text';

test('an admin adds a front-desk account; the new person signs in with the one-time password and changes it', async ({
  page,
  context,
}) => {
  const suffix = unique();
  const name = `Sam Team ${suffix}`;
  const email = `sam.${suffix}@demo.carebook.test`;
  const newPassword = `river stones ${suffix}`;

  await signIn(page, STAFF.admin);
  await navLink(page, TEAM.navStaff).click();
  await expect(page.getByRole('heading', { level: 1, name: TEAM.staffTitle })).toBeFocused();
  await expect(page).toHaveTitle(/Staff accounts/);
  await expectAccessible(page, 'staff accounts');
  await expectNoSideScroll(page, 'staff accounts');

  // Nothing filled in: each problem is said next to its field, and focus goes to the first.
  const form = page.getByRole('region', { name: TEAM.addTitle });
  const nameField = form.getByLabel(TEAM.fullName);
  const emailField = form.getByLabel(TEAM.email);
  await form.getByRole('button', { name: TEAM.addSubmit }).click();
  await expect(nameField).toBeFocused();
  await expect(nameField).toHaveAttribute('aria-invalid', 'true');
  await expect(nameField).toHaveAccessibleDescription(TEAM.nameRequired);
  await expect(emailField).toHaveAccessibleDescription(TEAM.emailInvalid);
  await expectAccessible(page, 'add staff form with errors');

  // The practitioner field is there only for the practitioner role.
  const role = form.getByLabel(TEAM.role, { exact: true });
  await role.selectOption({ label: TEAM.practitioner });
  await expect(form.getByLabel(TEAM.practitioner, { exact: true })).toBeVisible();
  await role.selectOption({ label: TEAM.frontDesk });
  await expect(form.getByLabel(TEAM.practitioner, { exact: true })).toHaveCount(0);

  await nameField.fill(name);
  await emailField.fill(email);
  await form.getByRole('button', { name: TEAM.addSubmit }).click();

  // The one-time password, shown once, with the heading focused; only "Account created." is
  // announced, and the password is nowhere in the address.
  const panel = page.getByTestId('one-time-panel');
  await expect(panel.getByRole('heading', { name: TEAM.createdTitle(name) })).toBeFocused();
  await expect(liveRegion(page)).toHaveText(TEAM.accountCreated);
  const password = ((await panel.getByTestId('one-time-password').textContent()) ?? '').trim();
  expect(password.length).toBeGreaterThanOrEqual(12);
  expect(page.url()).not.toContain(password);
  await expect(nameField).toHaveValue('');
  await expectAccessible(page, 'one-time password panel');
  await expectNoSideScroll(page, 'one-time password panel');

  await context.grantPermissions(['clipboard-read', 'clipboard-write']);
  await panel.getByRole('button', { name: TEAM.copyPassword }).click();
  await expect(panel.getByText(TEAM.copied)).toBeVisible();
  expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(password);
  await expect(liveRegion(page)).not.toContainText(password);

  const row = staffRow(page, name);
  await expect(row).toContainText(email);
  await expect(row).toContainText(TEAM.frontDesk);
  await expect(row.getByTestId('staff-status')).toHaveText(TEAM.active);

  // Once hidden it is gone for good, reload or not.
  await panel.getByRole('button', { name: TEAM.hidePassword }).click();
  await expect(page.getByTestId('one-time-password')).toHaveCount(0);
  await expect(page.getByRole('heading', { name: TEAM.addTitle })).toBeFocused();
  await page.reload();
  await settled(page);
  await expect(staffRow(page, name)).toBeVisible();
  await expect(page.getByText(password)).toHaveCount(0);

  // An email that already has an account is refused next to the email field.
  await nameField.fill(`Someone Else ${suffix}`);
  await emailField.fill(email);
  await form.getByRole('button', { name: TEAM.addSubmit }).click();
  await expect(emailField).toBeFocused();
  await expect(emailField).toHaveAccessibleDescription(TEAM.emailTaken);
  await signOut(page);

  // The new person signs in with the one-time password and changes it.
  await signInWith(page, email, password);
  await expect(page.getByTestId('signed-in')).toContainText(name);
  await navLink(page, TEAM.navPassword).click();
  await expect(page.getByRole('heading', { level: 1, name: TEAM.passwordTitle })).toBeFocused();
  const current = page.getByLabel(TEAM.currentPassword);
  const fresh = page.getByLabel(TEAM.newPassword, { exact: true });
  const again = page.getByLabel(TEAM.confirmPassword);
  await expect(current).toHaveAttribute('autocomplete', 'current-password');
  await expect(fresh).toHaveAttribute('autocomplete', 'new-password');
  await expect(again).toHaveAttribute('autocomplete', 'new-password');
  await expectAccessible(page, 'change password');

  // Checked here first: too short, then the two not matching.
  await current.fill(password);
  await fresh.fill('short');
  await again.fill('short');
  await page.getByRole('button', { name: TEAM.changePassword }).click();
  await expect(fresh).toBeFocused();
  await expect(fresh).toHaveAccessibleDescription(`At least 12 characters. ${TEAM.tooShort}`);
  await fresh.fill(newPassword);
  await again.fill(`${newPassword}x`);
  await page.getByRole('button', { name: TEAM.changePassword }).click();
  await expect(again).toBeFocused();
  await expect(again).toHaveAccessibleDescription(TEAM.passwordsDiffer);
  await expectAccessible(page, 'change password with errors');

  // Checked by the server: the current password.
  await current.fill('not the password I was given');
  await again.fill(newPassword);
  await page.getByRole('button', { name: TEAM.changePassword }).click();
  await expect(current).toBeFocused();
  await expect(current).toHaveAccessibleDescription(TEAM.wrongCurrent);
  await expect(current).toHaveAttribute('aria-invalid', 'true');

  await current.fill(password);
  await page.getByRole('button', { name: TEAM.changePassword }).click();
  await expect(page.getByTestId('password-changed')).toHaveText(TEAM.passwordChanged);
  await expect(liveRegion(page)).toHaveText(TEAM.passwordChanged);
  await expect(current).toHaveValue('');
  await expect(current).not.toHaveAttribute('aria-invalid', 'true');
  await expectNoSideScroll(page, 'change password');
  await signOut(page);

  // The one-time password no longer works; the new one does.
  await page.getByLabel(CONSOLE.email).fill(email);
  await page.getByLabel(CONSOLE.password).fill(password);
  await page.getByRole('button', { name: CONSOLE.signIn }).click();
  await expect(page.getByRole('alert')).toHaveText(CONSOLE.wrongPassword);
  await signInWith(page, email, newPassword);
  await expect(page.getByTestId('signed-in')).toContainText(name);
});

test('an admin links an account to a practitioner, then disables it, and it can no longer sign in', async ({
  page,
  baseURL,
}) => {
  const account = await makeAccount(baseURL!);
  await signIn(page, STAFF.admin);
  await page.goto('/console/staff');
  const row = staffRow(page, account.name);
  await expect(row.getByTestId('staff-status')).toHaveText(TEAM.active);

  // The practitioner role needs whose schedule it is.
  await row.getByLabel(TEAM.role, { exact: true }).selectOption({ label: TEAM.practitioner });
  const practitioner = row.getByLabel(TEAM.practitioner, { exact: true });
  await expect(practitioner).toBeVisible();
  await row.getByRole('button', { name: `${TEAM.saveRole}: ${account.name}` }).click();
  await expect(practitioner).toBeFocused();
  await expect(practitioner).toHaveAttribute('aria-invalid', 'true');
  await expect(practitioner).toHaveAccessibleDescription(TEAM.practitionerRequired);
  await expectAccessible(page, 'staff row with an error');

  await practitioner.selectOption({ label: DEMO.practitioners.lee });
  await row.getByRole('button', { name: `${TEAM.saveRole}: ${account.name}` }).click();
  await expect(row.getByTestId('staff-done')).toHaveText(TEAM.roleSaved(account.name, TEAM.practitioner));
  await expect(liveRegion(page)).toHaveText(TEAM.roleSaved(account.name, TEAM.practitioner));
  await expect(row).toContainText(DEMO.practitioners.lee);

  await row.getByRole('button', { name: `${TEAM.disable}: ${account.name}` }).click();
  await expect(row.getByTestId('staff-status')).toHaveText(TEAM.disabled);
  await expect(row.getByTestId('staff-done')).toHaveText(TEAM.nowDisabled(account.name));
  await expect(liveRegion(page)).toHaveText(TEAM.nowDisabled(account.name));
  // Focus stays on the same button, which now enables the account again.
  await expect(row.getByRole('button', { name: `${TEAM.enable}: ${account.name}` })).toBeFocused();
  await expectAccessible(page, 'staff list after disabling');
  await signOut(page);

  // Staff see the same message as for a wrong password: nothing tells an outsider the account exists.
  await page.getByLabel(CONSOLE.email).fill(account.email);
  await page.getByLabel(CONSOLE.password).fill(account.password);
  await page.getByRole('button', { name: CONSOLE.signIn }).click();
  await expect(page.getByRole('alert')).toHaveText(CONSOLE.wrongPassword);
  await expect(page).toHaveURL(/\/console$/);

  // Enabled again, it signs in.
  await signIn(page, STAFF.admin);
  await page.goto('/console/staff');
  await staffRow(page, account.name).getByRole('button', { name: `${TEAM.enable}: ${account.name}` }).click();
  await expect(staffRow(page, account.name).getByTestId('staff-status')).toHaveText(TEAM.active);
  await expect(liveRegion(page)).toHaveText(TEAM.nowEnabled(account.name));
  await signOut(page);
  await signInWith(page, account.email, account.password);
});

test("an admin's own account has no way to disable or demote it, and says why", async ({ page }) => {
  await signIn(page, STAFF.admin);
  await page.goto('/console/staff');
  const own = page.getByTestId('staff-row').filter({ hasText: STAFF.admin });
  await expect(own.getByRole('heading', { level: 2 })).toContainText(TEAM.you);
  await expect(own).toContainText(TEAM.ownAccountNote);
  await expect(own.getByRole('button')).toHaveCount(0);
  await expect(own.getByRole('combobox')).toHaveCount(0);
  // Everyone else's card has the buttons.
  const desk = page.getByTestId('staff-row').filter({ hasText: STAFF.frontDesk });
  await expect(desk.getByRole('button', { name: new RegExp(`^${TEAM.disable}: `) })).toBeVisible();
});

test('the audit log shows who opened a day, filtered in the address, without patient names', async ({
  page,
  request,
  baseURL,
}) => {
  const patient = `Pat Audit ${unique()}`;
  const visit = await bookViaApi(request, {
    service: DEMO.services.followUp.en,
    practitioner: DEMO.practitioners.herrera,
    name: patient,
  });
  const desk = await makeAccount(baseURL!);
  await signInWith(page, desk.email, desk.password);
  await page.goto(`/console/day?date=${visit.local_date}`);
  await expect(visitRow(page, patient)).toBeVisible();
  await signOut(page);

  await signIn(page, STAFF.admin);
  await navLink(page, TEAM.navAudit).click();
  await expect(page.getByRole('heading', { level: 1, name: TEAM.auditTitle })).toBeFocused();
  await expectAccessible(page, 'audit log');
  await expectNoSideScroll(page, 'audit log');

  // The dates the wrong way round are caught before asking.
  await page.getByLabel(TEAM.from, { exact: true }).fill('2026-12-10');
  await page.getByLabel(TEAM.to, { exact: true }).fill('2026-12-01');
  await page.getByRole('button', { name: TEAM.showEntries }).click();
  await expect(page.getByLabel(TEAM.to, { exact: true })).toBeFocused();
  await expect(page.getByLabel(TEAM.to, { exact: true })).toHaveAccessibleDescription(TEAM.datesReversed);
  await expectAccessible(page, 'audit filters with an error');
  await page.getByLabel(TEAM.from, { exact: true }).fill('');
  await page.getByLabel(TEAM.to, { exact: true }).fill('');

  await page.getByLabel(TEAM.staffMember, { exact: true }).selectOption({ label: desk.name });
  await page.getByLabel(TEAM.action, { exact: true }).selectOption({ label: TEAM.viewed });
  await page.getByRole('button', { name: TEAM.showEntries }).click();
  await expect(page).toHaveURL(new RegExp(`staff_id=${desk.id}`));
  await expect(page).toHaveURL(/action=view/);
  const rows = page.getByTestId('audit-row');
  // The day the desk opened, named by its date (the record id), not by who was booked on it.
  const opened = rows.filter({ hasText: visit.local_date }).first();
  await expect(opened).toContainText(TEAM.daySchedule);
  await expect(page.getByRole('heading', { level: 2, name: 'Entries' })).toBeFocused();
  for (const row of await rows.all()) {
    await expect(row).toContainText(desk.name);
    await expect(row).toContainText(TEAM.viewed);
  }
  await expect(page.getByRole('table')).not.toContainText(patient);
  await expect(page.locator('main')).not.toContainText(patient);

  // The table scrolls inside its own region on a phone, which keyboard users can reach.
  const region = page.getByRole('region', { name: TEAM.entriesRegion });
  await expect(region).toHaveAttribute('tabindex', '0');
  expect(await region.evaluate((el) => el.scrollWidth > el.clientWidth)).toBe(true);
  await expectNoSideScroll(page, 'audit log with entries');
  await expectAccessible(page, 'audit log with entries');

  // The address keeps the filters: a reload shows the same.
  await page.reload();
  await expect(page.getByLabel(TEAM.staffMember, { exact: true })).toHaveValue(String(desk.id));
  await expect(page.getByLabel(TEAM.action, { exact: true })).toHaveValue('view');
  await expect(rows.filter({ hasText: visit.local_date }).first()).toBeVisible();

  await page.getByLabel(TEAM.action, { exact: true }).selectOption({ label: TEAM.cancelledAction });
  await page.getByRole('button', { name: TEAM.showEntries }).click();
  await expect(page.getByTestId('no-entries')).toHaveText(TEAM.noEntries);
  await expect(liveRegion(page)).toHaveText(TEAM.noEntries);
  await expectAccessible(page, 'audit log with no entries');
});

test('older audit entries load below the first hundred', async ({ page, baseURL }) => {
  const desk = await makeAccount(baseURL!);
  await viewDayTimes(baseURL!, desk, 101);
  await signIn(page, STAFF.admin);
  await page.goto(`/console/audit?staff_id=${desk.id}`);
  const rows = page.getByTestId('audit-row');
  await expect(rows).toHaveCount(100);
  await page.getByRole('button', { name: TEAM.olderEntries }).click();
  await expect(rows).toHaveCount(101);
  await expect(rows.nth(100)).toBeFocused();
  await expect(page.getByRole('button', { name: TEAM.olderEntries })).toHaveCount(0);
});

test('front desk sees "not allowed" on the staff and audit screens', async ({ page }) => {
  await signIn(page, STAFF.frontDesk);
  await expect(navLink(page, TEAM.navStaff)).toHaveCount(0);
  await expect(navLink(page, TEAM.navAudit)).toHaveCount(0);
  for (const [path, why] of [
    ['/console/staff', TEAM.staffAdminsOnly],
    ['/console/audit', TEAM.auditAdminsOnly],
  ]) {
    await page.goto(path);
    await expect(page.getByRole('heading', { level: 1, name: TEAM.notAllowed })).toBeVisible();
    await expect(page.getByTestId('not-allowed')).toHaveText(why);
    await expect(page.getByRole('table')).toHaveCount(0);
    await expect(page.getByTestId('staff-row')).toHaveCount(0);
    await expectAccessible(page, `not allowed: ${path}`);
  }
});

test('changing your password works with the keyboard alone', async ({ page, baseURL }) => {
  const account = await makeAccount(baseURL!);
  const newPassword = `quiet harbour ${unique()}`;
  await signInWith(page, account.email, account.password);
  await page.goto('/console/password');
  await settled(page);
  const current = page.getByLabel(TEAM.currentPassword);
  for (let i = 0; i < 40 && !(await current.evaluate((el) => el === document.activeElement)); i++) {
    await page.keyboard.press('Tab');
  }
  await expect(current).toBeFocused();
  await page.keyboard.type(account.password);
  await page.keyboard.press('Tab');
  await expect(page.getByLabel(TEAM.newPassword, { exact: true })).toBeFocused();
  await page.keyboard.type(newPassword);
  await page.keyboard.press('Tab');
  await expect(page.getByLabel(TEAM.confirmPassword)).toBeFocused();
  await page.keyboard.type(newPassword);
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('password-changed')).toBeFocused();
  await expect(page.getByTestId('password-changed')).toHaveText(TEAM.passwordChanged);
  await signOut(page);
  await signInWith(page, account.email, newPassword);
});

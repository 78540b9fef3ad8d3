// The clinic console: staff sign in, run the day (attendance, cancelling for a patient) and
// sign out. Visits are booked through the public API first, two or more days ahead.
import { expect, test } from '../support/test';
import { expectAccessible } from '../support/axe';
import { bookViaApi } from '../support/api';
import {
  CONSOLE,
  STAFF,
  STAFF_PASSWORD,
  dayTitle,
  liveRegion,
  rowButton,
  signIn,
  visitRow,
} from '../support/console';
import { DEMO } from '../support/text';

const stamp = () => Date.now().toString(36);

test('front desk marks a visit arrived then completed, and another a no-show', async ({ page, request }) => {
  const id = stamp();
  const ada = `Ada Console ${id}`;
  const ben = `Ben Console ${id}`;
  const first = await bookViaApi(request, {
    service: DEMO.services.followUp.en,
    practitioner: DEMO.practitioners.herrera,
    name: ada,
  });
  const second = await bookViaApi(request, {
    service: DEMO.services.followUp.en,
    practitioner: DEMO.practitioners.herrera,
    name: ben,
  });

  await page.goto('/console');
  await expect(page).toHaveTitle(/Sign in to the clinic console/);
  await expectAccessible(page, 'console sign-in');
  await signIn(page, STAFF.frontDesk);
  await expect(page.getByTestId('signed-in')).toContainText('Front desk');

  await page.goto(`/console/day?date=${first.local_date}`);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(dayTitle(first.local_date));
  const row = visitRow(page, ada);
  await expect(row.getByTestId('status')).toHaveText(CONSOLE.booked);
  await expect(row).toContainText(DEMO.services.followUp.en);
  await expectAccessible(page, 'console day view');

  await rowButton(row, CONSOLE.arrived, ada).click();
  await expect(row.getByTestId('status')).toHaveText(CONSOLE.arrived);
  await expect(liveRegion(page)).toContainText(`${CONSOLE.arrived}: ${ada}`);
  await rowButton(row, CONSOLE.completed, ada).click();
  await expect(row.getByTestId('status')).toHaveText(CONSOLE.completed);
  await expect(liveRegion(page)).toContainText(`${CONSOLE.completed}: ${ada}`);

  if (second.local_date !== first.local_date) {
    await page.goto(`/console/day?date=${second.local_date}`);
    await expect(page.getByRole('heading', { level: 1 })).toHaveText(dayTitle(second.local_date));
  }
  const other = visitRow(page, ben);
  // The cancel form: a reason is required; then keep the visit after all.
  const cancel = rowButton(other, CONSOLE.cancelForPatient, ben);
  await cancel.click();
  await expect(cancel).toHaveAttribute('aria-expanded', 'true');
  await expect(other.getByLabel(CONSOLE.cancelReason)).toBeFocused();
  await other.getByRole('button', { name: CONSOLE.cancelConfirm }).click();
  await expect(other.getByText(CONSOLE.cancelReasonMissing)).toBeVisible();
  await expectAccessible(page, 'console cancel form');
  await other.getByRole('button', { name: CONSOLE.cancelKeep }).click();
  await expect(other.getByLabel(CONSOLE.cancelReason)).toHaveCount(0);

  await rowButton(other, CONSOLE.noShow, ben).click();
  await expect(other.getByTestId('status')).toHaveText(CONSOLE.noShow);

  // Fresh from the server, the statuses are still there.
  await page.reload();
  if (second.local_date === first.local_date) {
    await expect(visitRow(page, ada).getByTestId('status')).toHaveText(CONSOLE.completed);
  }
  await expect(visitRow(page, ben).getByTestId('status')).toHaveText(CONSOLE.noShow);
});

test('front desk cancels a visit for the patient with a reason', async ({ page, request }) => {
  const cara = `Cara Console ${stamp()}`;
  const visit = await bookViaApi(request, {
    service: DEMO.services.followUp.en,
    practitioner: DEMO.practitioners.herrera,
    name: cara,
  });
  await signIn(page, STAFF.frontDesk);
  await page.goto(`/console/day?date=${visit.local_date}`);
  const row = visitRow(page, cara);
  await rowButton(row, CONSOLE.cancelForPatient, cara).click();
  await row.getByLabel(CONSOLE.cancelReason).fill('Called to say they are unwell');
  await row.getByRole('button', { name: CONSOLE.cancelConfirm }).click();
  await expect(row.getByTestId('status')).toHaveText(CONSOLE.cancelled);
  await expect(row.getByRole('button')).toHaveCount(0);
  const patient = await request.get(`/api/appointments/${visit.token}`);
  expect(((await patient.json()) as { status: string }).status).toBe('cancelled');
});

test("a half-typed cancel reason survives a visit's messages loading", async ({ page, request }) => {
  const cora = `Cora Console ${stamp()}`;
  const visit = await bookViaApi(request, {
    service: DEMO.services.followUp.en,
    practitioner: DEMO.practitioners.herrera,
    name: cora,
  });
  await signIn(page, STAFF.frontDesk);
  await page.goto(`/console/day?date=${visit.local_date}`);
  const row = visitRow(page, cora);
  await rowButton(row, CONSOLE.cancelForPatient, cora).click();
  const reason = row.getByLabel(CONSOLE.cancelReason);
  await reason.fill('Called to say the car broke');
  // The visit's Messages load while the reason is half written: the view is drawn anew.
  const messages = row.getByTestId('visit-messages');
  await messages.locator('summary').click();
  await expect(messages.getByTestId('visit-message').first()).toBeVisible();
  await expect(reason).toHaveValue('Called to say the car broke');
  await reason.fill('Called to say the car broke down');
  await row.getByRole('button', { name: CONSOLE.cancelConfirm }).click();
  await expect(row.getByTestId('status')).toHaveText(CONSOLE.cancelled);
});

test('signing in works with the keyboard alone', async ({ page }) => {
  await page.goto('/console');
  await expect(page.getByRole('heading', { level: 1, name: CONSOLE.signInTitle })).toBeVisible();
  const email = page.getByLabel(CONSOLE.email);
  for (let i = 0; i < 10 && !(await email.evaluate((el) => el === document.activeElement)); i++) {
    await page.keyboard.press('Tab');
  }
  await expect(email).toBeFocused();
  await page.keyboard.type(STAFF.frontDesk);
  await page.keyboard.press('Tab');
  await expect(page.getByLabel(CONSOLE.password)).toBeFocused();
  await page.keyboard.type(STAFF_PASSWORD);
  await page.keyboard.press('Enter');
  await expect(page).toHaveURL(/\/console\/day$/);
  await expect(page.getByRole('heading', { level: 1 })).toBeFocused();
});

test('a wrong password is refused with a message', async ({ page }) => {
  await page.goto('/console');
  await page.getByLabel(CONSOLE.email).fill(STAFF.admin);
  await page.getByLabel(CONSOLE.password).fill('not the password at all');
  await page.getByRole('button', { name: CONSOLE.signIn }).click();
  await expect(page.getByRole('alert')).toHaveText(CONSOLE.wrongPassword);
  await expect(page).toHaveURL(/\/console$/);
});

test('a practitioner sees only their own column', async ({ page, request }) => {
  const dee = `Dee Console ${stamp()}`;
  const visit = await bookViaApi(request, {
    service: DEMO.services.telehealth.en,
    practitioner: DEMO.practitioners.okafor,
    name: dee,
  });
  await signIn(page, STAFF.okafor);
  await page.goto(`/console/day?date=${visit.local_date}`);
  const columns = page.getByTestId('practitioner');
  await expect(columns).toHaveCount(1);
  await expect(columns.getByRole('heading', { level: 2 })).toHaveText(DEMO.practitioners.okafor);
  const row = visitRow(page, dee);
  await expect(rowButton(row, CONSOLE.arrived, dee)).toBeVisible();
  await expect(page.getByRole('button', { name: new RegExp(`^${CONSOLE.cancelForPatient}`) })).toHaveCount(0);
});

test('signing out returns to sign-in, and the day view then asks to sign in', async ({ page }) => {
  await signIn(page, STAFF.admin);
  await page.getByRole('button', { name: CONSOLE.signOut }).click();
  await expect(page).toHaveURL(/\/console$/);
  await expect(page.getByRole('heading', { level: 1, name: CONSOLE.signInTitle })).toBeVisible();

  await page.goto('/console/day');
  await expect(page).toHaveURL(/\/console$/);
  await expect(page.getByRole('heading', { level: 1, name: CONSOLE.signInTitle })).toBeVisible();
  await expect(page.getByText(CONSOLE.sessionEnded)).toBeVisible();
  await expect(page.getByLabel(CONSOLE.email)).toBeVisible();
});

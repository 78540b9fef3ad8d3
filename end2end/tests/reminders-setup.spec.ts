// The clinic screen's "Reminders" section: an admin chooses when patients are reminded (at
// most three lead times), is told clearly when a choice is refused, and sees it saved. The
// demo clinic's default (48 h and 2 h before) is put back at the end for the other specs.
import { expect, test } from '../support/test';
import { expectAccessible } from '../support/axe';
import { STAFF, signIn } from '../support/console';

/** The section's words (app/src/i18n/visit_messages.rs). */
const W = {
  legend: 'Reminders',
  save: 'Save reminders',
  saved: 'Reminder times saved.',
  tooMany: 'Choose at most 3 reminder times.',
} as const;

test('an admin chooses reminder times; more than three is refused in words', async ({ page }) => {
  await signIn(page, STAFF.admin);
  await page.goto('/console/clinic');
  const reminders = page.getByRole('group', { name: W.legend });
  await expect(reminders.getByRole('checkbox', { name: '48 h', exact: true })).toBeChecked();
  await expect(reminders.getByRole('checkbox', { name: '2 h', exact: true })).toBeChecked();
  await expect(reminders.getByRole('checkbox', { name: '1 week', exact: true })).not.toBeChecked();

  await reminders.getByRole('checkbox', { name: '1 week', exact: true }).check();
  await reminders.getByRole('checkbox', { name: '24 h', exact: true }).check();
  await page.getByRole('button', { name: W.save }).click();
  await expect(reminders).toContainText(W.tooMany);
  await expect(reminders.getByRole('checkbox', { name: '1 week', exact: true })).toBeChecked();
  await expectAccessible(page, 'reminders refused');

  await reminders.getByRole('checkbox', { name: '2 h', exact: true }).uncheck();
  await reminders.getByRole('checkbox', { name: '24 h', exact: true }).uncheck();
  await page.getByRole('button', { name: W.save }).click();
  await expect(page.getByTestId('reminders-status')).toHaveText(W.saved);
  await expect(reminders).not.toContainText(W.tooMany);

  await page.reload();
  await expect(reminders.getByRole('checkbox', { name: '1 week', exact: true })).toBeChecked();
  await expect(reminders.getByRole('checkbox', { name: '48 h', exact: true })).toBeChecked();
  await expect(reminders.getByRole('checkbox', { name: '2 h', exact: true })).not.toBeChecked();
  await expectAccessible(page, 'reminders saved');

  // Back to the demo clinic's default.
  await reminders.getByRole('checkbox', { name: '1 week', exact: true }).uncheck();
  await reminders.getByRole('checkbox', { name: '2 h', exact: true }).check();
  await page.getByRole('button', { name: W.save }).click();
  await expect(page.getByTestId('reminders-status')).toHaveText(W.saved);
});

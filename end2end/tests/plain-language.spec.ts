// Plain language: an admin writes a service's preparation in Markdown with a list and a medical
// term; the console's check gives the reading level against the target and flags the term with
// the plain words to use; once saved, patients see the preparation formatted (a list) on the
// booking review step. The demo's text is put back at the end, even when the test fails.
import { expect, test } from '../support/test';
import { expectAccessible } from '../support/axe';
import { chooseDay, choosePractitioner, chooseService, chooseTime, continueToReview, fillDetails, startBooking } from '../support/booking';
import { STAFF, signIn } from '../support/console';
import { SETUP, consoleApi, title } from '../support/setup';
import { DEMO, TEXT } from '../support/text';

interface ServiceAdmin {
  id: number;
  service: { name_en: string; preparation_en: string } & Record<string, unknown>;
}

const PREPARATION = 'Please bring:\n\n- your medication list\n- a photo ID\n\nStay NPO for 8 hours before your visit.';

test('a preparation with a list and a jargon word is checked in the console and shown formatted to patients', async ({
  page,
}) => {
  await signIn(page, STAFF.admin);
  const services = await consoleApi<ServiceAdmin[]>(page, 'GET', '/services');
  const followUp = services.find((s) => s.service.name_en === DEMO.services.followUp.en)!;
  try {
    await page.goto(`/console/services?edit=${followUp.id}`);
    await expect(title(page)).toHaveText(SETUP.editServiceTitle(DEMO.services.followUp.en));
    const english = page.getByRole('group', { name: SETUP.english });
    const preparation = english.getByRole('textbox', { name: /How to prepare/ });
    await preparation.fill(PREPARATION);

    // The check follows the typing: the level against the target in words, and the term.
    const panel = page.getByTestId('plain-en');
    await expect(panel.getByTestId('plain-summary')).toContainText(/Reading grade -?\d+\.\d/);
    await expect(panel.getByTestId('plain-summary')).toContainText(/Meets the target|Harder than the target/);
    await expect(panel.getByTestId('plain-summary')).toContainText('words,');
    await expect(panel.getByTestId('jargon')).toContainText('NPO → say “nothing to eat or drink”');
    // The preview is what patients will get: a list.
    await expect(page.getByTestId('preview-en').getByRole('listitem')).toHaveText(['your medication list', 'a photo ID']);
    await expectAccessible(page, 'service form with the plain-language check');

    await page.getByRole('button', { name: SETUP.saveService }).click();
    await expect(page).toHaveURL(/\/console\/services$/);

    // A patient booking it sees the preparation formatted on the review step.
    await startBooking(page);
    await chooseService(page, DEMO.services.followUp.en);
    await choosePractitioner(page, DEMO.practitioners.okafor);
    await chooseDay(page);
    await chooseTime(page);
    await fillDetails(page, { name: 'Plain Reader', email: 'plain@example.org' });
    await continueToReview(page);
    const shown = page.getByTestId('preparation');
    await expect(shown.getByRole('heading', { name: TEXT.en.prepare })).toBeVisible();
    await expect(shown.getByRole('listitem')).toHaveText(['your medication list', 'a photo ID']);
    await expect(shown).toContainText('Stay NPO for 8 hours before your visit.');
    await expectAccessible(page, 'review step with a formatted preparation');
  } finally {
    await consoleApi(page, 'PUT', `/services/${followUp.id}`, followUp.service);
  }
});

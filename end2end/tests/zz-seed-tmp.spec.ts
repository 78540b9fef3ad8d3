import { execFileSync } from 'node:child_process';
import path from 'node:path';
import { expect, test } from '../support/test';
import { expectAccessible } from '../support/axe';
import { bookViaApi } from '../support/api';
import { DEMO } from '../support/text';

test('seeded: real patient routes', async ({ page, request, context }) => {
  const visit = await bookViaApi(request, { service: DEMO.services.followUp.en, practitioner: DEMO.practitioners.okafor, name: 'Seed Pat' });
  const db = path.join(process.env.CAREBOOK_E2E_DIR!, 'e2e.db');
  execFileSync('sqlite3', [db, `INSERT INTO appointment_instructions (appointment_id, version, language, body_md, template_id, author_staff_id, published_at) SELECT id, 1, 'en', '## After\n\n- Rest for two days', NULL, (SELECT MIN(id) FROM staff), 1764000000 FROM appointments WHERE token = '${visit.token}';`]);
  await page.goto(`/a/${visit.token}`);
  await expect(page.getByTestId('instructions')).toContainText('Rest for two days');
  await expect(page.getByTestId('instructions-from')).toContainText('Dr. Amara Okafor');
  await page.getByRole('button', { name: 'Not sure' }).click();
  await expect(page.getByRole('button', { name: 'Not sure' })).toHaveAttribute('aria-pressed', 'true');
  await page.getByLabel('Your question').fill('Can I run?');
  await page.getByRole('button', { name: 'Send question' }).click();
  await expect(page.getByTestId('question')).toContainText('Can I run?');
  await expectAccessible(page, 'seeded visit');
  await page.getByRole('button', { name: 'Yes' }).click();
  await expect(page.getByRole('button', { name: 'Yes' })).toHaveAttribute('aria-pressed', 'true');
  await expect(page.getByRole('button', { name: 'Not sure' })).toHaveAttribute('aria-pressed', 'false');
  await page.reload();
  await expect(page.getByRole('button', { name: 'Yes' })).toHaveAttribute('aria-pressed', 'true');
  await expect(page.getByTestId('question')).toContainText('Can I run?');
});

import { expect, test } from '../support/test';
import { expectAccessible } from '../support/axe';
import { bookViaApi } from '../support/api';
import { STAFF, signIn } from '../support/console';
import { DEMO } from '../support/text';

test.use({ serviceWorkers: 'block' });
const at = '2026-11-24T15:00:00Z';
const visitInstr = (understanding: string | null, questions: unknown[]) => ({
  latest: {
    version: 2, language: 'en',
    body_html: '<h2>After your follow-up</h2><ul><li>Rest for two days</li></ul><p><a href="https://www.cdc.gov/">More advice</a></p>',
    practitioner_name: 'Dr. Amara Okafor', published_at: at, visit_date: '2026-11-26',
    articles: [{ slug: 'low-back', title: 'Low back pain' }],
  },
  understanding, questions, clinic_phone: '+1 212 555 0142',
});

test('mock patient side', async ({ page, request }) => {
  const visit = await bookViaApi(request, { service: DEMO.services.followUp.en, practitioner: DEMO.practitioners.okafor, name: 'Mock Pat' });
  let state = visitInstr(null, []);
  await page.route(/\/api\/appointments\/[^/]+\/instructions$/, (r) => r.fulfill({ json: state }));
  await page.route(/\/api\/appointments\/[^/]+\/understanding$/, (r) => { state = visitInstr('not_sure', state.questions); return r.fulfill({ json: state }); });
  await page.route(/\/api\/appointments\/[^/]+\/questions$/, (r) => { state = visitInstr(state.understanding, [{ id: 1, asked_at: at, text: JSON.parse(r.request().postData()!).text, reply: { text: 'Rest more', replied_by: 'Dr. Amara Okafor', replied_at: at } }]); return r.fulfill({ status: 201, json: state }); });
  await page.goto(`/a/${visit.token}`);
  await expect(page.getByTestId('instructions')).toBeVisible();
  await page.getByRole('button', { name: 'Not sure' }).click();
  await expect(page.getByRole('button', { name: 'Not sure' })).toHaveAttribute('aria-pressed', 'true');
  await page.getByRole('button', { name: 'Send question' }).click();
  await expect(page.getByText('Write your question first.')).toBeVisible();
  await page.getByLabel('Your question').fill('Can I run?');
  await page.getByRole('button', { name: 'Send question' }).click();
  await expect(page.getByTestId('reply')).toContainText('Rest more');
  await expectAccessible(page, 'mock visit');
  await page.screenshot({ path: '/tmp/vp-visit.png', fullPage: true });
  await page.emulateMedia({ media: 'print' });
  await page.screenshot({ path: '/tmp/vp-print.png', fullPage: true });
});

test('mock console side', async ({ page }) => {
  await page.setViewportSize({ width: 1024, height: 900 });
  const editor = {
    appointment_id: 5, patient_name: 'Mock Pat', patient_language: 'en', service_id: 2, service_name: 'Follow-up visit',
    practitioner_name: 'Dr. Amara Okafor', visit_date: '2026-11-26', completed: true, can_write: true,
    templates: [{ id: 1, service_id: 2, language: 'en', title: 'Follow-up care', body_md: '## After\n\n- Rest' }],
    versions: [{ version: 1, language: 'en', body_md: '## Old', body_html: '<h2>Old</h2>', template_id: null, articles: [], author_name: 'Dr. Amara Okafor', published_at: at }],
    understanding: 'not_sure', questions: [{ id: 1, asked_at: at, text: 'Q?', reply: null }],
  };
  await page.route(/\/api\/console\/appointments\/5\/instructions$/, (r) =>
    r.request().method() === 'POST'
      ? r.fulfill({ status: 201, json: { ...editor.versions[0], version: 2 } })
      : r.fulfill({ json: editor }));
  await page.route(/\/api\/console\/questions\?state=open$/, (r) => r.fulfill({ json: [{ id: 1, appointment_id: 5, patient_name: 'Mock Pat', service_name: 'Follow-up visit', practitioner_name: 'Dr. Amara Okafor', visit_date: '2026-11-26', asked_at: at, text: 'Q?', understanding: 'not_sure', reply: null }] }));
  await page.route(/\/api\/console\/understanding$/, (r) => r.fulfill({ json: { from: '2026-09-01', to: '2026-11-30', by_template: [{ id: null, label: '', yes: 1, not_sure: 2 }, { id: 1, label: 'Follow-up care', yes: 3, not_sure: 1 }], by_practitioner: [{ id: 1, label: 'Dr. Amara Okafor', yes: 4, not_sure: 3 }] } }));
  await signIn(page, STAFF.okafor);
  await page.goto('/console/appointments/5/instructions');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('After-visit instructions for Mock Pat');
  await expect(page.getByLabel('Instructions', { exact: true })).toHaveValue('## Old');
  page.once('dialog', (d) => d.accept());
  await page.getByRole('button', { name: 'Start from this template' }).click();
  await expect(page.getByLabel('Instructions', { exact: true })).toHaveValue('## After\n\n- Rest');
  await page.getByRole('button', { name: 'New template' }).click();
  await expectAccessible(page, 'mock editor');
  await page.screenshot({ path: '/tmp/vp-editor.png', fullPage: true });
  await page.getByRole('button', { name: 'Publish' }).click();
  await expect(page.getByTestId('published')).toBeVisible();
  await page.goto('/console/questions');
  await expect(page.getByTestId('inbox-question')).toHaveCount(1);
  await expect(page.getByTestId('by-template')).toContainText('Without a template');
  await expectAccessible(page, 'mock inbox');
  await page.screenshot({ path: '/tmp/vp-inbox.png', fullPage: true });
});

// After-visit instructions and teach-back, end to end: the practitioner marks the visit
// completed and writes the instructions from a template in the console; the patient reads them
// on the visit page (no login), prints them, reads them again with the phone offline, says they
// are not sure and asks a question; staff answer from the inbox; the patient sees the answer.
import type { Browser, BrowserContext, Page } from '@playwright/test';
import { expect, test } from '../support/test';
import { expectAccessible } from '../support/axe';
import { bookViaApi } from '../support/api';
import { CONSOLE, STAFF, STAFF_PASSWORD, dayTitle, rowButton, signIn, visitRow } from '../support/console';
import { expectNoSideScroll } from '../support/team';
import { DEMO } from '../support/text';

/** The words of the screens (app/src/i18n/instructions.rs and instructions_console.rs). */
const W = {
  yourInstructions: 'Your instructions',
  print: 'Print',
  madeSense: 'Did this make sense?',
  notSure: 'Not sure',
  yes: 'Yes',
  question: 'Your question',
  send: 'Send question',
  questionRequired: 'Write your question first.',
  questionSent: "Your question was sent. The clinic's answer will appear on this page.",
  offline: 'You are offline — showing the copy saved on this phone.',
  editorTitle: (patient: string) => `After-visit instructions for ${patient}`,
  newTemplate: 'New template',
  templateTitle: 'Title',
  templateBody: 'Template text (Markdown)',
  saveTemplate: 'Save template',
  templateSaved: 'Template saved.',
  template: 'Template',
  useTemplate: 'Start from this template',
  body: 'Instructions',
  publish: 'Publish',
  published: (version: number) => `Published version ${version}. The patient sees it now.`,
  inboxNav: 'Questions',
  inboxTitle: 'Questions from patients',
  reply: 'Reply',
  sendReply: 'Send reply',
  replySent: 'Reply sent. The patient sees it on their visit page.',
} as const;

/** The service worker's cache (public/sw.js). */
const CACHE = 'carebook-visit-v1';

const stamp = () => Date.now().toString(36);

async function patientContext(browser: Browser): Promise<BrowserContext> {
  const baseURL = test.info().project.use.baseURL;
  return browser.newContext({ baseURL, viewport: { width: 360, height: 740 }, isMobile: true, hasTouch: true });
}

/** Waits until the service worker has kept what reading the visit offline needs. */
async function expectSavedForOffline(page: Page, token: string, instructions = true): Promise<void> {
  await expect
    .poll(
      () =>
        page.evaluate(async (name) => {
          const cache = await caches.open(name);
          return (await cache.keys()).map((request) => new URL(request.url).pathname);
        }, CACHE),
      { message: 'the visit page, its instructions and the bundle are saved for offline reading', timeout: 20_000 },
    )
    .toEqual(
      expect.arrayContaining([
        `/a/${token}`,
        '/sw-register.js',
        `/api/appointments/${token}`,
        ...(instructions ? [`/api/appointments/${token}/instructions`] : []),
        expect.stringMatching(/^\/visit-[0-9a-f]+_bg\.wasm$/),
        expect.stringMatching(/^\/visit-[0-9a-f]+\.js$/),
      ]),
    );
}

test('instructions written from a template reach the patient, print, work offline, and a question gets an answer', async ({
  page,
  browser,
  request,
}) => {
  const id = stamp();
  const patient = `Iris Teach ${id}`;
  const visit = await bookViaApi(request, {
    service: DEMO.services.followUp.en,
    practitioner: DEMO.practitioners.okafor,
    name: patient,
  });
  await page.setViewportSize({ width: 1024, height: 900 });

  // The practitioner marks the visit completed and opens its instructions.
  await signIn(page, STAFF.okafor);
  await page.goto(`/console/day?date=${visit.local_date}`);
  const row = visitRow(page, patient);
  await rowButton(row, CONSOLE.completed, patient).click();
  await expect(row.getByTestId('status')).toHaveText(CONSOLE.completed);
  await row.getByTestId('instructions-link').click();
  await expect(page).toHaveURL(/\/console\/appointments\/\d+\/instructions$/);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(W.editorTitle(patient));

  // A template for the service, then the instructions start from it.
  const templateName = `Follow-up care ${id}`;
  const templateText = '## After your follow-up\n\n- Drink plenty of water\n- Rest for two days\n\n[More advice](https://www.cdc.gov/)';
  await page.getByRole('button', { name: W.newTemplate }).click();
  await page.getByLabel(W.templateTitle).fill(templateName);
  await page.getByLabel(W.templateBody).fill(templateText);
  await page.getByRole('button', { name: W.saveTemplate }).click();
  await expect(page.locator('#template-saved')).toHaveText(W.templateSaved);
  await page.getByLabel(W.template, { exact: true }).selectOption({ label: `${templateName} (English)` });
  await page.getByRole('button', { name: W.useTemplate }).click();
  const body = page.getByLabel(W.body, { exact: true });
  await expect(body).toHaveValue(templateText);
  await body.fill(`${templateText}\n\nCall us if the pain gets worse.`);
  await expectAccessible(page, 'console instructions editor');
  await page.getByRole('button', { name: W.publish }).click();
  await expect(page.getByTestId('published')).toHaveText(W.published(1));
  await expect(page.getByTestId('version')).toHaveCount(1);
  await expect(page.getByTestId('version').first()).toContainText('Version 1 · English');

  // The patient's visit page shows them, from the practitioner, with the visit's day.
  const patientSide = await patientContext(browser);
  const visitPage = await patientSide.newPage();
  await visitPage.goto(`/a/${visit.token}`);
  const instructions = visitPage.getByTestId('instructions');
  await expect(instructions.getByRole('heading', { level: 2, name: W.yourInstructions })).toBeVisible();
  await expect(visitPage.getByTestId('instructions-from')).toHaveText(
    `From ${DEMO.practitioners.okafor} · visit on ${dayTitle(visit.local_date)}`,
  );
  await expect(instructions.getByRole('heading', { name: 'After your follow-up' })).toBeVisible();
  await expect(instructions.getByRole('listitem').filter({ hasText: 'Rest for two days' })).toBeVisible();
  await expect(instructions).toContainText('Call us if the pain gets worse.');
  await expect(visitPage.getByRole('button', { name: W.print })).toBeVisible();
  await expectAccessible(visitPage, 'visit page with instructions');
  await expectNoSideScroll(visitPage, 'visit page with instructions');

  // On paper: no navigation or buttons, the clinic's name and phone at the foot of the page.
  const footer = visitPage.locator('.print-footer');
  await expect(footer).toBeHidden();
  await visitPage.emulateMedia({ media: 'print' });
  await expect(visitPage.locator('header, .top').first()).toBeHidden();
  await expect(visitPage.getByRole('button', { name: W.print })).toBeHidden();
  await expect(visitPage.getByRole('button', { name: W.notSure })).toBeHidden();
  await expect(visitPage.getByLabel(W.question)).toBeHidden();
  await expect(instructions).toBeVisible();
  await expect(footer).toBeVisible();
  await expect(footer).toHaveText(`${DEMO.name} · ${DEMO.phone}`);
  expect(await footer.evaluate((el) => getComputedStyle(el).position)).toBe('fixed');
  await visitPage.emulateMedia({ media: 'screen' });
  await expect(footer).toBeHidden();

  // Offline: the saved copy still shows the instructions, and says it is a saved copy.
  await expectSavedForOffline(visitPage, visit.token);
  await patientSide.setOffline(true);
  await visitPage.reload();
  await expect(visitPage.getByTestId('offline-banner')).toHaveText(W.offline);
  await expect(visitPage.getByTestId('instructions-from')).toContainText(DEMO.practitioners.okafor);
  await expect(visitPage.getByTestId('instructions')).toContainText('Rest for two days');
  await patientSide.setOffline(false);
  await expect(visitPage.getByTestId('offline-banner')).toBeHidden();

  // "Not sure", then a question (an empty one is refused first).
  await visitPage.reload();
  const notSure = visitPage.getByRole('button', { name: W.notSure });
  await notSure.click();
  await expect(notSure).toHaveAttribute('aria-pressed', 'true');
  await expect(visitPage.getByRole('button', { name: W.yes })).toHaveAttribute('aria-pressed', 'false');
  await expect(visitPage.getByTestId('understood-thanks')).toContainText(DEMO.phone);
  await visitPage.getByRole('button', { name: W.send }).click();
  await expect(visitPage.locator('#question-error')).toHaveText(W.questionRequired);
  const question = `How long should I rest before running again? (${id})`;
  await visitPage.getByLabel(W.question).fill(question);
  await visitPage.getByRole('button', { name: W.send }).click();
  await expect(visitPage.getByTestId('question-sent')).toHaveText(W.questionSent);
  await expect(visitPage.getByTestId('question')).toContainText(question);
  await expect(visitPage.getByLabel(W.question)).toHaveValue('');

  // Staff see it in the inbox, with the patient's "Not sure", and answer.
  await page.getByRole('navigation', { name: 'Console' }).getByRole('link', { name: W.inboxNav, exact: true }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(W.inboxTitle);
  const item = page.getByTestId('inbox-question').filter({ hasText: question });
  await expect(item).toContainText(patient);
  await expect(item).toContainText(`${W.madeSense} ${W.notSure}`);
  // The report counts visits of the last 90 days; this visit lies ahead, so only its presence.
  await expect(page.getByTestId('understanding-report').getByRole('heading', { level: 2 })).toHaveText(
    'Did the instructions make sense?',
  );
  await expectAccessible(page, 'console questions inbox');
  const answer = `Two days of rest, then start with short walks. (${id})`;
  await item.getByLabel(W.reply).fill(answer);
  await item.getByRole('button', { name: W.sendReply }).click();
  await expect(page.getByTestId('reply-sent')).toHaveText(W.replySent);
  await expect(page.getByTestId('inbox-question').filter({ hasText: question })).toHaveCount(0);

  // The patient sees the answer on the visit page.
  await visitPage.reload();
  await expect(visitPage.getByTestId('question').filter({ hasText: question }).getByTestId('reply')).toContainText(
    answer,
  );
  await expectAccessible(visitPage, 'visit page with a reply');
  await patientSide.close();
});

test('a visit page opened once reads again offline, and says so; the console is never saved; an erased visit is forgotten', async ({
  browser,
  playwright,
  request,
}) => {
  const name = `Olga Offline ${stamp()}`;
  const visit = await bookViaApi(request, {
    service: DEMO.services.followUp.en,
    practitioner: DEMO.practitioners.herrera,
    name,
    preferredName: 'Olga',
  });
  const context = await patientContext(browser);
  const page = await context.newPage();
  await page.goto(`/a/${visit.token}`);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Your visit, Olga');
  // Nothing after the visit yet, and the visit lies ahead: no instructions section at all.
  await expect(page.getByTestId('instructions')).toHaveCount(0);
  await expect(page.getByTestId('instructions-pending')).toHaveCount(0);
  await expect(page.getByTestId('offline-banner')).toBeHidden();
  await expectSavedForOffline(page, visit.token, false);

  await context.setOffline(true);
  await page.reload();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Your visit, Olga');
  await expect(page.getByTestId('offline-banner')).toHaveText(W.offline);
  await expectAccessible(page, 'visit page offline');
  await context.setOffline(false);
  await expect(page.getByTestId('offline-banner')).toBeHidden();

  // The worker sees the console too (it is scoped to the whole site) but keeps none of it.
  await page.goto('/console');
  await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
  const saved = await page.evaluate(async (name) => {
    const cache = await caches.open(name);
    return (await cache.keys()).map((request) => new URL(request.url).pathname);
  }, CACHE);
  expect(saved.filter((path) => path.startsWith('/console') || path.startsWith('/api/console'))).toEqual([]);
  expect(saved.filter((path) => /^\/console-[0-9a-f]+/.test(path))).toEqual([]);
  expect(saved).toContain(`/a/${visit.token}`);

  // The patient asks the clinic to erase their data: the link stops working, and opening it
  // again removes the copy this phone kept.
  const baseURL = test.info().project.use.baseURL!;
  const admin = await playwright.request.newContext({ baseURL, extraHTTPHeaders: { Origin: baseURL } });
  expect((await admin.post('/api/console/sign-in', { data: { email: STAFF.admin, password: STAFF_PASSWORD } })).ok()).toBe(
    true,
  );
  const matches = (await (await admin.get(`/api/console/patients?q=${encodeURIComponent(name)}`)).json()) as {
    id: number;
    name: string;
  }[];
  const patient = matches.find((match) => match.name === name);
  expect(patient, 'the patient is found').toBeTruthy();
  expect((await admin.post(`/api/console/patients/${patient!.id}/erase`, { data: {} })).ok()).toBe(true);
  await admin.dispose();
  await page.goto(`/a/${visit.token}`);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText("We couldn't find this visit");
  await expect
    .poll(() =>
      page.evaluate(
        async ([name, token]) => {
          const cache = await caches.open(name);
          return (await cache.keys()).map((request) => request.url).filter((url) => url.includes(token));
        },
        [CACHE, visit.token],
      ),
    )
    .toEqual([]);
  await context.close();
});

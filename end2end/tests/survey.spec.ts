// The after-visit survey, end to end on a phone: before the visit is completed the survey says
// "not yet"; once staff mark it completed, the visit page invites the patient, who answers with
// touch and keyboard (a poor visit, agreeing to be contacted) and is told someone will call;
// answering again is refused kindly; a Spanish visit gets the Spanish survey; a missing rating
// is explained and nothing is sent; unknown links and a failed load are handled.
import type { Browser, Page, Request } from '@playwright/test';
import { expect, test } from '../support/test';
import { expectAccessible } from '../support/axe';
import { bookViaApi, type Appointment } from '../support/api';
import { STAFF, dayTitle, liveRegion, signIn } from '../support/console';
import { consoleApi } from '../support/setup';
import { expectNoSideScroll } from '../support/team';
import { tabTo } from '../support/booking';
import { DEMO } from '../support/text';

/** The survey's words (app/src/i18n/survey.rs and the visit page's card in instructions.rs). */
const W = {
  en: {
    greeting: (name: string) => `How was your visit, ${name}?`,
    hello: (name: string) => `Hello, ${name}`,
    visitLine: (service: string, practitioner: string, day: string) => `${service} with ${practitioner} on ${day}`,
    rating: 'Overall, how would you rate your visit? (required)',
    recommend: 'How likely are you to recommend us to a friend or family member? (optional)',
    listened: 'Did the practitioner listen carefully to you? (optional)',
    no: 'No',
    comment: 'Anything else you want to tell us? (optional)',
    count: (n: number) => `${n} of 2000 characters`,
    mayContact: 'May we contact you about your answers?',
    send: 'Send',
    ratingMissing: 'Choose a rating from 1 to 5, then send again.',
    thanksTitle: 'Thank you',
    thanks: 'Thank you for telling us about your visit.',
    followUp: 'We are sorry it was not better. Someone from the clinic will get in touch with you.',
    notYet: 'You can tell us about your visit once it has taken place.',
    answered: 'Thanks, we already have your answers.',
    backToVisit: 'Back to your visit',
    invite: 'How was your visit? Tell us in under a minute',
    feedbackThanks: 'Thanks for your feedback',
    missing: "We couldn't find this visit",
    network: "We couldn't reach Carebook. Check your connection, then try again.",
    retry: 'Try again',
  },
  es: {
    greeting: (name: string) => `¿Cómo fue su visita, ${name}?`,
    rating: 'En general, ¿cómo calificaría su visita? (obligatoria)',
    explained: '¿El profesional le explicó las cosas de una forma fácil de entender? (opcional)',
    definitely: 'Sí, totalmente',
    send: 'Enviar',
    invite: '¿Cómo fue su visita? Cuéntenos en menos de un minuto',
  },
} as const;

const stamp = () => Date.now().toString(36);

/** A staff member's own browser, signed in to the console. */
async function staffPage(browser: Browser): Promise<Page> {
  const baseURL = test.info().project.use.baseURL;
  const context = await browser.newContext({ baseURL, viewport: { width: 1024, height: 900 } });
  const page = await context.newPage();
  await signIn(page, STAFF.admin);
  return page;
}

/** Staff mark the visit of the patient called `preferredName` completed (the console's API). */
async function markCompleted(staff: Page, visit: Appointment, preferredName: string): Promise<void> {
  const day = await consoleApi<{ practitioners: { appointments: { id: number; patient_name: string }[] }[] }>(
    staff,
    'GET',
    `/day?date=${visit.local_date}`,
  );
  const row = day.practitioners.flatMap((p) => p.appointments).find((a) => a.patient_name === preferredName);
  expect(row, `the day view lists ${preferredName}`).toBeTruthy();
  await consoleApi(staff, 'POST', `/appointments/${row!.id}/attendance`, { attendance: 'completed' });
}

/** The survey's POSTs the page makes from now on. */
function surveyPosts(page: Page): Request[] {
  const posts: Request[] = [];
  page.on('request', (request) => {
    if (request.method() === 'POST' && new URL(request.url()).pathname.endsWith('/survey')) posts.push(request);
  });
  return posts;
}

const heading = (page: Page) => page.getByRole('heading', { level: 1 });

test('a patient answers the survey after the visit is completed, on a phone, and is told someone will call', async ({
  page,
  browser,
  request,
}) => {
  const t = W.en;
  const id = stamp();
  const preferred = `Sunny ${id}`;
  const visit = await bookViaApi(request, {
    service: DEMO.services.followUp.en,
    practitioner: DEMO.practitioners.okafor,
    name: `Sunny Survey ${id}`,
    preferredName: preferred,
  });

  // Before the visit is completed: the survey says not yet, and the visit page shows no card.
  await page.goto(`/a/${visit.token}/survey`);
  await expect(heading(page)).toHaveText(t.hello(preferred));
  await expect(page.getByTestId('survey-state')).toHaveText(t.notYet);
  await expect(page.getByTestId('survey-form')).toHaveCount(0);
  await expectAccessible(page, 'survey not yet');
  await expectNoSideScroll(page, 'survey not yet');
  const afterVisit = page.waitForResponse((r) => r.url().endsWith(`/api/appointments/${visit.token}/instructions`));
  await page.goto(`/a/${visit.token}`);
  expect((await (await afterVisit).json()).survey).toBe('not_yet');
  await expect(page.getByTestId('visit-head')).toBeVisible();
  await expect(page.getByTestId('survey-card')).toHaveCount(0);

  // Staff mark it completed: the visit page now invites the patient.
  const staff = await staffPage(browser);
  await markCompleted(staff, visit, preferred);
  await page.reload();
  const card = page.getByTestId('survey-card');
  await expect(card).toHaveText(t.invite);
  await expectAccessible(page, 'visit page with the survey card');
  await card.getByRole('link', { name: t.invite }).tap();
  await expect(page).toHaveURL(new RegExp(`/a/${visit.token}/survey$`));

  // The survey greets the patient and names the visit.
  await expect(heading(page)).toHaveText(t.greeting(preferred));
  await expect(page.getByTestId('survey-visit')).toHaveText(
    t.visitLine(visit.service.name, DEMO.practitioners.okafor, dayTitle(visit.local_date)),
  );
  await expectAccessible(page, 'survey open');
  await expectNoSideScroll(page, 'survey open');

  // Send without a rating: an inline error takes the focus, and nothing is sent.
  const posts = surveyPosts(page);
  await page.getByRole('button', { name: t.send }).tap();
  const error = page.locator('#rating-error');
  await expect(error).toHaveText(t.ratingMissing);
  await expect(error).toBeFocused();
  const rating = page.getByRole('group', { name: t.rating });
  await expect(rating.getByRole('radio', { name: '2', exact: true })).toHaveAccessibleDescription(t.ratingMissing);
  await expectAccessible(page, 'survey with the rating missing');
  expect(posts, 'no answers are sent without a rating').toHaveLength(0);

  // Rating 2 by touch; the scale's ends are named for screen readers.
  await expect(rating.getByRole('radio', { name: '1, Very poor' })).toBeVisible();
  await expect(rating.getByRole('radio', { name: '5, Excellent' })).toBeVisible();
  await rating.getByRole('radio', { name: '2', exact: true }).tap();
  await expect(rating.getByRole('radio', { name: '2', exact: true })).toBeChecked();

  // Recommend 3 with the keyboard: Tab into the group, arrows to move along it.
  const recommend = page.getByRole('group', { name: t.recommend });
  await tabTo(page, recommend.getByRole('radio', { name: '0, Not at all likely' }));
  for (let i = 0; i < 3; i++) await page.keyboard.press('ArrowRight');
  await expect(recommend.getByRole('radio', { name: '3', exact: true })).toBeChecked();
  await expect(recommend.getByRole('radio', { name: '3', exact: true })).toBeFocused();

  // "No" to "listen carefully", a comment with its count, and yes to being contacted.
  await page.getByRole('group', { name: t.listened }).getByRole('radio', { name: t.no }).tap();
  const comment = page.getByLabel(t.comment);
  await comment.fill('The wait was long.');
  await expect(page.locator('#comment-count')).toHaveText(t.count('The wait was long.'.length));
  await expect(comment).toBeFocused();
  await page.getByLabel(t.mayContact).tap();
  await expect(page.getByLabel(t.mayContact)).toBeChecked();

  await page.getByRole('button', { name: t.send }).tap();
  await expect(heading(page)).toHaveText(t.thanksTitle);
  await expect(page.getByTestId('survey-thanks')).toContainText(t.thanks);
  await expect(page.getByTestId('survey-follow-up')).toHaveText(t.followUp);
  await expect(page.getByTestId('survey-thanks').getByRole('link', { name: DEMO.phone })).toHaveAttribute(
    'href',
    `tel:${DEMO.phone}`,
  );
  await expect(liveRegion(page)).toHaveText(`${t.thanks} ${t.followUp}`);
  expect(posts).toHaveLength(1);
  expect(posts[0].postDataJSON()).toEqual({
    rating: 2,
    recommend: 3,
    explained: null,
    listened: 'no',
    respected: null,
    enough_time: null,
    comment: 'The wait was long.',
    may_contact: true,
  });
  await expectAccessible(page, 'survey sent');
  await expectNoSideScroll(page, 'survey sent');

  // Coming back: the answers are kept, once.
  await page.reload();
  await expect(page.getByTestId('survey-state')).toHaveText(t.answered);
  await expect(page.getByTestId('survey-form')).toHaveCount(0);
  await expectAccessible(page, 'survey answered');
  await page.getByRole('link', { name: t.backToVisit }).tap();
  await expect(page).toHaveURL(new RegExp(`/a/${visit.token}$`));
  await expect(page.getByTestId('survey-card')).toHaveText(t.feedbackThanks);
  await staff.context().close();
});

test('answers sent meanwhile from elsewhere: Send shows that the answers are already in', async ({
  page,
  browser,
  request,
}) => {
  const t = W.en;
  const id = stamp();
  const preferred = `Tabs ${id}`;
  const visit = await bookViaApi(request, {
    service: DEMO.services.followUp.en,
    practitioner: DEMO.practitioners.okafor,
    name: `Tabs Twice ${id}`,
    preferredName: preferred,
  });
  const staff = await staffPage(browser);
  await markCompleted(staff, visit, preferred);
  await page.goto(`/a/${visit.token}/survey`);
  await expect(heading(page)).toHaveText(t.greeting(preferred));

  // Answered in another tab first (straight through the API).
  const first = await request.post(`/api/appointments/${visit.token}/survey`, { data: { rating: 5 } });
  expect(first.status(), await first.text()).toBe(201);

  await page.getByRole('group', { name: t.rating }).getByRole('radio', { name: '4', exact: true }).tap();
  await page.getByRole('button', { name: t.send }).tap();
  await expect(page.getByTestId('survey-state')).toHaveText(t.answered);
  await expect(page.getByTestId('survey-form')).toHaveCount(0);
  await staff.context().close();
});

test('a visit booked in Spanish gets the survey in Spanish, and the language switch changes it', async ({
  page,
  browser,
  request,
}) => {
  const id = stamp();
  const preferred = `Lucía ${id}`;
  const visit = await bookViaApi(request, {
    service: DEMO.services.followUp.en,
    practitioner: DEMO.practitioners.okafor,
    name: `Lucía Encuesta ${id}`,
    preferredName: preferred,
    language: 'es',
  });
  const staff = await staffPage(browser);
  await markCompleted(staff, visit, preferred);

  await page.goto(`/a/${visit.token}`);
  await expect(page.getByTestId('survey-card')).toHaveText(W.es.invite);
  await page.getByTestId('survey-card').getByRole('link').tap();
  await expect(heading(page)).toHaveText(W.es.greeting(preferred));
  await expect(page.locator('html')).toHaveAttribute('lang', 'es');
  await expect(page.getByRole('group', { name: W.es.rating })).toBeVisible();
  await expect(
    page.getByRole('group', { name: W.es.explained }).getByRole('radio', { name: W.es.definitely }),
  ).toBeVisible();
  await expect(page.getByRole('button', { name: W.es.send })).toBeVisible();
  await expectAccessible(page, 'survey in Spanish');
  await expectNoSideScroll(page, 'survey in Spanish');

  // A choice made before switching language is still there after.
  await page.getByRole('group', { name: W.es.rating }).getByRole('radio', { name: '4', exact: true }).tap();
  await page.getByLabel('Idioma').selectOption('en');
  await expect(heading(page)).toHaveText(W.en.greeting(preferred));
  await expect(page.getByRole('group', { name: W.en.rating }).getByRole('radio', { name: '4', exact: true })).toBeChecked();
  await staff.context().close();
});

test('an unknown survey link and a failed load say what happened', async ({ page, request }) => {
  const t = W.en;
  await page.goto('/a/no-such-visit-token/survey');
  await expect(heading(page)).toHaveText(t.missing);
  await expectAccessible(page, 'survey of an unknown visit');

  const id = stamp();
  const visit = await bookViaApi(request, {
    service: DEMO.services.followUp.en,
    practitioner: DEMO.practitioners.okafor,
    name: `Nora Network ${id}`,
    preferredName: `Nora ${id}`,
  });
  // The first load fails as if the phone had no signal; Try again loads it.
  let failOnce = true;
  await page.route('**/api/appointments/*/survey*', (route) => {
    if (failOnce) {
      failOnce = false;
      return route.abort('internetdisconnected');
    }
    return route.continue();
  });
  await page.goto(`/a/${visit.token}/survey`);
  await expect(page.getByRole('alert')).toContainText(t.network);
  await expectAccessible(page, 'survey that failed to load');
  await expectNoSideScroll(page, 'survey that failed to load');
  await page.getByRole('button', { name: t.retry }).tap();
  await expect(page.getByTestId('survey-state')).toHaveText(t.notYet);
});

test('a survey past its 30 days says the day it closed', async ({ page, request }) => {
  const id = stamp();
  const preferred = `Olga ${id}`;
  const visit = await bookViaApi(request, {
    service: DEMO.services.followUp.en,
    practitioner: DEMO.practitioners.okafor,
    name: `Olga Late ${id}`,
    preferredName: preferred,
  });
  // Thirty days cannot pass in a test: the server's own answer, as it reads once they have.
  await page.route('**/api/appointments/*/survey*', async (route) => {
    const response = await route.fetch();
    await route.fulfill({ response, json: { ...(await response.json()), state: 'closed', closes_at: null } });
  });
  await page.goto(`/a/${visit.token}/survey`);
  await expect(heading(page)).toHaveText(W.en.hello(preferred));
  const closedOn = new Date(`${visit.local_date}T12:00:00Z`);
  closedOn.setUTCDate(closedOn.getUTCDate() + 30);
  await expect(page.getByTestId('survey-state')).toHaveText(
    `This survey closed on ${dayTitle(closedOn.toISOString().slice(0, 10))}.`,
  );
  await expect(page.getByTestId('survey-form')).toHaveCount(0);
  await expectAccessible(page, 'survey closed');
  await expectNoSideScroll(page, 'survey closed');
});

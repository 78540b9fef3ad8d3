// A visit page arrives with the visit in it (server/src/routes/visit_page.rs): readable before the
// app has loaded and without JavaScript, in the language it was booked in, its time already in
// the browser's words on the first frame (visit.html's inline script); the app then takes over
// with the same page, once, without anything moving.
import type { Page } from '@playwright/test';
import { expect, test } from '../support/test';
import { expectAccessible } from '../support/axe';
import { bookViaApi, fetchAppointment } from '../support/api';
import { appReady, formatInstant, heading } from '../support/booking';
import { layoutShift, markPage, stillSamePage } from '../support/drawn';
import { expectNoSideScroll } from '../support/setup';
import { DEMO, TEXT } from '../support/text';

const t = TEXT.en;

/** What the first frame that showed a heading showed, and the server's page before the app. */
interface Seen {
  heading: string;
  when: string | null;
  lang: string;
  greeting: boolean;
  skeleton: number;
  drawnByServer: boolean;
  /** The time in the server's page once it is parsed (its script has run): what the app replaces. */
  drawnWhen: string | null;
}

/**
 * Records, from inside the page, what the first frame with a heading in it showed: read just
 * before the browser renders each frame, so it is what the patient saw first, not what the page
 * held by the time the test looked (the app may well have swapped itself in by then). Also the
 * server's page's time once parsed, long before the app can have loaded.
 */
async function recordFirstFrame(page: Page): Promise<void> {
  await page.addInitScript(() => {
    const seen = window as unknown as { firstFrame?: Omit<Seen, 'drawnWhen'>; drawnWhen?: string | null };
    const look = (): void => {
      const h1 = document.querySelector('h1');
      if (!h1) {
        requestAnimationFrame(look);
        return;
      }
      seen.firstFrame = {
        heading: h1.textContent ?? '',
        when: document.querySelector('[data-testid="visit-when"]')?.textContent ?? null,
        lang: document.documentElement.lang,
        greeting: document.querySelector('[data-testid="confirmation-banner"]') !== null,
        skeleton: document.querySelectorAll('.skel').length,
        drawnByServer: document.querySelector('#boot[data-shell]') !== null,
      };
    };
    requestAnimationFrame(look);
    document.addEventListener('DOMContentLoaded', () => {
      seen.drawnWhen = document.querySelector('#boot [data-testid="visit-when"]')?.textContent ?? null;
    });
  });
}

async function seen(page: Page): Promise<Seen> {
  const recorded = await page.waitForFunction(() => {
    const seen = window as unknown as { firstFrame?: Omit<Seen, 'drawnWhen'>; drawnWhen?: string | null };
    return seen.firstFrame && seen.drawnWhen !== undefined && { ...seen.firstFrame, drawnWhen: seen.drawnWhen };
  });
  return (await recorded.jsonValue()) as Seen;
}

test('without JavaScript the visit page still shows the visit and its calendar file', async ({ browser, request }) => {
  const visit = await bookViaApi(request, {
    service: DEMO.services.followUp.en,
    practitioner: DEMO.practitioners.okafor,
    name: 'Samuel Patel',
    preferredName: 'Sam',
  });
  const context = await browser.newContext({ javaScriptEnabled: false });
  try {
    const page = await context.newPage();
    await page.goto(`/a/${visit.token}`);
    await expect(heading(page)).toHaveText(t.visitTitle('Sam'));
    await expect(page).toHaveTitle(`${t.visitTitle('Sam')} · Carebook`);
    const article = page.locator('article.visit');
    await expect(article).toContainText(DEMO.services.followUp.en);
    await expect(article).toContainText(DEMO.name);
    await expect(article).toContainText('120 Hudson Street, New York, NY 10013');
    await expect(page.getByRole('link', { name: 'Open in map' })).toHaveAttribute(
      'href',
      /^https:\/\/www\.openstreetmap\.org\/search\?query=120%20Hudson%20Street/,
    );
    await expect(article).toContainText(`${DEMO.practitioners.okafor} (she/her), Family physician`);
    await expect(page.getByRole('heading', { name: t.prepare })).toBeVisible();
    await expect(article).toContainText('write down any questions you have');
    // No script to put the time in the browser's words: the clinic's own date and time, which
    // is still the right day and hour.
    await expect(page.getByTestId('visit-when')).toHaveText(
      new RegExp(`^${visit.local_date} ${visit.local_time} E[SD]T$`),
    );
    await expect(article).toContainText(`Time zone: ${DEMO.timeZone}`);

    // The calendar file is a plain link, so it works without the app too.
    const calendar = page.getByRole('link', { name: t.addCalendar });
    const href = `/api/appointments/${visit.token}/calendar.ics`;
    await expect(calendar).toHaveAttribute('href', href);
    const ics = await request.get(href);
    expect(ics.status()).toBe(200);
    expect(await ics.text()).toContain('BEGIN:VEVENT');
  } finally {
    await context.close();
  }
});

test.describe('before the app has loaded', () => {
  // The offline worker would fetch the wasm itself, past the route below that keeps it away.
  test.use({ serviceWorkers: 'block' });

  test('the visit shows with its time in the browser’s words', async ({ page, request }) => {
    const visit = await bookViaApi(request, {
      service: DEMO.services.followUp.en,
      practitioner: DEMO.practitioners.okafor,
      name: 'Grace Kim',
    });
    // The app never arrives: what shows is all the server's page and its one inline script. (A
    // routed page is never served from the cache, so each load below is a first visit.)
    await page.route('**/*_bg.wasm', (route) => route.abort());
    await recordFirstFrame(page);
    await page.goto(`/a/${visit.token}`);
    const words = await formatInstant(page, visit.start);

    await expect(heading(page)).toHaveText(t.visitTitle('Grace Kim'));
    await expect(page.getByTestId('visit-when')).toHaveText(words);
    await expect(page.locator('article.visit')).toContainText(DEMO.services.followUp.en);
    await expect(page.getByRole('heading', { name: t.prepare })).toBeVisible();
    await expect(page.getByRole('link', { name: t.addCalendar })).toBeVisible();
    // No button that would do nothing when tapped: moving and cancelling come with the app.
    await expect(page.getByRole('button')).toHaveCount(0);
    await expect(page.locator('.skel')).toHaveCount(0);
    await expect(page.locator('#boot[data-shell]')).toHaveCount(1);

    // A script that waited for the style sheets could lose a race with the first frame now and
    // then, so one lucky load proves little: every load must show the browser's words on its
    // first frame, never the server's "2026-11-25 09:00 EST".
    const firstTimes: string[] = [];
    for (let load = 0; load < 8; load++) {
      if (load > 0) await page.goto(`/a/${visit.token}`);
      const first = await seen(page);
      expect(first.drawnByServer, 'the first frame is the page the server drew').toBe(true);
      expect(first.heading).toBe(t.visitTitle('Grace Kim'));
      expect(first.skeleton, 'no grey skeleton on the first frame').toBe(0);
      firstTimes.push(first.when ?? '(none)');
    }
    expect(firstTimes, 'the time on the first frame of each load').toEqual(Array(8).fill(words));
  });
});

test('the app takes over from the visit the server sent: nothing moves, and its buttons work', async ({
  page,
  request,
}) => {
  // Two days ahead by default: far enough to cancel online, so the buttons are there.
  const visit = await bookViaApi(request, {
    service: DEMO.services.followUp.en,
    practitioner: DEMO.practitioners.herrera,
    name: 'Hannah Berg',
    preferredName: 'Hannah',
  });
  await recordFirstFrame(page);
  await page.goto(`/a/${visit.token}`);
  const before = await seen(page);
  expect(before.drawnByServer).toBe(true);
  expect(before.heading).toBe(t.visitTitle('Hannah'));
  expect(before.drawnWhen).toBe(await formatInstant(page, visit.start));

  await appReady(page);
  await expect(heading(page)).toHaveText(t.visitTitle('Hannah'));
  await expect(page.locator('h1')).toHaveCount(1);
  await expect(page.locator('article.visit')).toHaveCount(1);
  // The app writes the time as the page's script did: the words do not change under the reader.
  await expect(page.getByTestId('visit-when')).toHaveText(before.drawnWhen!);
  const shift = await layoutShift(page);
  expect(shift, 'layout shift while the app took over').toBeLessThanOrEqual(0.02);
  await expectAccessible(page, 'visit page drawn by the server, then the app');
  await expectNoSideScroll(page, 'visit page drawn by the server, then the app');

  // The app is in charge: Cancel opens its question within the page, and nothing is cancelled.
  await markPage(page);
  const cancel = page.getByRole('button', { name: t.cancelVisit, exact: true });
  await cancel.click();
  await expect(cancel).toHaveAttribute('aria-expanded', 'true');
  const confirm = page.getByRole('region', { name: t.cancelTitle });
  await expect(confirm.getByRole('heading', { name: t.cancelTitle })).toBeFocused();
  expect(await stillSamePage(page), 'the app handled it within the page').toBe(true);
  expect((await fetchAppointment(request, visit.token)).status).toBe('booked');
});

test('a visit booked in Spanish arrives in Spanish, its time in Spanish words', async ({ page, request }) => {
  const visit = await bookViaApi(request, {
    service: DEMO.services.followUp.en,
    practitioner: DEMO.practitioners.okafor,
    name: 'Lucía Gómez',
    preferredName: 'Lucía',
    language: 'es',
  });
  // The phone is set to English (the config's locale): the visit's own language wins.
  await recordFirstFrame(page);
  await page.goto(`/a/${visit.token}`);
  const words = await formatInstant(page, visit.start, 'es');
  const first = await seen(page);
  expect(first.drawnByServer).toBe(true);
  expect(first.lang).toBe('es');
  expect(first.heading).toBe(TEXT.es.visitTitle('Lucía'));
  expect(first.drawnWhen).toBe(words);

  await appReady(page);
  await expect(page.locator('html')).toHaveAttribute('lang', 'es');
  await expect(heading(page)).toHaveText(TEXT.es.visitTitle('Lucía'));
  await expect(page.getByTestId('visit-when')).toHaveText(words);
  await expect(page.locator('article.visit')).toContainText(DEMO.services.followUp.es);
  await expect(page.getByRole('heading', { name: TEXT.es.prepare })).toBeVisible();
  await expect(page.locator('h1')).toHaveCount(1);
});

test('the page a booking ends on greets from the first frame', async ({ page, request }) => {
  const visit = await bookViaApi(request, {
    service: DEMO.services.physio.en,
    practitioner: DEMO.practitioners.lee,
    name: 'Bruno Silva',
    preferredName: 'Bruno',
  });
  await recordFirstFrame(page);
  await page.goto(`/a/${visit.token}?booked=1`);
  const first = await seen(page);
  expect(first.drawnByServer).toBe(true);
  expect(first.heading).toBe(t.bookedTitle('Bruno'));
  expect(first.greeting).toBe(true);

  await appReady(page);
  await expect(heading(page)).toHaveText(t.bookedTitle('Bruno'));
  await expect(page.getByTestId('confirmation-banner')).toBeVisible();
  await expect(page).toHaveTitle(`${t.bookedTitle('Bruno')} · Carebook`);
  await expect(page.locator('h1')).toHaveCount(1);
});

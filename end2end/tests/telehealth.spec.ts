// Video visits on the patient's visit page: "Join video visit" only from 15 minutes before the
// start to the end (the rule in app/src/wire/video.rs, by the browser's clock, which
// page.clock sets here); before that a countdown and a camera tip; after the end nothing. The
// join link is the visit's own room from the clinic's template, and the practitioner finds the
// same room on the console's day view.
import type { Page } from '@playwright/test';
import { expect, test } from '../support/test';
import { expectAccessible } from '../support/axe';
import { bookViaApi, type Appointment } from '../support/api';
import { heading } from '../support/booking';
import { STAFF, signIn, visitRow } from '../support/console';
import { expectNoSideScroll } from '../support/setup';
import { DEMO, TEXT } from '../support/text';

/** The words of app/src/i18n/video.rs. */
const W = {
  en: {
    heading: 'Video visit',
    join: 'Join video visit',
    opensIn: (left: string) => `Your video visit opens in ${left}.`,
    openNow: 'Your video visit is open: you can join it now.',
    tip: 'Before then, test your camera and microphone, and find a quiet place with good light.',
    staffJoin: 'Open video room',
  },
  es: {
    heading: 'Visita por video',
    join: 'Entrar a la visita por video',
  },
} as const;

const MINUTE = 60_000;

interface VideoVisit extends Appointment {
  end: string;
  video_url: string | null;
}

async function videoVisit(
  request: Parameters<typeof bookViaApi>[0],
  name: string,
  language: 'en' | 'es' = 'en',
): Promise<VideoVisit> {
  const booked = await bookViaApi(request, {
    service: DEMO.services.telehealth.en,
    practitioner: DEMO.practitioners.okafor,
    name,
    preferredName: name.split(' ')[0],
    language,
  });
  const response = await request.get(`/api/appointments/${booked.token}`);
  expect(response.status()).toBe(200);
  const visit = (await response.json()) as VideoVisit;
  // The demo clinic's template: the public Jitsi service, one room per visit.
  expect(visit.video_url).toMatch(/^https:\/\/meet\.jit\.si\/carebook-[A-Za-z0-9_-]{20,}$/);
  return visit;
}

/** Opens the visit page with the browser's clock at `at` (it runs on from there). */
async function openAt(page: Page, visit: VideoVisit, at: number): Promise<void> {
  await page.clock.install({ time: new Date(at) });
  await page.goto(`/a/${visit.token}`);
  await expect(heading(page)).toBeVisible();
}

const videoSection = (page: Page) => page.getByTestId('video-visit');
const joinLink = (page: Page, name: string = W.en.join) => page.getByRole('link', { name: new RegExp(`^${name}`) });

test('an hour before, the page counts down and gives a tip; the link opens 15 minutes before', async ({ page, request }) => {
  const visit = await videoVisit(request, 'Vera Video');
  const start = Date.parse(visit.start);
  await openAt(page, visit, start - 60 * MINUTE);

  await expect(videoSection(page).getByRole('heading', { name: W.en.heading })).toBeVisible();
  await expect(page.getByTestId('video-countdown')).toHaveText(W.en.opensIn('45 min'));
  await expect(videoSection(page)).toContainText(W.en.tip);
  await expect(joinLink(page)).toHaveCount(0);
  await expectAccessible(page, 'video visit, before the link opens');
  await expectNoSideScroll(page, 'video visit, before the link opens');

  // 44 minutes on: one minute to go (whole minutes, rounded up).
  await page.clock.runFor(44 * MINUTE);
  await expect(page.getByTestId('video-countdown')).toHaveText(W.en.opensIn('1 min'));
  await expect(joinLink(page)).toHaveCount(0);

  // Past the opening while the page is open: the link appears and the live region says so.
  await page.clock.runFor(MINUTE);
  const join = joinLink(page);
  await expect(join).toBeVisible();
  await expect(join).toHaveAttribute('href', visit.video_url!);
  await expect(join).toHaveAttribute('target', '_blank');
  await expect(page.getByTestId('video-countdown')).toHaveCount(0);
  await expect(page.locator('[role="status"][aria-live="polite"]').first()).toHaveText(W.en.openNow);
  await expectAccessible(page, 'video visit, link open');
});

test('ten minutes before and up to the end the link is there; after the end it is gone', async ({ page, request }) => {
  const visit = await videoVisit(request, 'Walter Window');
  const start = Date.parse(visit.start);
  const end = Date.parse(visit.end);
  expect(end - start).toBe(15 * MINUTE);

  await openAt(page, visit, start - 10 * MINUTE);
  await expect(joinLink(page)).toHaveAttribute('href', visit.video_url!);
  await expect(page.getByTestId('video-countdown')).toHaveCount(0);
  await expectNoSideScroll(page, 'video visit, link open');
  // Keyboard: the link is reachable and is the visit's room.
  await joinLink(page).focus();
  await expect(joinLink(page)).toBeFocused();

  // One minute before the end: still there. At the end: gone, and nothing else in its place.
  await page.clock.runFor(end - 60_000 - (start - 10 * MINUTE));
  await expect(joinLink(page)).toBeVisible();
  await page.clock.runFor(MINUTE);
  await expect(videoSection(page)).toHaveCount(0);
  // The rest of the visit page is still there.
  await expect(page.getByTestId('visit-when')).toBeVisible();
});

test('after the end, a fresh visit page shows no video section; in Spanish, the link reads in Spanish', async ({
  page,
  browser,
  request,
}) => {
  const visit = await videoVisit(request, 'Xavier Later');
  await openAt(page, visit, Date.parse(visit.end) + MINUTE);
  await expect(page.getByTestId('visit-when')).toBeVisible();
  await expect(videoSection(page)).toHaveCount(0);
  await expect(joinLink(page)).toHaveCount(0);

  const spanish = await videoVisit(request, 'Yolanda Video', 'es');
  const context = await browser.newContext({ locale: 'es-US' });
  try {
    const es = await context.newPage();
    await openAt(es, spanish, Date.parse(spanish.start) - 5 * MINUTE);
    await expect(heading(es)).toHaveText(TEXT.es.visitTitle('Yolanda'));
    await expect(videoSection(es).getByRole('heading', { name: W.es.heading })).toBeVisible();
    await expect(joinLink(es, W.es.join)).toHaveAttribute('href', spanish.video_url!);
    await expectAccessible(es, 'video visit in Spanish');
  } finally {
    await context.close();
  }
});

test('the practitioner opens the same room from the day view', async ({ page, request }) => {
  const visit = await videoVisit(request, 'Zoltan Roomtest');
  await signIn(page, STAFF.okafor);
  await page.goto(`/console/day?date=${visit.local_date}`);
  // The day view names patients by their preferred name.
  const row = visitRow(page, 'Zoltan');
  const room = row.getByTestId('video-link');
  await expect(room).toHaveText(W.en.staffJoin);
  await expect(room).toHaveAttribute('href', visit.video_url!);
  await expect(room).toHaveAttribute('target', '_blank');
  await expectAccessible(page, 'day view with a video visit');
  await expectNoSideScroll(page, 'day view with a video visit');
});

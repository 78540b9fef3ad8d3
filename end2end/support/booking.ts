// The booking flow, step by step, as a patient goes through it: by what the screen says.
import { expect, type Locator, type Page } from '@playwright/test';
import { TEXT, type Lang } from './text';

export const heading = (page: Page): Locator => page.getByRole('heading', { level: 1 });

export async function expectStep(page: Page, title: string): Promise<void> {
  await expect(heading(page)).toHaveText(title);
}

/** The free-time buttons of the time step (morning and afternoon groups). */
export const timeButtons = (scope: Page | Locator): Locator =>
  scope.locator('[data-testid="slots-morning"] button, [data-testid="slots-afternoon"] button');

/**
 * The first day with free times, at least `minOffset` days after today (day lists start at
 * today). Two days out keeps clear of the two-hour minimum notice and the 24-hour window for
 * online changes, whatever the hour the tests run.
 */
export function firstFreeDay(scope: Page | Locator, minOffset = 2): Locator {
  return scope
    .getByTestId('day-list')
    .locator(`li:nth-child(n+${minOffset + 1}) button:enabled`)
    .first();
}

/**
 * Waits until the app has taken over from the first step the server wrote into the page
 * (`#boot`): before that, a tap on a service is a plain link that loads the next step afresh.
 */
export async function appReady(page: Page): Promise<void> {
  await expect(page.locator('#boot')).toHaveCount(0);
}

export async function startBooking(page: Page, lang: Lang = 'en'): Promise<void> {
  await page.goto('/book/demo');
  await expectStep(page, TEXT[lang].titleService);
  await appReady(page);
}

export async function chooseService(page: Page, name: string, lang: Lang = 'en'): Promise<void> {
  await page.getByTestId('service-list').getByRole('link', { name, exact: true }).click();
  await expectStep(page, TEXT[lang].titlePractitioner);
}

export async function choosePractitioner(page: Page, name: string, lang: Lang = 'en'): Promise<void> {
  await page.getByTestId('practitioner-list').getByRole('link', { name, exact: true }).click();
  await expectStep(page, TEXT[lang].titleDay);
}

/** Picks the first day with times (two days out or later); returns its text, e.g. "Wed, Nov 25, 12 times". */
export async function chooseDay(page: Page, lang: Lang = 'en'): Promise<string> {
  const day = firstFreeDay(page);
  await expect(day).toBeVisible();
  const label = (await day.innerText()).trim();
  await day.click();
  await expectStep(page, TEXT[lang].titleTime);
  return label;
}

/** Picks the `nth` free time of the chosen day; returns the chosen start (UTC, from the URL). */
export async function chooseTime(page: Page, nth = 0, lang: Lang = 'en'): Promise<string> {
  const time = timeButtons(page).nth(nth);
  await expect(time).toBeVisible();
  await time.click();
  await expectStep(page, TEXT[lang].titleDetails);
  return chosenStart(page);
}

/** The start held in the URL once a time is chosen. */
export function chosenStart(page: Page): string {
  const start = new URL(page.url()).searchParams.get('start');
  expect(start, 'the URL holds the chosen start').toBeTruthy();
  return start!;
}

export interface Patient {
  name: string;
  preferredName?: string;
  email: string;
}

export async function fillDetails(page: Page, patient: Patient, lang: Lang = 'en'): Promise<void> {
  const t = TEXT[lang];
  await page.getByLabel(t.fullName, { exact: true }).fill(patient.name);
  if (patient.preferredName) {
    await page.getByLabel(t.preferredName).fill(patient.preferredName);
  }
  await page.getByLabel(t.email, { exact: true }).fill(patient.email);
  await page.getByLabel(t.consent).check();
}

export async function continueToReview(page: Page, lang: Lang = 'en'): Promise<void> {
  await page.getByRole('button', { name: TEXT[lang].continue }).click();
  await expectStep(page, TEXT[lang].titleReview);
}

/** Confirms on the review step and waits for the visit page; returns the visit's token. */
export async function confirmBooking(page: Page, patientName: string, lang: Lang = 'en'): Promise<string> {
  await page.getByRole('button', { name: TEXT[lang].confirmBooking }).click();
  await page.waitForURL(/\/a\/[A-Za-z0-9_-]{43}\?booked=1$/);
  await expect(heading(page)).toHaveText(TEXT[lang].bookedTitle(patientName));
  return new URL(page.url()).pathname.split('/')[2];
}

/**
 * How the app writes an instant (its `instant()` helper: long date, time and zone name, in the
 * clinic's zone), computed by the same browser so the ICU data match.
 */
export async function formatInstant(page: Page, iso: string, lang: Lang = 'en'): Promise<string> {
  return page.evaluate(
    ([at, locale]) =>
      new Date(at).toLocaleString(locale, {
        timeZone: 'America/New_York',
        weekday: 'long',
        month: 'long',
        day: 'numeric',
        year: 'numeric',
        hour: 'numeric',
        minute: '2-digit',
        timeZoneName: 'short',
      }),
    [iso, TEXT[lang].intlLocale] as const,
  );
}

/** Presses Tab until `target` has focus (keyboard only); fails after `max` presses. */
export async function tabTo(page: Page, target: Locator, max = 80): Promise<void> {
  await expect(target).toBeVisible();
  for (let i = 0; i <= max; i++) {
    if (await target.evaluate((el) => el === document.activeElement)) return;
    await page.keyboard.press('Tab');
  }
  const focused = await page.evaluate(() => document.activeElement?.outerHTML.slice(0, 200));
  throw new Error(`Tab never reached ${target}; focus is on ${focused}`);
}

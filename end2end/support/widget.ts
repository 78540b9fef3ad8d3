// The booking widget as a clinic's web page shows it: the clinic's allowed web sites set
// through the console API, the booking flow walked inside the widget's frame, and what the
// host page heard from the loader (its `Carebook.on` events, recorded by widget-host/events.js).
import { request as playwrightRequest, expect, type FrameLocator, type Locator, type Page } from '@playwright/test';
import { expectAccessible } from './axe';
import { firstFreeDay, timeButtons } from './booking';
import { STAFF, STAFF_PASSWORD } from './console';
import { TEXT } from './text';

/**
 * Puts `origins` on the demo clinic's list of web sites allowed to show its widget (as an
 * admin on the console's Embed page would), keeping what was there; returns how to put the
 * list back.
 */
export async function allowOrigins(baseURL: string, origins: string[]): Promise<() => Promise<void>> {
  // Console writes must name Carebook as their Origin (the console's own pages do).
  const api = await playwrightRequest.newContext({ baseURL, extraHTTPHeaders: { Origin: baseURL } });
  const signIn = await api.post('/api/console/sign-in', { data: { email: STAFF.admin, password: STAFF_PASSWORD } });
  expect(signIn.status(), 'the admin signs in').toBe(200);
  const current = await api.get('/api/console/embed');
  expect(current.status()).toBe(200);
  const before = ((await current.json()) as { origins: string[] }).origins;
  const put = async (list: string[]) => {
    const saved = await api.put('/api/console/embed', { data: { origins: list } });
    expect(saved.status(), await saved.text()).toBe(200);
  };
  await put([...before.filter((origin) => !origins.includes(origin)), ...origins]);
  return async () => {
    await put(before);
    await api.dispose();
  };
}

/** What the host page heard through `Carebook.on`. */
export interface HostEvent {
  name: 'ready' | 'step' | 'booked' | 'closed';
  detail: Record<string, unknown>;
}

export function hostEvents(page: Page): Promise<HostEvent[]> {
  return page.evaluate(() => (window as unknown as { hostEvents: HostEvent[] }).hostEvents ?? []);
}

/** Waits until the host page has heard `name` at least `count` times; returns those events. */
export async function waitForEvent(page: Page, name: HostEvent['name'], count = 1): Promise<HostEvent[]> {
  await expect
    .poll(async () => (await hostEvents(page)).filter((event) => event.name === name).length, {
      message: `the host page hears "${name}"`,
    })
    .toBeGreaterThanOrEqual(count);
  return (await hostEvents(page)).filter((event) => event.name === name);
}

/** The steps the host page was told about, in order (`step` events). */
export async function stepsHeard(page: Page): Promise<string[]> {
  return (await hostEvents(page)).filter((e) => e.name === 'step').map((e) => String(e.detail.step));
}

/** The inline widget's iframe element on the host page, and its content. */
export const inlineFrameElement = (page: Page): Locator => page.locator('[data-carebook] iframe');
export const inlineFrame = (page: Page): FrameLocator => page.frameLocator('[data-carebook] iframe');
/** The popup's dialog, iframe element and content. */
export const popupDialog = (page: Page): Locator => page.locator('dialog.carebook-dialog');
export const popupFrame = (page: Page): FrameLocator => page.frameLocator('dialog.carebook-dialog iframe');

/** The widget frame's live document (Playwright's `Frame`), for its URL and measurements. */
export function widgetDocument(page: Page) {
  const frame = page.frames().find((f) => f.url().includes('/embed/demo'));
  expect(frame, 'the widget frame is on the page').toBeTruthy();
  return frame!;
}

export const frameHeading = (frame: FrameLocator): Locator => frame.getByRole('heading', { level: 1 });

export async function expectFrameStep(frame: FrameLocator, title: string): Promise<void> {
  await expect(frameHeading(frame)).toHaveText(title);
}

export interface WidgetPatient {
  name: string;
  email: string;
}

/**
 * Walks the flow inside the frame up to the details step: `service` with `practitioner`, on
 * the first free day two days out or later, at its first free time. `onStep` runs on each
 * screen reached (service, practitioner, day, time, details), e.g. to measure it.
 */
export async function chooseVisit(
  frame: FrameLocator,
  choice: { service: string; practitioner: string },
  onStep: (step: string) => Promise<void> = async () => {},
): Promise<void> {
  const t = TEXT.en;
  await expectFrameStep(frame, t.titleService);
  await onStep('service');
  await frame.getByTestId('service-list').getByRole('link', { name: choice.service, exact: true }).click();
  await expectFrameStep(frame, t.titlePractitioner);
  await onStep('practitioner');
  await frame.getByTestId('practitioner-list').getByRole('link', { name: choice.practitioner, exact: true }).click();
  await expectFrameStep(frame, t.titleDay);
  const body = frame.locator('body');
  const day = firstFreeDay(body);
  await expect(day).toBeVisible();
  await onStep('day');
  await day.click();
  await expectFrameStep(frame, t.titleTime);
  const time = timeButtons(body).first();
  await expect(time).toBeVisible();
  await onStep('time');
  await time.click();
  await expectFrameStep(frame, t.titleDetails);
  await onStep('details');
}

/** Fills the details step (name, email, consent) and goes on to the review step. */
export async function fillDetailsInFrame(frame: FrameLocator, patient: WidgetPatient): Promise<void> {
  const t = TEXT.en;
  await frame.getByLabel(t.fullName, { exact: true }).fill(patient.name);
  await frame.getByLabel(t.email, { exact: true }).fill(patient.email);
  await frame.getByLabel(t.consent).check();
  await frame.getByRole('button', { name: t.continue }).click();
  await expectFrameStep(frame, t.titleReview);
}

/** Confirms on the review step and waits for the frame's own confirmation; returns the visit's token. */
export async function confirmInFrame(frame: FrameLocator, preferredName: string): Promise<string> {
  await frame.getByRole('button', { name: TEXT.en.confirmBooking }).click();
  await expectFrameStep(frame, TEXT.en.bookedTitle(preferredName));
  const link = frame.getByRole('link', { name: /^Open your visit page/ });
  const href = await link.getAttribute('href');
  const token = /^\/a\/([A-Za-z0-9_-]{43})\?booked=1$/.exec(href ?? '')?.[1];
  expect(token, `the visit page link (${href})`).toBeTruthy();
  return token!;
}

/**
 * Waits until the inline frame is as tall as its content (the loader applied the height the
 * frame reported; 200px at least) and the frame's document cannot scroll; returns the height.
 */
export async function expectFrameFitsContent(page: Page, screen: string): Promise<number> {
  const element = inlineFrameElement(page);
  let height = 0;
  await expect
    .poll(
      async () => {
        const inside = await widgetDocument(page).evaluate(() => ({
          content: Math.ceil(document.body.getBoundingClientRect().height),
          innerScroll: document.documentElement.scrollHeight - document.documentElement.clientHeight,
        }));
        height = Math.round((await element.boundingBox())?.height ?? 0);
        return { gap: height - Math.max(200, inside.content), innerScroll: inside.innerScroll };
      },
      { message: `${screen}: the frame is as tall as its content and does not scroll inside` },
    )
    .toEqual({ gap: 0, innerScroll: 0 });
  return height;
}

/** axe on the clinic's page and, inside it, the widget's frame, once the frame has loaded its step. */
export async function expectFrameAccessible(page: Page, frame: FrameLocator, screen: string): Promise<void> {
  await expect(frameHeading(frame)).toBeVisible();
  await expect(frame.locator('[aria-busy="true"]')).toHaveCount(0);
  await expectAccessible(page, screen);
}

// The booking widget on a clinic's own web site: a page served from another origin than
// Carebook (127.0.0.2, listed on the demo clinic's Embed page) with the two pasted lines,
// and a stranger's site (127.0.0.3, not listed). What a patient does in the frame, what the
// clinic's page hears through Carebook.on, and what neither a stranger nor a forger can do.
import { chromium, type Page } from '@playwright/test';
import { expect, test } from '../support/test';
import { clinicInfo, fetchAppointment } from '../support/api';
import { firstFreeDay, tabTo, timeButtons } from '../support/booking';
import { DEMO, TEXT } from '../support/text';
import {
  allowOrigins,
  chooseVisit,
  confirmInFrame,
  expectFrameAccessible,
  expectFrameFitsContent,
  expectFrameStep,
  fillDetailsInFrame,
  hostEvents,
  inlineFrame,
  inlineFrameElement,
  popupDialog,
  popupFrame,
  stepsHeard,
  waitForEvent,
  widgetDocument,
} from '../support/widget';
import { startHostSites, type HostSites } from '../support/widgetHost';

let sites: HostSites;
let restoreOrigins: () => Promise<void>;

test.beforeAll(async () => {
  const carebook = test.info().project.use.baseURL!;
  sites = await startHostSites(carebook);
  restoreOrigins = await allowOrigins(carebook, [sites.clinic]);
});

test.afterAll(async () => {
  await restoreOrigins?.();
  await sites?.close();
});

const unique = () => `${Date.now().toString(36)}${Math.floor(Math.random() * 1e4)}`;

test('inline widget: a patient books inside the clinic page, which hears ready, each step and booked without the patient details', async ({
  page,
  request,
}) => {
  const patient = { name: `Wanda Widget ${unique()}`, email: `wanda.${unique()}@example.org` };
  await page.goto(`${sites.clinic}/inline.html`);
  const frame = inlineFrame(page);
  await chooseVisit(frame, { service: DEMO.services.followUp.en, practitioner: DEMO.practitioners.okafor });
  await waitForEvent(page, 'ready');
  await fillDetailsInFrame(frame, patient);
  const chosenStart = new URL(widgetDocument(page).url()).searchParams.get('start');
  expect(chosenStart, 'the frame holds the chosen time').toBeTruthy();
  const token = await confirmInFrame(frame, patient.name);

  // The visit exists, at the time chosen, and the frame offers its page in a new tab.
  const visit = await fetchAppointment(request, token);
  expect(visit.status).toBe('booked');
  expect(new Date(visit.start).toISOString()).toBe(new Date(chosenStart!).toISOString());
  await expect(frame.getByRole('link', { name: /^Open your visit page/ })).toHaveAttribute('target', '_blank');

  const [booked] = await waitForEvent(page, 'booked');
  expect(Object.keys(booked.detail).sort()).toEqual(
    ['clinic', 'end', 'local_date', 'local_time', 'practitioner', 'service', 'start', 'time_zone'].sort(),
  );
  expect(booked.detail).toMatchObject({
    clinic: DEMO.slug,
    local_date: visit.local_date,
    local_time: visit.local_time,
    time_zone: DEMO.timeZone,
    service: { id: visit.service.id, name: DEMO.services.followUp.en },
    practitioner: { id: visit.practitioner.id, name: DEMO.practitioners.okafor },
  });
  expect(new Date(String(booked.detail.start)).toISOString()).toBe(new Date(visit.start).toISOString());
  // Nothing the clinic page hears identifies the patient or opens their visit.
  const heard = JSON.stringify(await hostEvents(page));
  for (const secret of [patient.name, 'Wanda', patient.email, token]) {
    expect(heard, `the host page never hears ${secret}`).not.toContain(secret);
  }
  await expect
    .poll(() => stepsHeard(page))
    .toEqual(['service', 'practitioner', 'day', 'time', 'details', 'review', 'booked']);
});

test('inline widget on a 360px phone: the frame grows and shrinks with its content at every step, never scrolling inside', async ({
  page,
}) => {
  await page.setViewportSize({ width: 360, height: 740 });
  await page.goto(`${sites.clinic}/inline.html`);
  const frame = inlineFrame(page);
  const heights: number[] = [];
  const fits = async (step: string) => {
    heights.push(await expectFrameFitsContent(page, step));
  };
  await chooseVisit(frame, { service: DEMO.services.newPatient.en, practitioner: DEMO.practitioners.herrera }, fits);
  const name = `Rhea Resize ${unique()}`;
  await fillDetailsInFrame(frame, { name, email: `rhea.${unique()}@example.org` });
  await fits('review');
  await confirmInFrame(frame, name);
  await fits('booked');
  // The steps differ in length, and the frame followed them both ways.
  const grew = heights.some((height, i) => i > 0 && height > heights[i - 1]);
  const shrank = heights.some((height, i) => i > 0 && height < heights[i - 1]);
  expect({ grew, shrank }, `frame heights by step: ${heights.join(', ')}`).toEqual({ grew: true, shrank: true });
  // The clinic's page itself stays phone-wide.
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(360);
});

/** Where focus is on the host page: on the close button, in the widget frame, or outside the dialog. */
function focusPlace(page: Page): Promise<string> {
  return page.evaluate(() => {
    const active = document.activeElement;
    const dialog = document.querySelector('dialog.carebook-dialog');
    if (!active || !dialog || !dialog.contains(active)) return `outside the dialog: ${active?.tagName}${active?.id ? `#${active.id}` : ''}`;
    if (active.tagName === 'IFRAME') return 'frame';
    return active.textContent?.trim() || active.tagName;
  });
}

test('popup: the button opens a dialog that fills the phone, holds focus both ways, keeps the page behind inert, and Esc gives focus back', async ({
  page,
}) => {
  await page.goto(`${sites.clinic}/popup.html`);
  const opener = page.getByRole('button', { name: 'Book a visit' });
  await opener.click();
  const dialog = popupDialog(page);
  await expect(dialog).toBeVisible();
  const close = dialog.getByRole('button', { name: 'Close' });
  await expect(close, 'focus moves into the dialog').toBeFocused();
  await expectFrameStep(popupFrame(page), TEXT.en.titleService);
  await waitForEvent(page, 'ready');
  expect(await dialog.boundingBox(), 'on a phone the dialog is the whole screen').toEqual({
    x: 0,
    y: 0,
    width: 360,
    height: 740,
  });

  // Tab and Shift+Tab go round the close button and the booking flow, never out of the dialog.
  for (const key of ['Tab', 'Shift+Tab']) {
    const seen: string[] = [];
    for (let i = 0; i < 30; i++) {
      await page.keyboard.press(key);
      seen.push(await focusPlace(page));
    }
    expect(seen.filter((place) => place.startsWith('outside')), `${key}: ${seen.join(' | ')}`).toEqual([]);
    const rounds = Math.min(seen.filter((p) => p === 'Close').length, seen.filter((p) => p === 'frame').length);
    expect(rounds, `${key} goes round more than once: ${seen.join(' | ')}`).toBeGreaterThanOrEqual(2);
  }

  // The page behind is inert: it takes neither focus nor clicks while the dialog is open.
  await close.focus();
  await page.locator('#behind').evaluate((button: HTMLElement) => button.focus());
  await expect(close).toBeFocused();
  await page.setViewportSize({ width: 1024, height: 768 });
  const dialogBox = (await dialog.boundingBox())!;
  const behind = (await page.locator('#behind').boundingBox())!;
  expect(dialogBox.width, 'on a wide screen the page shows around the dialog').toBeLessThan(1024);
  await page.mouse.click(behind.x + 5, behind.y + 5);
  await expect(page.locator('#behind-count')).toHaveText('0');
  await expect(dialog).toBeVisible();

  // Esc on the close button closes the dialog; focus is back on the button that opened it.
  await close.focus();
  await page.keyboard.press('Escape');
  await expect(dialog).toBeHidden();
  await expect(opener).toBeFocused();
  await waitForEvent(page, 'closed');
  // And the page works again.
  await page.locator('#behind').click();
  await expect(page.locator('#behind-count')).toHaveText('1');
});

test('popup: Esc pressed inside the booking flow closes the dialog and focus returns to the opener', async ({
  page,
}) => {
  await page.goto(`${sites.clinic}/popup.html`);
  const opener = page.getByRole('button', { name: 'Book a visit' });
  // Opened from the keyboard, as a keyboard user would.
  await opener.focus();
  await page.keyboard.press('Enter');
  const dialog = popupDialog(page);
  const frame = popupFrame(page);
  await expectFrameStep(frame, TEXT.en.titleService);
  await waitForEvent(page, 'ready');
  const firstService = frame.getByTestId('service-list').getByRole('link').first();
  await tabTo(page, firstService);
  expect(await focusPlace(page)).toBe('frame');
  await page.keyboard.press('Escape');
  await expect(dialog).toBeHidden();
  await expect(opener).toBeFocused();
  expect((await waitForEvent(page, 'closed')).length).toBe(1);
});

test('prefill: the name, email and phone the clinic page knows are already in the details step, inline and in the popup', async ({
  page,
}) => {
  const t = TEXT.en;
  const known = { name: 'Priya Prefill', email: 'priya.prefill@example.org', phone: '+1 646 555 0123' };
  const query = new URLSearchParams(known);
  await page.goto(`${sites.clinic}/inline.html?${query}`);
  const frame = inlineFrame(page);
  await chooseVisit(frame, { service: DEMO.services.followUp.en, practitioner: DEMO.practitioners.okafor });
  await expect(frame.getByLabel(t.fullName, { exact: true })).toHaveValue(known.name);
  await expect(frame.getByLabel(t.email, { exact: true })).toHaveValue(known.email);
  await expect(frame.locator('#f-phone')).toHaveValue(known.phone);
  // Never in the frame's address: a prefill travels by message only.
  const address = decodeURIComponent(widgetDocument(page).url());
  for (const value of Object.values(known)) expect(address).not.toContain(value);

  // The same through the JavaScript API, in the popup.
  await page.goto(`${sites.clinic}/popup.html`);
  await page.waitForFunction(() => 'Carebook' in window);
  await page.evaluate(() =>
    (window as unknown as { Carebook: { open(o: object): void } }).Carebook.open({
      clinic: 'demo',
      prefill: { name: 'Omar Open', email: 'omar.open@example.org' },
    }),
  );
  const popup = popupFrame(page);
  await chooseVisit(popup, { service: DEMO.services.followUp.en, practitioner: DEMO.practitioners.okafor });
  await expect(popup.getByLabel(t.fullName, { exact: true })).toHaveValue('Omar Open');
  await expect(popup.getByLabel(t.email, { exact: true })).toHaveValue('omar.open@example.org');
  await expect(popup.locator('#f-phone')).toHaveValue('');
});

test('with third-party cookies and storage blocked by the browser, and storage that throws, a patient still books', async ({
  baseURL,
}) => {
  const use = test.info().project.use;
  // Chromium's own switch for blocking third-party cookies (and, with them, storage in frames).
  const browser = await chromium.launch({
    ...use.launchOptions,
    args: [...(use.launchOptions?.args ?? []), '--test-third-party-cookie-phaseout'],
  });
  try {
    const context = await browser.newContext({
      viewport: use.viewport,
      isMobile: use.isMobile,
      hasTouch: use.hasTouch,
      locale: use.locale,
      timezoneId: use.timezoneId,
    });
    const page = await context.newPage();

    // First make sure the browser blocks what the test says: on Carebook's own page a cookie
    // and storage work; inside the widget on the clinic's site they do not.
    const probe = () => {
      document.cookie = 'carebook_probe=1; SameSite=None; Secure';
      let storage = 'usable';
      try {
        window.localStorage.setItem('carebook_probe', '1');
      } catch (error) {
        storage = (error as Error).name;
      }
      return { cookieKept: document.cookie.includes('carebook_probe'), storage };
    };
    await page.goto(`${baseURL}/book/demo`);
    expect(await page.evaluate(probe), 'first party').toEqual({ cookieKept: true, storage: 'usable' });
    await page.goto(`${sites.clinic}/inline.html`);
    await expectFrameStep(inlineFrame(page), TEXT.en.titleService);
    expect(await widgetDocument(page).evaluate(probe), 'inside the widget').toEqual({
      cookieKept: false,
      storage: 'SecurityError',
    });

    // Also make every storage API throw inside the frame, whatever a browser does by default.
    await context.addInitScript((carebook) => {
      if (location.origin !== carebook || window.top === window) return;
      const refuse = () => {
        throw new DOMException('Storage is blocked in this test', 'SecurityError');
      };
      for (const name of ['localStorage', 'sessionStorage', 'indexedDB', 'caches']) {
        Object.defineProperty(window, name, { get: refuse, configurable: true });
      }
      Object.defineProperty(Document.prototype, 'cookie', { get: refuse, set: refuse, configurable: true });
    }, new URL(baseURL!).origin);
    await page.reload();
    const frame = inlineFrame(page);
    await expectFrameStep(frame, TEXT.en.titleService);
    expect(
      await widgetDocument(page).evaluate(() => {
        try {
          return String(window.sessionStorage.length);
        } catch (error) {
          return (error as Error).message;
        }
      }),
    ).toBe('Storage is blocked in this test');

    const name = `Cora Cookieless ${unique()}`;
    await chooseVisit(frame, { service: DEMO.services.telehealth.en, practitioner: DEMO.practitioners.okafor });
    await fillDetailsInFrame(frame, { name, email: `cora.${unique()}@example.org` });
    await confirmInFrame(frame, name);
    const [booked] = await waitForEvent(page, 'booked');
    expect(booked.detail).toMatchObject({ service: { name: DEMO.services.telehealth.en } });
    await context.close();
  } finally {
    await browser.close();
  }
});

test('messages that only pretend to come from the widget or from its page change nothing', async ({ page, baseURL }) => {
  const carebook = new URL(baseURL!).origin;
  await page.goto(`${sites.clinic}/inline.html?frames=1`);
  const frame = inlineFrame(page);
  await expectFrameStep(frame, TEXT.en.titleService);
  await waitForEvent(page, 'ready');
  const fromOtherSite = page.frame({ url: `${sites.stranger}/forger.html` });
  const fromOwnSite = page.frame({ url: `${sites.clinic}/forger.html` });
  expect(fromOtherSite && fromOwnSite, 'both adverts loaded').toBeTruthy();

  // Adverts on the page tell it "booked", in the widget's own words: the page hears nothing.
  for (const advert of [fromOtherSite!, fromOwnSite!]) {
    await advert.evaluate(() =>
      window.parent.postMessage(
        {
          carebook: 'v1',
          type: 'booked',
          start: '2026-12-24T15:00:00Z',
          service: { id: 1, name: 'Forged visit' },
          practitioner: { id: 1, name: 'Dr. Forger' },
        },
        '*',
      ),
    );
  }
  await expect
    .poll(() =>
      page.evaluate(
        () =>
          (window as unknown as { hostMessages: { data: { type?: string } }[] }).hostMessages.filter(
            (m) => m.data?.type === 'booked',
          ).length,
      ),
    )
    .toBe(2);
  expect((await hostEvents(page)).filter((event) => event.name === 'booked')).toEqual([]);

  // Adverts send the widget a prefill, one from another site and one from the clinic's own
  // site (but not the page that holds the widget). Then the page itself sends one, naming
  // the patient only. A prefill fills empty fields only, so had a forged one been taken,
  // the forger's name would stay; instead the page's name is there and the email is empty.
  const widget = widgetDocument(page);
  await widget.evaluate(() => {
    const seen: string[] = [];
    (window as unknown as { seen: string[] }).seen = seen;
    window.addEventListener('message', (event) => seen.push(event.origin));
  });
  for (const advert of [fromOtherSite!, fromOwnSite!]) {
    await advert.evaluate(() => {
      for (let i = 0; i < window.parent.frames.length; i++) {
        window.parent.frames[i].postMessage(
          { carebook: 'v1', type: 'prefill', name: 'Mallory Forger', email: 'mallory@forger.example' },
          '*',
        );
      }
    });
  }
  await expect.poll(() => widget.evaluate(() => (window as unknown as { seen: string[] }).seen.length)).toBe(2);
  await page.evaluate(
    (target) =>
      document
        .querySelector<HTMLIFrameElement>('[data-carebook] iframe')!
        .contentWindow!.postMessage({ carebook: 'v1', type: 'prefill', name: 'Paula Page' }, target),
    carebook,
  );
  await expect.poll(() => widget.evaluate(() => (window as unknown as { seen: string[] }).seen.length)).toBe(3);
  await chooseVisit(frame, { service: DEMO.services.followUp.en, practitioner: DEMO.practitioners.herrera });
  await expect(frame.getByLabel(TEXT.en.fullName, { exact: true })).toHaveValue('Paula Page');
  await expect(frame.getByLabel(TEXT.en.email, { exact: true })).toHaveValue('');
});

test('accessible: no axe violations on any step inside the frame, nor on the clinic page with the popup open', async ({
  page,
}) => {
  await page.goto(`${sites.clinic}/popup.html`);
  await page.getByRole('button', { name: 'Book a visit' }).click();
  const frame = popupFrame(page);
  const name = `Ada Axe ${unique()}`;
  const check = (step: string) => expectFrameAccessible(page, frame, `popup, ${step}`);
  await chooseVisit(frame, { service: DEMO.services.physio.en, practitioner: DEMO.practitioners.lee }, check);
  await fillDetailsInFrame(frame, { name, email: `ada.${unique()}@example.org` });
  await check('review');
  await confirmInFrame(frame, name);
  await check('booked');

  // The inline widget's first screen on the clinic's page, too.
  await page.goto(`${sites.clinic}/inline.html`);
  await expectFrameAccessible(page, inlineFrame(page), 'inline, services');
});

test.describe('a web site the clinic has not listed', () => {
  // The browser's refusal to show the frame is itself a CSP violation report.
  test.use({ allowCspViolations: true });

  test('cannot show the booking frame: the browser refuses it and no booking screen appears', async ({
    page,
    baseURL,
  }) => {
    const refused = page.waitForEvent('console', (message) => message.text().includes('frame-ancestors'));
    await page.goto(`${sites.stranger}/inline.html`);
    // The loader did put the frame there, pointing at the clinic's booking...
    const element = inlineFrameElement(page);
    await expect(element).toHaveAttribute('src', new RegExp(`^${baseURL}/embed/demo\\?`));
    // ...and the browser refused to show it, naming the clinic's list.
    expect((await refused).text()).toContain(`frame-ancestors 'self' ${sites.clinic}`);
    await expect
      .poll(() => page.frames().map((frame) => frame.url()), { message: 'the frame holds an error page' })
      .toContain('chrome-error://chromewebdata/');
    expect(page.frames().filter((frame) => frame.url().startsWith(baseURL!))).toEqual([]);
    await expect(inlineFrame(page).getByRole('heading', { level: 1 })).toHaveCount(0);
    await expect(inlineFrame(page).getByRole('link', { name: DEMO.services.followUp.en })).toHaveCount(0);
    expect(await hostEvents(page), 'the page hears nothing from a frame that never loaded').toEqual([]);
  });
});

test("the clinic's choices: Spanish, its brand colour, and a service and practitioner chosen in advance", async ({
  page,
  request,
}) => {
  const clinic = await clinicInfo(request, 'es');
  const service = clinic.services.find((s) => s.name === DEMO.services.followUp.es)!;
  const practitioner = clinic.practitioners.find((p) => p.display_name === DEMO.practitioners.okafor)!;
  const query = new URLSearchParams({
    lang: 'es',
    brand: '#7a1f5c',
    service: String(service.id),
    practitioner: String(practitioner.id),
  });
  await page.goto(`${sites.clinic}/popup.html?${query}`);
  await page.getByRole('button', { name: 'Book a visit' }).click();
  const dialog = page.getByRole('dialog', { name: 'Reservar una cita' });
  await expect(dialog).toBeVisible();
  await expect(dialog.getByRole('button', { name: 'Cerrar' })).toBeFocused();
  await expect(page.locator('dialog iframe')).toHaveAttribute('title', 'Reservar una cita');
  // The flow starts at the day: the service and practitioner are already chosen.
  const frame = popupFrame(page);
  const t = TEXT.es;
  await expectFrameStep(frame, t.titleDay);
  await expect(frame.getByText(DEMO.services.followUp.es).first()).toBeVisible();
  const day = firstFreeDay(frame.locator('body'));
  await day.click();
  await expectFrameStep(frame, t.titleTime);
  await timeButtons(frame.locator('body')).first().click();
  await expectFrameStep(frame, t.titleDetails);
  // The clinic's colour on the buttons.
  await expect(frame.getByRole('button', { name: t.continue })).toHaveCSS('background-color', 'rgb(122, 31, 92)');
  expect((await hostEvents(page)).find((e) => e.name === 'step')?.detail).toMatchObject({ step: 'day', number: 3 });
});

test('a clinic site with a strict Content-Security-Policy (no inline styles) still gets a working, full-screen popup and a fitted inline frame', async ({
  page,
  cspViolations,
}) => {
  await page.goto(`${sites.clinic}/popup.html?csp=strict`);
  const opener = page.getByRole('button', { name: 'Book a visit' });
  await opener.click();
  const dialog = popupDialog(page);
  await expectFrameStep(popupFrame(page), TEXT.en.titleService);
  expect(await dialog.boundingBox()).toEqual({ x: 0, y: 0, width: 360, height: 740 });
  // The booking flow takes the whole dialog below the close button.
  const close = (await dialog.getByRole('button', { name: 'Close' }).boundingBox())!;
  const frame = (await page.locator('dialog iframe').boundingBox())!;
  expect(frame.y).toBeGreaterThanOrEqual(close.y + close.height);
  expect(Math.round(frame.y + frame.height)).toBe(740);
  expect(frame.width).toBe(360);
  expect(cspViolations, 'the loader needs nothing a strict site forbids').toEqual([]);
  await page.keyboard.press('Escape');
  await expect(dialog).toBeHidden();
  await expect(opener).toBeFocused();

  await page.goto(`${sites.clinic}/inline.html?csp=strict`);
  await expectFrameStep(inlineFrame(page), TEXT.en.titleService);
  await expectFrameFitsContent(page, 'inline on a strict site');
  expect(cspViolations).toEqual([]);
});

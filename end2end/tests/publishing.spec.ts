// The clinic screen's "Open times on the web" section: an admin switches publishing the clinic's
// free and busy times (SMART Scheduling Links) off and on, by keyboard, and a slot finder polling
// /fhir/$bulk-publish sees the clinic leave and come back. The demo publishes; the test puts that
// back whatever happens.
import type { APIRequestContext } from '@playwright/test';
import { expect, test } from '../support/test';
import { expectAccessible } from '../support/axe';
import { STAFF, signIn } from '../support/console';
import { consoleApi, expectNoSideScroll } from '../support/setup';
import { DEMO } from '../support/text';

/** The section's words (app/src/i18n/publishing.rs). */
const W = {
  legend: 'Open times on the web',
  switch: 'Publish our free and busy times',
  save: 'Save publishing',
  savedOn: 'Saved: your open times are published. Finders see the change within 5 minutes.',
  savedOff: 'Saved: your open times are not published. Finders see the change within 5 minutes.',
} as const;

/** Whether the demo clinic is among the published Locations, as a slot finder reads them. */
async function demoPublished(request: APIRequestContext): Promise<boolean> {
  const manifest = await request.get('/fhir/$bulk-publish');
  expect(manifest.status()).toBe(200);
  const { output } = (await manifest.json()) as { output: { type: string; url: string }[] };
  const locations = output.find((file) => file.type === 'Location');
  expect(locations, 'the manifest always lists the Location file').toBeTruthy();
  const file = await request.get(new URL(locations!.url).pathname);
  expect(file.status()).toBe(200);
  return (await file.text()).includes(DEMO.name);
}

test('an admin stops and restarts publishing open times, and slot finders see it', async ({ page, request }) => {
  await signIn(page, STAFF.admin);
  try {
    await page.goto('/console/clinic');
    const section = page.getByRole('group', { name: W.legend });
    const toggle = section.getByRole('checkbox', { name: W.switch });
    await expect(toggle).toBeChecked();
    expect(await demoPublished(request)).toBe(true);
    // Where the files are, for the clinic to give to a finder.
    await expect(page.getByTestId('publishing-url')).toHaveText(/^http:\/\/127\.0\.0\.1:\d+\/fhir\/\$bulk-publish$/);
    await expectAccessible(page, 'clinic screen with publishing');
    await expectNoSideScroll(page, 'clinic screen with publishing');

    // Keyboard only: Space unticks, Tab to the button, Enter saves.
    await toggle.focus();
    await page.keyboard.press('Space');
    await expect(toggle).not.toBeChecked();
    await page.getByRole('button', { name: W.save }).focus();
    await page.keyboard.press('Enter');
    await expect(page.getByTestId('publishing-status')).toHaveText(W.savedOff);
    await expect(page.getByRole('button', { name: W.save })).toBeFocused();
    expect(await demoPublished(request)).toBe(false);

    await page.reload();
    await expect(toggle).not.toBeChecked();
    await toggle.check();
    await page.getByRole('button', { name: W.save }).click();
    await expect(page.getByTestId('publishing-status')).toHaveText(W.savedOn);
    expect(await demoPublished(request)).toBe(true);
  } finally {
    await consoleApi(page, 'PUT', '/publishing', { publish_slots: true });
  }
});

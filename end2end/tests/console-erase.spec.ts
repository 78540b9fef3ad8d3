// Erasing a patient's personal data from the console: an admin finds the person, asks to
// erase, reads what will happen, confirms; the person is gone from the lookup, their visit link
// shows nothing, and the visit stays on the schedule without a name. Front desk sees no button.
import { expect, test } from '../support/test';
import { expectAccessible } from '../support/axe';
import { clinicDay, clinicInfo, type Appointment, type Slot } from '../support/api';
import { STAFF, liveRegion, signIn } from '../support/console';
import { DEMO } from '../support/text';

const ERASE = {
  button: 'Erase personal data',
  confirmYes: 'Yes, erase',
  keep: 'Keep',
  done: 'Personal data erased. The visits stay on the schedule without a name.',
  audited: 'Erased personal data',
} as const;

test('an admin erases a patient after confirming, and their link stops working', async ({ page, request }) => {
  const surname = `Erasetest${Date.now().toString(36)}`;
  const name = `Ulla ${surname}`;
  const clinic = await clinicInfo(request);
  const service = clinic.services.find((s) => s.name === 'Follow-up visit')!;
  const query = new URLSearchParams({ service_id: String(service.id), from: clinicDay(2), to: clinicDay(20) });
  const found = await request.get(`/api/clinics/${DEMO.slug}/availability?${query}`);
  const { slots } = (await found.json()) as { slots: Slot[] };
  const slot = slots[slots.length - 1];
  const booked = await request.post(`/api/clinics/${DEMO.slug}/appointments`, {
    data: {
      service_id: service.id,
      practitioner_id: slot.practitioner_id,
      start: slot.start,
      patient: {
        name, email: `${surname.toLowerCase()}@example.org`, language: 'en',
        new_or_returning: 'new', consent: true, reason: 'Private reason',
      },
    },
  });
  expect(booked.status()).toBe(201);
  const visit = (await booked.json()) as Appointment;

  // Front desk finds the person but has no erase button.
  await signIn(page, STAFF.frontDesk);
  await page.goto(`/console/patients?q=${surname}`);
  await expect(page.getByTestId('patient-results')).toContainText(name);
  await expect(page.getByRole('button', { name: /Erase personal data/ })).toHaveCount(0);
  await page.getByRole('button', { name: 'Sign out' }).click();

  await signIn(page, STAFF.admin);
  await page.goto(`/console/patients?q=${surname}`);
  const erase = page.getByRole('button', { name: `Erase personal data of ${name}` });
  await expect(erase).toBeVisible();
  await expectAccessible(page, 'console patients, erase button');

  // Asking shows what happens and moves focus to the question; "Keep" changes nothing.
  await erase.click();
  const question = page.getByRole('group', { name: new RegExp(`Erase ${name}’s personal data`) });
  await expect(question).toContainText('visit links stop working');
  await expect(question.locator('p')).toBeFocused();
  await expectAccessible(page, 'console patients, erase confirmation');
  await question.getByRole('button', { name: ERASE.keep }).click();
  await expect(erase).toBeFocused();
  expect((await request.get(`/api/appointments/${visit.token}`)).status()).toBe(200);

  await erase.click();
  await page.getByRole('button', { name: ERASE.confirmYes }).click();
  const done = page.getByTestId('erase-done');
  await expect(done).toHaveText(ERASE.done);
  await expect(done).toBeFocused();
  await expect(liveRegion(page)).toHaveText(ERASE.done);
  await expect(page.getByTestId('no-patients')).toBeVisible();
  await expectAccessible(page, 'console patients, erased');

  // The old link shows nothing now.
  expect((await request.get(`/api/appointments/${visit.token}`)).status()).toBe(404);

  // The audit log keeps that it happened, in words, and by record id only.
  await page.goto('/console/audit?action=erase');
  const rows = page.getByTestId('audit-row');
  await expect(rows.first()).toContainText(ERASE.audited);
  await expect(page.locator('main')).not.toContainText(surname);
  await expectAccessible(page, 'audit log, erasures');
});

// Two patients on two phones want the same time. The database lets one have it; the other
// is told politely and offered the nearest free times, and can book one of them.
import { expect, test } from '../support/test';
import { expectAccessible } from '../support/axe';
import {
  chooseDay,
  choosePractitioner,
  chooseService,
  chooseTime,
  confirmBooking,
  continueToReview,
  expectStep,
  fillDetails,
  heading,
  startBooking,
} from '../support/booking';
import { sameInstant } from '../support/ics';
import { DEMO, TEXT } from '../support/text';

const t = TEXT.en;

test('the second of two patients confirming the same time is offered alternatives', async ({ browser }) => {
  const first = await (await browser.newContext()).newPage();
  const second = await (await browser.newContext()).newPage();

  await startBooking(first);
  await chooseService(first, DEMO.services.newPatient.en);
  await choosePractitioner(first, DEMO.practitioners.herrera);
  await chooseDay(first);
  const start = await chooseTime(first);

  // The second patient arrives at the very same choices (the URL holds them).
  await second.goto(first.url());
  await expectStep(second, t.titleDetails);

  await fillDetails(first, { name: 'Ada First', email: 'ada@example.org' });
  await continueToReview(first);
  await fillDetails(second, { name: 'Ben Second', email: 'ben@example.org' });
  await continueToReview(second);

  await confirmBooking(first, 'Ada First');

  await second.getByRole('button', { name: t.confirmBooking }).click();
  await expectStep(second, t.titleTime);
  await expect(heading(second)).toBeFocused();
  const offer = second.getByTestId('alternatives');
  await expect(offer).toContainText(t.slotTakenIntro);
  const alternatives = offer.getByTestId('slots-alternatives').getByRole('button');
  await expect(alternatives.first()).toBeVisible();
  expect(await alternatives.count()).toBeGreaterThanOrEqual(1);
  expect(await alternatives.count()).toBeLessThanOrEqual(3);
  await expectAccessible(second, 'time step after the time was taken');

  // The details are kept, so an alternative goes straight to review.
  await alternatives.first().click();
  await expectStep(second, t.titleReview);
  const other = new URL(second.url()).searchParams.get('start')!;
  expect(sameInstant(other, start)).toBe(false);
  await expect(second.getByText('ben@example.org')).toBeVisible();
  await confirmBooking(second, 'Ben Second');

  await first.context().close();
  await second.context().close();
});

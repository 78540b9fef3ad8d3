// The visit's calendar file, downloaded the way a patient gets it (the "Add to calendar" link)
// and read with a real iCalendar parser.
import ICAL from 'ical.js';
import { expect, type Page } from '@playwright/test';
import fs from 'node:fs/promises';

export interface CalendarEvent {
  uid: string;
  start: string;
  end: string;
  status: string;
  sequence: number;
  summary: string;
  description: string;
  location: string;
  url: string;
}

export function parseCalendar(text: string): CalendarEvent[] {
  const calendar = new ICAL.Component(ICAL.parse(text));
  expect(calendar.name).toBe('vcalendar');
  return calendar.getAllSubcomponents('vevent').map((vevent: any) => {
    const event = new ICAL.Event(vevent);
    return {
      uid: event.uid,
      start: event.startDate.toJSDate().toISOString(),
      end: event.endDate.toJSDate().toISOString(),
      status: String(vevent.getFirstPropertyValue('status') ?? ''),
      sequence: Number(vevent.getFirstPropertyValue('sequence') ?? 0),
      summary: event.summary,
      description: event.description,
      location: event.location,
      url: String(vevent.getFirstPropertyValue('url') ?? ''),
    };
  });
}

/** Clicks the calendar link and returns the one event of the downloaded file. */
export async function downloadCalendar(page: Page, linkName: string): Promise<CalendarEvent> {
  const link = page.getByRole('link', { name: linkName });
  const [download] = await Promise.all([page.waitForEvent('download'), link.click()]);
  expect(download.suggestedFilename()).toMatch(/\.ics$/);
  const file = await download.path();
  const events = parseCalendar(await fs.readFile(file, 'utf8'));
  expect(events, 'one event in the calendar file').toHaveLength(1);
  return events[0];
}

/** `2026-11-25T14:00:00Z` and `2026-11-25T14:00:00.000Z` name the same instant. */
export function sameInstant(a: string, b: string): boolean {
  return new Date(a).getTime() === new Date(b).getTime();
}

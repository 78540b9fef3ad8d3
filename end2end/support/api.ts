// Test setup through the public JSON API: find a free time and book it, so tests about the
// visit page start from a real booking without walking the whole flow again.
import { expect, type APIRequestContext } from '@playwright/test';
import { DEMO } from './text';

export interface Slot {
  start: string;
  end: string;
  practitioner_id: number;
  local_date: string;
  local_time: string;
}

export interface Appointment {
  token: string;
  status: 'booked' | 'cancelled';
  start: string;
  local_date: string;
  local_time: string;
  sequence: number;
  practitioner: { id: number; display_name: string };
  service: { id: number; name: string; preparation_html: string; cost_note: string };
  patient: { preferred_name: string; language: 'en' | 'es' };
  can_cancel: boolean;
  can_reschedule: boolean;
}

/** A clinic-local calendar day, `days` after today in the clinic's zone, as YYYY-MM-DD. */
export function clinicDay(days = 0): string {
  const today = new Intl.DateTimeFormat('en-CA', {
    timeZone: DEMO.timeZone,
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
  }).format(new Date());
  const date = new Date(`${today}T12:00:00Z`);
  date.setUTCDate(date.getUTCDate() + days);
  return date.toISOString().slice(0, 10);
}

export async function clinicInfo(request: APIRequestContext, lang: 'en' | 'es' = 'en') {
  const response = await request.get(`/api/clinics/${DEMO.slug}?lang=${lang}`);
  expect(response.status()).toBe(200);
  return (await response.json()) as {
    services: { id: number; name: string }[];
    practitioners: { id: number; display_name: string }[];
  };
}

/**
 * Books the first free time from `fromDay` days ahead on (more than a day ahead by default,
 * so the visit can still be changed online), trying the next time if another booking got
 * there first.
 */
export async function bookViaApi(
  request: APIRequestContext,
  options: {
    service: string;
    practitioner: string;
    name: string;
    preferredName?: string;
    email?: string;
    language?: 'en' | 'es';
    fromDay?: number;
  },
): Promise<Appointment> {
  const clinic = await clinicInfo(request);
  const service = clinic.services.find((s) => s.name === options.service);
  const practitioner = clinic.practitioners.find((p) => p.display_name === options.practitioner);
  expect(service, `service ${options.service}`).toBeTruthy();
  expect(practitioner, `practitioner ${options.practitioner}`).toBeTruthy();
  const fromDay = options.fromDay ?? 2;
  const query = new URLSearchParams({
    service_id: String(service!.id),
    practitioner_id: String(practitioner!.id),
    from: clinicDay(fromDay),
    to: clinicDay(fromDay + 27),
  });
  const found = await request.get(`/api/clinics/${DEMO.slug}/availability?${query}`);
  expect(found.status()).toBe(200);
  const { slots } = (await found.json()) as { slots: Slot[] };
  expect(slots.length, 'free times in the next four weeks').toBeGreaterThan(0);
  for (const slot of slots.slice(0, 5)) {
    const response = await request.post(`/api/clinics/${DEMO.slug}/appointments`, {
      data: {
        service_id: service!.id,
        practitioner_id: practitioner!.id,
        start: slot.start,
        patient: {
          name: options.name,
          preferred_name: options.preferredName ?? null,
          email: options.email ?? 'patient@example.org',
          language: options.language ?? 'en',
          new_or_returning: 'returning',
          consent: true,
        },
      },
    });
    if (response.status() === 409) continue;
    expect(response.status(), await response.text()).toBe(201);
    return (await response.json()) as Appointment;
  }
  throw new Error('every free time tried was taken');
}

/** Books exactly this time with whoever the slot names; null when it was taken meanwhile. */
export async function bookSlot(
  request: APIRequestContext,
  serviceId: number,
  slot: Slot,
  name: string,
): Promise<Appointment | null> {
  const response = await request.post(`/api/clinics/${DEMO.slug}/appointments`, {
    data: {
      service_id: serviceId,
      practitioner_id: slot.practitioner_id,
      start: slot.start,
      patient: { name, phone: '+1 646 555 0199', language: 'en', new_or_returning: 'returning', consent: true },
    },
  });
  if (response.status() === 409) return null;
  expect(response.status(), await response.text()).toBe(201);
  return (await response.json()) as Appointment;
}

export async function fetchAppointment(request: APIRequestContext, token: string): Promise<Appointment> {
  const response = await request.get(`/api/appointments/${token}`);
  expect(response.status()).toBe(200);
  return (await response.json()) as Appointment;
}

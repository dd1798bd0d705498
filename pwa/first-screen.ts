/**
 * A synchronous copy of what the home screen shows first (language, person, reservations and
 * location names), in localStorage. Opening IndexedDB in a browser that was just started takes
 * most of a cold start offline; this copy lets the home screen show before that, and the full
 * state from IndexedDB follows. It holds nothing IndexedDB does not, and goes at sign-out too.
 */
import type { LocationDto, MeDto, ReservationDto } from '../shared/api.js';
import type { Language } from '../shared/i18n.js';
import type { Cached } from '../client/db.js';

export interface FirstScreen {
  lang?: Language;
  me?: MeDto;
  reservations?: Cached<ReservationDto[]>;
  locations?: Cached<LocationDto[]>;
}

const KEY = 'plek:first-screen';

export function readFirstScreen(): FirstScreen {
  try {
    return (JSON.parse(localStorage.getItem(KEY) ?? '{}') as FirstScreen | null) ?? {};
  } catch {
    return {}; // unreadable or unavailable (private mode, quota): IndexedDB still has it all
  }
}

export function keepForFirstScreen(patch: FirstScreen): void {
  try {
    localStorage.setItem(KEY, JSON.stringify({ ...readFirstScreen(), ...patch }));
  } catch {
    /* full or unavailable: the next start reads IndexedDB only, a little later */
  }
}

export function forgetFirstScreen(): void {
  try {
    const { lang } = readFirstScreen();
    localStorage.setItem(KEY, JSON.stringify(lang ? { lang } : {}));
  } catch {
    /* nothing stored */
  }
}

/**
 * Which location the reservation screen opens with: the one last chosen on this phone, else
 * the person's home location (Settings), else the first. Kept in localStorage: a choice of
 * this device, read synchronously when the screen opens, and forgotten with nothing else.
 */
import type { LocationDto } from '../shared/api.js';

const LAST = 'plek.location.last';
const HOME = 'plek.location.home';

function read(key: string): number | null {
  try {
    const value = Number(localStorage.getItem(key));
    return Number.isInteger(value) && value > 0 ? value : null;
  } catch {
    return null; // storage switched off: the first location, as before
  }
}

function write(key: string, id: number | null): void {
  try {
    if (id === null) localStorage.removeItem(key);
    else localStorage.setItem(key, String(id));
  } catch {
    // storage switched off: nothing to remember with
  }
}

/** The location to open with among those the person may see now. */
export function openingLocation(list: readonly LocationDto[] | undefined): number | null {
  const known = (id: number | null) => (id !== null && list?.some((l) => l.id === id) ? id : null);
  return known(read(LAST)) ?? known(read(HOME)) ?? list?.[0]?.id ?? null;
}

export function rememberLocation(id: number): void {
  write(LAST, id);
}

export function homeLocation(): number | null {
  return read(HOME);
}

/** A new home location is also where the screen opens next: that is why one sets it. */
export function setHomeLocation(id: number | null): void {
  write(HOME, id);
  write(LAST, id);
}

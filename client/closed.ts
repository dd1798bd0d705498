import type { ClosedDto } from '../shared/api-client.js';
import { addDaysToDate } from '../shared/time.js';
import { dayOf, lang, t, timeOf } from './i18n.js';

/** "Vandaag gesloten: Kerstmis", "Vandaag gesloten", "Nog gesloten" or "Gesloten": why a location is closed now. */
export function closedTitle(closed: ClosedDto, now: string): string {
  if (closed.holiday) return t('kiosk.closedHoliday', { holiday: closed.holiday[lang()] });
  if (closed.reason === 'closed_day') return t('kiosk.closedToday');
  return closed.opensAt?.slice(0, 10) === now.slice(0, 10) ? t('kiosk.notYetOpen') : t('kiosk.closed');
}

/** "Open vandaag vanaf 08:00.", "Weer open morgen vanaf 08:00." or "Weer open op maandag 7 december vanaf 08:00." */
export function opensWhen(at: string, now: string): string {
  const today = now.slice(0, 10);
  const time = timeOf(at);
  if (at.slice(0, 10) === today) return t('kiosk.opensToday', { time });
  if (at.slice(0, 10) === addDaysToDate(today, 1)) return t('kiosk.opensTomorrow', { time });
  return t('kiosk.opensOn', { day: dayOf(at, { weekday: 'long', day: 'numeric', month: 'long' }), time });
}

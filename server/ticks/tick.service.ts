import { translate, type Language } from '../../shared/i18n-all.js';
import { toCsv } from '../csv.js';
import { DomainError } from '../../shared/errors.js';
import { addDaysToDate, localDate, localToInstant } from '../../shared/time.js';
import type { WorkPlace } from '../../shared/types.js';
import { DEFAULT_TIMEZONE } from '../admin/admin.service.js';
import type { AuditStore } from '../audit/audit.store.js';
import type { Clock } from '../clock.js';
import type { Actor } from '../domain.js';
import { holidayOn } from '../holidays.js';
import type { TickStore } from './tick.store.js';

interface Deps {
  ticks: TickStore;
  audit: AuditStore;
  clock: Clock;
}

export interface DayTick {
  date: string;
  place: WorkPlace | null;
  /** Where the value comes from: a check-in, the person, HR, or nothing yet. */
  source: 'check_in' | 'self' | 'hr' | null;
  editable: boolean;
}

const tz = DEFAULT_TIMEZONE;

/** A workday: Monday to Friday, and not a public holiday (server/holidays.ts says which). */
function isWorkday(date: string): boolean {
  const weekday = new Date(`${date}T12:00:00Z`).getUTCDay();
  return weekday !== 0 && weekday !== 6 && holidayOn(date) === undefined;
}

/** The workdays of a month "YYYY-MM". */
function workdays(month: string): string[] {
  const days: string[] = [];
  for (let d = `${month}-01`; d.startsWith(month); d = addDaysToDate(d, 1)) if (isWorkday(d)) days.push(d);
  return days;
}

const nextMonth = (month: string) => addDaysToDate(`${month}-28`, 7).slice(0, 7);

/**
 * Work-place ticks: for every workday kantoor, wijk, thuis or afwezig, feeding the home-working
 * and travel allowances. Check-ins fill them in; a person sets or changes the past days of the
 * current month and today; once the month has closed only HR changes them.
 */
export function createTickService(d: Deps) {
  /** Per person and date, the place their check-ins say: kantoor wins over wijk on a mixed day. */
  function derived(from: string, to: string, userId = 0): Map<string, WorkPlace> {
    const out = new Map<string, WorkPlace>();
    for (const c of d.ticks.checkIns(localToInstant(from, '00:00', tz), localToInstant(to, '00:00', tz), userId)) {
      const key = `${c.user_id}|${localDate(c.checked_in_at, tz)}`;
      const place: WorkPlace = c.kind === 'wijk' ? 'wijk' : 'kantoor';
      if (out.get(key) !== 'kantoor') out.set(key, place);
    }
    return out;
  }

  function month(m: string | undefined): string {
    return m ?? localDate(d.clock.now(), tz).slice(0, 7);
  }

  return {
    mine(actor: Actor, m?: string): DayTick[] {
      const mo = month(m);
      const today = localDate(d.clock.now(), tz);
      const stored = new Map(d.ticks.ofUser(actor.id, `${mo}-01`, `${nextMonth(mo)}-01`).map((t) => [t.date, t]));
      const fromCheckIns = derived(`${mo}-01`, `${nextMonth(mo)}-01`, actor.id);
      return workdays(mo).map((date) => {
        const s = stored.get(date);
        const c = fromCheckIns.get(`${actor.id}|${date}`);
        return {
          date,
          place: s?.place ?? c ?? null,
          source: s?.source ?? (c ? 'check_in' : null),
          editable: date <= today && date.slice(0, 7) === today.slice(0, 7),
        };
      });
    },

    setMine(actor: Actor, date: string, place: WorkPlace): void {
      const today = localDate(d.clock.now(), tz);
      if (!isWorkday(date)) throw new DomainError('invalid_input', 'only workdays have a tick (not weekends nor public holidays)');
      if (date > today) throw new DomainError('tick_locked', 'a day in the future cannot be ticked yet');
      if (date.slice(0, 7) !== today.slice(0, 7)) throw new DomainError('tick_locked', 'this month is closed; ask HR');
      d.ticks.set({ userId: actor.id, date, place, source: 'self' }, d.clock.now());
    },

    setByHr(actor: Actor, userId: number, date: string, place: WorkPlace): void {
      if (!d.ticks.employees().some((e) => e.id === userId)) throw new DomainError('not_found', 'no such employee');
      d.ticks.set({ userId, date, place, source: 'hr' }, d.clock.now());
      d.audit.record({ actor: `u:${actor.id}`, action: 'hr.tick.set', object: `user:${userId}`, result: 'ok', details: { date, place } }, d.clock.now());
    },

    /**
     * The month per employee as CSV: days at the office, in the wijk, at home, absent, unticked.
     * Exactly the workdays up to today count: a day still to come is not "unticked" yet.
     */
    exportCsv(actor: Actor, m: string | undefined, lang: Language): string {
      const mo = month(m);
      const today = localDate(d.clock.now(), tz);
      const days = workdays(mo).filter((date) => date <= today);
      const stored = new Map(d.ticks.all(`${mo}-01`, `${nextMonth(mo)}-01`).map((t) => [`${t.userId}|${t.date}`, t.place]));
      const fromCheckIns = derived(`${mo}-01`, `${nextMonth(mo)}-01`);
      const rows = d.ticks.employees().map((e) => {
        const count = { kantoor: 0, wijk: 0, thuis: 0, afwezig: 0, leeg: 0 };
        for (const date of days) {
          const place = stored.get(`${e.id}|${date}`) ?? fromCheckIns.get(`${e.id}|${date}`);
          count[place ?? 'leeg']++;
        }
        return [e.email, e.name, mo, count.kantoor, count.wijk, count.thuis, count.afwezig, count.leeg];
      });
      d.audit.record({ actor: `u:${actor.id}`, action: 'hr.ticks.export', object: `month:${mo}`, result: 'ok' }, d.clock.now());
      return toCsv(rows, (['email', 'name', 'month', 'kantoor', 'wijk', 'thuis', 'afwezig', 'none'] as const).map((k) => translate(lang, `ticksCsv.${k}`)));
    },
  };
}

export type TickService = ReturnType<typeof createTickService>;

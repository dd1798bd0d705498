import { DomainError } from '../../shared/errors.js';
import type { CancelSeriesBody, CreateReservationBody, CreateSeriesBody } from '../../shared/schemas.js';
import { addDaysToDate, localDate, localToInstant, toIsoInZone } from '../../shared/time.js';
import type { Location } from '../../shared/types.js';
import type { UserStore } from '../auth/user.store.js';
import { toActor } from '../auth/auth.service.js';
import type { CatalogueStore } from '../catalogue/catalogue.store.js';
import type { Clock } from '../clock.js';
import type { UnitOfWork } from '../db/unit-of-work.js';
import type { Actor, ReservationView, SpaceWithKey } from '../domain.js';
import type { BookingService } from './booking.service.js';
import { current, spaceAndLocation, viewOf } from './reservation.steps.js';
import type { ReservationStore } from './reservation.store.js';
import type { Occurrence, Series, SeriesDay, SeriesStore } from './series.store.js';

interface Deps {
  uow: UnitOfWork;
  clock: Clock;
  catalogue: CatalogueStore;
  reservations: ReservationStore;
  series: SeriesStore;
  users: UserStore;
  /** Every date is booked through the single booking's create: the same rules, mail and events. */
  booking: Pick<BookingService, 'create' | 'release'>;
}

/** The longest series: a year of dates, so one request stays one short transaction. */
const MAX_SPAN_DAYS = 366;
const dayOfWeek: SeriesDay[] = ['sun', 'mon', 'tue', 'wed', 'thu', 'fri', 'sat'];

export interface SeriesView {
  series: Series;
  space: SpaceWithKey;
  location: Location;
  occurrences: { occurrence: Occurrence; view: ReservationView | null }[];
}

/** The dates from `from` to `until` (both included) that fall on one of `days`. */
export function seriesDates(from: string, until: string, days: readonly SeriesDay[]): string[] {
  const dates: string[] = [];
  for (let date = from; date <= until; date = addDaysToDate(date, 1)) {
    if (days.includes(dayOfWeek[new Date(`${date}T00:00:00Z`).getUTCDay()]!)) dates.push(date);
  }
  return dates;
}

/**
 * Recurring reservations: "every Tuesday and Thursday until 31 March". Each date is booked
 * through the booking service's create, so it meets exactly the rules (and gets the mail and
 * the board's event) of a single booking; a refused date keeps the code it was refused with.
 * A date beyond the location's daysAhead is kept as pending and booked by a job (bookDue) once
 * it comes within reach, under the rules as they are then; until then nobody else is kept off
 * it, which is what daysAhead is for.
 */
export function createRecurringService(d: Deps) {
  /** Books one date of a series, or writes down why not; runs inside the caller's unit of work. */
  function book(actor: Actor, s: Series, location: Location, date: string, origin: string | null): void {
    const input: CreateReservationBody = s.part
      ? { spaceId: s.spaceId, date, part: s.part }
      : {
          spaceId: s.spaceId,
          start: toIsoInZone(localToInstant(date, s.startTime!, location.timezone), location.timezone),
          end: toIsoInZone(localToInstant(date, s.endTime!, location.timezone), location.timezone),
        };
    try {
      const v = d.booking.create(actor, input, origin);
      d.series.putOccurrence({ seriesId: s.id, date, status: 'created', reservationId: v.reservation.id, code: null });
    } catch (err) {
      if (!(err instanceof DomainError)) throw err;
      const pending = err.code === 'too_far_ahead';
      d.series.putOccurrence({ seriesId: s.id, date, status: pending ? 'pending' : 'refused', reservationId: null, code: pending ? null : err.code });
    }
  }

  function view(s: Series): SeriesView {
    const space = d.catalogue.space(s.spaceId)!;
    const location = d.catalogue.location(space.locationId)!;
    const now = d.clock.now();
    return {
      series: s,
      space,
      location,
      occurrences: d.series.occurrences(s.id).map((occurrence) => ({
        occurrence,
        view: occurrence.reservationId === null ? null : current(viewOf(d, occurrence.reservationId), now),
      })),
    };
  }

  function own(actor: Actor, id: number): Series {
    const s = d.series.byId(id);
    if (!s || s.userId !== actor.id) throw new DomainError('not_found', 'no such series');
    return s;
  }

  return {
    create(actor: Actor, input: CreateSeriesBody, origin: string | null): SeriesView {
      const { space, location } = spaceAndLocation(d, input.spaceId);
      const today = localDate(d.clock.now(), location.timezone);
      if (input.until < input.from || input.until > addDaysToDate(input.from, MAX_SPAN_DAYS)) {
        throw new DomainError('invalid_interval', `until must be on or after from, at most ${MAX_SPAN_DAYS} days later`);
      }
      if (input.until < today) throw new DomainError('start_in_past', 'the series lies in the past');
      if ('startTime' in input && !(input.startTime < input.endTime)) throw new DomainError('invalid_interval', 'the end must be after the start');
      const dates = seriesDates(input.from < today ? today : input.from, input.until, input.days);
      if (dates.length === 0) throw new DomainError('invalid_interval', 'no date between from and until falls on the chosen days');
      return d.uow.run(() => {
        const fields = {
          userId: actor.id,
          spaceId: space.id,
          days: seriesDays(input.days),
          from: input.from,
          until: input.until,
          part: 'part' in input ? input.part : null,
          startTime: 'startTime' in input ? input.startTime : null,
          endTime: 'endTime' in input ? input.endTime : null,
          createdAt: d.clock.now(),
        };
        const s = { id: d.series.insert(fields), ...fields };
        for (const date of dates) book(actor, s, location, date, origin);
        return view(s);
      });
    },

    get: (actor: Actor, id: number): SeriesView => view(own(actor, id)),

    /** The caller's series with dates from today on. */
    listMine(actor: Actor): SeriesView[] {
      // Yesterday in UTC is on or before today in every zone: a series ending today is kept.
      return d.series.ofUser(actor.id, addDaysToDate(localDate(d.clock.now(), 'UTC'), -1)).map(view);
    },

    /**
     * Takes dates out of a series: every date from today on, or those from..to (a holiday).
     * A booked date is cancelled as a single booking is; a date already checked in or over
     * stays as it is; a pending one will not be booked.
     */
    cancel(actor: Actor, id: number, range: CancelSeriesBody, origin: string | null): SeriesView {
      const s = own(actor, id);
      const location = d.catalogue.location(d.catalogue.space(s.spaceId)!.locationId)!;
      const now = d.clock.now();
      const today = localDate(now, location.timezone);
      const from = range.from && range.from > today ? range.from : today;
      const to = range.to ?? s.until;
      if (range.to !== undefined && range.to < range.from!) throw new DomainError('invalid_interval', 'from must be on or before to');
      return d.uow.run(() => {
        for (const o of d.series.occurrences(s.id)) {
          if (o.date < from || o.date > to) continue;
          if (o.status === 'pending') d.series.putOccurrence({ ...o, status: 'cancelled' });
          if (o.status !== 'created') continue;
          const r = current(viewOf(d, o.reservationId!), now).reservation;
          if (r.state !== 'booked') continue;
          d.booking.release(actor, r.id, origin);
          d.series.putOccurrence({ ...o, status: 'cancelled' });
        }
        return view(s);
      });
    },

    /**
     * The job: books the pending dates that have come within their location's daysAhead, each
     * in a unit of work of its own (in the group commit, so the board hears of a booking only
     * once it is committed). Answers how many dates it settled.
     */
    async bookDue(): Promise<number> {
      const now = d.clock.now();
      const locations = d.catalogue.locations();
      const widest = Math.max(0, ...locations.map((l) => l.policy.daysAhead));
      // A day of slack on the widest horizon covers every zone's today.
      const due = d.series.pendingUntil(addDaysToDate(localDate(now, 'UTC'), widest + 1));
      let settled = 0;
      for (const o of due) {
        const s = d.series.byId(o.seriesId)!;
        const space = d.catalogue.space(s.spaceId);
        const location = space && d.catalogue.location(space.locationId);
        if (location && o.date > addDaysToDate(localDate(now, location.timezone), location.policy.daysAhead)) continue;
        const user = d.users.byId(s.userId);
        await d.uow.schedule(() =>
          d.uow.run(() => {
            if (!user || user.disabled) d.series.putOccurrence({ ...o, status: 'refused', code: 'account_disabled' });
            else if (!location) d.series.putOccurrence({ ...o, status: 'refused', code: 'space_unavailable' });
            else book(toActor(user), s, location, o.date, null);
          }),
        );
        settled++;
      }
      return settled;
    },
  };
}

/** The days in week order, each once. */
function seriesDays(days: readonly SeriesDay[]): SeriesDay[] {
  const order: SeriesDay[] = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'];
  return order.filter((day) => days.includes(day));
}

export type RecurringService = ReturnType<typeof createRecurringService>;

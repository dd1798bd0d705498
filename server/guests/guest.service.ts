import { randomInt } from 'node:crypto';
import { DomainError } from '../../shared/errors.js';
import { defaultPolicy } from '../../shared/rules.js';
import { addDaysToDate, localDate, localToInstant } from '../../shared/time.js';
import type { AuditStore } from '../audit/audit.store.js';
import type { UserStore } from '../auth/user.store.js';
import type { CatalogueStore } from '../catalogue/catalogue.store.js';
import type { Clock } from '../clock.js';
import { truncateWal, type Db } from '../db/database.js';
import type { UnitOfWork } from '../db/unit-of-work.js';
import type { Bus } from '../events/event-bus.js';
import type { GuestMail } from '../mail/mail.service.js';
import type { Actor, Guest } from '../domain.js';
import type { PeopleStore } from '../people/people.store.js';
import { randomSecret } from '../security.js';
import { firstNameOf, initialsOf, isSurnameOf } from './guest-names.js';
import type { GuestStore } from './guest.store.js';
import { SlidingLimit } from '../auth/throttle.js';

export type Notification = { id: number; userId: number; createdAt: number; read: boolean } & (
  | { kind: 'guest_arrived'; payload: { guestId: number; name: string; organisation: string | null; locationName: string; at: number } }
  | { kind: 'reservation_cancelled'; payload: { reservationId: number; spaceCode: string; locationName: string; start: string; reason: 'space_retired'; at: number } }
);

interface Deps {
  db: Db;
  /** Runs the writes inside the caller's unit of work (a route's write(), a job's), never a nested one. */
  uow: UnitOfWork;
  guests: GuestStore;
  people: PeopleStore;
  users: UserStore;
  catalogue: CatalogueStore;
  audit: AuditStore;
  notifications: Bus<Notification>;
  /** The guest's invitation and the host's arrival mail, queued in the same unit of work. */
  mail: GuestMail;
  clock: Clock;
}

const INVITE_ALPHABET = 'ABCDEFGHJKMNPQRSTUVWXYZ23456789';
const DAY = 86_400_000;
const QUARTER = 15 * 60_000;
const LATE_GUEST = 60 * 60_000;
/** How long a kiosk may confirm a guest it found by surname: the visitor taps "Dat ben ik" at once. */
const LOOKUP_REF_MS = 10 * 60_000;
/**
 * A surname lookup at a kiosk answers whether that surname is expected today: a loop over a
 * list of common surnames would learn who visits. Misses are what such a loop mostly makes, so
 * they are held to a few per quarter of an hour (a typo or two per visitor), and all lookups to
 * what a busy entrance needs in an hour. Past either, the invite QR and reception still work.
 */
const LOOKUP_MISSES = { max: 10, windowMs: 15 * 60_000 };
const LOOKUPS = { max: 60, windowMs: 60 * 60_000 };

/** What a kiosk may show of a guest found by surname, to let the visitor confirm it is them. */
export interface GuestMatch {
  /** Opaque, short-lived, bound to the kiosk that looked it up: arrives this guest. */
  ref: string;
  initials: string;
  hostFirstName: string;
}

/**
 * Guests: pre-registered by a host, received at the kiosk or by reception, notified to the host.
 * Guest data is personal: only reception, the host and admins see it, every look and change is
 * audited, and it is anonymised after the location's retention period.
 */
export function createGuestService(d: Deps) {
  /** Set when a purge changed data but the WAL could not be emptied yet (a reader was busy). */
  let walHoldsPurged = false;
  // In memory like the kiosk's visits: a ref lives minutes and need not survive a restart.
  const lookupRefs = new Map<string, { guestId: number; kioskId: number; expiresAt: number }>();
  const lookupMisses = new SlidingLimit(d.clock, LOOKUP_MISSES.max, LOOKUP_MISSES.windowMs);
  const lookups = new SlidingLimit(d.clock, LOOKUPS.max, LOOKUPS.windowMs);
  const audit = (actor: string, action: string, guestId: number | null, origin: string | null) =>
    d.audit.record({ actor, action, object: guestId === null ? null : `guest:${guestId}`, result: 'ok', origin }, d.clock.now());

  function location(id: number) {
    const l = d.catalogue.location(id);
    if (!l) throw new DomainError('not_found', 'no such location');
    return l;
  }

  function dayBounds(locationId: number, date?: string) {
    const l = location(locationId);
    const day = date ?? localDate(d.clock.now(), l.timezone);
    return { start: localToInstant(day, '00:00', l.timezone), end: localToInstant(addDaysToDate(day, 1), '00:00', l.timezone) };
  }

  /** Admins everywhere; a receptionist at the locations they work at. */
  function receives(actor: Actor, locationId: number): boolean {
    return actor.roles.includes('admin') || (actor.roles.includes('receptionist') && d.users.locations(actor.id).includes(locationId));
  }

  function requireReception(actor: Actor, locationId: number): void {
    if (!receives(actor, locationId)) throw new DomainError('forbidden', 'you do not work at the reception of this location');
  }

  /** Guest data is for reception, the host and admins; anyone else is told it does not exist. */
  function visible(actor: Actor, id: number): Guest {
    const g = d.guests.byId(id);
    if (!g || g.anonymised || !(g.hostId === actor.id || receives(actor, g.locationId))) throw new DomainError('not_found', 'no such guest');
    return g;
  }

  function arrive(g: Guest, by: string, origin: string | null): Guest {
    if (g.state !== 'expected') {
      if (g.state === 'present') return g; // a second scan of the invite changes nothing
      throw new DomainError('wrong_state', 'this guest has already left');
    }
    const now = d.clock.now();
    const notification = d.uow.run(() => {
      d.guests.arrive(g.id, now);
      audit(by, 'guest.arrive', g.id, origin);
      const payload = { guestId: g.id, name: g.name!, organisation: g.organisation, locationName: location(g.locationId).name, at: now };
      const id = d.guests.notify(g.hostId, 'guest_arrived', payload, now);
      d.mail.guestArrived(g, now);
      return { id, userId: g.hostId, kind: 'guest_arrived' as const, payload, createdAt: now, read: false };
    });
    d.notifications.publish(notification);
    return d.guests.byId(g.id)!;
  }

  /**
   * A guest may be expected up to an hour ago (on the quarter, as the form's times step): one
   * who is late or already waiting downstairs can still be registered. A guest "for today at
   * 10:00" registered at 20:00 is a mistake the host is told about, not a visit reception
   * waits for.
   */
  function requireNotPast(expectedAt: number): void {
    if (expectedAt < Math.floor((d.clock.now() - LATE_GUEST) / QUARTER) * QUARTER) throw new DomainError('start_in_past', 'the expected time has already passed');
  }

  /** The host's own guest who has not arrived yet: the one they may still change or cancel. */
  function ownExpected(host: Actor, id: number): Guest {
    const g = d.guests.byId(id);
    if (!g || g.anonymised || g.hostId !== host.id) throw new DomainError('not_found', 'no such guest');
    if (g.state !== 'expected') throw new DomainError('wrong_state', 'this guest has already arrived');
    return g;
  }

  function newInviteCode(): string {
    return Array.from({ length: 10 }, () => INVITE_ALPHABET[randomInt(INVITE_ALPHABET.length)]).join('');
  }

  return {
    /** `email` (optional) receives the invitation with the invite QR; it is purged with the guest's data. */
    create(host: Actor, input: { name: string; organisation?: string; email?: string; expectedAt: number; locationId: number; spaceId?: number; note?: string }, origin: string | null): Guest {
      location(input.locationId);
      if (input.spaceId !== undefined && d.catalogue.space(input.spaceId)?.locationId !== input.locationId) throw new DomainError('invalid_input', 'the room is not at this location');
      requireNotPast(input.expectedAt);
      const id = d.guests.insert(
        { locationId: input.locationId, hostId: host.id, name: input.name, organisation: input.organisation ?? null, note: input.note ?? null, spaceId: input.spaceId ?? null, expectedAt: input.expectedAt, inviteCode: newInviteCode() },
        d.clock.now(),
      );
      audit(`u:${host.id}`, 'guest.create', id, origin);
      const guest = d.guests.byId(id)!;
      d.mail.guestInvited(guest, input.email);
      return guest;
    },

    /**
     * The host changes a guest who has not arrived: name, organisation, time, room or note (a
     * field left out stays; `null` clears an optional one). The invite code stays the same, so
     * the QR already passed on still works.
     */
    update(host: Actor, id: number, input: { name?: string; organisation?: string | null; expectedAt?: number; spaceId?: number | null; note?: string | null }, origin: string | null): Guest {
      const g = ownExpected(host, id);
      if (input.spaceId != null && d.catalogue.space(input.spaceId)?.locationId !== g.locationId) throw new DomainError('invalid_input', 'the room is not at this location');
      if (input.expectedAt !== undefined) requireNotPast(input.expectedAt);
      d.guests.update(id, {
        name: input.name ?? g.name!,
        organisation: input.organisation === undefined ? g.organisation : input.organisation || null,
        note: input.note === undefined ? g.note : input.note || null,
        spaceId: input.spaceId === undefined ? g.spaceId : input.spaceId,
        expectedAt: input.expectedAt ?? g.expectedAt,
      });
      audit(`u:${host.id}`, 'guest.update', id, origin);
      return d.guests.byId(id)!;
    },

    /**
     * The host cancels a guest who has not arrived: the guest's data goes at once (nothing to
     * keep for a visit that does not happen), so the invite code no longer works at a kiosk.
     */
    cancel(host: Actor, id: number, origin: string | null): void {
      ownExpected(host, id);
      d.guests.remove(id);
      audit(`u:${host.id}`, 'guest.cancel', id, origin);
    },

    /** A guest who arrives unannounced, registered by reception with a host, present at once. */
    walkIn(actor: Actor, input: { name: string; organisation?: string; locationId: number; hostId: number; spaceId?: number; note?: string }, origin: string | null): Guest {
      requireReception(actor, input.locationId);
      const host = d.users.byId(input.hostId);
      if (!host || host.disabled) throw new DomainError('not_found', 'no such host');
      const guest = this.create({ id: host.id, email: host.email, name: host.name, roles: host.roles, teams: host.teams, showPresence: host.showPresence }, { ...input, expectedAt: d.clock.now() }, origin);
      return arrive(guest, `u:${actor.id}`, origin);
    },

    /** Who can host a walk-in: active staff, names only. */
    hosts(search?: { q?: string; limit?: number }): { id: number; name: string }[] {
      if (search?.q === undefined && search?.limit === undefined) return d.people.staff();
      return d.people.searchStaff(search.q ?? '', search.limit ?? 20);
    },

    mine(host: Actor): Guest[] {
      return d.guests.ofHost(host.id, d.clock.now() - DAY);
    },

    /** Reception's day: expected, present and left, optionally filtered by a search. */
    day(actor: Actor, locationId: number, date: string | undefined, search: string | undefined, origin: string | null) {
      requireReception(actor, locationId);
      const { start, end } = dayBounds(locationId, date);
      const needle = search?.trim().toLowerCase();
      const all = d.guests
        .ofLocation(locationId, start, end)
        .filter((g) => !needle || `${g.name} ${g.organisation ?? ''} ${g.hostName}`.toLowerCase().includes(needle));
      audit(`u:${actor.id}`, 'guest.list', null, origin);
      return {
        expected: all.filter((g) => g.state === 'expected'),
        present: all.filter((g) => g.state === 'present'),
        left: all.filter((g) => g.state === 'left'),
      };
    },

    get(actor: Actor, id: number, origin: string | null): Guest {
      const g = visible(actor, id);
      audit(`u:${actor.id}`, 'guest.view', id, origin);
      return g;
    },

    badge(actor: Actor, id: number, origin: string | null): Guest {
      const g = visible(actor, id);
      requireReception(actor, g.locationId);
      d.guests.badgePrinted(id, d.clock.now());
      audit(`u:${actor.id}`, 'guest.badge', id, origin);
      return g;
    },

    checkIn(actor: Actor, id: number, origin: string | null): Guest {
      const g = visible(actor, id);
      requireReception(actor, g.locationId);
      return arrive(g, `u:${actor.id}`, origin);
    },

    checkOut(actor: Actor, id: number, origin: string | null): Guest {
      const g = visible(actor, id);
      requireReception(actor, g.locationId);
      if (g.state === 'left') return g;
      if (!d.guests.leave(id, d.clock.now())) throw new DomainError('wrong_state', 'this guest has not arrived');
      audit(`u:${actor.id}`, 'guest.leave', id, origin);
      return d.guests.byId(id)!;
    },

    /**
     * A visitor at a kiosk types their surname: today's expected guests here with exactly that
     * surname, as initials and the host's first name only. Nothing is listed unasked, and the
     * lookups per kiosk are limited so a loop over surnames cannot find out who visits.
     */
    lookupAtKiosk(kiosk: { id: number; locationId: number }, surname: string, origin: string | null): GuestMatch[] {
      const key = String(kiosk.id);
      const wait = Math.max(lookupMisses.waitMs(key), lookups.waitMs(key));
      if (wait > 0) throw new DomainError('too_many_attempts', 'too many guest lookups at this kiosk; scan the invite or ask reception', { retryAfterSeconds: Math.ceil(wait / 1000) });
      const now = d.clock.now();
      const { start, end } = dayBounds(kiosk.locationId);
      const found = d.guests.ofLocation(kiosk.locationId, start, end).filter((g) => g.state === 'expected' && isSurnameOf(surname, g.name!));
      lookups.add(key);
      if (found.length === 0) lookupMisses.add(key);
      d.audit.record({ actor: `k:${kiosk.id}`, action: 'guest.lookup', result: found.length > 0 ? 'ok' : 'failed', origin, details: { matches: found.length } }, now);
      for (const [ref, r] of lookupRefs) if (r.expiresAt < now) lookupRefs.delete(ref);
      return found.map((g) => {
        const ref = randomSecret(18);
        lookupRefs.set(ref, { guestId: g.id, kioskId: kiosk.id, expiresAt: now + LOOKUP_REF_MS });
        return { ref, initials: initialsOf(g.name!), hostFirstName: firstNameOf(g.hostName) };
      });
    },

    /**
     * A guest announces themselves at a kiosk, by invite QR or by a match of their surname
     * lookup. `alreadyPresent`: they had arrived before (a second scan), so the kiosk says since when.
     */
    arriveAtKiosk(kiosk: { id: number; locationId: number }, input: { inviteCode: string } | { ref: string }, origin: string | null): Guest & { alreadyPresent: boolean } {
      let g: Guest | undefined;
      if ('inviteCode' in input) g = d.guests.byInvite(input.inviteCode);
      else {
        const r = lookupRefs.get(input.ref);
        if (r && r.kioskId === kiosk.id && r.expiresAt >= d.clock.now()) g = d.guests.byId(r.guestId);
      }
      const { start, end } = dayBounds(kiosk.locationId);
      if (!g || g.anonymised || g.locationId !== kiosk.locationId || g.expectedAt < start - DAY || g.expectedAt >= end) {
        throw new DomainError('not_found', 'no such guest expected here today');
      }
      return { ...arrive(g, `k:${kiosk.id}`, origin), alreadyPresent: g.state === 'present' };
    },

    checkOutAtKiosk(kiosk: { id: number; locationId: number }, inviteCode: string, origin: string | null): Guest {
      const g = d.guests.byInvite(inviteCode);
      if (!g || g.locationId !== kiosk.locationId) throw new DomainError('not_found', 'no such guest');
      if (g.state === 'present') {
        d.guests.leave(g.id, d.clock.now());
        audit(`k:${kiosk.id}`, 'guest.leave', g.id, origin);
      }
      return d.guests.byId(g.id)!;
    },

    /** Everyone in the building now: checked-in staff by floor and zone, guests with their host. */
    emergency(actor: Actor, locationId: number, origin: string | null) {
      const l = location(locationId);
      requireReception(actor, locationId);
      const staff = d.people.presentStaff(locationId, d.clock.now());
      const { start } = dayBounds(locationId);
      audit(`u:${actor.id}`, 'guest.emergency_list', null, origin);
      return {
        location: l,
        staff: staff.map((s) => ({ name: s.name, bhv: s.bhv === 1, spaceCode: s.space_code, zoneName: s.zone_name, floor: s.floor })),
        guests: d.guests.present(locationId, start).map((g) => ({ id: g.id, name: g.name, organisation: g.organisation, hostName: g.hostName })),
        bhvPresent: staff.some((s) => s.bhv === 1),
      };
    },

    notifications(actor: Actor): Notification[] {
      return d.guests.notifications(actor.id).map(
        (n) => ({ id: n.id, userId: n.user_id, kind: n.kind, payload: JSON.parse(n.payload), createdAt: n.created_at, read: n.read_at !== null }) as Notification,
      );
    },

    /** Tells a person something happened to their reservation (it was cancelled for them). */
    notifyCancelled(userId: number, payload: Extract<Notification, { kind: 'reservation_cancelled' }>['payload']): void {
      const now = d.clock.now();
      const id = d.guests.notify(userId, 'reservation_cancelled', payload, now);
      d.notifications.publish({ id, userId, kind: 'reservation_cancelled', payload, createdAt: now, read: false });
    },

    markNotificationsRead(actor: Actor): void {
      d.guests.markRead(actor.id, d.clock.now());
    },

    /**
     * Checks out the guests nobody checked out, at the end of the day they arrived (local
     * midnight at their location); returns how many. Runs as a job. Until it runs, the lists
     * already leave them out: they only count arrivals of today.
     */
    checkOutStale(): number {
      const now = d.clock.now();
      let n = 0;
      for (const l of d.catalogue.locations()) {
        const { start } = dayBounds(l.id);
        const stale = d.guests.stale(l.id, start);
        if (stale.length === 0) continue;
        d.uow.run(() => {
          for (const g of stale) {
            const endOfVisitDay = localToInstant(addDaysToDate(localDate(g.arrivedAt, l.timezone), 1), '00:00', l.timezone);
            if (!d.guests.leave(g.id, endOfVisitDay)) continue;
            d.audit.record({ actor: 'system', action: 'guest.leave', object: `guest:${g.id}`, result: 'ok', details: { reason: 'end_of_visit_day' } }, now);
            n++;
          }
        });
      }
      return n;
    },

    /**
     * Anonymises guests older than each location's retention, with the copies of their data;
     * returns how many. Runs as a job. The connection has secure_delete on, so the old text is
     * overwritten in the pages; emptying the WAL afterwards removes the older page versions
     * that still hold it from plek.sqlite-wal.
     */
    purge(): number {
      const now = d.clock.now();
      const n = d.uow.run(() => {
        let n = 0;
        for (const l of d.catalogue.locations()) {
          const days = l.policy.guestRetentionDays ?? defaultPolicy.guestRetentionDays;
          n += d.guests.anonymiseBefore(l.id, now - days * DAY, now);
        }
        if (n > 0) d.audit.record({ actor: 'system', action: 'guest.retention', result: 'ok', details: { anonymised: n } }, now);
        return n;
      });
      if (n > 0 || walHoldsPurged) {
        walHoldsPurged = !truncateWal(d.db);
        if (walHoldsPurged) console.error('plek: the WAL could not be emptied after the guest purge (a reader was busy); the next run tries again');
      }
      return n;
    },
  };
}

export type GuestService = ReturnType<typeof createGuestService>;

import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import nodemailer, { type SendMailOptions } from 'nodemailer';
import QRCode from 'qrcode';
import { DomainError } from '../../shared/errors.js';
import { noShowDeadline } from '../../shared/rules.js';
import type { AuditStore } from '../audit/audit.store.js';
import type { CatalogueStore } from '../catalogue/catalogue.store.js';
import type { Clock } from '../clock.js';
import type { MailConfig } from '../config.js';
import type { UnitOfWork } from '../db/unit-of-work.js';
import { imipCalendar } from '../calendar/imip.js';
import { log } from '../log.js';
import type { ReservationView } from '../domain.js';
import type { Language } from '../../shared/i18n.js';
import type { MailFailure, MailKind, MailPreferences, MailStore, QueuedMail, Recipient } from './mail.store.js';
import * as t from './templates.js';

/** The part of a guest a mail needs. */
export interface MailGuest {
  id: number;
  name: string | null;
  organisation: string | null;
  hostId: number;
  locationId: number;
  spaceId: number | null;
  expectedAt: number;
  inviteCode: string | null;
}

/** A message as it is sent. */
export interface OutgoingMessage {
  subject: string;
  text: string;
  html: string;
  /** The iMIP part (RFC 6047): sent as a text/calendar alternative and as an .ics attachment. */
  calendar?: { method: 'REQUEST' | 'CANCEL'; content: string; filename: string };
  /** QR codes as inline PNG images, referred to from the HTML as cid:<cid>. */
  inline?: { cid: string; filename: string; qr: string }[];
}

/** The booking as a calendar event for one person: what the iMIP part is made from. */
interface CalendarDraft {
  method: 'REQUEST' | 'CANCEL';
  view: ReservationView;
  attendee: { name: string; email: string };
  stamp: number;
}

/**
 * What the outbox keeps of a message: the facts as they were at the change, looked up in its
 * transaction. The texts, the HTML and the iCalendar are made from them by the job when it
 * sends, so the change's request does none of that work.
 */
type Draft =
  | { t: 'confirmation'; lang: Language; place: t.Place; checkInBy: number; bookedBy: string | null; calendar: CalendarDraft }
  | { t: 'cancellation'; lang: Language; place: t.Place; reason: t.CancelReason; calendar: CalendarDraft }
  | { t: 'reminder'; lang: Language; place: t.Place; checkInBy: number }
  | { t: 'guest_arrived'; lang: Language; guest: Parameters<typeof t.guestArrived>[1] }
  | { t: 'guest_invitation'; invitation: Parameters<typeof t.guestInvitation>[0] };

/** What sends a queued message: nodemailer's SMTP transport, or a test's. */
export interface MailTransport {
  sendMail(m: SendMailOptions): Promise<unknown>;
}

interface Deps {
  mail: MailStore;
  catalogue: CatalogueStore;
  audit: AuditStore;
  uow: UnitOfWork;
  clock: Clock;
  config: MailConfig | null;
  /** PLEK_PUBLIC_URL: staff mail links to Plek when it is set. */
  publicUrl?: string | null;
  /** Runs after the outermost commit: the sender is woken only for mail that was really queued. */
  afterCommit(fn: () => void): void;
  transport?: MailTransport;
}

const MINUTE = 60_000;
const DAY = 24 * 60 * MINUTE;
/** Retries after 1, 2, 4 … minutes, at most 6 hours apart; the 12th failure gives up (about a day in all). */
const BACKOFF_BASE = MINUTE;
const BACKOFF_MAX = 6 * 60 * MINUTE;
export const MAX_ATTEMPTS = 12;
/** Sent mail is kept this long (without its body) for the admin's figures, then deleted. */
const KEEP_SENT = 7 * DAY;
const BATCH = 20;

/** nodemailer's codes for a relay that gave no SMTP answer. */
const CONNECTION_ERRORS = new Set(['ECONNECTION', 'ESOCKET', 'ETIMEDOUT', 'EDNS', 'ETLS', 'ECONNREFUSED']);

export const backoffMs = (attempts: number) => Math.min(BACKOFF_BASE * 2 ** Math.max(0, attempts - 1), BACKOFF_MAX);

function readCa(file: string): string {
  try {
    return readFileSync(file, 'utf8');
  } catch (err) {
    throw new Error(`PLEK_SMTP_CA: cannot read ${file} (${(err as { code?: string }).code ?? String(err)})`);
  }
}

/** The address part of "Name <address>". */
const addressOf = (from: string) => /<([^>]+)>/.exec(from)?.[1] ?? from;

/**
 * E-mail through the municipality's relay. Services call the queueing functions inside their
 * unit of work, so a message exists exactly when the change it tells about was committed; a job
 * sends the outbox (deliver) with retries and backoff, outside any request. With no relay
 * configured nothing is queued.
 *
 * Delivery is at least once: a row is marked sent only after the relay accepted the message.
 * Should Plek stop between the two, the row is sent again after the restart with the same
 * Message-ID, fixed when it was queued, so the duplicate is recognisable (and dropped by
 * relays and mail programs that de-duplicate on it).
 */
export function createMailService(d: Deps) {
  const cfg = d.config;
  const domain = cfg ? addressOf(cfg.from).split('@')[1]! : 'plek.invalid';
  const organizer = cfg ? { name: 'Plek', email: addressOf(cfg.from) } : { name: 'Plek', email: 'plek@plek.invalid' };
  // Read at start: a CA file that is not there stops Plek with its name, not every send later.
  const ca = cfg?.caFile ? readCa(cfg.caFile) : undefined;
  let transport: MailTransport | undefined = d.transport;
  let wake: (() => void) | null = null;

  function queue(kind: MailKind, to: string, message: Draft, extra: { dedupeKey?: string; guestId?: number } = {}): boolean {
    const queued = d.mail.insert({ kind, recipient: to, messageId: `<plek.${randomUUID()}@${domain}>`, message, ...extra }, d.clock.now());
    if (queued) d.afterCommit(() => wake?.());
    return queued;
  }

  /** The reservation with its space and location, as it stands in the caller's transaction. */
  function viewOf(id: number): ReservationView | null {
    const reservation = d.mail.reservation(id);
    if (!reservation) return null;
    const space = d.catalogue.space(reservation.spaceId)!;
    // The label's key is a secret the mail never needs: it stays out of the outbox.
    return { reservation, space: { ...space, key: '' }, location: d.catalogue.location(space.locationId)! };
  }

  function place(v: ReservationView): t.Place {
    return { spaceKind: v.space.kind, spaceCode: v.space.code, spaceName: v.space.name, locationName: v.location.name, timezone: v.location.timezone, start: v.reservation.start, end: v.reservation.end };
  }

  const deadlineOf = (v: ReservationView) => noShowDeadline(v.reservation, v.space.kind, v.location.policy);

  function person(userId: number): Recipient | null {
    const p = d.mail.recipient(userId);
    return p && !p.disabled ? p : null;
  }

  const calendarDraft = (v: ReservationView, who: Recipient, method: 'REQUEST' | 'CANCEL'): CalendarDraft => ({ method, view: v, attendee: { name: who.name, email: who.email }, stamp: d.clock.now() });

  /** The iMIP part: the calendar's own event for this reservation (UID, SEQUENCE), as REQUEST or CANCEL. */
  function calendarPart(c: CalendarDraft, lang: Language): OutgoingMessage['calendar'] {
    const content = imipCalendar(c.view, c.method, { organizer, attendee: c.attendee }, c.stamp, t.eventText(lang, place(c.view)));
    return { method: c.method, content, filename: c.method === 'REQUEST' ? 'reservering.ics' : 'geannuleerd.ics' };
  }

  /** The message from what was queued, with a link to Plek for staff: done by the job, never in the request. */
  function compose(draft: Draft): OutgoingMessage {
    const m = composeBare(draft);
    return d.publicUrl && draft.t !== 'guest_invitation' ? t.withPlekLink(m, draft.lang, d.publicUrl) : m;
  }

  function composeBare(draft: Draft): OutgoingMessage {
    switch (draft.t) {
      case 'confirmation':
        return { ...t.confirmation(draft.lang, draft.place, draft.checkInBy, draft.bookedBy), calendar: calendarPart(draft.calendar, draft.lang) };
      case 'cancellation':
        return { ...t.cancellation(draft.lang, draft.place, draft.reason), calendar: calendarPart(draft.calendar, draft.lang) };
      case 'reminder':
        return t.reminder(draft.lang, draft.place, draft.checkInBy);
      case 'guest_arrived':
        return t.guestArrived(draft.lang, draft.guest);
      case 'guest_invitation':
        return { ...t.guestInvitation(draft.invitation), inline: [{ cid: t.INVITE_QR_CID, filename: 'uitnodiging-qr.png', qr: `PLEK-GUEST:${draft.invitation.inviteCode}` }] };
    }
  }

  function confirm(id: number, kind: 'confirmation' | 'team_reservation', bookedBy: string | null): void {
    const v = cfg && viewOf(id);
    const who = v && person(v.reservation.userId);
    if (!v || !who || !who.confirmations) return;
    queue(kind, who.email, { t: 'confirmation', lang: who.language, place: place(v), checkInBy: deadlineOf(v), bookedBy, calendar: calendarDraft(v, who, 'REQUEST') });
  }

  /** Connection-level failures in a row: while the relay is unreachable the whole outbox waits, not each message in turn. */
  let unreachable = 0;
  let pausedUntil = 0;

  /** One message: handed to the relay, then marked sent; a failure backs off or, at the last try, gives up. */
  async function sendOne(m: QueuedMail): Promise<'sent' | 'failed' | 'unreachable'> {
    d.uow.run(() => d.mail.attempt(m.id, d.clock.now()));
    try {
      const msg = compose(m.message as Draft);
      const attachments = await Promise.all(
        (msg.inline ?? []).map(async (i) => ({ filename: i.filename, cid: i.cid, contentType: 'image/png', content: await QRCode.toBuffer(i.qr, { margin: 2, scale: 6, errorCorrectionLevel: 'M' }) })),
      );
      await transport!.sendMail({
        from: cfg!.from,
        to: m.recipient,
        messageId: m.messageId,
        subject: msg.subject,
        text: msg.text,
        html: msg.html,
        attachments,
        // nodemailer writes it twice, as Outlook wants: a text/calendar; method=… alternative and an .ics attachment.
        ...(msg.calendar ? { icalEvent: { method: msg.calendar.method, filename: msg.calendar.filename, content: msg.calendar.content } } : {}),
      });
    } catch (err) {
      const e = err as { code?: string; responseCode?: number; message?: string };
      const why = [e.code, e.responseCode, e.message].filter((x) => x !== undefined && x !== '').join(' ').slice(0, 500) || String(err);
      const attempts = m.attempts + 1;
      d.uow.run(() => (attempts >= MAX_ATTEMPTS ? d.mail.giveUp(m.id, why) : d.mail.retry(m.id, why, d.clock.now() + backoffMs(attempts))));
      // No address in the log: it is personal data, and admins see it in the outbox.
      if (attempts >= MAX_ATTEMPTS) log.error({ mail: m.id, kind: m.kind, attempts, error: why }, 'mail given up');
      else log.warn({ mail: m.id, kind: m.kind, attempts, error: why }, 'mail refused or relay unreachable; retried later');
      // No SMTP answer at all (refused, timed out, TLS or DNS failed): the relay, not this message.
      if (e.responseCode === undefined && CONNECTION_ERRORS.has(e.code ?? '')) {
        unreachable++;
        pausedUntil = d.clock.now() + backoffMs(unreachable);
        return 'unreachable';
      }
      return 'failed';
    }
    d.uow.run(() => d.mail.sent(m.id, d.clock.now()));
    unreachable = 0;
    return 'sent';
  }

  let running: Promise<{ sent: number; failed: number }> | null = null;

  return {
    enabled: cfg !== null,

    /** A booking made by its owner; call inside the unit of work that wrote it. */
    reservationConfirmed(id: number): void {
      confirm(id, 'confirmation', null);
    },

    /** Desks a manager reserved for team members: each member hears who booked it. */
    teamReserved(managerName: string, ids: number[]): void {
      for (const id of ids) confirm(id, 'team_reservation', managerName);
    },

    /** A booking cancelled by its owner, released as a no-show, or lapsed with its space; call after the transition, in its unit of work. */
    reservationCancelled(id: number, reason: t.CancelReason): void {
      const v = cfg && viewOf(id);
      const who = v && person(v.reservation.userId);
      if (!v || !who || !who.confirmations) return;
      queue('cancellation', who.email, { t: 'cancellation', lang: who.language, place: place(v), reason, calendar: calendarDraft(v, who, 'CANCEL') }, { dedupeKey: `cancel:${id}` });
    },

    /** The guest's address (optional) is kept with the guest, and their invitation queued. */
    guestInvited(g: MailGuest, email: string | undefined): void {
      if (!email) return;
      d.mail.setGuestEmail(g.id, email);
      const host = d.mail.recipient(g.hostId);
      if (!cfg || !host || !g.name || !g.inviteCode) return;
      const location = d.catalogue.location(g.locationId)!;
      const room = g.spaceId === null ? null : (d.catalogue.space(g.spaceId)?.name ?? null);
      const invitation = { name: g.name, hostName: host.name, locationName: location.name, address: location.address, room, timezone: location.timezone, expectedAt: g.expectedAt, inviteCode: g.inviteCode };
      queue('guest_invitation', email, { t: 'guest_invitation', invitation }, { guestId: g.id });
    },

    /** Tells the host by mail too (the app's notification comes besides). */
    guestArrived(g: MailGuest, at: number): void {
      const host = person(g.hostId);
      if (!cfg || !host || !g.name) return;
      const location = d.catalogue.location(g.locationId)!;
      queue('guest_arrived', host.email, { t: 'guest_arrived', lang: host.language, guest: { name: g.name, organisation: g.organisation, locationName: location.name, timezone: location.timezone, at } }, { guestId: g.id });
    },

    /**
     * Queues the reminders now due: bookings whose check-in deadline is within the configured
     * minutes, once each (the dedupe key), for people who want them. A booking made inside that
     * lead gets none: its owner has just booked it. Runs as a job.
     */
    queueReminders(): number {
      if (!cfg || cfg.reminderMinutes === 0) return 0;
      const now = d.clock.now();
      const lead = cfg.reminderMinutes * MINUTE;
      let n = 0;
      const due = d.mail.reminderCandidates(now + lead, now - DAY).filter((r) => {
        const deadline = noShowDeadline(r, r.kind, d.catalogue.location(r.locationId)!.policy);
        return deadline > now && deadline - lead <= now && r.createdAt < deadline - lead;
      });
      if (due.length === 0) return 0;
      d.uow.run(() => {
        for (const r of due) {
          const v = viewOf(r.id);
          const who = v && person(r.userId);
          if (!v || !who || !who.reminders) continue;
          if (queue('reminder', who.email, { t: 'reminder', lang: who.language, place: place(v), checkInBy: deadlineOf(v) }, { dedupeKey: `reminder:${r.id}` })) n++;
        }
      });
      return n;
    },

    /**
     * Sends what is due, one message at a time; never inside a request. A second call while one
     * runs waits for that one, so no message goes out twice from here.
     */
    deliver(): Promise<{ sent: number; failed: number }> {
      if (!cfg || d.clock.now() < pausedUntil) return Promise.resolve({ sent: 0, failed: 0 });
      if (running) return running;
      transport ??= nodemailer.createTransport({
        url: cfg.smtpUrl,
        connectionTimeout: 15_000,
        greetingTimeout: 15_000,
        socketTimeout: 60_000,
        ...(ca ? { tls: { ca } } : {}),
      });
      running = (async () => {
        let sent = 0;
        let failed = 0;
        for (;;) {
          const batch = d.mail.due(d.clock.now(), BATCH);
          if (batch.length === 0) break;
          let down = false;
          for (const m of batch) {
            const outcome = await sendOne(m);
            if (outcome === 'sent') sent++;
            else failed++;
            if ((down = outcome === 'unreachable')) break;
          }
          // A relay that refuses everything: the failed ones wait their backoff, the rest the next run.
          if (failed > 0 || down) break;
        }
        return { sent, failed };
      })().finally(() => {
        running = null;
      });
      return running;
    },

    /** When the next queued message is due, for the job's timer. */
    nextDue(): number | null {
      const due = cfg ? d.mail.nextDue() : null;
      return due === null ? null : Math.max(due, pausedUntil);
    },

    /** The job's hook: called after a commit that queued mail. */
    onQueued(fn: (() => void) | null): void {
      wake = fn;
    },

    /** Sent mail older than a week goes; the admin's figures look at the last days only. */
    purgeSent(): number {
      return d.uow.run(() => d.mail.purgeSent(d.clock.now() - KEEP_SENT));
    },

    preferences(userId: number): MailPreferences {
      const p = d.mail.recipient(userId)!;
      return { language: p.language, confirmations: p.confirmations, reminders: p.reminders };
    },

    setPreferences(userId: number, p: MailPreferences): MailPreferences {
      d.uow.run(() => {
        d.mail.setPreferences(userId, p);
        d.audit.record({ actor: `u:${userId}`, action: 'me.mail', object: `user:${userId}`, result: 'ok', details: { ...p } }, d.clock.now());
      });
      return p;
    },

    /** For admins: whether mail is on, the queue, and the latest failures. */
    status(): { enabled: boolean; counts: { queued: number; sent: number; failed: number }; failures: MailFailure[] } {
      return { enabled: cfg !== null, counts: d.mail.counts(), failures: d.mail.failures(20) };
    },

    /** An admin sends a given-up message once more (after fixing the relay or the address). */
    retry(id: number): void {
      if (!d.uow.run(() => d.mail.requeue(id, d.clock.now()))) throw new DomainError('not_found', 'no such failed mail');
      d.afterCommit(() => wake?.());
    },
  };
}

export type MailService = ReturnType<typeof createMailService>;
/** What the reservation use cases tell the mail, inside their unit of work. */
export type ReservationMail = Pick<MailService, 'reservationConfirmed' | 'reservationCancelled' | 'teamReserved'>;
/** What the guest use cases tell the mail, inside their unit of work. */
export type GuestMail = Pick<MailService, 'guestInvited' | 'guestArrived'>;

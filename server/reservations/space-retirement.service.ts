import { DomainError } from '../../shared/errors.js';
import type { AuditStore } from '../audit/audit.store.js';
import type { Clock } from '../clock.js';
import type { UnitOfWork } from '../db/unit-of-work.js';
import type { ReservationView } from '../domain.js';
import { publish, viewOf, type Settling } from './reservation.steps.js';

interface Deps extends Settling {
  /** Runs the writes inside the caller's unit of work (a route's write(), a job's), never a nested one. */
  uow: UnitOfWork;
  audit: AuditStore;
  clock: Clock;
}

/** Taking a space out of use without losing its history. */
export function createSpaceRetirement(d: Deps) {
  return {
    /**
     * Retires a space: it keeps its history, takes no new reservations, and its bookings that
     * have not started are cancelled. Returns them, so their owners can be told.
     */
    retireSpace(spaceId: number, actor: string, origin: string | null): ReservationView[] {
      const now = d.clock.now();
      const space = d.catalogue.space(spaceId);
      if (!space) throw new DomainError('not_found', 'no such space');
      const cancelled = d.uow.run(() => {
        d.catalogue.retire(spaceId);
        const future = d.reservations.futureOnSpace(spaceId, now);
        for (const r of future) if (d.reservations.transition(r.id, 'booked', 'cancelled', { endedAt: now })) d.mail.reservationCancelled(r.id, 'retired');
        d.audit.record({ actor, action: 'admin.space.retire', object: `space:${spaceId}`, result: 'ok', origin, details: { cancelled: future.length } }, now);
        return future.map((r) => r.id);
      });
      const views = cancelled.map((id) => viewOf(d, id));
      for (const v of views) publish(d, v, 'cancelled');
      return views;
    },
  };
}

export type SpaceRetirement = ReturnType<typeof createSpaceRetirement>;

import { isStorageFailure, logStorageFailure } from '../db/storage-failure.js';
import type { Services } from '../app.deps.js';
import { log } from '../log.js';

const DAY = 86_400_000;

export interface Jobs {
  stop(): void;
}

/**
 * The periodic jobs. Each run reads its state from the database, so a missed or repeated run
 * after a restart does no harm; a failing run is logged and the next one tries again.
 */
export function startJobs(s: Services): Jobs {
  const run = (name: string, job: () => void) => () => {
    try {
      job();
    } catch (err) {
      if (isStorageFailure(err)) logStorageFailure(err, `job ${name}`);
      else log.error({ err, job: name }, `job ${name} failed`);
    }
  };
  // The sweep runs every PLEK_SWEEP_SECONDS and, besides, at the next due deadline, so a
  // no-show is announced on the event streams within a second of its deadline.
  let sweepTimer: NodeJS.Timeout | undefined;
  let stopped = false;
  const sweep = () => {
    run('no-show sweep', () => {
      s.reservations.sweep();
      s.sweepDone(s.clock.now());
    })();
    run('team hold release', () => s.reservations.releaseHolds())();
    run('mail reminders', () => s.mail.queueReminders())();
    if (stopped) return;
    const now = s.clock.now();
    let due: number | null = null;
    run('no-show schedule', () => (due = s.reservations.nextDue(now + s.config.sweepMs)))();
    const wait = due === null ? s.config.sweepMs : Math.max(0, (due as number) - now) + 50;
    sweepTimer = setTimeout(sweep, Math.min(wait, s.config.sweepMs));
    sweepTimer.unref();
  };
  const housekeeping = run('housekeeping', () => {
    s.auth.purgeExpiredSessions();
    s.idempotency.purgeBefore(s.clock.now() - 7 * DAY); // replays come within days, not weeks
    s.guests.checkOutStale(); // a guest nobody checked out leaves at the end of the visit day
    s.guests.purge(); // guest data older than each location's retention, unrecoverably
    s.mail.purgeSent();
    // Dates of a series beyond daysAhead, booked as they come within reach (an hour after midnight at most).
    s.series.bookDue().catch((err) => (isStorageFailure(err) ? logStorageFailure(err, 'job series') : log.error({ err, job: 'series' }, 'job series failed')));
  });
  // Mail: sent outside any request, at once after a commit that queued some, else when the
  // next retry is due (at least every minute, so mail queued by another path is never stuck).
  let mailTimer: NodeJS.Timeout | undefined;
  const deliver = (): void => {
    clearTimeout(mailTimer);
    mailTimer = undefined;
    if (stopped) return;
    s.mail
      .deliver()
      .catch((err) => (isStorageFailure(err) ? logStorageFailure(err, 'job mail') : log.error({ err, job: 'mail' }, 'job mail failed')))
      .finally(() => {
        if (stopped || mailTimer) return;
        let due: number | null = null;
        run('mail schedule', () => (due = s.mail.nextDue()))();
        const wait = due === null ? 60_000 : Math.max(0, (due as number) - s.clock.now()) + 50;
        mailTimer = setTimeout(deliver, Math.min(wait, 60_000));
        mailTimer.unref();
      });
  };
  if (s.mail.enabled) {
    s.mail.onQueued(() => setImmediate(deliver));
    deliver();
  }
  sweep();
  housekeeping();
  const hourly = setInterval(housekeeping, 60 * 60_000);
  hourly.unref();
  return {
    stop: () => {
      stopped = true;
      s.mail.onQueued(null);
      clearTimeout(mailTimer);
      clearTimeout(sweepTimer);
      clearInterval(hourly);
    },
  };
}

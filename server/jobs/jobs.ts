import type { Services } from '../app.deps.js';

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
      console.error(`plek: job ${name} failed:`, err);
    }
  };
  const sweep = run('no-show sweep', () => s.reservations.sweep());
  const housekeeping = run('housekeeping', () => {
    s.auth.purgeExpiredSessions();
    s.idempotency.purgeBefore(s.clock.now() - 7 * DAY); // replays come within days, not weeks
  });
  sweep();
  housekeeping();
  const timers = [setInterval(sweep, s.config.sweepMs), setInterval(housekeeping, 60 * 60_000)];
  for (const t of timers) t.unref();
  return { stop: () => timers.forEach(clearInterval) };
}

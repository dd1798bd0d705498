/**
 * The outbox: every mutation is written here first, then sent in order. An entry leaves only
 * when the server has answered: success, or a definitive refusal that is kept to be shown.
 * No answer (offline, server down, signed out) stops the run; the next run resumes there.
 * Runs in the page and in the service worker's sync event; a Web Lock keeps two runs (two
 * tabs, or tab and worker) from sending the same entry at once, and the Idempotency-Key makes
 * even that harmless.
 */
import { createApiClient, type ApiResult } from '../shared/api-client.js';
import type { ReservationDto } from '../shared/api.js';
import { database, type OutboxEntry, type Refusal } from './db.js';

export const OUTBOX_CHANGED = 'plek-outbox-changed';
const api = createApiClient();

/** Writes the entry durably and returns it with its sequence number. */
export async function enqueue(entry: Omit<OutboxEntry, 'key' | 'createdAt' | 'seq'>): Promise<OutboxEntry> {
  const full: OutboxEntry = { ...entry, key: crypto.randomUUID(), createdAt: Date.now() };
  const seq = await (await database()).add('outbox', full);
  return { ...full, seq };
}

export async function pending(): Promise<OutboxEntry[]> {
  return (await database()).getAll('outbox');
}

export async function refusals(): Promise<Refusal[]> {
  return (await database()).getAll('refusals');
}

export async function dismissRefusal(id: number): Promise<void> {
  await (await database()).delete('refusals', id);
}

export interface FlushReport {
  sent: { entry: OutboxEntry; result: ApiResult<ReservationDto> }[];
  refused: Refusal[];
  /** Why the run stopped early, if it did ('held': the next entry waits for its undo time). */
  stopped?: 'network' | 'unauthenticated' | 'server' | 'held';
}

/**
 * Reports of the callers now waiting in this page: every run adds what it settles to each, so
 * a caller whose entry another run sent (a flush started when the network came back) still
 * hears its answer instead of taking it for queued.
 */
const watchers = new Set<FlushReport>();

/** Sends the outbox in order, once at a time across tabs and the service worker. */
export async function flush(): Promise<FlushReport> {
  return watched(() => send());
}

/**
 * Queues `entry` and sends the outbox: the report holds this entry's answer if it got one.
 * An entry with `holdUntil` waits for that instant first (or until it is withdrawn or hurried),
 * and so does one queued behind it; `waiting` hears of such a wait once the entry is stored, so
 * the screen can show it pending (and offer the undo).
 */
export async function enqueueAndFlush(
  entry: Omit<OutboxEntry, 'key' | 'createdAt' | 'seq'>,
  waiting?: (entry: OutboxEntry) => void,
): Promise<{ entry: OutboxEntry; report: FlushReport; withdrawn: boolean }> {
  let stored: OutboxEntry | undefined;
  const report = await watched(async () => {
    stored = await enqueue(entry);
    if (stored.holdUntil) waiting?.(stored);
    let report = await send(); // a held entry stops the run: what was queued before it goes now
    for (let told = !!stored.holdUntil; ; told = true) {
      // Its own hold, or the last of the holds before it; none left when it was sent or withdrawn.
      const ahead = (await pending()).filter((e) => e.seq! <= stored!.seq!);
      if (report.stopped !== 'held' || !ahead.some((e) => e.key === stored!.key)) return report;
      if (!told) waiting?.(stored);
      await holdsOver(Math.max(0, ...ahead.map((e) => e.holdUntil ?? 0)));
      report = await send();
    }
  });
  return { entry: stored!, report, withdrawn: withdrawnKeys.delete(stored!.key) };
}

/** Resolves at `until`, or earlier on a withdrawal or a hurry. */
function holdsOver(until: number): Promise<void> {
  return new Promise<void>((wake) => {
    const timer = setTimeout(done, Math.max(0, until - Date.now()));
    function done() {
      clearTimeout(timer);
      sleepers.delete(done);
      wake();
    }
    sleepers.add(done);
  });
}

/** Callers waiting out a hold, woken early by a withdrawal or a hurry. */
const sleepers = new Set<() => void>();
const withdrawnKeys = new Set<string>();

/**
 * Takes an unsent entry back (the person's undo). False when it was sent already: under the same
 * lock as a run, so an entry is either withdrawn or sent, never both.
 */
export async function withdraw(key: string): Promise<boolean> {
  const taken = await locked(async () => {
    const db = await database();
    const entry = (await db.getAll('outbox')).find((e) => e.key === key);
    if (!entry) return false;
    await db.delete('outbox', entry.seq!);
    return true;
  });
  if (taken) withdrawnKeys.add(key);
  sleepers.forEach((wake) => wake());
  return taken;
}

/** Ends every hold now (the person leaves the app, so the undo is moot): held entries go with the next run. */
export async function hurry(): Promise<void> {
  await locked(async () => {
    const db = await database();
    for (const e of await db.getAll('outbox')) if (e.holdUntil) await db.put('outbox', { ...e, holdUntil: 0 });
  });
  sleepers.forEach((wake) => wake());
}

function locked<T>(work: () => Promise<T>): Promise<T> {
  const locks = (globalThis.navigator as Navigator | undefined)?.locks;
  return locks ? (locks.request('plek-outbox', work) as Promise<T>) : work();
}

async function watched(work: () => Promise<FlushReport>): Promise<FlushReport> {
  const seen: FlushReport = { sent: [], refused: [] };
  watchers.add(seen);
  try {
    const own = await work();
    return { ...seen, ...(own.stopped ? { stopped: own.stopped } : {}) };
  } finally {
    watchers.delete(seen);
  }
}

async function send(): Promise<FlushReport> {
  const report = await locked(run);
  if (report.sent.length > 0 || report.refused.length > 0) {
    new BroadcastChannel(OUTBOX_CHANGED).postMessage({ sent: report.sent.length, refused: report.refused.length });
  }
  return report;
}

async function run(): Promise<FlushReport> {
  const db = await database();
  const report: FlushReport = { sent: [], refused: [] };
  for (;;) {
    const cursor = await db.transaction('outbox').store.openCursor();
    if (!cursor) return report;
    const entry = cursor.value;
    // In order: what was queued after a held entry may depend on it (a new desk after a cancel).
    if (entry.holdUntil && entry.holdUntil > Date.now()) return { ...report, stopped: 'held' };
    const request = await resolveRef(entry);
    if (!request) {
      // The reservation this acts on was refused: so is this.
      await settle(entry, { code: 'not_found' }, report);
      continue;
    }
    const result = await api.send<ReservationDto>({ ...request, idempotencyKey: entry.key });
    if (result.ok) {
      const tx = db.transaction(['outbox', 'ids'], 'readwrite');
      if (entry.tempId && result.data) await tx.objectStore('ids').put(result.data.id, entry.tempId);
      await tx.objectStore('outbox').delete(entry.seq!);
      await tx.done;
      const sent = { entry, result };
      report.sent.push(sent);
      for (const w of watchers) w.sent.push(sent);
      continue;
    }
    if (result.code === 'network') return { ...report, stopped: 'network' };
    if (result.status === 401) return { ...report, stopped: 'unauthenticated' };
    if (result.status >= 500 || result.status === 429) return { ...report, stopped: 'server' };
    await settle(entry, { code: result.code, details: result.details }, report);
  }
}

async function settle(entry: OutboxEntry, error: { code: string; details?: Refusal['details'] }, report: FlushReport): Promise<void> {
  const db = await database();
  const tx = db.transaction(['outbox', 'refusals'], 'readwrite');
  const refusal: Refusal = { entry, code: error.code, details: error.details, at: Date.now() };
  refusal.id = (await tx.objectStore('refusals').add(refusal)) as number;
  await tx.objectStore('outbox').delete(entry.seq!);
  await tx.done;
  report.refused.push(refusal);
  for (const w of watchers) w.refused.push(refusal);
}

/** Replaces the tempId of a reservation made offline by its server id, once it has one. */
async function resolveRef(entry: OutboxEntry) {
  if (!entry.ref) return entry.request;
  const id = await (await database()).get('ids', entry.ref);
  if (id === undefined) return null;
  return { ...entry.request, path: entry.request.path.replace(entry.ref, String(id)) };
}

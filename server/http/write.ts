import type { Context } from 'hono';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import { DomainError } from '../../shared/errors.js';
import { idempotencyKey } from '../../shared/schemas.js';
import type { Clock } from '../clock.js';
import type { UnitOfWork } from '../db/unit-of-work.js';
import { sha256 } from '../security.js';
import { domainErrorAnswer } from './errors.js';
import type { IdempotencyStore } from './idempotency.store.js';
import type { AppContext } from './context.js';
import { parse } from './validate.js';

/** What a write answers: a JSON body with its status, or no body (204). */
export interface Answer {
  status: ContentfulStatusCode | 204;
  body: unknown;
}

interface Deps {
  uow: UnitOfWork;
  idempotency: IdempotencyStore;
  clock: Clock;
}

/** Whose keys these are: the signed-in person (`u:<id>`) or the paired kiosk (`k:<id>`). */
export function callerOf(c: AppContext): string {
  const kiosk = c.get('kiosk');
  const actor = c.get('actor');
  if (actor) return `u:${actor.id}`;
  if (kiosk) return `k:${kiosk.id}`;
  throw new DomainError('unauthenticated', 'not signed in');
}

/**
 * The one way a route changes data. `run` is the synchronous mutation (validation and anything
 * async, such as password hashing, happen before); it runs in the next group commit
 * (WriteBatcher), in one transaction that also checks and stores the `Idempotency-Key` of the
 * caller, so a replay after a lost answer (the phone's outbox resending) gets the first answer
 * back, success or definitive refusal, with `Idempotent-Replayed: true`, and changes nothing.
 * The same key with another request is refused (422 idempotency_key_reused).
 *
 * A domain refusal is an answer, not a failure of the transaction: services refuse before they
 * write, or after writing only what stands anyway (the audit entry of a refused pass, a due
 * no-show written down on the way), and that is committed as it would be without a key, with
 * the refusal stored for the key. Anything else rolls back everything, key included, so a
 * retry runs again. Events wait for the outermost commit (afterCommit).
 */
export function write(d: Deps, c: Context, actor: string, request: unknown, run: () => Answer): Promise<Response> {
  const header = c.req.header('idempotency-key');
  const key = header === undefined ? undefined : parse(idempotencyKey, header);
  const requestHash = key === undefined ? '' : sha256(JSON.stringify([c.req.method, c.req.path, request]));
  const uow = d.uow;
  return uow.schedule(() => {
    const result = uow.run((): { answer: Answer; replayed: boolean } => {
      if (key === undefined) return { answer: runCatchingRefusal(run), replayed: false };
      const stored = d.idempotency.get(actor, key);
      if (stored) {
        if (stored.requestHash !== requestHash) {
          throw new DomainError('idempotency_key_reused', 'this Idempotency-Key was used for another request');
        }
        return { answer: { status: stored.status as Answer['status'], body: JSON.parse(stored.body) }, replayed: true };
      }
      const answer = runCatchingRefusal(run);
      // "Try again later" is no definitive answer: stored, the outbox's resend would hear it forever.
      if (answer.status === 429 || answer.status >= 500) return { answer, replayed: false };
      d.idempotency.put(actor, key, { requestHash, status: answer.status, body: JSON.stringify(answer.body ?? null) }, d.clock.now());
      return { answer, replayed: false };
    });
    if (result.replayed) c.header('Idempotent-Replayed', 'true');
    return send(c, result.answer);
  });
}

function runCatchingRefusal(run: () => Answer): Answer {
  try {
    return run();
  } catch (err) {
    if (!(err instanceof DomainError)) throw err;
    return domainErrorAnswer(err);
  }
}

function send(c: Context, a: Answer): Response {
  if (a.status === 204) return c.body(null, 204);
  return c.json(a.body as object, a.status);
}

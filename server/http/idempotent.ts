import type { Context } from 'hono';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import { DomainError, errorStatus, type ErrorBody } from '../../shared/errors.js';
import { idempotencyKey } from '../../shared/schemas.js';
import type { Clock } from '../clock.js';
import { immediate, type Db } from '../db/database.js';
import type { WriteBatcher } from '../db/write-batch.js';
import { sha256 } from '../security.js';
import type { IdempotencyStore } from './idempotency.store.js';
import { parse } from './validate.js';

export interface Answer {
  status: ContentfulStatusCode;
  body: unknown;
}

interface Deps {
  db: Db;
  idempotency: IdempotencyStore;
  clock: Clock;
  writes: WriteBatcher;
}

/**
 * Runs a mutation at most once per `Idempotency-Key` and caller. The stored answer and the
 * mutation commit in one transaction, so a replay after a lost answer (the phone's outbox
 * resending) gets the first answer back, success or definitive refusal, and changes nothing.
 * Runs in the next group commit (WriteBatcher): the answer comes once it is stored.
 */
export function idempotent(d: Deps, c: Context, actor: string, request: unknown, run: () => Answer): Promise<Response> {
  const header = c.req.header('idempotency-key');
  // A refusal is an answer, not a failure of the batch: what the mutation wrote outside its
  // own transaction (an audit entry of a refused pass) stays, as it would on its own.
  if (header === undefined) return d.writes.run(() => send(c, runCatchingRefusal(run)));
  const key = parse(idempotencyKey, header);
  const requestHash = sha256(JSON.stringify([c.req.method, c.req.path, request]));
  return d.writes.run(() => {
    const result = immediate(d.db, (): { answer: Answer; replayed: boolean } => {
      const stored = d.idempotency.get(actor, key);
      if (stored) {
        if (stored.requestHash !== requestHash) {
          throw new DomainError('idempotency_key_reused', 'this Idempotency-Key was used for another request');
        }
        return { answer: { status: stored.status as ContentfulStatusCode, body: JSON.parse(stored.body) }, replayed: true };
      }
      const answer = runCatchingRefusal(run);
      d.idempotency.put(actor, key, { requestHash, status: answer.status, body: JSON.stringify(answer.body) }, d.clock.now());
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
    const body: ErrorBody = { error: { code: err.code, message: err.message, ...(err.details === undefined ? {} : { details: err.details }) } };
    return { status: errorStatus[err.code] as ContentfulStatusCode, body };
  }
}

function send(c: Context, a: Answer): Response {
  return c.json(a.body as object, a.status);
}

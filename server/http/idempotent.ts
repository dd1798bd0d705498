import type { Context } from 'hono';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import { DomainError, errorStatus, type ErrorBody } from '../../shared/errors.js';
import { idempotencyKey } from '../../shared/schemas.js';
import type { Clock } from '../clock.js';
import type { Db } from '../db/database.js';
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
}

/**
 * Runs a mutation at most once per `Idempotency-Key` and caller. The stored answer and the
 * mutation commit in one transaction, so a replay after a lost answer (the phone's outbox
 * resending) gets the first answer back, success or definitive refusal, and changes nothing.
 */
export function idempotent(d: Deps, c: Context, actor: string, request: unknown, run: () => Answer): Response {
  const header = c.req.header('idempotency-key');
  if (header === undefined) return send(c, run());
  const key = parse(idempotencyKey, header);
  const requestHash = sha256(JSON.stringify([c.req.method, c.req.path, request]));
  const result = d.db
    .transaction((): { answer: Answer; replayed: boolean } => {
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
    })
    .immediate();
  if (result.replayed) c.header('Idempotent-Replayed', 'true');
  return send(c, result.answer);
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

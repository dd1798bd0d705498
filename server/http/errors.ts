import type { Context } from 'hono';
import { HTTPException } from 'hono/http-exception';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import { z } from 'zod';
import { DomainError, errorStatus, type ErrorBody, type ErrorCode } from '../../shared/errors.js';
import { isStorageFailure, logStorageFailure } from '../db/storage-failure.js';
import { log } from '../log.js';

/** The status and body of an error in the one shape every client understands. */
export function errorAnswer(code: ErrorCode, message?: string, details?: unknown): { status: ContentfulStatusCode; body: ErrorBody } {
  const body: ErrorBody = { error: { code, message: message ?? code, ...(details === undefined ? {} : { details }) } };
  return { status: errorStatus[code] as ContentfulStatusCode, body };
}

/** A domain error as its answer: the one mapping, used by `app.onError` and by `write()`, which stores refusals. */
export function domainErrorAnswer(err: DomainError): { status: ContentfulStatusCode; body: ErrorBody } {
  return errorAnswer(err.code, err.message, err.details);
}

/** An error answer in the one shape every client understands. */
export function errorResponse(c: Context, code: ErrorCode, message?: string, details?: unknown): Response {
  const a = errorAnswer(code, message, details);
  return c.json(a.body, a.status);
}

/**
 * Turns a zod failure into short, path-labelled problems: `message` for a client developer,
 * `code` (zod's issue code: too_small, too_big, invalid_type, invalid_format, ...) with the
 * bound it broke for the apps to say beside the field in the person's language.
 */
export function zodDetails(err: z.ZodError): { path: string; code: string; message: string; minimum?: number; maximum?: number }[] {
  return err.issues.map((i) => ({
    path: i.path.join('.'),
    code: i.code,
    message: i.message,
    ...(i.code === 'too_small' && typeof i.minimum === 'number' ? { minimum: i.minimum } : {}),
    ...(i.code === 'too_big' && typeof i.maximum === 'number' ? { maximum: i.maximum } : {}),
  }));
}

/** `app.onError`: expected failures become their catalogue code; anything else is a logged 500. */
export function handleError(err: Error, c: Context): Response {
  if (err instanceof DomainError) {
    const a = domainErrorAnswer(err);
    return c.json(a.body, a.status);
  }
  if (err instanceof z.ZodError) return errorResponse(c, 'invalid_input', 'invalid input', zodDetails(err));
  if (err instanceof HTTPException && err.status === 413) return errorResponse(c, 'payload_too_large', 'request body too large');
  if (err instanceof HTTPException && err.status < 500) return errorResponse(c, 'invalid_input', err.message || 'bad request');
  if (isStorageFailure(err)) {
    logStorageFailure(err, `${c.req.method} ${c.req.path}`);
    c.header('Retry-After', '30');
    return errorResponse(c, 'storage_unavailable', 'storage unavailable; nothing was changed');
  }
  log.error({ err, method: c.req.method, path: c.req.path }, 'unexpected error');
  return errorResponse(c, 'internal', 'internal error');
}

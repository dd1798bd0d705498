import type { Context } from 'hono';
import type { z } from 'zod';
import { DomainError } from '../../shared/errors.js';
import { zodDetails } from './errors.js';

/** Reads and validates a JSON body: malformed JSON and schema failures are 400s with a code. */
export async function jsonBody<S extends z.ZodType>(c: Context, schema: S): Promise<z.infer<S>> {
  const raw = await c.req.text();
  let value: unknown;
  try {
    value = raw.length === 0 ? {} : JSON.parse(raw);
  } catch {
    throw new DomainError('malformed_json', 'the request body is not valid JSON');
  }
  return parse(schema, value);
}

/** Validates query parameters (all strings) against a schema. */
export function query<S extends z.ZodType>(c: Context, schema: S): z.infer<S> {
  return parse(schema, c.req.query());
}

/** Validates path parameters. An id that is not a number is simply not found. */
export function params<S extends z.ZodType>(c: Context, schema: S): z.infer<S> {
  const result = schema.safeParse(c.req.param());
  if (!result.success) throw new DomainError('not_found', 'not found');
  return result.data;
}

export function parse<S extends z.ZodType>(schema: S, value: unknown): z.infer<S> {
  const result = schema.safeParse(value);
  if (!result.success) throw new DomainError('invalid_input', 'invalid input', zodDetails(result.error));
  return result.data;
}

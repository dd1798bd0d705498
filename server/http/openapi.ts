import { z } from 'zod';

/** How one route is documented in /api/v1/openapi.json. */
export interface RouteDoc {
  method: 'get' | 'post' | 'put' | 'patch' | 'delete';
  /** Hono path syntax (`/api/v1/reservations/:id`); converted to OpenAPI's `{id}`. */
  path: string;
  summary: string;
  /** Who may call it: 'public', 'signed-in', or the roles (admin always may). */
  access: 'public' | 'signed-in' | string[];
  body?: z.ZodType;
  query?: z.ZodType;
  /** Status codes and what they mean, besides the generic 400/401/403/413/429. */
  responses: Record<number, string>;
  /**
   * Every write (POST, PUT, PATCH, DELETE) goes through `write()` and takes an Idempotency-Key;
   * `false` marks the few that do not by design (sign-in, sign-out, kiosk pairing).
   */
  idempotent?: false;
}

/** Builds the OpenAPI 3.1 document from the routes' own docs and zod schemas. */
export function openApiDocument(docs: RouteDoc[]): object {
  const paths: Record<string, Record<string, unknown>> = {};
  for (const doc of docs) {
    const path = doc.path.replace(/:(\w+)/g, '{$1}');
    const parameters: unknown[] = [...doc.path.matchAll(/:(\w+)/g)].map((m) => ({
      name: m[1],
      in: 'path',
      required: true,
      schema: { type: 'integer' },
    }));
    if (doc.query) {
      const schema = z.toJSONSchema(doc.query, { io: 'input', unrepresentable: 'any' }) as {
        properties?: Record<string, unknown>;
        required?: string[];
      };
      for (const [name, s] of Object.entries(schema.properties ?? {})) {
        parameters.push({ name, in: 'query', required: schema.required?.includes(name) ?? false, schema: s });
      }
    }
    if (doc.method !== 'get' && doc.idempotent !== false) {
      parameters.push({ name: 'Idempotency-Key', in: 'header', required: false, schema: { type: 'string', format: 'uuid' } });
    }
    const responses: Record<string, unknown> = {};
    for (const [status, description] of Object.entries(doc.responses)) responses[status] = { description };
    for (const [status, description] of Object.entries(generic)) responses[status] ??= { description };
    paths[path] ??= {};
    paths[path][doc.method] = {
      summary: doc.summary,
      'x-access': doc.access,
      parameters,
      ...(doc.body
        ? {
            requestBody: {
              required: true,
              content: { 'application/json': { schema: z.toJSONSchema(doc.body, { io: 'input', unrepresentable: 'any' }) } },
            },
          }
        : {}),
      responses,
    };
  }
  return {
    openapi: '3.1.0',
    info: { title: 'Plek API', version: '1', description: 'Reservations of desks and rooms. Errors: {error:{code,message,details?}}.' },
    components: { securitySchemes: { session: { type: 'apiKey', in: 'cookie', name: 'plek_session' } } },
    security: [{ session: [] }],
    paths,
  };
}

const generic = {
  400: 'invalid input (code invalid_input or malformed_json)',
  401: 'not signed in (unauthenticated)',
  403: 'not allowed (forbidden, cross_origin)',
  413: 'body too large (payload_too_large)',
};

import { z } from 'zod';
import * as answerSchemas from '../../shared/answers.js';
import { errorStatus, type ErrorCode } from '../../shared/errors.js';

/** How one route is documented in /api/v1/openapi.json. */
export interface RouteDoc {
  method: 'get' | 'post' | 'put' | 'patch' | 'delete';
  /** Hono path syntax (`/api/v1/reservations/:id`); converted to OpenAPI's `{id}`. */
  path: string;
  /**
   * The name a generated client gives the call. Derived from method and path when left out
   * (`get /api/v1/reservations/:id` is `getReservationsById`); set it only to keep a name stable
   * when a path changes.
   */
  operationId?: string;
  summary: string;
  /** Who may call it: 'public', 'signed-in', or the roles (admin always may). */
  access: 'public' | 'signed-in' | string[];
  /** A paired kiosk of the location may call it too (its credential instead of a session). */
  kiosk?: true;
  body?: z.ZodType;
  query?: z.ZodType;
  /** The path parameters, when not the usual ones (`id`, `userId`: integers; `date`: a date). */
  params?: z.ZodType;
  /**
   * Status codes and what they mean, besides the generic 400/401/403/413/415/429/503. An error
   * status names its codes (`409: 'conflict, limit_reached'`): the document's error body for it
   * allows those codes and no others.
   */
  responses: Record<number, string>;
  /** The JSON body of the success answers (every 2xx but 204), or one schema per status. */
  answer?: z.ZodType | Partial<Record<number, z.ZodType>>;
  /** The media type of a success answer that is not JSON (`text/csv`, `text/calendar`). */
  produces?: string | string[];
  /**
   * Every write (POST, PUT, PATCH, DELETE) goes through `write()` and takes an Idempotency-Key;
   * `false` marks the few that do not by design (sign-in, sign-out, kiosk pairing).
   */
  idempotent?: false;
}

/** The usual path parameters, by name. */
const pathParams: Record<string, object> = {
  id: { type: 'integer', minimum: 1 },
  userId: { type: 'integer', minimum: 1 },
  date: { type: 'string', format: 'date' },
};

/** `get /api/v1/admin/locations/:id/spaces.csv` → `getAdminLocationsByIdSpacesCsv`. */
export function operationIdOf(doc: Pick<RouteDoc, 'method' | 'path' | 'operationId'>): string {
  if (doc.operationId) return doc.operationId;
  const words = doc.path
    .replace(/^\/api\/v1/, '')
    .split(/[/.-]/)
    .filter(Boolean)
    .map((w) => (w.startsWith(':') ? `by-${w.slice(1)}` : w));
  const pascal = words.flatMap((w) => w.split('-')).map((w) => w[0]!.toUpperCase() + w.slice(1));
  return doc.method + pascal.join('');
}

const writes = new Set(['post', 'put', 'patch', 'delete']);

/**
 * The codes an error answer may carry besides those the route names: the middleware's and the
 * validation's, which every route of that kind can give.
 */
function genericErrors(doc: RouteDoc): Partial<Record<number, ErrorCode[]>> {
  // /healthz and /metrics are outside the API's middleware: only what they document.
  if (!doc.path.startsWith('/api/v1/')) return {};
  const write = writes.has(doc.method);
  const generic: Partial<Record<number, ErrorCode[]>> = {
    // Path parameters and queries are validated too; a body may be malformed.
    400: doc.body ? ['invalid_input', 'malformed_json'] : ['invalid_input'],
    403: write ? ['forbidden', 'cross_origin'] : ['forbidden'],
    // A database that cannot be written (disk full, read-only) refuses the write as a whole.
    503: ['storage_unavailable'],
    // A bug: never with a stack trace, always this body.
    500: ['internal'],
  };
  if (doc.access !== 'public') generic[401] = ['unauthenticated'];
  if (write) generic[413] = ['payload_too_large'];
  // Any write with a body other than JSON (a form, text) is refused before it is read.
  if (write) generic[415] = ['unsupported_media_type'];
  if (write && doc.idempotent !== false) generic[422] = ['idempotency_key_reused'];
  // An unknown id, a retired location, someone else's object.
  if (/:\w+/.test(doc.path)) generic[404] = ['not_found'];
  return generic;
}

const statusText: Record<number, string> = {
  400: 'invalid input',
  401: 'not signed in',
  403: 'not allowed',
  404: 'not found',
  413: 'body too large',
  415: 'the body is not JSON',
  422: 'refused',
  429: 'too many attempts',
  500: 'internal error',
  503: 'storage unavailable; nothing was changed',
};

export interface OpenApiOptions {
  /** PLEK_PUBLIC_URL: the server clients are generated for; without it, relative to the document. */
  publicUrl: string | null;
}

/** Builds the OpenAPI 3.1 document from the routes' own docs and zod schemas. */
export function openApiDocument(docs: RouteDoc[], options: OpenApiOptions = { publicUrl: null }): object {
  const paths: Record<string, Record<string, unknown>> = {};
  // Answers are components, so a client has one type per DTO: a schema with an id in the
  // registry (`.meta({ id })`) keeps it, an unnamed one is named after its operation.
  const answers = z.registry<{ id?: string }>();
  const names = new Map<z.ZodType, string>();
  const nameOf = (schema: z.ZodType, fallback: string): string => {
    let name = names.get(schema) ?? (z.globalRegistry.get(schema)?.id as string | undefined);
    if (!name) name = fallback;
    if (!names.has(schema)) {
      names.set(schema, name);
      if (!answers.has(schema)) answers.add(schema, { id: name });
    }
    return name;
  };
  const ref = (name: string) => ({ $ref: `#/components/schemas/${name}` });
  // Every named answer schema first, so one inside another is a $ref to its component too.
  for (const schema of Object.values(answerSchemas)) {
    const id = schema instanceof z.ZodType ? (z.globalRegistry.get(schema)?.id as string | undefined) : undefined;
    if (id) nameOf(schema as z.ZodType, id);
  }

  for (const doc of docs) {
    const operationId = operationIdOf(doc);
    const path = doc.path.replace(/:(\w+)/g, '{$1}');
    const named = doc.params ? (z.toJSONSchema(doc.params, { io: 'input', unrepresentable: 'any' }) as { properties?: Record<string, object> }).properties ?? {} : {};
    const parameters: unknown[] = [...doc.path.matchAll(/:(\w+)/g)].map((m) => ({
      name: m[1],
      in: 'path',
      required: true,
      schema: named[m[1]!] ?? pathParams[m[1]!] ?? { type: 'string' },
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
    if (writes.has(doc.method) && doc.idempotent !== false) {
      parameters.push({
        name: 'Idempotency-Key',
        in: 'header',
        required: false,
        description: 'A resend with the same key gets the first answer instead of doing it twice',
        schema: { type: 'string', format: 'uuid' },
      });
    }

    const responses: Record<string, unknown> = {};
    const generic = genericErrors(doc);
    const statuses = new Set([...Object.keys(doc.responses).map(Number), ...Object.keys(generic).map(Number)]);
    for (const status of [...statuses].sort()) {
      const description = doc.responses[status] ?? statusText[status] ?? 'error';
      const own = doc.answer instanceof z.ZodType ? (status < 300 ? doc.answer : undefined) : doc.answer?.[status];
      if (status >= 400 && own) {
        // An error answer of its own shape (/healthz says what is unavailable).
        responses[status] = { description, content: { 'application/json': { schema: ref(nameOf(own, `${pascal(operationId)}${status}Answer`)) } } };
      } else if (status >= 400) {
        // The codes this route names for the status, and those every such route can give.
        const named = (description.match(/[a-z][a-z_]+/g) ?? []).filter((w): w is ErrorCode => Object.hasOwn(errorStatus, w) && errorStatus[w as ErrorCode] === status);
        const codes = [...new Set([...named, ...(generic[status] ?? [])])];
        const allowed = codes.length > 0 ? codes : (Object.keys(errorStatus) as ErrorCode[]).filter((c) => errorStatus[c] === status);
        responses[status] = {
          description,
          content: { 'application/json': { schema: { allOf: [ref('Error'), { type: 'object', properties: { error: { type: 'object', properties: { code: { enum: allowed } } } } }] } } },
        };
      } else if (status === 204 || status === 304 || (status >= 300 && status < 400)) {
        responses[status] = { description };
      } else if (doc.produces) {
        const types = Array.isArray(doc.produces) ? doc.produces : [doc.produces];
        // Text as a string, an image as bytes.
        responses[status] = { description, content: Object.fromEntries(types.map((t) => [t, { schema: t.startsWith('text/') ? { type: 'string' } : { type: 'string', contentMediaType: t } }])) };
      } else {
        // A route without its answer schema yet is still served; openapi.test.ts fails on it.
        if (!own) responses[status] = { description };
        else responses[status] = { description, content: { 'application/json': { schema: ref(nameOf(own, `${pascal(operationId)}${status === 200 ? '' : status}Answer`)) } } };
      }
    }

    const isPublic = doc.access === 'public';
    const kioskOnly = Array.isArray(doc.access) && doc.access.includes('kiosk');
    paths[path] ??= {};
    paths[path][doc.method] = {
      operationId,
      summary: doc.summary.length > 120 ? `${doc.summary.slice(0, doc.summary.lastIndexOf(' ', 117))} …` : doc.summary,
      ...(doc.summary.length > 120 ? { description: doc.summary } : {}),
      tags: [tagOf(doc.path)],
      'x-access': doc.access,
      // A public route needs no credential (the calendar feed's URL is its own).
      ...(isPublic ? { security: [] } : kioskOnly ? { security: [{ kiosk: [] }] } : doc.kiosk ? { security: [{ session: [] }, { kiosk: [] }] } : {}),
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

  const schemas: Record<string, unknown> = {};
  const generated = z.toJSONSchema(answers, { io: 'output', unrepresentable: 'any', uri: (id) => `#/components/schemas/${id}` }) as { schemas: Record<string, Record<string, unknown>> };
  for (const [name, schema] of Object.entries(generated.schemas)) {
    const { $schema: _, $id: __, ...rest } = schema;
    schemas[name] = rest;
  }
  return {
    openapi: '3.1.0',
    info: {
      title: 'Plek API',
      version: '1',
      description: 'Reservations of desks and rooms. Errors: {error:{code,message,details?}}; the codes are those of shared/errors.ts.',
    },
    servers: [options.publicUrl ? { url: options.publicUrl.replace(/\/$/, ''), description: 'PLEK_PUBLIC_URL' } : { url: '/', description: 'where this document was fetched' }],
    tags: [...new Set(docs.map((d) => tagOf(d.path)))].map((name) => ({ name, description: tagDescriptions[name] ?? name })),
    components: {
      securitySchemes: {
        session: { type: 'apiKey', in: 'cookie', name: 'plek_session', description: 'set by /api/v1/auth/login' },
        kiosk: { type: 'apiKey', in: 'cookie', name: 'plek_kiosk', description: 'set by /api/v1/kiosk/pair' },
      },
      schemas,
    },
    security: [{ session: [] }],
    paths,
  };
}

const tagDescriptions: Record<string, string> = {
  auth: 'Signing in and out: password, second factor, identity provider',
  me: 'The signed-in person: settings, pass, mail and calendar subscription',
  locations: 'The catalogue: locations, zones, spaces and the week ahead',
  plans: 'Floor plans',
  availability: 'Which spaces are free when',
  reservations: "The caller's reservations: book, change, check in, release",
  'walk-up': 'Reserve and check in at once from a space label',
  series: 'Recurring reservations',
  admin: 'Administration: people, locations, zones, spaces, plans, kiosks, teams, mail',
  colleagues: 'Where the people of my teams sit',
  kiosk: 'What a paired kiosk or room display does',
  guests: 'Guests a person hosts',
  reception: 'The reception desk: guests of the day, walk-ins, the emergency list',
  notifications: 'What a person is told, read or live',
  ticks: 'Work-place ticks per day',
  hr: 'HR: ticks of every employee',
  reports: 'Occupancy reports (aggregates only)',
  calendar: 'The private iCalendar feed',
  teams: 'Teams, their office days and held desks',
  events: 'Live availability changes (Server-Sent Events)',
  'openapi.json': 'This document',
  ops: 'For the load balancer and Prometheus',
};

const pascal = (name: string) => name[0]!.toUpperCase() + name.slice(1);

/** The first segment after /api/v1 (`reservations`), or `ops` for /healthz and /metrics. */
function tagOf(path: string): string {
  if (!path.startsWith('/api/v1/')) return 'ops';
  return path.slice('/api/v1/'.length).split(/[/.]/)[0]!;
}

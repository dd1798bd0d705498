/**
 * The tests' check of every answer against the OpenAPI document: the in-process client
 * (server/testing.ts) hands each answer it receives to `checkAnswer`, which finds the
 * operation by method and path pattern and validates the JSON body against the schema
 * documented for that status (JSON Schema 2020-12, as OpenAPI 3.1 uses). An undocumented
 * status, media type or shape throws, and so fails the test that received it.
 */
import { Ajv2020 } from 'ajv/dist/2020.js';
import type { ValidateFunction } from 'ajv';
import { routeDocs } from '../app.js';
import { openApiDocument } from './openapi.js';

interface Operation {
  responses: Record<string, { content?: Record<string, { schema: object }> }>;
}
interface Document {
  paths: Record<string, Record<string, Operation>>;
}

export const documented = openApiDocument(routeDocs) as Document;

const ajv = new Ajv2020({ strict: false, allErrors: true });
// The formats the document uses, checked as the API writes them.
ajv.addFormat('date-time', /^\d{4}-\d\d-\d\dT\d\d:\d\d(:\d\d(\.\d+)?)?(Z|[+-]\d\d:\d\d)$/);
ajv.addFormat('date', /^\d{4}-\d\d-\d\d$/);
ajv.addFormat('uuid', /^[0-9a-f-]{36}$/i);
ajv.addSchema(documented as object, 'openapi.json');

/** Each path as a pattern; one with fewer parameters wins (`/teams/mine` before `/teams/{id}`). */
const patterns = Object.keys(documented.paths)
  .map((template) => ({
    template,
    params: (template.match(/\{/g) ?? []).length,
    regex: new RegExp(`^${template.replace(/[.]/g, '\\.').replace(/\{\w+\}/g, '[^/]+')}$`),
  }))
  .sort((a, b) => a.params - b.params);

const validators = new Map<string, ValidateFunction>();
const pointer = (...parts: string[]) => parts.map((p) => p.replace(/~/g, '~0').replace(/\//g, '~1')).join('/');

export function checkAnswer(method: string, url: string, status: number, contentType: string | null, text: string, body: unknown): void {
  const path = url.split('?')[0]!;
  const m = method.toLowerCase();
  const match = patterns.find((p) => p.regex.test(path) && documented.paths[p.template]![m]);
  if (!match) return; // not an operation: an unknown route, the apps' files
  const where = `${method} ${path} (${match.template}) answered ${status}`;
  const response = documented.paths[match.template]![m]!.responses[status];
  if (!response) throw new Error(`${where}, which the OpenAPI document does not list: ${text.slice(0, 300)}`);
  if (!response.content || text === '') {
    if (response.content && status !== 200) throw new Error(`${where} without the documented body`);
    return;
  }
  const type = (contentType ?? '').split(';')[0]!.trim();
  if (!response.content[type]) throw new Error(`${where} as ${type}; documented: ${Object.keys(response.content).join(', ')}`);
  if (type !== 'application/json') return;
  const key = `${match.template} ${m} ${status}`;
  let validate = validators.get(key);
  if (!validate) {
    validate = ajv.compile({ $ref: `openapi.json#/${pointer('paths', match.template, m, 'responses', String(status), 'content', 'application/json', 'schema')}` });
    validators.set(key, validate);
  }
  if (!validate(body)) {
    const errors = (validate.errors ?? []).slice(0, 5).map((e) => `${e.instancePath || '/'} ${e.message}${e.params && 'additionalProperty' in e.params ? ` (${String(e.params.additionalProperty)})` : ''}${e.params && 'allowedValues' in e.params ? ` ${JSON.stringify(e.params.allowedValues)}` : ''}`);
    throw new Error(`${where} not as documented:\n  ${errors.join('\n  ')}\n  body: ${text.slice(0, 400)}`);
  }
}

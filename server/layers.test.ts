import { readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

/**
 * The layering of server/ kept by a test, since nothing else would notice it eroding:
 * http/ is the web layer every resource uses, so it may import no resource folder (its types
 * come from domain.ts), and a service holds rules that must not know about HTTP.
 */

const SERVER = dirname(new URL(import.meta.url).pathname);
/** Folders of server/ that are infrastructure, not a resource. */
const INFRASTRUCTURE = new Set(['http', 'db']);

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return sourceFiles(path);
    return name.endsWith('.ts') ? [path] : [];
  });
}

/** Every module a file imports or re-exports, static or dynamic, as a path relative to server/. */
function importsOf(file: string, text: string): string[] {
  const specifiers = [
    ...text.matchAll(/^\s*(?:import|export)\b[^;'"]*?\bfrom\s*['"]([^'"]+)['"]/gm),
    ...text.matchAll(/^\s*import\s*['"]([^'"]+)['"]/gm),
    ...text.matchAll(/\bimport\(\s*['"]([^'"]+)['"]\s*\)/g),
  ].map((m) => m[1]!);
  return specifiers.filter((s) => s.startsWith('.')).map((s) => relative(SERVER, resolve(dirname(file), s)));
}

/** The rules broken by one file of server/ (`file` relative to server/), given its imports. */
function violations(file: string, imports: string[], resources: Set<string>): string[] {
  const found: string[] = [];
  const top = (path: string) => path.split('/')[0]!;
  for (const target of imports) {
    if (file.startsWith('http/') && resources.has(top(target))) found.push(`${file} imports the resource module ${target}`);
    if (file.endsWith('.service.ts') && top(target) === 'http') found.push(`${file} imports ${target}: a service knows nothing of HTTP`);
  }
  return found;
}

const resources = new Set(
  readdirSync(SERVER).filter((name) => statSync(join(SERVER, name)).isDirectory() && !INFRASTRUCTURE.has(name)),
);

describe('server layers', () => {
  it('http/ imports no resource folder and no service imports http/', () => {
    const broken = sourceFiles(SERVER).flatMap((path) => violations(relative(SERVER, path), importsOf(path, readFileSync(path, 'utf8')), resources));
    expect(broken).toEqual([]);
  });

  it('the check sees imports however they are written', () => {
    const file = join(SERVER, 'http/example.ts');
    const text = [
      "import type { Kiosk } from '../kiosk/kiosk.store.js';",
      'import {',
      '  createX,',
      "} from '../reservations/booking.service.js';",
      "export { y } from '../teams/team.service.js';",
      "const z = await import('../guests/guest.service.js');",
      "import { ok } from './errors.js';",
      "import { Hono } from 'hono';",
    ].join('\n');
    expect(violations('http/example.ts', importsOf(file, text), resources)).toEqual([
      'http/example.ts imports the resource module kiosk/kiosk.store.js',
      'http/example.ts imports the resource module reservations/booking.service.js',
      'http/example.ts imports the resource module teams/team.service.js',
      'http/example.ts imports the resource module guests/guest.service.js',
    ]);
    expect(violations('teams/team.service.ts', importsOf(join(SERVER, 'teams/team.service.ts'), "import type { AppEnv } from '../http/context.js';"), resources)).toEqual([
      'teams/team.service.ts imports http/context.js: a service knows nothing of HTTP',
    ]);
  });
});

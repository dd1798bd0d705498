import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { brotliDecompressSync } from 'node:zlib';
import { afterEach, expect, it } from 'vitest';
import { precompress } from '../scripts/precompress.js';

const dirs: string[] = [];
afterEach(() => dirs.splice(0).forEach((d) => rmSync(d, { recursive: true, force: true })));

/** Runs the plugin's two hooks as Vite does at the end of a build into `outDir`. */
async function runPlugin(root: string, outDir: string) {
  const plugin = precompress();
  (plugin.configResolved as (c: unknown) => void)({ root, build: { outDir } });
  const close = plugin.closeBundle as { handler: () => void | Promise<void> };
  await close.handler();
}

it('writes the .br and .gz beside the files of a build into an absolute --outDir outside the project (it looked for <root>/<outDir> and failed)', async () => {
  const out = mkdtempSync(join(tmpdir(), 'plek-outdir-'));
  dirs.push(out);
  mkdirSync(join(out, 'assets'));
  const script = 'export const a = "' + 'plek '.repeat(200) + '";\n';
  writeFileSync(join(out, 'assets', 'app.js'), script);
  writeFileSync(join(out, 'icon.png'), Buffer.alloc(2000));
  await runPlugin('/work/somewhere-else', out);
  expect(brotliDecompressSync(readFileSync(join(out, 'assets', 'app.js.br'))).toString()).toBe(script);
  expect(existsSync(join(out, 'assets', 'app.js.gz'))).toBe(true);
  expect(existsSync(join(out, 'icon.png.br'))).toBe(false); // images are compressed already
});

it('still finds a relative --outDir (dist-<name>) inside the project', async () => {
  const root = mkdtempSync(join(tmpdir(), 'plek-root-'));
  dirs.push(root);
  mkdirSync(join(root, 'dist-x'));
  writeFileSync(join(root, 'dist-x', 'index.html'), '<!doctype html>' + '<p>plek</p>'.repeat(100));
  await runPlugin(root, 'dist-x');
  expect(existsSync(join(root, 'dist-x', 'index.html.br'))).toBe(true);
});

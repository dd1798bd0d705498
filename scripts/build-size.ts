/**
 * What the first screen of the app downloads: the entry script of dist/pwa/index.html, its
 * static imports and its stylesheet, gzip- and brotli-compressed, as the server sends them.
 */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';

export interface BuildSizes {
  initialJs: { file: string; gzip: number; brotli: number }[];
  initialJsGzip: number;
  /** What a browser that accepts br (all current ones) receives: the build's .br files. */
  initialJsBrotli: number;
  cssGzip: number;
  lazy: { file: string; gzip: number }[];
}

const gz = (file: string) => gzipSync(readFileSync(file), { level: 9 }).length;
// The build writes the .br the server sends (vite.config.ts); an older build has none.
const br = (file: string) =>
  existsSync(file + '.br') ? statSync(file + '.br').size : brotliCompressSync(readFileSync(file), { params: { [constants.BROTLI_PARAM_QUALITY]: 11 } }).length;

export function buildSizes(dist = 'dist'): BuildSizes {
  const html = readFileSync(join(dist, 'pwa/index.html'), 'utf8');
  const entries = [...html.matchAll(/<script[^>]+src="\/(assets\/[^"]+\.js)"/g)].map((m) => m[1]!);
  const css = [...html.matchAll(/<link[^>]+rel="stylesheet"[^>]+href="\/(assets\/[^"]+\.css)"/g)].map((m) => m[1]!);
  // Follow static imports (not import()) from the entries: all of it loads before first paint.
  const initial = new Set<string>();
  const visit = (file: string) => {
    if (initial.has(file)) return;
    initial.add(file);
    const code = readFileSync(join(dist, file), 'utf8');
    for (const m of code.matchAll(/(?:^|[;}\s])import\s*(?:[\w{}\s,*$]+from\s*)?["']\.\/([^"']+\.js)["']/g)) visit(`assets/${m[1]}`);
  };
  entries.forEach(visit);
  const lazy = readdirSync(join(dist, 'assets'))
    .filter((f) => f.endsWith('.js') && !initial.has(`assets/${f}`) && !f.startsWith('kiosk-'))
    .map((f) => ({ file: `assets/${f}`, gzip: gz(join(dist, 'assets', f)) }));
  const initialJs = [...initial].map((file) => ({ file, gzip: gz(join(dist, file)), brotli: br(join(dist, file)) }));
  return {
    initialJs,
    initialJsGzip: initialJs.reduce((a, b) => a + b.gzip, 0),
    initialJsBrotli: initialJs.reduce((a, b) => a + b.brotli, 0),
    cssGzip: css.reduce((a, f) => a + gz(join(dist, f)), 0),
    lazy,
  };
}

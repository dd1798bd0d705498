import { readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';
import type { Plugin } from 'vite';

/** Text files worth compressing; images and icons are compressed already. */
const COMPRESSIBLE = /\.(?:js|css|html|webmanifest|json|svg|txt)$/;

/**
 * Writes a .br and a .gz beside every text file of the build, so the server sends them as they
 * are (server/app.ts) instead of compressing on each request. Brotli at quality 11 is too slow
 * for a request but costs nothing at build time. It runs after vite-plugin-pwa, whose
 * closeBundle writes sw.js, so the service worker is compressed too; the precache manifest
 * names only the originals (its glob ends in .js/.css/.html), so the service worker still
 * fetches /assets/x.js and the browser decodes the Content-Encoding before workbox sees it.
 */
export function precompress(): Plugin {
  let outDir = 'dist';
  const walk = (dir: string): string[] => readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? walk(join(dir, e.name)) : [join(dir, e.name)]));
  return {
    name: 'plek:precompress',
    apply: 'build',
    enforce: 'post',
    configResolved(config) {
      outDir = resolve(config.root, config.build.outDir); // an absolute --outDir stays as given
    },
    closeBundle: {
      sequential: true,
      order: 'post',
      handler() {
        for (const file of walk(outDir)) {
          if (!COMPRESSIBLE.test(file)) continue;
          const data = readFileSync(file);
          const br = brotliCompressSync(data, { params: { [constants.BROTLI_PARAM_QUALITY]: 11, [constants.BROTLI_PARAM_SIZE_HINT]: statSync(file).size } });
          const gz = gzipSync(data, { level: 9 });
          // A sibling that saves nothing is left out: the server then sends the original.
          if (br.length < data.length) writeFileSync(file + '.br', br);
          if (gz.length < data.length) writeFileSync(file + '.gz', gz);
        }
      },
    },
  };
}


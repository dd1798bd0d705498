import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { buildSizes } from '../scripts/build-size.js';

// npm test builds before it tests; these read that build.
describe('the built app', () => {
  it('downloads at most 50 KB of gzipped JavaScript for the first screen', () => {
    const sizes = buildSizes();
    expect(sizes.initialJs.length).toBeGreaterThan(0);
    expect(sizes.initialJsGzip).toBeLessThanOrEqual(50 * 1024);
  });

  it('writes a .br and a .gz beside every script and stylesheet, and the first screen is at most 40 KB of brotli', () => {
    for (const f of readdirSync('dist/assets').filter((f) => /\.(js|css)$/.test(f))) {
      expect(existsSync(`dist/assets/${f}.br`), f).toBe(true);
      expect(existsSync(`dist/assets/${f}.gz`), f).toBe(true);
    }
    for (const f of ['pwa/index.html', 'kiosk/index.html', 'sw.js']) expect(existsSync(`dist/${f}.br`), f).toBe(true);
    expect(buildSizes().initialJsBrotli).toBeLessThanOrEqual(40 * 1024);
  });

  it('keeps the QR scanner (zxing) and the pass QR generator out of the first load, in chunks of their own', () => {
    const { initialJs, lazy } = buildSizes();
    const text = (file: string) => readFileSync(join('dist', file), 'utf8');
    for (const f of initialJs) {
      expect(text(f.file), f.file).not.toContain('BrowserQRCodeReader');
      expect(text(f.file), f.file).not.toContain('toDataURL');
    }
    expect(lazy.some((f) => text(f.file).includes('BrowserQRCodeReader'))).toBe(true);
  });
});

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { makeTestApp, type TestApp } from './testing.js';

let t: TestApp;
beforeAll(async () => {
  if (!existsSync('dist/pwa/index.html')) execFileSync('npx', ['vite', 'build'], { stdio: 'ignore' });
  t = await makeTestApp({ distDir: 'dist' });
});
afterAll(() => t.close());

describe('serving the built apps', () => {
  it('serves the app at /, the kiosk at /kiosk, and the app for a space label URL', async () => {
    const c = t.anonymous();
    const root = await c.get('/');
    expect(root.status).toBe(200);
    expect(root.headers.get('content-type')).toMatch(/text\/html/);
    expect(String(root.body)).toContain('<html lang="nl">');
    const kiosk = await c.get('/kiosk');
    expect(String(kiosk.body)).toContain('Plek kiosk');
    expect(String(root.body)).toContain('/manifest.webmanifest');
    const label = await c.get('/s/HUB-2-014?k=abc');
    expect(label.body).toBe(root.body);
    expect(label.headers.get('content-security-policy')).toContain("script-src 'self'");
  });
});

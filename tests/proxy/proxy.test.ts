/**
 * Plek behind a real TLS-terminating nginx, configured by the shipped deploy/nginx/plek.conf:
 * Chromium signs in, reserves and follows the live streams through it. nginx is Debian's
 * (`.ci/run` installs it); without it this test fails rather than skips, since every municipal
 * deployment looks like this.
 */
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { existsSync, chmodSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { request as httpRequest } from 'node:http';
import { request as httpsRequest } from 'node:https';
import { connect } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MAX_PLAN_BYTES } from '../../shared/schemas.js';
import { freePort, PASSWORD } from '../../server/testing.js';
import { amsterdamDate, launch, signIn, startPlek, type Browser, type Plek } from '../browser/harness.js';
import { scriptsOnTheWire } from '../browser/wire.js';
import { buildSizes } from '../../scripts/build-size.js';

const NAME = 'plek.example';
const SHIPPED = join(import.meta.dirname, '../../deploy/nginx/plek.conf');

function findNginx(): string {
  for (const candidate of ['/usr/sbin/nginx', '/usr/bin/nginx', '/usr/local/sbin/nginx']) if (existsSync(candidate)) return candidate;
  try {
    return execFileSync('sh', ['-c', 'command -v nginx'], { encoding: 'utf8' }).trim();
  } catch {
    throw new Error('nginx not found: install it (apt-get install nginx; .ci/run does)');
  }
}

/** `text` with every `from` replaced; fails when `from` is not there, so a changed shipped file cannot go untested. */
function replace(text: string, from: string, to: string): string {
  if (!text.includes(from)) throw new Error(`deploy/nginx/plek.conf no longer contains ${JSON.stringify(from)}: update this test`);
  return text.split(from).join(to);
}

/** The shipped configuration, on loopback ports, for plek.example, with this test's certificate and Plek. */
function renderShipped(o: { httpPort: number; httpsPort: number; plekPort: number; cert: string; key: string }): string {
  let conf = readFileSync(SHIPPED, 'utf8');
  conf = replace(conf, 'server 127.0.0.1:8080;', `server 127.0.0.1:${o.plekPort};`);
  conf = replace(conf, '    listen [::]:80;\n', '');
  conf = replace(conf, '    listen [::]:443 ssl http2;\n', '');
  conf = replace(conf, 'listen 80;', `listen 127.0.0.1:${o.httpPort};`);
  conf = replace(conf, 'listen 443 ssl http2;', `listen 127.0.0.1:${o.httpsPort} ssl http2;`);
  conf = replace(conf, 'plek.gemeente.nl', NAME);
  conf = replace(conf, '/etc/ssl/plek/fullchain.pem', o.cert);
  conf = replace(conf, '/etc/ssl/plek/privkey.pem', o.key);
  return conf;
}

interface Nginx {
  httpPort: number;
  httpsPort: number;
  cert: string;
  stop(): Promise<void>;
}

/** Starts nginx in the foreground with everything (pid, logs, temp files) in its own folder. */
async function startNginx(o: { httpsPort: number; plekPort: number }): Promise<Nginx> {
  const binary = findNginx();
  const dir = mkdtempSync(join(tmpdir(), 'plek-nginx-'));
  chmodSync(dir, 0o755); // started as root, nginx's workers run as nobody and write temp files here
  const cert = join(dir, 'fullchain.pem');
  const key = join(dir, 'privkey.pem');
  execFileSync('openssl', ['req', '-x509', '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:prime256v1', '-nodes', '-subj', `/CN=${NAME}`, '-addext', `subjectAltName=DNS:${NAME}`, '-days', '1', '-keyout', key, '-out', cert], { stdio: 'pipe' });
  chmodSync(key, 0o600);
  const { httpsPort, plekPort } = o;
  const httpPort = await freePort();
  writeFileSync(join(dir, 'plek.conf'), renderShipped({ httpPort, httpsPort, plekPort, cert, key }));
  // As Debian's /etc/nginx/nginx.conf around sites-enabled/, minus the system paths, with
  // gzip on for text as an admin may well have it: compressing a stream holds its events back
  // until the compressor's buffer fills, so plek.conf must switch it off for the streams.
  writeFileSync(
    join(dir, 'nginx.conf'),
    `worker_processes 1;
pid ${dir}/nginx.pid;
error_log ${dir}/error.log warn;
events { worker_connections 256; }
http {
  access_log ${dir}/access.log;
  client_body_temp_path ${dir}/body;
  proxy_temp_path ${dir}/proxy;
  fastcgi_temp_path ${dir}/fastcgi;
  uwsgi_temp_path ${dir}/uwsgi;
  scgi_temp_path ${dir}/scgi;
  gzip on;
  gzip_types text/plain text/css application/json application/javascript text/event-stream;
  include ${dir}/plek.conf;
}
`,
  );
  const child: ChildProcess = spawn(binary, ['-p', dir, '-e', join(dir, 'error.log'), '-c', join(dir, 'nginx.conf'), '-g', 'daemon off;'], { stdio: ['ignore', 'ignore', 'pipe'] });
  let stderr = '';
  child.stderr!.on('data', (d) => (stderr += d));
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  const log = () => `${stderr}${existsSync(join(dir, 'error.log')) ? readFileSync(join(dir, 'error.log'), 'utf8') : ''}`;

  const deadline = Date.now() + 10_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`nginx exited with ${child.exitCode}: ${log()}`);
    if (await accepts(httpsPort)) break;
    if (Date.now() > deadline) {
      child.kill('SIGKILL');
      throw new Error(`nginx did not listen on ${httpsPort}: ${log()}`);
    }
    await new Promise((r) => setTimeout(r, 50));
  }
  return {
    httpPort,
    httpsPort,
    cert: readFileSync(cert, 'utf8'),
    async stop() {
      if (child.exitCode === null) child.kill('SIGTERM'); // fast shutdown; the workers go with it
      await exited;
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

function accepts(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect(port, '127.0.0.1');
    socket.once('connect', () => {
      socket.destroy();
      resolve(true);
    });
    socket.once('error', () => resolve(false));
  });
}

interface Answer {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: any;
}

/**
 * Another person's client talking HTTPS to nginx, as the browser does: it checks the test's
 * certificate for plek.example and keeps its session cookie.
 */
class ProxyClient {
  cookie: string | null = null;
  constructor(
    private nginx: Nginx,
    private origin: string,
  ) {}

  request(method: string, path: string, body?: unknown, headers: Record<string, string> = {}): Promise<Answer> {
    const payload = body === undefined ? undefined : Buffer.from(typeof body === 'string' ? body : JSON.stringify(body));
    return new Promise((resolve, reject) => {
      const req = httpsRequest(
        {
          host: '127.0.0.1',
          port: this.nginx.httpsPort,
          servername: NAME,
          ca: this.nginx.cert,
          method,
          path,
          headers: {
            host: `${NAME}:${this.nginx.httpsPort}`,
            origin: this.origin,
            ...(payload ? { 'content-type': 'application/json', 'content-length': String(payload.length) } : {}),
            ...(this.cookie ? { cookie: this.cookie } : {}),
            ...headers,
          },
        },
        (res) => {
          const chunks: Buffer[] = [];
          res.on('data', (d: Buffer) => chunks.push(d));
          res.on('end', () => {
            const setCookie = res.headers['set-cookie']?.[0];
            if (setCookie) this.cookie = setCookie.split(';')[0]!;
            const text = Buffer.concat(chunks).toString('utf8');
            let parsed: unknown = text;
            try {
              parsed = JSON.parse(text);
            } catch {
              /* nginx's own pages are HTML */
            }
            resolve({ status: res.statusCode!, headers: res.headers, body: parsed });
          });
        },
      );
      req.once('error', reject);
      req.end(payload);
    });
  }
}

let plek: Plek;
let nginx: Nginx;
let browser: Browser;
let base: string;

beforeAll(async () => {
  // PLEK_PUBLIC_URL names the port the browser uses, so nginx's port is chosen before Plek starts.
  const httpsPort = await freePort();
  base = `https://${NAME}:${httpsPort}`;
  plek = await startPlek({ config: { publicUrl: base, trustProxy: true } });
  nginx = await startNginx({ httpsPort, plekPort: Number(new URL(plek.url).port) });
  // plek.example resolves to nginx on loopback; the certificate is the test's own.
  browser = await launch({ args: ['--ignore-certificate-errors', `--host-resolver-rules=MAP ${NAME} 127.0.0.1`] });
});

afterAll(async () => {
  await browser?.close();
  await nginx?.stop();
  await plek?.stop();
});

interface Seen {
  stream: string;
  type: string;
  data: { spaceId?: number };
  at: number;
}

describe('behind nginx with TLS (deploy/nginx/plek.conf)', () => {
  it('Chromium signs in, reserves, and sees a colleague\'s reservation on the live stream within two seconds; the cookie is Secure and HSTS is sent', async () => {
    const { page, context } = browser;
    const first = await page.goto(`${base}/`);
    expect(first!.status()).toBe(200);
    const hsts = await first!.headerValues('strict-transport-security');
    expect(hsts).toHaveLength(1); // Plek's own, not doubled by nginx
    expect(hsts[0]).toMatch(/^max-age=\d{8,}; includeSubDomains$/);

    await signIn(page, base, 'anna@test.nl');
    const session = (await context.cookies(base)).find((c) => c.name === 'plek_session');
    expect(session).toMatchObject({ secure: true, httpOnly: true, sameSite: 'Lax' });

    // Both live streams, as the kiosk and the app open them. A buffering proxy holds even the
    // small `ready` event back until its buffer fills or the stream ends.
    const opened = Date.now();
    await page.evaluate((location) => {
      const seen: Seen[] = [];
      (window as unknown as { seen: Seen[] }).seen = seen;
      for (const [stream, url] of [['events', `/api/v1/events?location=${location}`], ['notifications', '/api/v1/notifications/stream']] as const) {
        const source = new EventSource(url);
        for (const type of ['ready', 'availability', 'notification']) {
          source.addEventListener(type, (e) => seen.push({ stream, type, data: JSON.parse((e as MessageEvent).data), at: Date.now() }));
        }
      }
    }, plek.hub.id);
    const seen = () => page.evaluate(() => (window as unknown as { seen: Seen[] }).seen);
    await page.waitForFunction(() => (window as unknown as { seen: Seen[] }).seen.filter((e) => e.type === 'ready').length === 2, undefined, { timeout: 3_000 });
    for (const e of (await seen()).filter((e) => e.type === 'ready')) expect(e.at - opened).toBeLessThan(2_000);

    await page.getByRole('link', { name: 'Reserveren' }).click();
    await page.getByLabel('Datum').fill(amsterdamDate(1));
    await page.getByRole('radio', { name: 'Ochtend' }).check();
    await page.getByRole('button', { name: 'Reserveer HUB-3-002' }).click();
    await page.getByText('HUB-3-002 is voor je gereserveerd.').waitFor();
    expect(plek.db.prepare("SELECT count(*) FROM reservations WHERE space_id = ? AND state = 'booked'").pluck().get(plek.desks[1]!.id)).toBe(1);

    // A colleague reserves through the proxy too; Anna's open stream hears of it at once.
    const bram = new ProxyClient(nginx, base);
    expect((await bram.request('POST', '/api/v1/auth/login', { email: 'bram@test.nl', password: PASSWORD })).status).toBe(200);
    const sent = Date.now();
    const booked = await bram.request('POST', '/api/v1/reservations', { spaceId: plek.desks[0]!.id, date: amsterdamDate(1), part: 'morning' });
    expect(booked.status).toBe(201);
    const desk = plek.desks[0]!.id;
    await page.waitForFunction((id) => (window as unknown as { seen: Seen[] }).seen.some((e) => e.type === 'availability' && e.data.spaceId === id), desk, { timeout: 3_000 });
    const event = (await seen()).find((e) => e.type === 'availability' && e.data.spaceId === desk)!;
    expect(event.at - sent).toBeLessThan(2_000);
  });

  it('passes a full-size floor plan, refuses another origin, and sends plain http to https', async () => {
    const facility = new ProxyClient(nginx, base);
    expect((await facility.request('POST', '/api/v1/auth/login', { email: 'facility@test.nl', password: PASSWORD })).status).toBe(200);
    // The largest image Plek takes: nginx's client_max_body_size must not refuse it first.
    const png = Buffer.alloc(MAX_PLAN_BYTES, 7);
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]).copy(png);
    const plan = await facility.request('POST', `/api/v1/admin/locations/${plek.hub.id}/plans`, { name: 'Verdieping 3', floor: 3, image: `data:image/png;base64,${png.toString('base64')}` });
    expect(plan.status).toBe(201);
    // Anything larger is Plek's own JSON 413, not nginx's HTML page.
    const tooLarge = await facility.request('POST', `/api/v1/admin/locations/${plek.hub.id}/plans`, 'x'.repeat(3 * 1024 * 1024 - 1024));
    expect([tooLarge.status, tooLarge.body?.error?.code]).toEqual([413, 'payload_too_large']);

    const evil = new ProxyClient(nginx, 'https://evil.example');
    evil.cookie = facility.cookie;
    const refused = await evil.request('POST', `/api/v1/admin/locations/${plek.hub.id}/zones`, { name: 'Nep', character: 'rust', floor: 3 });
    expect([refused.status, refused.body.error.code]).toEqual([403, 'cross_origin']);

    const redirect = await new Promise<{ status: number; location?: string }>((resolve, reject) => {
      const req = httpRequest({ host: '127.0.0.1', port: nginx.httpPort, path: '/werkdagen?x=1', headers: { host: NAME } }, (res) => {
        res.resume();
        resolve({ status: res.statusCode!, location: res.headers.location });
      });
      req.once('error', reject);
      req.end();
    });
    expect(redirect).toEqual({ status: 301, location: `https://${NAME}/werkdagen?x=1` });
  });

  it("sends the first screen's JavaScript to Chromium as Plek's own brotli, not re-encoded by nginx's gzip", async () => {
    const page = await browser.context.newPage();
    try {
      const scripts = await scriptsOnTheWire(page, async () => {
        await page.goto(`${base}/`);
      });
      const files = scripts.map((s) => new URL(s.url).pathname.slice(1));
      for (const f of buildSizes(process.env.PLEK_TEST_DIST ?? 'dist').initialJs) expect(files).toContain(f.file);
      for (const s of scripts) expect([s.url, s.contentEncoding]).toEqual([s.url, 'br']);
      expect(scripts.reduce((a, s) => a + s.bodyBytes, 0)).toBeLessThanOrEqual(40 * 1024);
    } finally {
      await page.close();
    }
  });
});

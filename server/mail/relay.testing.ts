/**
 * For tests: a real SMTP server on 127.0.0.1 (the smtp-server package) that offers STARTTLS
 * with a self-signed certificate made by openssl at test time, accepts AUTH only over TLS and
 * only with the test's password, and keeps what it received, raw and parsed by mailparser.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { simpleParser, type ParsedMail } from 'mailparser';
import { SMTPServer } from 'smtp-server';

export const RELAY_USER = 'plek';
export const RELAY_PASSWORD = 'relay secret 2026';

export interface Received {
  raw: string;
  parsed: ParsedMail;
  envelopeTo: string[];
  /** The session was TLS (STARTTLS) and authenticated when the message came. */
  secure: boolean;
  user: string | undefined;
}

/** A certificate for 127.0.0.1, valid a day, and its key; caFile trusts it. */
export function selfSignedCertificate(): { dir: string; keyFile: string; certFile: string; key: string; cert: string } {
  const dir = mkdtempSync(join(tmpdir(), 'plek-relay-'));
  const keyFile = join(dir, 'key.pem');
  const certFile = join(dir, 'cert.pem');
  execFileSync('openssl', ['req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-keyout', keyFile, '-out', certFile, '-days', '1', '-subj', '/CN=127.0.0.1', '-addext', 'subjectAltName=IP:127.0.0.1'], { stdio: 'ignore' });
  return { dir, keyFile, certFile, key: readFileSync(keyFile, 'utf8'), cert: readFileSync(certFile, 'utf8') };
}

export interface Relay {
  port: number;
  received: Received[];
  /** Resolves once `n` messages have arrived in all. */
  waitFor(n: number, timeoutMs?: number): Promise<Received[]>;
  close(): Promise<void>;
}

/** Starts the relay on `port` (0: any free one). */
export async function startRelay(tls: { key: string; cert: string }, port = 0): Promise<Relay> {
  const received: Received[] = [];
  const waiters: (() => void)[] = [];
  const server = new SMTPServer({
    secure: false, // plain at first, upgraded by STARTTLS, as a relay on 587 does
    key: tls.key,
    cert: tls.cert,
    authMethods: ['PLAIN', 'LOGIN'],
    allowInsecureAuth: false, // AUTH only after STARTTLS: a client that skipped TLS cannot send
    logger: false,
    onAuth(auth, session, callback) {
      if (!session.secure) return callback(new Error('TLS first'));
      if (auth.username === RELAY_USER && auth.password === RELAY_PASSWORD) return callback(null, { user: auth.username });
      callback(new Error('Invalid username or password'));
    },
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on('data', (c: Buffer) => chunks.push(c));
      stream.on('end', () => {
        const raw = Buffer.concat(chunks).toString('utf8');
        void simpleParser(raw, { keepCidLinks: true }).then((parsed) => {
          received.push({ raw, parsed, envelopeTo: session.envelope.rcptTo.map((r) => r.address), secure: session.secure, user: session.user as string | undefined });
          for (const w of waiters.splice(0)) w();
          callback();
        }, callback);
      });
    },
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', () => resolve());
  });
  const actual = (server.server.address() as { port: number }).port;
  return {
    port: actual,
    received,
    waitFor(n, timeoutMs = 10_000) {
      return new Promise((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error(`the relay received ${received.length} of ${n} messages`)), timeoutMs);
        const check = () => {
          if (received.length >= n) {
            clearTimeout(timer);
            resolve(received);
          } else waiters.push(check);
        };
        check();
      });
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

export function removeCertificate(dir: string): void {
  rmSync(dir, { recursive: true, force: true });
}

/** The iMIP part of a received message as text: the text/calendar alternative. */
export function calendarPartOf(r: Received): { contentType: string; content: string } | undefined {
  const att = r.parsed.attachments.find((a) => a.contentType === 'text/calendar');
  return att && { contentType: `${att.contentType}; method=${(att as unknown as { method?: string }).method ?? ''}`, content: att.content.toString('utf8') };
}

import pino, { type Logger } from 'pino';

export type Log = Logger;

/**
 * Fields that must never reach a log line, whatever a caller passes (BIO2 8.15: no passwords,
 * tokens or session ids in logs). Redaction replaces the value; the line itself still says what
 * happened.
 */
const SECRET_FIELDS = ['password', 'token', 'secret', 'key', 'qrKey', 'pairingCode', 'cookie', 'authorization', 'sessionId', 'sessionHash', 'totp'];
const redactPaths = [...SECRET_FIELDS, ...SECRET_FIELDS.map((f) => `*.${f}`), ...SECRET_FIELDS.map((f) => `details.*.${f}`)];

/**
 * Plek's log: one JSON object per line on stdout (time, level, msg and the fields of the
 * event), for journald or a log shipper. Written asynchronously: a request never waits for
 * the pipe, and lines that come while a write is under way go out together with the next.
 */
export function createLog(level: string, destination: pino.DestinationStream = pino.destination({ dest: 1, sync: false })): Log {
  return pino(
    {
      level,
      base: { service: 'plek' },
      timestamp: pino.stdTimeFunctions.isoTime,
      formatters: { level: (label) => ({ level: label }) },
      redact: { paths: redactPaths, censor: '[verwijderd]' },
    },
    destination,
  );
}

/**
 * The process's log. Silent under vitest unless PLEK_LOG_LEVEL says otherwise (tests that look
 * at the log start the real server and read its output); main.ts sets the configured level.
 */
export const log: Log = createLog(process.env.PLEK_LOG_LEVEL ?? (process.env.VITEST ? 'silent' : 'info'));

import type { Context } from 'hono';
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';

export type Encoding = 'br' | 'gzip';

/**
 * The encoding to answer in, by the request's Accept-Encoding: brotli before gzip (smaller at
 * the same cost), nothing the client refused (`br;q=0`) or did not name. `*` is ignored: a
 * client that names neither gets the original, which every client can read.
 */
export function acceptedEncoding(header: string | undefined): Encoding | null {
  if (!header) return null;
  let gzip = false;
  for (const part of header.split(',')) {
    const [name = '', ...params] = part.split(';');
    const coding = name.trim().toLowerCase();
    if (coding !== 'br' && coding !== 'gzip') continue;
    const q = params.map((p) => p.trim().toLowerCase()).find((p) => p.startsWith('q='));
    if (q !== undefined && !(Number(q.slice(2)) > 0)) continue;
    if (coding === 'br') return 'br';
    gzip = true;
  }
  return gzip ? 'gzip' : null;
}

type JsonHeaders = Record<string, string | string[]>;

/**
 * A step of the API's gate (middleware.ts): compresses JSON answers of at least `threshold` bytes (a busy day's availability, the
 * catalogue, a report) with brotli or gzip, whichever the client accepts.
 *
 * It wraps `c.json` rather than rewriting the finished response: a small answer (a
 * reservation create, a check-in) then costs one length check and goes out as before, and a
 * large one is compressed from the string it was made of, without reading a body back or
 * copying the response. Only `c.json` answers are touched: the event stream (streamSSE) and
 * the CSV and iCalendar downloads never pass here, so an event is never held back in a
 * compressor's buffer. Compression is synchronous at a low level (brotli 4, gzip 6): about
 * 1.4 ms for 400 KB of JSON, less than JSON.stringify of the same answer.
 *
 * BREACH: a compressed answer leaks, by its length, whether attacker-chosen text in it matches
 * a secret in the same answer. Plek's credentials are never in a body (the session and kiosk
 * cookies are HttpOnly; writes are checked by Origin, not by a CSRF token), and the few
 * answers that carry a one-time secret (second-factor enrolment, a calendar URL, a kiosk visit)
 * are short POST answers below the threshold. As a second line, a request a browser marks as
 * not from Plek's own pages (Sec-Fetch-Site other than same-origin: another site's link or
 * form, the attacker's way of making the victim's browser ask with its cookies) is answered
 * uncompressed, so an attacker cannot turn the length into an oracle.
 */
export function compressJson(threshold = 1024): (c: Context) => void {
  return (c) => {
    const site = c.req.header('sec-fetch-site');
    if (c.req.method === 'HEAD' || (site !== undefined && site !== 'same-origin')) return;
    // c.json's own arguments, passed on as they came: a status or a ResponseInit.
    const body = c.body as unknown as (data: string | Uint8Array, arg: unknown, headers: JsonHeaders) => Response;
    c.json = ((object: unknown, arg?: unknown, headers?: JsonHeaders): Response => {
      const text = JSON.stringify(object);
      const type: JsonHeaders = { 'Content-Type': 'application/json', ...headers };
      // As c.json itself does; the length in UTF-16 units is close enough for a threshold.
      if (text.length < threshold) return body(text, arg, type);
      // no-store answers are not kept by caches, but a proxy must still not mix the two.
      const vary = { ...type, Vary: 'Accept-Encoding' };
      const encoding = acceptedEncoding(c.req.header('accept-encoding'));
      if (encoding === null) return body(text, arg, vary);
      const packed =
        encoding === 'br'
          ? brotliCompressSync(text, { params: { [constants.BROTLI_PARAM_QUALITY]: 4, [constants.BROTLI_PARAM_SIZE_HINT]: Buffer.byteLength(text) } })
          : gzipSync(text, { level: 6 });
      return body(packed, arg, { ...vary, 'Content-Encoding': encoding });
    }) as unknown as typeof c.json;
  };
}

/**
 * What a page's scripts cost on the wire, as Chromium's network stack saw them (DevTools
 * protocol): the Accept-Encoding it sent, the Content-Encoding it got, and the bytes received.
 */
import type { Page } from 'playwright-core';

export interface WireScript {
  url: string;
  acceptEncoding: string | null;
  contentEncoding: string | null;
  /** The body as it came over the connection: compressed when it was sent compressed. */
  bodyBytes: number;
  /** Response headers plus body: everything the browser received for the file. */
  wireBytes: number;
  /** The body after decoding: the file's own size. */
  decodedBytes: number;
}

/**
 * Runs `open` on a page that neither uses the HTTP cache nor its service worker, so every script
 * comes from the server, and answers the scripts it fetched.
 */
export async function scriptsOnTheWire(page: Page, open: () => Promise<void>): Promise<WireScript[]> {
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('Network.enable');
  await cdp.send('Network.setCacheDisabled', { cacheDisabled: true });
  await cdp.send('Network.setBypassServiceWorker', { bypass: true });
  const scripts = new Map<string, { url: string; contentEncoding: string | null; headerBytes: number; decodedBytes: number; wireBytes?: number }>();
  const sent = new Map<string, string | null>();
  const header = (headers: Record<string, string>, name: string) => Object.entries(headers).find(([k]) => k.toLowerCase() === name)?.[1] ?? null;
  // The headers the network stack really sent (Accept-Encoding is added there, not by the page).
  cdp.on('Network.requestWillBeSentExtraInfo', (e) => sent.set(e.requestId, header(e.headers, 'accept-encoding')));
  cdp.on('Network.responseReceived', (e) => {
    if (e.type !== 'Script') return;
    scripts.set(e.requestId, { url: e.response.url, contentEncoding: header(e.response.headers, 'content-encoding'), headerBytes: e.response.encodedDataLength, decodedBytes: 0 });
  });
  cdp.on('Network.dataReceived', (e) => {
    const s = scripts.get(e.requestId);
    if (s) s.decodedBytes += e.dataLength;
  });
  cdp.on('Network.loadingFinished', (e) => {
    const s = scripts.get(e.requestId);
    if (s) s.wireBytes = e.encodedDataLength;
  });
  await open();
  await page.waitForLoadState('networkidle');
  await cdp.detach();
  return [...scripts.entries()].map(([id, s]) => {
    if (s.wireBytes === undefined) throw new Error(`${s.url} did not finish loading`);
    return {
      url: s.url,
      acceptEncoding: sent.get(id) ?? null,
      contentEncoding: s.contentEncoding,
      bodyBytes: s.wireBytes - s.headerBytes,
      wireBytes: s.wireBytes,
      decodedBytes: s.decodedBytes,
    };
  });
}

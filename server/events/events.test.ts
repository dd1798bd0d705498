import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { httpLogin, listen, makeTestApp, type TestApp } from '../testing.js';

let t: TestApp;
let server: Awaited<ReturnType<typeof listen>>;
beforeEach(async () => {
  t = await makeTestApp();
  server = await listen(t.app);
});
afterEach(async () => {
  await server.close();
  t.close();
});

/** Reads Server-Sent Events from a real HTTP stream. */
async function openStream(url: string, cookie: string) {
  const controller = new AbortController();
  const res = await fetch(url, { headers: { cookie, accept: 'text/event-stream' }, signal: controller.signal });
  const reader = res.body!.pipeThrough(new TextDecoderStream()).getReader();
  let buffer = '';
  return {
    status: res.status,
    type: res.headers.get('content-type'),
    async next(event: string, timeoutMs = 1000): Promise<unknown> {
      const deadline = Date.now() + timeoutMs;
      for (;;) {
        const match = buffer.match(new RegExp(`event: ${event}\\ndata: (.*)\\n`));
        if (match) {
          buffer = buffer.slice(buffer.indexOf(match[0]) + match[0].length);
          return JSON.parse(match[1]!);
        }
        const left = deadline - Date.now();
        if (left <= 0) throw new Error(`no ${event} event within ${timeoutMs} ms`);
        const chunk = await Promise.race([reader.read(), new Promise<null>((r) => setTimeout(() => r(null), left))]);
        if (chunk && !chunk.done) buffer += chunk.value;
      }
    },
    close: () => controller.abort(),
  };
}

describe('live availability events', () => {
  it('a reservation and its release reach an open stream within a second', async () => {
    const watcher = await httpLogin(server.url, 'bram@test.nl');
    const anna = await httpLogin(server.url, 'anna@test.nl');
    const stream = await openStream(`${server.url}/api/v1/events?location=${t.hub.id}`, watcher);
    expect(stream.status).toBe(200);
    expect(stream.type).toMatch(/text\/event-stream/);
    await stream.next('ready');

    const post = (path: string, body?: unknown) =>
      fetch(`${server.url}${path}`, { method: 'POST', headers: { 'content-type': 'application/json', cookie: anna }, body: body === undefined ? undefined : JSON.stringify(body) });
    const created = (await (await post('/api/v1/reservations', { spaceId: t.desks[0]!.id, date: '2026-12-01', part: 'morning' })).json()) as { id: number };
    expect(await stream.next('availability')).toEqual({ locationId: t.hub.id, spaceId: t.desks[0]!.id, reservationId: created.id, state: 'booked' });

    await post(`/api/v1/reservations/${created.id}/release`);
    expect(await stream.next('availability')).toMatchObject({ reservationId: created.id, state: 'cancelled' });
    stream.close();
  });

  it('the sweep announces a no-show, so boards free the space without polling', async () => {
    const watcher = await httpLogin(server.url, 'bram@test.nl');
    const r = t.s.reservations.create({ ...t.users.anna }, { spaceId: t.desks[1]!.id, date: '2026-12-01', part: 'morning' }, null);
    const stream = await openStream(`${server.url}/api/v1/events?location=${t.hub.id}`, watcher);
    await stream.next('ready');
    t.clock.set(Date.parse('2026-12-01T08:30:00+01:00'));
    t.s.reservations.sweep();
    expect(await stream.next('availability')).toMatchObject({ reservationId: r.reservation.id, state: 'no_show' });
    stream.close();
  });

  it('a closed stream is unsubscribed; a stream for an unknown location is a 404', async () => {
    const watcher = await httpLogin(server.url, 'bram@test.nl');
    const stream = await openStream(`${server.url}/api/v1/events?location=${t.hub.id}`, watcher);
    await stream.next('ready');
    expect(t.s.events.streamCount).toBe(1);
    stream.close();
    for (let i = 0; i < 50 && t.s.events.streamCount > 0; i++) await new Promise((r) => setTimeout(r, 20));
    expect(t.s.events.streamCount).toBe(0);
    const unknown = await fetch(`${server.url}/api/v1/events?location=999`, { headers: { cookie: watcher } });
    expect(unknown.status).toBe(404);
  });
});

describe('limits on open streams', () => {
  const waitFor = async (ok: () => boolean) => {
    for (let i = 0; i < 100 && !ok(); i++) await new Promise((r) => setTimeout(r, 20));
  };

  it('a session opens ten streams, the eleventh is 429 too_many_streams; closing one makes room; nothing stays held', async () => {
    const cookie = await httpLogin(server.url, 'bram@test.nl');
    const url = `${server.url}/api/v1/events?location=${t.hub.id}`;
    const streams = [];
    for (let i = 0; i < 10; i++) {
      const st = await openStream(url, cookie);
      expect(st.status).toBe(200);
      await st.next('ready');
      streams.push(st);
    }
    const refused = await fetch(url, { headers: { cookie } });
    expect([refused.status, ((await refused.json()) as { error: { code: string } }).error.code]).toEqual([429, 'too_many_streams']);
    // The notification stream counts too; another person's session is not affected.
    expect((await fetch(`${server.url}/api/v1/notifications/stream`, { headers: { cookie } })).status).toBe(429);
    const other = await openStream(url, await httpLogin(server.url, 'anna@test.nl'));
    expect(other.status).toBe(200);
    streams[0]!.close();
    await waitFor(() => t.s.streams.size === 10);
    const again = await openStream(url, cookie);
    expect(again.status).toBe(200);
    for (const st of [...streams, other, again]) st.close();
    await waitFor(() => t.s.streams.size === 0 && t.s.events.streamCount === 0);
    expect([t.s.streams.size, t.s.events.streamCount]).toEqual([0, 0]);
  });

  it('one address holds at most 500 streams, whatever the number of sessions; another address still gets one', async () => {
    const url = `${server.url}/api/v1/events?location=${t.hub.id}`;
    const cookies: string[] = [];
    for (let i = 0; i < 51; i++) cookies.push(await httpLogin(server.url, 'anna@test.nl'));
    const opened = await Promise.all(cookies.slice(0, 50).flatMap((cookie) => Array.from({ length: 10 }, () => openStream(url, cookie))));
    expect(opened.every((st) => st.status === 200)).toBe(true);
    const refused = await fetch(url, { headers: { cookie: cookies[50]! } });
    expect(refused.status).toBe(429);
    await refused.body?.cancel();
    // In-process, the same server seen from another address.
    const elsewhere = await t.app.request(`/api/v1/events?location=${t.hub.id}`, { headers: { cookie: cookies[50]! } }, { incoming: { socket: { remoteAddress: '198.51.100.20' } } });
    expect(elsewhere.status).toBe(200);
    await elsewhere.body?.cancel();
    for (const st of opened) st.close();
    await waitFor(() => t.s.streams.size === 0);
    expect(t.s.streams.size).toBe(0);
  });
});

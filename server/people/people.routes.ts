import { colleagueSchema, list, meSchema, passSchema } from '../../shared/answers.js';
import { callerOf, write } from '../http/write.js';
import type { ColleagueDto } from '../../shared/api.js';
import { HOUR } from '../../shared/rules.js';
import { colleaguesQuery, settingsBody } from '../../shared/schemas.js';
import { toIsoInZone } from '../../shared/time.js';
import type { Services } from '../app.deps.js';
import { actorOf, requireSignIn } from '../http/middleware.js';
import { docsOf, mount, Resource } from '../http/resource.js';
import { jsonBody, query } from '../http/validate.js';

/** /api/v1/colleagues: where the people of my teams sit. */
const colleagues = new Resource<Services>('/colleagues').use(requireSignIn);

colleagues.get(
  '/',
  { summary: 'Where the people of my teams sit in [from, to) (default: today and the coming week); only those who allow it', access: 'signed-in', query: colleaguesQuery, answer: list(colleagueSchema), responses: { 200: 'colleagues with their places' } },
  (s) => (c) => {
    const q = query(c, colleaguesQuery);
    const now = s.clock.now();
    const from = q.from ? Date.parse(q.from) : now - 12 * HOUR;
    const to = q.to ? Date.parse(q.to) : now + 8 * 24 * HOUR;
    const tz = (id: number) => s.catalogue.location(id).timezone;
    const body: ColleagueDto[] = s.people.colleagues(actorOf(c), from, Math.min(to, from + 31 * 24 * HOUR)).map((p) => ({
      id: p.id,
      name: p.name,
      teams: p.teams,
      places: p.places.map((r) => ({
        locationId: r.location_id,
        locationName: r.location_name,
        spaceCode: r.space_code,
        spaceName: r.space_name,
        zoneName: r.zone_name,
        start: toIsoInZone(r.start_ms, tz(r.location_id)),
        end: toIsoInZone(r.end_ms, tz(r.location_id)),
        state: r.state,
      })),
    }));
    return c.json(body);
  },
);

/** /api/v1/me: the signed-in person's own settings and pass. */
const me = new Resource<Services>('/me').use(requireSignIn);

me.put(
  '/settings',
  { summary: 'My settings: whether colleagues see where I sit', access: 'signed-in', body: settingsBody, answer: meSchema, responses: { 200: 'me' } },
  (s) => async (c) => {
    const body = await jsonBody(c, settingsBody);
    const actor = actorOf(c);
    return write(s, c, callerOf(c), body, () => {
      s.people.setShowPresence(actor, body.showPresence);
      return { status: 200, body: { ...actor, showPresence: body.showPresence } };
    });
  },
);

me.get(
  '/pass',
  { summary: 'The seed of my personal pass (TOTP, RFC 6238) for my own phone', access: 'signed-in', answer: passSchema, responses: { 200: '{userId,secret,period,digits,algorithm}' } },
  (s) => (c) => c.json(s.people.pass(actorOf(c))),
);

export const peopleDocs = docsOf(colleagues, me);

export const peopleRoutes = (s: Services) => mount(s, colleagues, me);

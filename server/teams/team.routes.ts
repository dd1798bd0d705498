import { list, myTeamSchema, reservationSchema, teamBlockAnswer, teamSchema } from '../../shared/answers.js';
import { callerOf, write } from '../http/write.js';
import { createTeamBody, idParam, teamBlockBody, teamClaimBody, updateTeamBody } from '../../shared/schemas.js';
import type { Services } from '../app.deps.js';
import type { AppContext } from '../http/context.js';
import { reservationDto } from '../http/dto.js';
import { actorOf, clientAddress, requireRole, requireSignIn } from '../http/middleware.js';
import { docsOf, mount, Resource } from '../http/resource.js';
import { jsonBody, params } from '../http/validate.js';

const origin = (s: Services, c: AppContext) => clientAddress(c, s.config.trustProxy);

/** /api/v1/teams: a person's teams, and what their managers do for them. */
const teams = new Resource<Services>('/teams').use(requireSignIn);

teams.get(
  '/mine',
  { summary: 'My teams: zone, office days, team days of the coming two weeks with held desks to claim (members listed for their managers)', access: 'signed-in', answer: list(myTeamSchema), responses: { 200: 'the teams' } },
  (s) => (c) => c.json(s.teams.mine(actorOf(c))),
);

// Refused before the body is read; whether it is *their* team the service decides.
teams.patch(
  '/:id',
  { summary: "Set a team's office days, zone or name (the team's manager, or an admin)", access: ['manager', 'admin'], body: updateTeamBody, answer: teamSchema, responses: { 200: 'the team', 403: 'forbidden, team_location_fixed (a manager may only pick another zone of the same location)', 404: 'not_found' } },
  (s) => [
    requireRole('manager'),
    async (c) => {
      const { id } = params(c, idParam);
      const body = await jsonBody(c, updateTeamBody);
      return write(s, c, callerOf(c), { id, body }, () => ({ status: 200, body: s.teams.update(actorOf(c), id, body, origin(s, c)) }));
    },
  ],
);

teams.post(
  '/:id/blocks',
  { summary: "Reserve desks in the team's zone for a day: for named members, and/or held for members to claim until the release time the day before", access: ['manager', 'admin'], body: teamBlockBody, answer: teamBlockAnswer, responses: { 201: '{reserved,held,skipped,notHeld}: what could be done, and per member and for the held desks what could not', 403: 'forbidden', 409: 'not_enough_desks (nothing could be reserved), holiday_closed, closed_day, location_closed', 422: 'no_team_zone, hold_too_late (only held desks asked for, after the release time), start_in_past, too_far_ahead' } },
  (s) => [
    requireRole('manager'),
    async (c) => {
      const { id } = params(c, idParam);
      const body = await jsonBody(c, teamBlockBody);
      return write(s, c, callerOf(c), { id, body }, () => {
        const result = s.teams.reserveBlock(actorOf(c), id, body, origin(s, c));
        return { status: 201, body: { reserved: result.reserved.map(reservationDto), held: result.held, skipped: result.skipped, notHeld: result.notHeld } };
      });
    },
  ],
);

teams.post(
  '/:id/claim',
  { summary: "Claim one of the team's held desks for a day", access: 'signed-in', body: teamClaimBody, answer: reservationSchema, responses: { 201: 'the reservation', 404: 'not_found', 409: 'no_held_desk, limit_reached, holiday_closed, closed_day' } },
  (s) => async (c) => {
    const { id } = params(c, idParam);
    const { date } = await jsonBody(c, teamClaimBody);
    return write(s, c, callerOf(c), { id, date }, () => ({ status: 201, body: reservationDto(s.teams.claim(actorOf(c), id, date, origin(s, c))) }));
  },
);

/** /api/v1/admin/teams: all teams, for the admin. */
const adminTeams = new Resource<Services>('/admin/teams').use(requireRole('admin'));

adminTeams.get('/', { summary: 'All teams with zone, office days and member count', access: ['admin'], answer: list(teamSchema), responses: { 200: 'the teams' } }, (s) => (c) => c.json(s.teams.all()));

adminTeams.post(
  '/',
  { summary: 'Create a team', access: ['admin'], body: createTeamBody, answer: teamSchema, responses: { 201: 'the team', 404: 'not_found (no such zone)', 409: 'name_taken' } },
  (s) => async (c) => {
    const body = await jsonBody(c, createTeamBody);
    return write(s, c, callerOf(c), body, () => ({ status: 201, body: s.teams.create(actorOf(c), body, origin(s, c)) }));
  },
);

export const teamDocs = docsOf(teams, adminTeams);

export const teamRoutes = (s: Services) => mount(s, teams, adminTeams);

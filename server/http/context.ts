import type { Context } from 'hono';
import type { Role, Team } from '../../shared/types.js';
import type { Kiosk } from '../kiosk/kiosk.store.js';

/** The signed-in person, as the routes see them. */
export interface Actor {
  id: number;
  email: string;
  name: string;
  roles: Role[];
  teams: Team[];
  showPresence: boolean;
}

export type AppEnv = {
  Variables: { actor: Actor | null; sessionHash: string | null; kiosk: Kiosk | null };
  Bindings: { incoming?: { socket?: { remoteAddress?: string } } };
};

export type AppContext = Context<AppEnv>;

import type { Context } from 'hono';
import type { Actor, Kiosk } from '../domain.js';

export type AppEnv = {
  Variables: { actor: Actor | null; sessionHash: string | null; kiosk: Kiosk | null };
  Bindings: { incoming?: { socket?: { remoteAddress?: string } } };
};

export type AppContext = Context<AppEnv>;

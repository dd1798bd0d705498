/**
 * Type-level checks only: the answer schemas in shared/answers.ts that describe what a service
 * returns as it is (no api.ts type between them) must say the same as the service's own types,
 * so the OpenAPI document cannot drift from them unnoticed. shared/ may not import the server
 * and http/ no resource, hence here. Nothing imports this file; `tsc -p .` checks it.
 */
import type { z } from 'zod';
import type { dayTickSchema, guestLookupAnswer, hostSchema, kioskAdminSchema, kioskPairingSchema, mailSettingsSchema, myTeamSchema, teamSchema } from '../shared/answers.js';
import type { Kiosk } from './domain.js';
import type { GuestService } from './guests/guest.service.js';
import type { KioskService } from './kiosk/kiosk.service.js';
import type { MailPreferences } from './mail/mail.store.js';
import type { MyTeam } from './teams/team.service.js';
import type { TeamRecord } from './teams/team.store.js';
import type { DayTick } from './ticks/tick.service.js';

/** True only when A and B are the same type. */
type Same<A, B> = (<T>() => T extends A ? 1 : 2) extends <T>() => T extends B ? 1 : 2 ? true : false;
/** Mutual assignability, for a type spelt differently (an interface that extends another). */
type Alike<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
type Check<T extends true> = T;

export type AnswerTypesAgree = [
  Check<Same<z.infer<typeof teamSchema>, TeamRecord>>,
  Check<Alike<z.infer<typeof myTeamSchema>, MyTeam>>,
  Check<Same<z.infer<typeof dayTickSchema>, DayTick>>,
  Check<Same<z.infer<typeof kioskAdminSchema>, Kiosk>>,
  Check<Alike<z.infer<typeof kioskPairingSchema>, ReturnType<KioskService['newPairingCode']>>>,
  Check<Alike<z.infer<typeof kioskPairingSchema>, ReturnType<KioskService['create']>>>,
  Check<Alike<z.infer<typeof guestLookupAnswer>['guests'], ReturnType<GuestService['lookupAtKiosk']>>>,
  Check<Alike<z.infer<typeof hostSchema>[], ReturnType<GuestService['hosts']>>>,
  Check<Alike<z.infer<typeof mailSettingsSchema>, MailPreferences & { enabled: boolean }>>,
];

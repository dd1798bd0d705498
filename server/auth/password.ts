import { hash, verify } from '@node-rs/argon2';

/** Argon2id (memory-hard) with the library's defaults: 19 MiB, 2 passes, as OWASP advises. */
export function hashPassword(password: string): Promise<string> {
  return hash(password);
}

export async function verifyPassword(stored: string, password: string): Promise<boolean> {
  try {
    return await verify(stored, password);
  } catch {
    return false;
  }
}

// Verified against when the account does not exist, so an unknown e-mail takes as long as a
// wrong password and sign-in does not reveal who has an account.
let decoy: Promise<string> | undefined;
export function decoyHash(): Promise<string> {
  decoy ??= hashPassword('decoy-password-that-never-matches');
  return decoy;
}

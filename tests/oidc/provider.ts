/**
 * A real OpenID provider for the tests (oidc-provider), on 127.0.0.1, with one client for Plek
 * and accounts whose claims the test chooses. Its development sign-in pages accept any
 * password for a known account: what is tested is Plek's side of the protocol.
 */
import http from 'node:http';
import Provider from 'oidc-provider';
import { freePort } from '../../server/testing.js';

export interface Account {
  email: string;
  name: string;
  groups?: string[];
  teams?: string[];
}

export async function startProvider(opts: { plekUrl: string; accounts: Record<string, Account>; codeTtlSeconds?: number }) {
  const port = await freePort();
  const issuer = `http://127.0.0.1:${port}`;
  const provider = new Provider(issuer, {
    clients: [
      {
        client_id: 'plek',
        client_secret: 'plek-test-client-secret',
        redirect_uris: [`${opts.plekUrl}/api/v1/auth/oidc/callback`],
        post_logout_redirect_uris: [`${opts.plekUrl}/`],
        grant_types: ['authorization_code'],
        response_types: ['code'],
      },
    ],
    pkce: { required: () => true },
    async findAccount(_ctx, id) {
      const account = opts.accounts[id];
      if (!account) return undefined;
      return { accountId: id, claims: async () => ({ sub: id, email: account.email, email_verified: true, name: account.name, groups: account.groups ?? [], teams: account.teams ?? [] }) };
    },
    claims: { openid: ['sub'], email: ['email', 'email_verified'], profile: ['name'], groups: ['groups'], teams: ['teams'] },
    scopes: ['openid', 'email', 'profile', 'groups', 'teams'],
    features: { devInteractions: { enabled: true }, rpInitiatedLogout: { enabled: true } },
    ttl: { AuthorizationCode: opts.codeTtlSeconds ?? 60 },
    cookies: { keys: ['plek-test-provider-cookie-key'] },
  });
  const server = http.createServer(provider.callback());
  await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve));
  return {
    issuer,
    clientId: 'plek',
    clientSecret: 'plek-test-client-secret',
    async stop() {
      server.closeAllConnections();
      await new Promise((r) => server.close(r));
    },
  };
}

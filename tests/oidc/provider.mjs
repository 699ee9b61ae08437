// A real OpenID Connect provider for LearnLoop's single sign-on tests (node's
// oidc-provider, OpenID certified), started by a pytest fixture on 127.0.0.1.
//
//   node tests/oidc/provider.mjs PORT REDIRECT_URI [REDIRECT_URI ...]
//
// One confidential client, "learnloop" / "learnloop-secret", code flow with PKCE
// required. Prints "ready ISSUER" once listening. The tests steer it through
// POST /__test__/state (JSON): `accounts` (account id -> claims) and `mode`, which
// alters the ID token the token endpoint returns, re-signed with the provider's own
// key ("wrong-audience", "expired") or with a key nobody published ("forged").
import { createServer } from 'node:http';

import * as jose from 'jose';
import Provider from 'oidc-provider';

const [port, ...redirectUris] = process.argv.slice(2);
const issuer = `http://127.0.0.1:${port}`;
const KID = 'learnloop-test-key';

const { privateKey } = await jose.generateKeyPair('RS256', { extractable: true });
const forgeryKey = (await jose.generateKeyPair('RS256')).privateKey;
const privateJwk = { ...(await jose.exportJWK(privateKey)), kid: KID, alg: 'RS256', use: 'sig' };

const state = { mode: 'normal', accounts: {} };

const provider = new Provider(issuer, {
  clients: [
    {
      client_id: 'learnloop',
      client_secret: 'learnloop-secret',
      redirect_uris: redirectUris,
      grant_types: ['authorization_code'],
      response_types: ['code'],
      token_endpoint_auth_method: 'client_secret_post',
    },
  ],
  jwks: { keys: [privateJwk] },
  pkce: { required: () => true },
  claims: {
    openid: ['sub'],
    email: ['email', 'email_verified'],
    profile: ['name', 'given_name', 'family_name', 'employee_id'],
  },
  features: { devInteractions: { enabled: true } },
  async findAccount(ctx, id) {
    return {
      accountId: id,
      async claims() {
        return { sub: id, ...(state.accounts[id] || {}) };
      },
    };
  },
  // The test drives every page itself: no consent prompt for this first-party client.
  async loadExistingGrant(ctx) {
    const grant = new ctx.oidc.provider.Grant({
      clientId: ctx.oidc.client.clientId,
      accountId: ctx.oidc.session.accountId,
    });
    grant.addOIDCScope('openid email profile');
    grant.addOIDCClaims(['email', 'email_verified', 'name', 'given_name', 'family_name', 'employee_id']);
    await grant.save();
    return grant;
  },
});
provider.proxy = false;

async function readJson(req) {
  const chunks = [];
  for await (const chunk of req) chunks.push(chunk);
  return JSON.parse(Buffer.concat(chunks).toString('utf8') || '{}');
}

async function altered(idToken) {
  const claims = jose.decodeJwt(idToken);
  let key = privateKey;
  const now = Math.floor(Date.now() / 1000);
  if (state.mode === 'wrong-audience') claims.aud = 'some-other-application';
  if (state.mode === 'expired') Object.assign(claims, { iat: now - 7200, exp: now - 3600 });
  if (state.mode === 'forged') key = forgeryKey;
  return new jose.SignJWT(claims).setProtectedHeader({ alg: 'RS256', kid: KID }).sign(key);
}

provider.use(async (ctx, next) => {
  if (ctx.path === '/__test__/state' && ctx.method === 'POST') {
    Object.assign(state, await readJson(ctx.req));
    ctx.body = { ok: true };
    return;
  }
  await next();
  if (ctx.path === '/token' && ctx.status === 200 && state.mode !== 'normal' && ctx.body?.id_token) {
    ctx.body = { ...ctx.body, id_token: await altered(ctx.body.id_token) };
  }
});

createServer(provider.callback()).listen(Number(port), '127.0.0.1', () => {
  console.log(`ready ${issuer}`);
});

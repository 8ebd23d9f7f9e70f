/**
 * A real OpenID Connect provider on loopback for the single sign-on tests: node-oidc-provider
 * (`oidc-provider`) with one confidential client, users with passwords, a `groups` claim, its own
 * RSA signing key and a plain login page (username and password) that a test drives over HTTP or
 * Chromium fills in. Consent is implied (a first-party client), so a sign-in is: the provider's
 * authorization endpoint → its login page → back to the client's redirect URI with a code.
 *
 * `tamperIdToken` rewrites the ID token the token endpoint answers (claims, and which key signs
 * it), re-signed with the provider's real key unless told otherwise: how a test gets a wrong
 * issuer, a wrong audience, an expired token, a wrong nonce or an unknown key from a provider
 * that is otherwise real.
 */
import crypto from 'node:crypto';
import http from 'node:http';
import { type AddressInfo } from 'node:net';
import Provider, { type Configuration, type KoaContextWithOIDC } from 'oidc-provider';

export interface IdpUser {
  sub: string;
  username: string;
  password: string;
  name?: string;
  email?: string;
  groups?: string[];
}

export type IdTokenClaims = Record<string, unknown>;
/** Returns the claims to put in the ID token; `key: 'unknown'` signs with a key the provider does not publish. */
export type IdTokenTamper = (claims: IdTokenClaims) => { claims: IdTokenClaims; key?: 'provider' | 'unknown' };

export interface TestIdp {
  issuer: string;
  clientId: string;
  clientSecret: string;
  users: Map<string, IdpUser>;
  addUser(user: IdpUser): IdpUser;
  /** The client's redirect URIs (the appliance's `/api/auth/sso/{id}/callback`). */
  allowRedirectUri(uri: string): void;
  tamperIdToken: IdTokenTamper | null;
  /** ID tokens the token endpoint issued (after tampering), newest last. */
  issuedIdTokens: string[];
  stop(): Promise<void>;
}

const b64 = (v: Buffer | string) => Buffer.from(v).toString('base64url');

function sign(claims: IdTokenClaims, kid: string, key: crypto.KeyObject): string {
  const input = `${b64(JSON.stringify({ alg: 'RS256', typ: 'JWT', kid }))}.${b64(JSON.stringify(claims))}`;
  return `${input}.${b64(crypto.sign('sha256', Buffer.from(input), key))}`;
}

function loginPage(uid: string, error = ''): string {
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Test identity provider</title></head>
<body><main><h1>Test identity provider</h1>${error ? `<p role="alert">${error}</p>` : ''}
<form method="post" action="/interaction/${uid}/login">
<label>Username <input name="username" autocomplete="username"></label>
<label>Password <input name="password" type="password" autocomplete="current-password"></label>
<button type="submit">Sign in</button></form></main></body></html>`;
}

async function formBody(req: http.IncomingMessage): Promise<URLSearchParams> {
  let body = '';
  for await (const chunk of req) body += chunk;
  return new URLSearchParams(body);
}

export async function startTestIdp(opts: { users?: IdpUser[]; clientId?: string } = {}): Promise<TestIdp> {
  const signing = crypto.generateKeyPairSync('rsa', { modulusLength: 2048 });
  const stranger = crypto.generateKeyPairSync('rsa', { modulusLength: 2048 });
  const kid = 'test-idp-key-1';
  const clientId = opts.clientId ?? 'support-appliance';
  const clientSecret = crypto.randomBytes(24).toString('base64url');
  const redirectUris: string[] = [];
  let provider: Provider | null = null;

  const server = http.createServer((req, res) => void handle(req, res));
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const issuer = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

  const idp: TestIdp = {
    issuer,
    clientId,
    clientSecret,
    users: new Map(),
    addUser(user) {
      idp.users.set(user.username, user);
      return user;
    },
    allowRedirectUri(uri) {
      if (!redirectUris.includes(uri)) redirectUris.push(uri);
      provider = build();
    },
    tamperIdToken: null,
    issuedIdTokens: [],
    async stop() {
      server.closeAllConnections();
      await new Promise((r) => server.close(r));
    },
  };
  for (const u of opts.users ?? []) idp.addUser(u);

  function build(): Provider {
    const config: Configuration = {
      clients: [
        {
          client_id: clientId,
          client_secret: clientSecret,
          redirect_uris: [...redirectUris],
          response_types: ['code'],
          grant_types: ['authorization_code'],
          token_endpoint_auth_method: 'client_secret_basic',
        },
      ],
      jwks: { keys: [{ ...signing.privateKey.export({ format: 'jwk' }), kid, alg: 'RS256', use: 'sig' }] },
      claims: {
        openid: ['sub'],
        profile: ['name', 'preferred_username'],
        email: ['email'],
        groups: ['groups'],
      },
      scopes: ['openid', 'profile', 'email', 'groups'],
      // The scopes' claims go into the ID token itself (as Keycloak and Entra ID put theirs).
      conformIdTokenClaims: false,
      features: { devInteractions: { enabled: false } },
      ttl: { Interaction: 600, Session: 3600, Grant: 3600, AccessToken: 600, IdToken: 600, AuthorizationCode: 60 },
      pkce: { required: () => true },
      cookies: { keys: [crypto.randomBytes(16).toString('hex')] },
      interactions: { url: (_ctx, interaction) => `/interaction/${interaction.uid}` },
      async findAccount(_ctx, sub) {
        const user = [...idp.users.values()].find((u) => u.sub === sub);
        if (!user) return undefined;
        return {
          accountId: sub,
          claims: async () => ({
            sub,
            preferred_username: user.username,
            name: user.name,
            email: user.email,
            groups: user.groups ?? [],
          }),
        };
      },
      // A first-party client: the person is never asked to consent.
      async loadExistingGrant(ctx: KoaContextWithOIDC) {
        const grantId = ctx.oidc.result?.consent?.grantId || ctx.oidc.session!.grantIdFor(ctx.oidc.client!.clientId);
        if (grantId) return ctx.oidc.provider.Grant.find(grantId);
        const grant = new ctx.oidc.provider.Grant({
          clientId: ctx.oidc.client!.clientId,
          accountId: ctx.oidc.session!.accountId,
        });
        grant.addOIDCScope('openid profile email groups');
        await grant.save();
        return grant;
      },
    };
    const p = new Provider(issuer, config);
    p.use(async (ctx, next) => {
      await next();
      const body = ctx.body as { id_token?: string } | undefined;
      if (ctx.path !== '/token' || !body?.id_token) return;
      if (idp.tamperIdToken) {
        const claims = JSON.parse(Buffer.from(body.id_token.split('.')[1]!, 'base64url').toString()) as IdTokenClaims;
        const t = idp.tamperIdToken(claims);
        body.id_token =
          t.key === 'unknown'
            ? sign(t.claims, 'not-published', stranger.privateKey)
            : sign(t.claims, kid, signing.privateKey);
      }
      idp.issuedIdTokens.push(body.id_token);
    });
    return p;
  }
  provider = build();

  async function handle(req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
    const p = provider!;
    const m = /^\/interaction\/([A-Za-z0-9_-]+)(\/login)?$/.exec(req.url ?? '');
    if (!m) return p.callback()(req, res);
    try {
      if (req.method === 'GET') {
        await p.interactionDetails(req, res);
        res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(loginPage(m[1]!));
        return;
      }
      const form = await formBody(req);
      const user = idp.users.get(form.get('username') ?? '');
      if (!user || user.password !== form.get('password')) {
        res
          .writeHead(200, { 'content-type': 'text/html; charset=utf-8' })
          .end(loginPage(m[1]!, 'Wrong username or password'));
        return;
      }
      await p.interactionFinished(req, res, { login: { accountId: user.sub } }, { mergeWithLastSubmission: false });
    } catch (err) {
      res.writeHead(400, { 'content-type': 'text/plain' }).end(String(err));
    }
  }

  return idp;
}

/* eslint-disable @typescript-eslint/no-explicit-any -- JSON answers are checked field by field in the tests */
/**
 * Single sign-on set-up for tests: an identity provider registered with the appliance through the
 * admin API, pointing at a real test provider on loopback (./oidc-provider.ts), whose client
 * accepts the appliance's callback.
 */
import { type TestAppliance } from './appliance.js';
import { call } from './api-client.js';
import { type TestIdp } from './oidc-provider.js';

export async function registerProvider(
  app: TestAppliance,
  admin: string,
  idp: TestIdp,
  fields: Record<string, unknown> = {},
): Promise<any> {
  const res = await call(app, 'POST', '/api/admin/identity-providers', {
    token: admin,
    body: {
      kind: 'oidc',
      name: 'Example IdP',
      issuer: idp.issuer,
      client_id: idp.clientId,
      client_secret: idp.clientSecret,
      enabled: true,
      ...fields,
    },
  });
  if (res.status !== 201) throw new Error(`provider: ${res.status} ${JSON.stringify(res.body)}`);
  idp.allowRedirectUri(res.body.redirect_uri);
  return res.body;
}

/**
 * The seed's rule: at the first successful console login of an install, fetch the update token and
 * keep it; later logins do not ask again. A token the appliance no longer accepts (revoked by the
 * admin) is replaced at the next login: after each login the stored token is checked against the
 * feed (one GET of the channel file: 401 means refused), and a new one is requested only then.
 */
import { type SecretStore } from '../storage/secret-store.js';
import { type ConsolePlatform, updateFeedPath } from '../../src-shared/api/updates.js';

export interface TokenClientDeps {
  siteUrl: string;
  platform: ConsolePlatform;
  secrets: SecretStore;
  fetch: typeof globalThis.fetch;
  log: { info(msg: string): void; warn(msg: string): void };
}

export type TokenOutcome = 'kept' | 'issued' | 'replaced' | 'failed';

export function channelFileUrl(siteUrl: string, platform: ConsolePlatform): string {
  return `${siteUrl}${updateFeedPath(platform)}latest.yml`;
}

/** 'valid', 'refused' (401), or 'unknown' (unreachable, 5xx: keep the token, check again later). */
async function probe(deps: TokenClientDeps, token: string): Promise<'valid' | 'refused' | 'unknown'> {
  try {
    const res = await deps.fetch(channelFileUrl(deps.siteUrl, deps.platform), {
      headers: { authorization: `Bearer ${token}` },
    });
    await res.body?.cancel();
    return res.status === 401 ? 'refused' : res.status < 500 ? 'valid' : 'unknown';
  } catch {
    return 'unknown';
  }
}

async function requestToken(deps: TokenClientDeps, sessionToken: string, installId: string): Promise<string | null> {
  const res = await deps.fetch(`${deps.siteUrl}/api/console/update-token`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${sessionToken}` },
    body: JSON.stringify({ install_id: installId }),
  });
  const body = (await res.json().catch(() => null)) as { update_token?: unknown; error?: { code?: string } } | null;
  if (res.status !== 200 || typeof body?.update_token !== 'string') {
    deps.log.warn(`update token: the appliance answered ${res.status} ${body?.error?.code ?? ''}`.trim());
    return null;
  }
  return body.update_token;
}

/** Makes sure a live update token is stored after a successful login. Never throws. */
export async function ensureUpdateToken(
  deps: TokenClientDeps,
  sessionToken: string,
  installId: string,
): Promise<TokenOutcome> {
  try {
    const stored = await deps.secrets.get('update_token');
    if (stored) {
      const state = await probe(deps, stored);
      if (state !== 'refused') return 'kept';
      deps.log.info('update token: refused by the appliance (revoked); requesting a new one');
      await deps.secrets.delete('update_token');
    }
    const token = await requestToken(deps, sessionToken, installId);
    if (!token) return 'failed';
    await deps.secrets.set('update_token', token);
    deps.log.info(stored ? 'update token: replaced' : 'update token: obtained at first login');
    return stored ? 'replaced' : 'issued';
  } catch (err) {
    deps.log.warn(`update token: ${(err as Error).message}`);
    return 'failed';
  }
}

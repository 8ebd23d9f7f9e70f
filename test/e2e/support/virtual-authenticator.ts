/**
 * Chromium's virtual WebAuthn authenticator over the DevTools protocol: a platform authenticator
 * (CTAP2, internal transport) with resident keys and user verification, as the browser's passkey
 * provider for one page. It answers every request at once, a conditional (autofill) one too, as
 * if the person picked the passkey; with no credential it has nothing to offer, and the request
 * waits. Its credentials can be read (private key, signature counter) and put back, which is how
 * a test makes a copied key with a counter that went backwards.
 */
import { type BrowserContext, type CDPSession, type Page } from 'playwright-core';

export interface VirtualCredential {
  credentialId: string;
  isResidentCredential: boolean;
  rpId?: string;
  privateKey: string;
  userHandle?: string;
  signCount: number;
}

export class VirtualAuthenticator {
  private constructor(
    private readonly cdp: CDPSession,
    readonly id: string,
  ) {}

  static async attach(page: Page): Promise<VirtualAuthenticator> {
    const cdp = await page.context().newCDPSession(page);
    await cdp.send('WebAuthn.enable', { enableUI: false });
    const { authenticatorId } = await cdp.send('WebAuthn.addVirtualAuthenticator', {
      options: {
        protocol: 'ctap2',
        transport: 'internal',
        hasResidentKey: true,
        hasUserVerification: true,
        isUserVerified: true,
        automaticPresenceSimulation: true,
      },
    });
    return new VirtualAuthenticator(cdp, authenticatorId);
  }

  async credentials(): Promise<VirtualCredential[]> {
    const { credentials } = await this.cdp.send('WebAuthn.getCredentials', { authenticatorId: this.id });
    return credentials as VirtualCredential[];
  }

  async add(credential: VirtualCredential): Promise<void> {
    await this.cdp.send('WebAuthn.addCredential', { authenticatorId: this.id, credential });
  }

  /** Forgets every credential (the person has none on this device for now). */
  async clear(): Promise<void> {
    await this.cdp.send('WebAuthn.clearCredentials', { authenticatorId: this.id });
  }

  /** Replaces the credential with the same key and a signature counter of `signCount`. */
  async setSignCount(credentialId: string, signCount: number): Promise<void> {
    const credential = (await this.credentials()).find((c) => c.credentialId === credentialId);
    if (!credential) throw new Error(`no credential ${credentialId}`);
    await this.cdp.send('WebAuthn.removeCredential', { authenticatorId: this.id, credentialId });
    await this.add({ ...credential, signCount });
  }

  /** Removes this authenticator from the page (its credentials go with it). */
  async remove(): Promise<void> {
    await this.cdp.send('WebAuthn.removeVirtualAuthenticator', { authenticatorId: this.id });
  }
}

/**
 * Records, in every page of the context, how each `navigator.credentials.get` was asked for
 * ('conditional' for autofill, 'modal' otherwise) before passing it on unchanged.
 */
export async function recordPasskeyRequests(context: BrowserContext): Promise<void> {
  await context.addInitScript(() => {
    const asked: string[] = [];
    Object.defineProperty(window, '__passkeyRequests', { value: asked });
    const get = navigator.credentials.get.bind(navigator.credentials);
    navigator.credentials.get = (options?: CredentialRequestOptions) => {
      asked.push(options?.mediation === 'conditional' ? 'conditional' : 'modal');
      return get(options);
    };
  });
}

export function passkeyRequests(page: Page): Promise<string[]> {
  return page.evaluate(() => [...(window as unknown as { __passkeyRequests: string[] }).__passkeyRequests]);
}

/**
 * The browser's half of the passkey ceremonies, through @simplewebauthn/browser. The library is
 * imported only when a ceremony starts (its own chunk), so screens that never use a passkey do not
 * load it. What the person did (cancelled, chose an authenticator that already holds a passkey
 * for this account) comes back as a `CeremonyFailure` the screens can word.
 */
import type {
  AuthenticationResponseJSON,
  PublicKeyCredentialCreationOptionsJSON,
  PublicKeyCredentialRequestOptionsJSON,
  RegistrationResponseJSON,
} from '@simplewebauthn/browser';

export type CeremonyFailureReason = 'cancelled' | 'already_registered' | 'unsupported' | 'failed';

export class CeremonyFailure extends Error {
  constructor(
    readonly reason: CeremonyFailureReason,
    cause: unknown,
  ) {
    super(`passkey ceremony ${reason}`, { cause });
  }
}

const library = () => import('@simplewebauthn/browser');

/** WebAuthn exists in this page (a secure context with PublicKeyCredential). */
export function browserHasWebAuthn(): boolean {
  return typeof window !== 'undefined' && typeof window.PublicKeyCredential === 'function';
}

function failure(err: unknown): CeremonyFailure {
  const e = err as { name?: string; code?: string };
  if (e.code === 'ERROR_AUTHENTICATOR_PREVIOUSLY_REGISTERED' || e.name === 'InvalidStateError')
    return new CeremonyFailure('already_registered', err);
  if (e.name === 'NotAllowedError' || e.name === 'AbortError' || e.code === 'ERROR_CEREMONY_ABORTED')
    return new CeremonyFailure('cancelled', err);
  if (e.name === 'NotSupportedError' || e.name === 'SecurityError') return new CeremonyFailure('unsupported', err);
  return new CeremonyFailure('failed', err);
}

function requireWebAuthn(): void {
  if (!browserHasWebAuthn()) throw new CeremonyFailure('unsupported', new Error('no PublicKeyCredential'));
}

export async function createPasskey(
  options: PublicKeyCredentialCreationOptionsJSON,
): Promise<RegistrationResponseJSON> {
  requireWebAuthn();
  const { startRegistration } = await library();
  try {
    return await startRegistration({ optionsJSON: options });
  } catch (err) {
    throw failure(err);
  }
}

/**
 * Asks for a passkey. With `autofill`, the request waits in the background and the browser offers
 * the passkeys in the username field's suggestions (conditional UI); a later ceremony cancels it.
 */
export async function getPasskey(
  options: PublicKeyCredentialRequestOptionsJSON,
  opts: { autofill?: boolean } = {},
): Promise<AuthenticationResponseJSON> {
  requireWebAuthn();
  const { startAuthentication } = await library();
  try {
    return await startAuthentication({ optionsJSON: options, useBrowserAutofill: opts.autofill ?? false });
  } catch (err) {
    throw failure(err);
  }
}

/**
 * Whether the browser offers passkeys in autofill suggestions (conditional mediation). Asked of
 * the browser directly (what the library's browserSupportsWebAuthnAutofill asks), so a browser
 * without it never loads the library on the login screen.
 */
export async function browserOffersPasskeyAutofill(): Promise<boolean> {
  if (!browserHasWebAuthn()) return false;
  const credential = window.PublicKeyCredential as unknown as { isConditionalMediationAvailable?(): Promise<boolean> };
  if (typeof credential.isConditionalMediationAvailable !== 'function') return false;
  return credential.isConditionalMediationAvailable().catch(() => false);
}

/** Ends a waiting autofill request (leaving the login screen). */
export async function cancelPasskeyRequest(): Promise<void> {
  const { WebAuthnAbortService } = await library();
  WebAuthnAbortService.cancelCeremony();
}

/**
 * A FIDO2 authenticator in Node for the appliance tests: it answers the appliance's registration
 * and sign-in options the way a browser and a platform authenticator together would (ES256 keys
 * on P-256 from node:crypto, "none" attestation in CBOR, authenticator data with the flags and the
 * signature counter, the client data with the challenge and the page's origin). Tests steer what
 * a real one would decide: the origin the "browser" reports, whether the user was verified, the
 * counter (to make it go backwards), and replaying an answer.
 */
import crypto from 'node:crypto';
import type {
  AuthenticationResponseJSON,
  PublicKeyCredentialCreationOptionsJSON,
  PublicKeyCredentialRequestOptionsJSON,
  RegistrationResponseJSON,
} from '@simplewebauthn/browser';
import { encodeCbor } from './cbor.js';

const FLAG_UP = 0x01;
const FLAG_UV = 0x04;
const FLAG_BE = 0x08;
const FLAG_BS = 0x10;
const FLAG_AT = 0x40;
const COSE_ES256 = -7;

const b64url = (bytes: Uint8Array) => Buffer.from(bytes).toString('base64url');
const sha256 = (data: Uint8Array | string) => crypto.createHash('sha256').update(data).digest();

export interface StoredCredential {
  id: string;
  rpId: string;
  userHandle: string;
  privateKey: crypto.KeyObject;
  counter: number;
}

export interface AuthenticatorOptions {
  /** The model's AAGUID (a UUID); all zeros when the authenticator does not say. */
  aaguid?: string;
  /** A synced passkey provider (backup-eligible and backed up). */
  synced?: boolean;
  /** False for an authenticator that keeps its counter at 0, as synced providers do. */
  counts?: boolean;
}

export interface CeremonyOptions {
  /** The origin the browser puts in the client data (default: the appliance's own). */
  origin?: string;
  /** Whether the user was verified (PIN, biometrics); default true. */
  userVerified?: boolean;
}

export class SoftwareAuthenticator {
  readonly credentials: StoredCredential[] = [];
  private readonly aaguid: Buffer;

  constructor(private readonly opts: AuthenticatorOptions = {}) {
    this.aaguid = Buffer.from((opts.aaguid ?? '00000000-0000-0000-0000-000000000000').replace(/-/g, ''), 'hex');
  }

  private flags(userVerified: boolean): number {
    const synced = this.opts.synced ? FLAG_BE | FLAG_BS : 0;
    return FLAG_UP | (userVerified ? FLAG_UV : 0) | synced;
  }

  /** `navigator.credentials.create()`: a new ES256 key for the options' RP and user. */
  create(
    options: PublicKeyCredentialCreationOptionsJSON,
    origin: string,
    ceremony: CeremonyOptions = {},
  ): RegistrationResponseJSON {
    const rpId = options.rp.id!;
    const excluded = new Set((options.excludeCredentials ?? []).map((c) => c.id));
    if (this.credentials.some((c) => c.rpId === rpId && excluded.has(c.id)))
      throw new Error('InvalidStateError: this authenticator already holds an excluded credential');
    if (!options.pubKeyCredParams.some((p) => p.alg === COSE_ES256)) throw new Error('NotSupportedError: no ES256');
    const { privateKey, publicKey } = crypto.generateKeyPairSync('ec', { namedCurve: 'P-256' });
    const jwk = publicKey.export({ format: 'jwk' });
    const coseKey = new Map<number, number | Uint8Array>([
      [1, 2], // kty: EC2
      [3, COSE_ES256],
      [-1, 1], // crv: P-256
      [-2, Buffer.from(jwk.x!, 'base64url')],
      [-3, Buffer.from(jwk.y!, 'base64url')],
    ]);
    const credentialId = crypto.randomBytes(32);
    const idLength = Buffer.alloc(2);
    idLength.writeUInt16BE(credentialId.length);
    const authData = Buffer.concat([
      sha256(rpId),
      Buffer.from([this.flags(ceremony.userVerified ?? true) | FLAG_AT]),
      Buffer.alloc(4), // signature counter 0 at creation
      this.aaguid,
      idLength,
      credentialId,
      encodeCbor(coseKey),
    ]);
    const clientData = JSON.stringify({
      type: 'webauthn.create',
      challenge: options.challenge,
      origin: ceremony.origin ?? origin,
      crossOrigin: false,
    });
    const attestationObject = encodeCbor({ fmt: 'none', attStmt: {}, authData });
    const id = b64url(credentialId);
    this.credentials.push({ id, rpId, userHandle: options.user.id, privateKey, counter: 0 });
    return {
      id,
      rawId: id,
      type: 'public-key',
      response: {
        clientDataJSON: b64url(Buffer.from(clientData)),
        attestationObject: b64url(attestationObject),
        transports: ['internal'],
        publicKeyAlgorithm: COSE_ES256,
      },
      authenticatorAttachment: 'platform',
      clientExtensionResults: {},
    };
  }

  /**
   * `navigator.credentials.get()`: signs the challenge with the credential `credentialId`, or
   * with the first one allowed (with none listed: the first discoverable one for the RP).
   */
  get(
    options: PublicKeyCredentialRequestOptionsJSON,
    origin: string,
    ceremony: CeremonyOptions & { credentialId?: string } = {},
  ): AuthenticationResponseJSON {
    const rpId = options.rpId!;
    const allowed = (options.allowCredentials ?? []).map((c) => c.id);
    const credential = this.credentials.find(
      (c) =>
        c.rpId === rpId &&
        (ceremony.credentialId ? c.id === ceremony.credentialId : allowed.length === 0 || allowed.includes(c.id)),
    );
    if (!credential) throw new Error('NotAllowedError: no credential of this authenticator is allowed');
    if (this.opts.counts !== false) credential.counter += 1;
    const counter = Buffer.alloc(4);
    counter.writeUInt32BE(credential.counter);
    const authData = Buffer.concat([sha256(rpId), Buffer.from([this.flags(ceremony.userVerified ?? true)]), counter]);
    const clientData = Buffer.from(
      JSON.stringify({
        type: 'webauthn.get',
        challenge: options.challenge,
        origin: ceremony.origin ?? origin,
        crossOrigin: false,
      }),
    );
    const signature = crypto.sign('sha256', Buffer.concat([authData, sha256(clientData)]), credential.privateKey);
    return {
      id: credential.id,
      rawId: credential.id,
      type: 'public-key',
      response: {
        clientDataJSON: b64url(clientData),
        authenticatorData: b64url(authData),
        signature: b64url(signature),
        userHandle: credential.userHandle,
      },
      authenticatorAttachment: 'platform',
      clientExtensionResults: {},
    };
  }

  /** The credential in the DevTools protocol's form, to hand it to Chromium's virtual authenticator. */
  exportCredential(credentialId: string): {
    credentialId: string;
    isResidentCredential: boolean;
    rpId: string;
    privateKey: string;
    userHandle: string;
    signCount: number;
  } {
    const credential = this.credentials.find((c) => c.id === credentialId);
    if (!credential) throw new Error(`no credential ${credentialId}`);
    return {
      credentialId: Buffer.from(credential.id, 'base64url').toString('base64'),
      isResidentCredential: true,
      rpId: credential.rpId,
      privateKey: credential.privateKey.export({ type: 'pkcs8', format: 'der' }).toString('base64'),
      userHandle: Buffer.from(credential.userHandle, 'base64url').toString('base64'),
      signCount: credential.counter,
    };
  }

  /** Sets a credential's counter, e.g. back below what the appliance saw last (a cloned key). */
  setCounter(credentialId: string, counter: number): void {
    const credential = this.credentials.find((c) => c.id === credentialId);
    if (!credential) throw new Error(`no credential ${credentialId}`);
    credential.counter = counter;
  }
}

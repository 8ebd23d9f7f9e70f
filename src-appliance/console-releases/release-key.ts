/**
 * The publisher's release key on the build machine: making a key pair and signing a build (see
 * src-shared/release-signature.ts for what is signed and how consoles check it). Nothing here runs
 * on an appliance; `release-key generate` refuses to put a private key in its data directory.
 */
import crypto from 'node:crypto';
import fs from 'node:fs';
import { pipeline } from 'node:stream/promises';
import { formatReleaseKey, releaseStatement, type ReleaseStatement } from '../../src-shared/release-signature.js';

export interface ReleaseKeyPair {
  /** PKCS#8 PEM: the private key, for the build machine only. */
  privateKeyPem: string;
  /** `ed25519:<base64url>`: what consoles pin and APPLIANCE_RELEASE_KEYS lists. */
  publicKey: string;
}

export function generateReleaseKey(): ReleaseKeyPair {
  const { privateKey, publicKey } = crypto.generateKeyPairSync('ed25519');
  return {
    privateKeyPem: privateKey.export({ format: 'pem', type: 'pkcs8' }).toString(),
    publicKey: publicKeyText(publicKey),
  };
}

function publicKeyText(key: crypto.KeyObject): string {
  return formatReleaseKey(Buffer.from(key.export({ format: 'jwk' }).x!, 'base64url'));
}

/** The Ed25519 private key of a PEM file's text, or why not. */
export function readPrivateReleaseKey(pem: string): crypto.KeyObject {
  let key: crypto.KeyObject;
  try {
    key = crypto.createPrivateKey(pem);
  } catch {
    throw new Error('not a private key in PEM form');
  }
  if (key.asymmetricKeyType !== 'ed25519')
    throw new Error(`an ${key.asymmetricKeyType} key, not an Ed25519 release key`);
  return key;
}

/** The public key (`ed25519:…`) that belongs to a private release key. */
export function releasePublicKeyOf(key: crypto.KeyObject): string {
  return publicKeyText(crypto.createPublicKey(key));
}

/** base64 SHA-512 of a file, read in chunks (builds are large). */
export async function sha512OfFile(file: string): Promise<string> {
  const hash = crypto.createHash('sha512');
  await pipeline(fs.createReadStream(file), hash);
  return hash.digest('base64');
}

/** The base64 Ed25519 signature of a release statement. */
export function signReleaseStatement(key: crypto.KeyObject, statement: ReleaseStatement): string {
  return crypto.sign(null, releaseStatement(statement), key).toString('base64');
}

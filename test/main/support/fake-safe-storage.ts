/**
 * A stand-in for Electron's `safeStorage` (async API) with real AES-256-GCM, so stored files are
 * really ciphertext. `backend` mimics Linux's getSelectedStorageBackend; `rotateKey()` makes the
 * next decrypt report `shouldReEncrypt` like Electron after a key rotation.
 */
import crypto from 'node:crypto';
import { type AsyncEncryptor } from '../../../src-main/storage/secret-store.js';

type Backend = ReturnType<NonNullable<AsyncEncryptor['getSelectedStorageBackend']>>;

export class FakeSafeStorage implements AsyncEncryptor {
  private keys = [crypto.randomBytes(32)];
  calls = { encrypt: 0, decrypt: 0 };
  constructor(
    public backend: Backend = 'gnome_libsecret',
    public available = true,
  ) {}

  async isAsyncEncryptionAvailable(): Promise<boolean> {
    return this.available;
  }
  getSelectedStorageBackend(): Backend {
    return this.backend;
  }
  rotateKey(): void {
    this.keys.unshift(crypto.randomBytes(32));
  }
  async encryptStringAsync(plainText: string): Promise<Buffer> {
    this.calls.encrypt++;
    const iv = crypto.randomBytes(12);
    const c = crypto.createCipheriv('aes-256-gcm', this.keys[0]!, iv);
    const body = Buffer.concat([c.update(plainText, 'utf8'), c.final()]);
    return Buffer.concat([Buffer.from([this.keys.length]), iv, c.getAuthTag(), body]);
  }
  async decryptStringAsync(encrypted: Buffer): Promise<{ result: string; shouldReEncrypt: boolean }> {
    this.calls.decrypt++;
    const generation = encrypted[0]!;
    const key = this.keys[this.keys.length - generation];
    if (!key) throw new Error('Error while decrypting the ciphertext provided to safeStorage.decryptString.');
    const d = crypto.createDecipheriv('aes-256-gcm', key, encrypted.subarray(1, 13));
    d.setAuthTag(encrypted.subarray(13, 29));
    const result = Buffer.concat([d.update(encrypted.subarray(29)), d.final()]).toString('utf8');
    return { result, shouldReEncrypt: generation !== this.keys.length };
  }
}

export function recordingLog() {
  const lines: { level: 'info' | 'warn' | 'error'; msg: string }[] = [];
  return {
    lines,
    info: (msg: string) => lines.push({ level: 'info', msg }),
    warn: (msg: string) => lines.push({ level: 'warn', msg }),
    error: (msg: string) => lines.push({ level: 'error', msg }),
  };
}

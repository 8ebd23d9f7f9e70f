/**
 * The site key: 32 random bytes in `<data dir>/site.key` (mode 0600), created on first start.
 * It encrypts secrets at rest (TOTP seeds: AES-256-GCM) and signs single-purpose links (HMAC).
 * A copy of the database alone does not reveal the TOTP secrets.
 */
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';

const KEY_FILE = 'site.key';
const KEY_BYTES = 32;
const FORMAT = 'v1';

export class SiteKey {
  private readonly encKey: Buffer;
  private readonly macKey: Buffer;

  constructor(master: Buffer) {
    if (master.length !== KEY_BYTES) throw new Error(`site key must be ${KEY_BYTES} bytes`);
    // Separate keys per use, so a signature can never be confused with a ciphertext tag.
    this.encKey = Buffer.from(
      crypto.hkdfSync('sha256', master, Buffer.alloc(0), 'appliance secret encryption', KEY_BYTES),
    );
    this.macKey = Buffer.from(crypto.hkdfSync('sha256', master, Buffer.alloc(0), 'appliance link signing', KEY_BYTES));
  }

  /**
   * Loads `<dataDir>/site.key`, creating it (0600) when absent. The key is written to a private
   * temporary file and linked into place, which fails if the name exists: processes that start
   * together agree on one key, and none ever reads a half-written one.
   */
  static loadOrCreate(dataDir: string): SiteKey {
    const file = path.join(dataDir, KEY_FILE);
    if (!fs.existsSync(file)) {
      // On PostgreSQL nothing else may have made the data directory yet (SQLite's file lives in it).
      fs.mkdirSync(dataDir, { recursive: true, mode: 0o700 });
      const temp = `${file}.${crypto.randomBytes(6).toString('hex')}.tmp`;
      fs.writeFileSync(temp, crypto.randomBytes(KEY_BYTES), { mode: 0o600, flag: 'wx' });
      try {
        fs.linkSync(temp, file);
      } catch (err) {
        if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
      } finally {
        fs.rmSync(temp, { force: true });
      }
    }
    const master = fs.readFileSync(file);
    return new SiteKey(master);
  }

  /** `v1.<iv>.<tag>.<ciphertext>` (base64url); `context` is bound as associated data (e.g. the user id). */
  encrypt(plain: string, context: string): string {
    const iv = crypto.randomBytes(12);
    const cipher = crypto.createCipheriv('aes-256-gcm', this.encKey, iv);
    cipher.setAAD(Buffer.from(context));
    const ct = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()]);
    return [FORMAT, iv.toString('base64url'), cipher.getAuthTag().toString('base64url'), ct.toString('base64url')].join(
      '.',
    );
  }

  /** Throws when the box was altered, made with another key, or for another context. */
  decrypt(box: string, context: string): string {
    const [format, iv, tag, ct] = box.split('.');
    if (format !== FORMAT || !iv || !tag || ct === undefined) throw new Error('not a sealed secret');
    const decipher = crypto.createDecipheriv('aes-256-gcm', this.encKey, Buffer.from(iv, 'base64url'));
    decipher.setAAD(Buffer.from(context));
    decipher.setAuthTag(Buffer.from(tag, 'base64url'));
    return Buffer.concat([decipher.update(Buffer.from(ct, 'base64url')), decipher.final()]).toString('utf8');
  }

  /** HMAC-SHA256 of `purpose` and `payload`, base64url. */
  sign(purpose: string, payload: string): string {
    return crypto.createHmac('sha256', this.macKey).update(`${purpose}\n${payload}`).digest('base64url');
  }

  verify(purpose: string, payload: string, signature: string): boolean {
    const expected = Buffer.from(this.sign(purpose, payload));
    const given = Buffer.from(signature);
    return expected.length === given.length && crypto.timingSafeEqual(expected, given);
  }
}

/**
 * Secrets of the desktop console (session token, update token, install id), encrypted with
 * Electron's async `safeStorage` API and kept one file per secret in `<userData>/secrets/`, mode
 * 0600 (folder 0700). The encryptor is injected (Electron's `safeStorage` in the app, a test double
 * under Node), so nothing here imports electron.
 *
 * Linux without a keyring selects the `basic_text` backend (a hard-coded key): secrets are stored
 * anyway — the console would otherwise ask for the password at every start — but the user is
 * warned once per run and the log says so. When no encryption is available at all, secrets live in
 * memory for this run only (never written in clear).
 */
import crypto from 'node:crypto';
import fs from 'node:fs/promises';
import path from 'node:path';
import type { SafeStorage } from 'electron';

export type SecretName = 'session_token' | 'update_token' | 'install_id';
export const SECRET_NAMES: readonly SecretName[] = ['session_token', 'update_token', 'install_id'];

export interface SecretStore {
  get(name: SecretName): Promise<string | null>;
  set(name: SecretName, value: string): Promise<void>;
  delete(name: SecretName): Promise<void>;
}

/** The part of Electron's `safeStorage` the store uses (async API only: the sync one is gone in Electron 46). */
export type AsyncEncryptor = Pick<
  SafeStorage,
  'isAsyncEncryptionAvailable' | 'encryptStringAsync' | 'decryptStringAsync'
> &
  Partial<Pick<SafeStorage, 'getSelectedStorageBackend'>>;

export interface StoreLogger {
  info(msg: string): void;
  warn(msg: string): void;
  error(msg: string): void;
}

export interface FileSecretStoreDeps {
  userDataDir: string;
  encryptor: AsyncEncryptor;
  platform: NodeJS.Platform;
  log: StoreLogger;
  /** Shown to the user once per run when secrets are only obfuscated (basic_text); not called in silent mode. */
  warnUser?: (message: string) => void;
}

export const BASIC_TEXT_WARNING =
  'No system keyring was found (Linux "basic_text" storage). Your sign-in is stored on this computer, but only obfuscated, not encrypted. Install and unlock a keyring (GNOME Keyring or KWallet) to protect it.';

const SECRET_FILE_MODE = 0o600;
const SECRET_DIR_MODE = 0o700;

export function secretsDir(userDataDir: string): string {
  return path.join(userDataDir, 'secrets');
}

export function createFileSecretStore(deps: FileSecretStoreDeps): SecretStore {
  const dir = secretsDir(deps.userDataDir);
  const fileOf = (name: SecretName) => path.join(dir, `${name}.bin`);
  const memoryOnly = new Map<SecretName, string>();
  let mode: Promise<'encrypted' | 'memory'> | null = null;

  /** Decided once per run: checks availability and warns about basic_text once. */
  const storageMode = () =>
    (mode ??= (async () => {
      if (!(await deps.encryptor.isAsyncEncryptionAvailable())) {
        deps.log.error(
          'secret store: safeStorage encryption is not available; secrets are kept in memory for this run only',
        );
        return 'memory';
      }
      const backend = deps.platform === 'linux' ? deps.encryptor.getSelectedStorageBackend?.() : undefined;
      if (backend === 'basic_text') {
        deps.log.warn(
          'secret store: Linux safeStorage backend is basic_text (no keyring); secrets are stored obfuscated, not encrypted',
        );
        deps.warnUser?.(BASIC_TEXT_WARNING);
      }
      return 'encrypted';
    })());

  async function writeSecret(name: SecretName, value: string): Promise<void> {
    const encrypted = await deps.encryptor.encryptStringAsync(value);
    await fs.mkdir(dir, { recursive: true, mode: SECRET_DIR_MODE });
    await fs.chmod(dir, SECRET_DIR_MODE);
    // Write-then-rename: a crash never leaves a half-written secret behind.
    const tmp = `${fileOf(name)}.${crypto.randomBytes(6).toString('hex')}.tmp`;
    await fs.writeFile(tmp, encrypted, { mode: SECRET_FILE_MODE });
    await fs.chmod(tmp, SECRET_FILE_MODE);
    await fs.rename(tmp, fileOf(name));
  }

  return {
    async get(name) {
      if ((await storageMode()) === 'memory') return memoryOnly.get(name) ?? null;
      let data: Buffer;
      try {
        const file = fileOf(name);
        const stat = await fs.stat(file);
        if ((stat.mode & 0o077) !== 0) {
          deps.log.warn(
            `secret store: ${name} was readable by others (mode ${(stat.mode & 0o777).toString(8)}); reset to 600`,
          );
          await fs.chmod(file, SECRET_FILE_MODE);
        }
        data = await fs.readFile(file);
      } catch (err) {
        if ((err as NodeJS.ErrnoException).code === 'ENOENT') return null;
        throw err;
      }
      try {
        const { result, shouldReEncrypt } = await deps.encryptor.decryptStringAsync(data);
        if (shouldReEncrypt) await writeSecret(name, result);
        return result;
      } catch (err) {
        // Another user's or machine's key, or a damaged file: the secret is gone, not a crash.
        deps.log.error(`secret store: ${name} could not be decrypted (${(err as Error).message}); treated as absent`);
        return null;
      }
    },
    async set(name, value) {
      if ((await storageMode()) === 'memory') {
        memoryOnly.set(name, value);
        return;
      }
      await writeSecret(name, value);
    },
    async delete(name) {
      memoryOnly.delete(name);
      await fs.rm(fileOf(name), { force: true });
    },
  };
}

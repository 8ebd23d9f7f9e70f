import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { BASIC_TEXT_WARNING, createFileSecretStore, secretsDir } from '../../src-main/storage/secret-store.js';
import { FakeSafeStorage, recordingLog } from './support/fake-safe-storage.js';

const dirs: string[] = [];
function userData(): string {
  const d = fs.mkdtempSync(path.join(os.tmpdir(), 'console-userdata-'));
  dirs.push(d);
  return d;
}
afterEach(() => {
  for (const d of dirs.splice(0)) fs.rmSync(d, { recursive: true, force: true });
});

function setup(encryptor = new FakeSafeStorage(), platform: NodeJS.Platform = 'linux') {
  const dir = userData();
  const log = recordingLog();
  const warnings: string[] = [];
  const store = createFileSecretStore({
    userDataDir: dir,
    encryptor,
    platform,
    log,
    warnUser: (m) => warnings.push(m),
  });
  return { dir, log, warnings, store, encryptor };
}

describe('file secret store over safeStorage', () => {
  it('round-trips every secret, encrypted on disk with mode 0600 in a 0700 folder', async () => {
    const { dir, store, warnings } = setup();
    const token = 'session-token-\u00e9-' + 'x'.repeat(40);
    await store.set('session_token', token);
    await store.set('update_token', 'update-abc');
    await store.set('install_id', 'install_0123456789');
    expect(await store.get('session_token')).toBe(token);
    expect(await store.get('update_token')).toBe('update-abc');
    expect(await store.get('install_id')).toBe('install_0123456789');

    const file = path.join(secretsDir(dir), 'session_token.bin');
    expect(fs.statSync(file).mode & 0o777).toBe(0o600);
    expect(fs.statSync(secretsDir(dir)).mode & 0o777).toBe(0o700);
    expect(fs.readFileSync(file).includes(Buffer.from('session-token'))).toBe(false);
    expect(fs.readdirSync(secretsDir(dir)).sort()).toEqual(['install_id.bin', 'session_token.bin', 'update_token.bin']);
    expect(warnings).toEqual([]);
  });

  it('survives a restart (a new store over the same folder and key) and deletes', async () => {
    const { dir, store, encryptor, log } = setup();
    await store.set('update_token', 'u1');
    const again = createFileSecretStore({ userDataDir: dir, encryptor, platform: 'linux', log });
    expect(await again.get('update_token')).toBe('u1');
    await again.delete('update_token');
    expect(await again.get('update_token')).toBeNull();
    expect(await store.get('update_token')).toBeNull();
    await again.delete('update_token'); // deleting what is gone is fine
  });

  it('missing secrets are null', async () => {
    const { store } = setup();
    expect(await store.get('session_token')).toBeNull();
  });

  it('basic_text (Linux, no keyring): stores anyway, warns the user once and logs it', async () => {
    const { store, warnings, log, dir } = setup(new FakeSafeStorage('basic_text'));
    await store.set('session_token', 't1');
    await store.set('update_token', 't2');
    expect(await store.get('session_token')).toBe('t1');
    expect(warnings).toEqual([BASIC_TEXT_WARNING]);
    expect(log.lines.filter((l) => l.level === 'warn' && /basic_text/.test(l.msg))).toHaveLength(1);
    expect(fs.existsSync(path.join(secretsDir(dir), 'session_token.bin'))).toBe(true);
  });

  it('basic_text is not asked for on Windows and macOS (the backend call is Linux-only)', async () => {
    const { store, warnings } = setup(new FakeSafeStorage('basic_text'), 'win32');
    await store.set('session_token', 't1');
    expect(warnings).toEqual([]);
  });

  it('no encryption available: kept in memory only, nothing written, logged', async () => {
    const { store, dir, log } = setup(new FakeSafeStorage('unknown', false));
    await store.set('session_token', 'secret-in-memory');
    expect(await store.get('session_token')).toBe('secret-in-memory');
    expect(fs.existsSync(secretsDir(dir))).toBe(false);
    expect(log.lines.some((l) => l.level === 'error' && /in memory/.test(l.msg))).toBe(true);
  });

  it('re-encrypts when safeStorage says the key rotated', async () => {
    const { store, encryptor, dir } = setup();
    await store.set('install_id', 'install_abcdefgh');
    const before = fs.readFileSync(path.join(secretsDir(dir), 'install_id.bin'));
    encryptor.rotateKey();
    expect(await store.get('install_id')).toBe('install_abcdefgh');
    const after = fs.readFileSync(path.join(secretsDir(dir), 'install_id.bin'));
    expect(after[0]).toBe(2);
    expect(after.equals(before)).toBe(false);
    expect(await store.get('install_id')).toBe('install_abcdefgh');
  });

  it('an undecryptable file (other key, damage) is treated as absent and logged, not thrown', async () => {
    const { store, dir, log } = setup();
    await store.set('session_token', 'abc');
    fs.writeFileSync(path.join(secretsDir(dir), 'session_token.bin'), Buffer.from([9, 1, 2, 3]), { mode: 0o600 });
    expect(await store.get('session_token')).toBeNull();
    expect(log.lines.some((l) => l.level === 'error' && /could not be decrypted/.test(l.msg))).toBe(true);
  });

  it('tightens a secret file someone made readable by others', async () => {
    const { store, dir } = setup();
    await store.set('session_token', 'abc');
    const file = path.join(secretsDir(dir), 'session_token.bin');
    fs.chmodSync(file, 0o644);
    expect(await store.get('session_token')).toBe('abc');
    expect(fs.statSync(file).mode & 0o777).toBe(0o600);
  });

  it('concurrent writes never collide or leave temp files; one whole value wins', async () => {
    const { store, dir } = setup();
    await Promise.all(Array.from({ length: 20 }, (_, i) => store.set('session_token', `token-${i}`)));
    expect(await store.get('session_token')).toMatch(/^token-\d+$/);
    expect(fs.readdirSync(secretsDir(dir))).toEqual(['session_token.bin']);
  });
});

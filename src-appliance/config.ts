/**
 * Appliance configuration from the environment (documented in README.md, "Configuration").
 * Everything has a default so `npm run appliance` works on a fresh clone.
 */
import os from 'node:os';
import path from 'node:path';
import { USERNAME_PATTERN } from '../src-shared/api/common.js';
import { BUILT_IN_RELEASE_KEYS } from '../src-shared/release-keys.js';
import { parseReleaseKeyList } from '../src-shared/release-signature.js';

/** More processes than this only contend for the database's write lock. */
const MAX_WORKERS = 64;

export interface ApplianceConfig {
  host: string;
  /** 0 = any free port (the start line prints the one taken). */
  port: number;
  dataDir: string;
  /** postgres://user:password@host:port/db selects PostgreSQL; null keeps SQLite in dataDir. */
  databaseUrl: string | null;
  /** The URL customers and mails use; defaults to http://host:port once listening. */
  publicUrl: string | null;
  adminUsername: string | null;
  adminPassword: string | null;
  smtpUrl: string | null;
  /** PEM file of the CA(s) that sign the SMTP server's certificate, instead of the system's. */
  smtpCaFile: string | null;
  mailFrom: string;
  siteName: string;
  logLevel: string;
  /** Appliance processes sharing the port (APPLIANCE_WORKERS; 1 = this process only). */
  workers: number;
  /** The publisher's release public keys `publish-console` accepts signatures from (APPLIANCE_RELEASE_KEYS). */
  releaseKeys: readonly string[];
  /** The largest console build or installer an admin may upload from the browser (APPLIANCE_UPLOAD_MAX_BYTES). */
  uploadMaxBytes: number;
}

/** Electron builds are 100–200 MB; room to grow, and a bound on what one upload can put on disk. */
export const DEFAULT_UPLOAD_MAX_BYTES = 512 * 1024 * 1024;

export function configFromEnv(env: NodeJS.ProcessEnv = process.env): ApplianceConfig {
  const port = env.APPLIANCE_PORT === undefined || env.APPLIANCE_PORT === '' ? 8080 : Number(env.APPLIANCE_PORT);
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    throw new Error(`APPLIANCE_PORT must be a port number (0-65535), not "${env.APPLIANCE_PORT}"`);
  }
  const databaseUrl = env.APPLIANCE_DATABASE_URL || null;
  if (databaseUrl !== null && !/^postgres(ql)?:\/\//.test(databaseUrl)) {
    throw new Error('APPLIANCE_DATABASE_URL must be a postgres://user:password@host:port/database URL');
  }
  const adminUsername = env.APPLIANCE_ADMIN_USERNAME || null;
  if (adminUsername !== null && (adminUsername.length > 64 || !new RegExp(USERNAME_PATTERN).test(adminUsername))) {
    throw new Error('APPLIANCE_ADMIN_USERNAME may hold only ASCII letters, digits and . _ @ - (at most 64)');
  }
  const smtpUrl = env.APPLIANCE_SMTP_URL || null;
  if (smtpUrl !== null && !/^smtps?:\/\/[^/]/.test(smtpUrl)) {
    throw new Error(
      'APPLIANCE_SMTP_URL must be smtp://host[:port] (STARTTLS required unless loopback) or smtps://host[:port]',
    );
  }
  // Every core by default: the processes share everything through the database (docs/parts/cluster.md).
  const workers = env.APPLIANCE_WORKERS
    ? Number(env.APPLIANCE_WORKERS)
    : Math.min(os.availableParallelism(), MAX_WORKERS);
  if (!Number.isInteger(workers) || workers < 1 || workers > MAX_WORKERS) {
    throw new Error(
      `APPLIANCE_WORKERS must be a whole number from 1 to ${MAX_WORKERS}, not "${env.APPLIANCE_WORKERS}"`,
    );
  }
  let releaseKeys = BUILT_IN_RELEASE_KEYS;
  if (env.APPLIANCE_RELEASE_KEYS) {
    const { keys, invalid } = parseReleaseKeyList(env.APPLIANCE_RELEASE_KEYS);
    if (invalid.length > 0 || keys.length === 0)
      throw new Error(
        `APPLIANCE_RELEASE_KEYS must list release public keys (ed25519:…, as release-key generate prints them), not "${invalid[0] ?? ''}"`,
      );
    releaseKeys = keys;
  }
  const uploadMaxBytes = env.APPLIANCE_UPLOAD_MAX_BYTES
    ? Number(env.APPLIANCE_UPLOAD_MAX_BYTES)
    : DEFAULT_UPLOAD_MAX_BYTES;
  if (!Number.isSafeInteger(uploadMaxBytes) || uploadMaxBytes < 1) {
    throw new Error(`APPLIANCE_UPLOAD_MAX_BYTES must be a number of bytes, not "${env.APPLIANCE_UPLOAD_MAX_BYTES}"`);
  }
  return {
    host: env.APPLIANCE_HOST || '127.0.0.1',
    port,
    dataDir: path.resolve(env.APPLIANCE_DATA_DIR || 'data'),
    databaseUrl,
    publicUrl: env.APPLIANCE_PUBLIC_URL ? env.APPLIANCE_PUBLIC_URL.replace(/\/+$/, '') : null,
    adminUsername,
    adminPassword: env.APPLIANCE_ADMIN_PASSWORD || null,
    smtpUrl,
    smtpCaFile: env.APPLIANCE_SMTP_CA_FILE ? path.resolve(env.APPLIANCE_SMTP_CA_FILE) : null,
    mailFrom: env.APPLIANCE_MAIL_FROM || 'Support Appliance <appliance@localhost>',
    siteName: env.APPLIANCE_SITE_NAME || 'Support Appliance',
    logLevel: env.APPLIANCE_LOG_LEVEL || 'info',
    workers,
    releaseKeys,
    uploadMaxBytes,
  };
}

/**
 * `npm run appliance -- release-key generate --out <file.pem>` and
 * `npm run appliance -- release-key sign --key <file.pem> --file <build> --version <x.y.z> [--out <build>.sig]`,
 * run on the build machine (never on the appliance): the publisher's Ed25519 key pair, and the
 * detached signature of a build that `publish-console` checks and the update feed carries to every
 * console. Exit codes: 0 done, 1 refused or failed, 2 usage.
 */
import fs from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { type ApplianceConfig } from '../config.js';
import { type Command } from '../command.js';
import { isConsoleVersion } from '../../src-shared/console-version.js';
import {
  generateReleaseKey,
  readPrivateReleaseKey,
  releasePublicKeyOf,
  sha512OfFile,
  signReleaseStatement,
} from './release-key.js';

const USAGE = [
  'usage: npm run appliance -- release-key generate --out <release-key.pem>',
  '       npm run appliance -- release-key sign --key <release-key.pem> --file <build> --version <x.y.z> [--out <build>.sig]',
].join('\n');

function isInside(dir: string, file: string): boolean {
  const rel = path.relative(path.resolve(dir), path.resolve(file));
  return rel === '' || (!rel.startsWith('..') && !path.isAbsolute(rel));
}

function generate(config: ApplianceConfig, values: Record<string, string | undefined>): number {
  const out = values.out;
  if (!out) return usage();
  if (isInside(config.dataDir, out)) {
    console.error(
      `release-key: refusing to write a private key into the appliance's data directory (${config.dataDir}); keep it on the build machine`,
    );
    return 1;
  }
  const pair = generateReleaseKey();
  try {
    fs.mkdirSync(path.dirname(path.resolve(out)), { recursive: true, mode: 0o700 });
    // 'wx': an existing key is never overwritten (consoles in the field may pin it).
    fs.writeFileSync(out, pair.privateKeyPem, { mode: 0o600, flag: 'wx' });
    fs.writeFileSync(`${out}.pub`, `${pair.publicKey}\n`, { mode: 0o644, flag: 'wx' });
  } catch (err) {
    console.error(`release-key: cannot write ${out}: ${(err as Error).message}`);
    return 1;
  }
  console.log(`Private release key: ${out} (keep it on the build machine, never on an appliance)`);
  console.log(`Public release key:  ${pair.publicKey} (also in ${out}.pub)`);
  console.log('Consoles pin it: src-shared/release-keys.ts (built in) or the MSI property RELEASEKEY.');
  console.log('Appliances accept releases signed with it: APPLIANCE_RELEASE_KEYS.');
  return 0;
}

async function sign(values: Record<string, string | undefined>): Promise<number> {
  const { key: keyFile, file, version } = values;
  if (!keyFile || !file || !version) return usage();
  if (!isConsoleVersion(version)) {
    console.error(`release-key: --version must be a semantic version like 1.2.3, not "${version}"`);
    return 1;
  }
  let key;
  try {
    key = readPrivateReleaseKey(fs.readFileSync(keyFile, 'utf8'));
  } catch (err) {
    console.error(`release-key: ${keyFile}: ${(err as Error).message}`);
    return 1;
  }
  let sha512: string;
  try {
    sha512 = await sha512OfFile(file);
  } catch (err) {
    console.error(`release-key: cannot read ${file}: ${(err as Error).message}`);
    return 1;
  }
  const out = values.out ?? `${file}.sig`;
  try {
    fs.writeFileSync(out, `${signReleaseStatement(key, { version, sha512 })}\n`);
  } catch (err) {
    console.error(`release-key: cannot write ${out}: ${(err as Error).message}`);
    return 1;
  }
  console.log(`Signed ${path.basename(file)} as version ${version} (sha512 ${sha512}) with ${releasePublicKeyOf(key)}`);
  console.log(`Signature: ${out}`);
  return 0;
}

function usage(): number {
  console.error(USAGE);
  return 2;
}

export const releaseKeyCommand: Command = {
  summary: "The publisher's release key on the build machine: generate a key pair, sign a console build",
  async run(config, args) {
    const [action, ...rest] = args;
    let values: Record<string, string | undefined>;
    try {
      ({ values } = parseArgs({
        args: rest,
        options: {
          out: { type: 'string' },
          key: { type: 'string' },
          file: { type: 'string' },
          version: { type: 'string' },
        },
        strict: true,
      }));
    } catch (err) {
      console.error((err as Error).message);
      return usage();
    }
    if (action === 'generate') return generate(config, values);
    if (action === 'sign') return sign(values);
    return usage();
  },
};

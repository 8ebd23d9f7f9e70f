/**
 * The elevation service's registry file: regedit's format (UTF-16LE with BOM, CRLF, version
 * header), the current site hash = HMAC-SHA256(site secret, software version) computed here
 * independently, and a new hash after a console release is published (the software update).
 */
import crypto from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestAppliance, type TestAppliance } from '../support/appliance.js';
import { createTechnician, makeBuild, TECH } from '../support/console-updates.js';
import { loginWeb, webHeaders, type WebSession } from '../support/api-client.js';
import { publishSigned } from '../support/release-key.js';
import { siteStateRepository } from '../../src-appliance/site/site-state-repository.js';
import { siteHash } from '../../src-appliance/downloads/site-hash.js';

let app: TestAppliance;
let web: WebSession;

beforeAll(async () => {
  app = await startTestAppliance();
  await createTechnician(app);
  web = await loginWeb(app, TECH.username, TECH.password);
});
afterAll(async () => app?.close());

interface ParsedReg {
  header: string;
  keys: Map<string, Map<string, string>>;
}

/** A small .reg reader: what regedit needs to import the file. */
function parseReg(bytes: Buffer): ParsedReg {
  expect([bytes[0], bytes[1]]).toEqual([0xff, 0xfe]);
  const text = bytes.subarray(2).toString('utf16le');
  expect(text.replace(/\r\n/g, '')).not.toMatch(/[\r\n]/); // CRLF only
  const lines = text.split('\r\n');
  const keys = new Map<string, Map<string, string>>();
  let current: Map<string, string> | null = null;
  for (const line of lines.slice(1)) {
    if (line === '') continue;
    const key = /^\[(.+)\]$/.exec(line);
    if (key) {
      keys.set(key[1]!, (current = new Map()));
      continue;
    }
    const value = /^"((?:[^"\\]|\\.)*)"="((?:[^"\\]|\\.)*)"$/.exec(line);
    if (!value || !current) throw new Error(`not a .reg line: ${line}`);
    current.set(value[1]!, value[2]!.replace(/\\(.)/g, '$1'));
  }
  return { header: lines[0]!, keys };
}

async function downloadReg(): Promise<{ res: Response; reg: ParsedReg; values: Map<string, string> }> {
  const res = await fetch(`${app.url}/api/downloads/elevation-service.reg`, { headers: webHeaders(web, false) });
  expect(res.status).toBe(200);
  const reg = parseReg(Buffer.from(await res.arrayBuffer()));
  const values = reg.keys.get('HKEY_LOCAL_MACHINE\\SOFTWARE\\Support Console Project\\Elevation Service')!;
  return { res, reg, values };
}

const expectedHash = async () => {
  const secret = Buffer.from((await siteStateRepository(app.ctx.db).get('site_secret'))!, 'hex');
  const version = (await siteStateRepository(app.ctx.db).get('software_version'))!;
  return { version, hash: crypto.createHmac('sha256', secret).update(version).digest('hex') };
};

describe('GET /api/downloads/elevation-service.reg', () => {
  it("is a regedit file carrying the site's current hash", async () => {
    const { res, reg, values } = await downloadReg();
    expect(res.headers.get('content-disposition')).toBe('attachment; filename="elevation-service.reg"');
    expect(res.headers.get('content-type')).toMatch(/^text\/x-ms-regedit/);
    expect(reg.header).toBe('Windows Registry Editor Version 5.00');
    const { version, hash } = await expectedHash();
    expect(values.get('SiteHash')).toBe(hash);
    expect(values.get('SiteHash')).toMatch(/^[0-9a-f]{64}$/);
    expect(values.get('SoftwareVersion')).toBe(version);
    expect(values.get('SiteUrl')).toBe(app.url);
  });

  it("changes after a console release is published (the software update), to the new version's hash", async () => {
    const before = (await downloadReg()).values.get('SiteHash');
    // The release publishing path (what `publish-console` does in a running appliance) moves software_version.
    await publishSigned(app.ctx, {
      version: '1.7.0',
      platform: 'win',
      file: makeBuild('support-console-1.7.0-win-x64.exe', 1000).file,
    });
    const after = await downloadReg();
    expect(after.values.get('SoftwareVersion')).toBe('1.7.0');
    expect(after.values.get('SiteHash')).not.toBe(before);
    expect(after.values.get('SiteHash')).toBe((await expectedHash()).hash);
    // Publishing an older build is no software update: the hash stays.
    await publishSigned(app.ctx, {
      version: '1.6.0',
      platform: 'mac',
      file: makeBuild('support-console-1.6.0-mac.dmg', 1000).file,
    });
    expect((await downloadReg()).values.get('SiteHash')).toBe(after.values.get('SiteHash'));
  });

  it('siteHash is the one definition: secret- and version-bound', () => {
    const secret = crypto.randomBytes(32);
    expect(siteHash(secret, '1.0.0')).toBe(crypto.createHmac('sha256', secret).update('1.0.0').digest('hex'));
    expect(siteHash(secret, '1.0.1')).not.toBe(siteHash(secret, '1.0.0'));
    expect(siteHash(crypto.randomBytes(32), '1.0.0')).not.toBe(siteHash(secret, '1.0.0'));
  });
});

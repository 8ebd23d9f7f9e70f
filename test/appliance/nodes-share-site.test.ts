/**
 * What two nodes of one site share besides sessions and policy (several-processes.test.ts): a
 * console build published through node A is in node B's update feed, and B's sockets hear
 * `site.updated`; a photo uploaded on A is served by B. Console releases live in the data folder
 * the nodes share (docs/parts/cluster.md); photos live in the database, so on PostgreSQL node B
 * gets a data folder of its own for the photo check.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { load as loadYaml } from 'js-yaml';
import { tempDir } from '../support/appliance.js';
import { call, createUser, tokenFor } from '../support/api-client.js';
import { ADMIN_ENV, startChildAppliance, type ChildAppliance } from '../support/child-appliance.js';
import { makeBuild, requestUpdateToken } from '../support/console-updates.js';
import { signBuild, TEST_RELEASE_KEY } from '../support/release-key.js';
import { databaseUrlFor, TEST_ENGINE } from '../support/test-database.js';
import { EventClient } from './event-client.js';
import { noisePng } from './photo-fixtures.js';

const EVENT_TIMEOUT_MS = 10_000;
const ENV = { ...ADMIN_ENV, APPLIANCE_RELEASE_KEYS: TEST_RELEASE_KEY.publicKey };
const adminOf = (app: ChildAppliance) =>
  tokenFor(app, ADMIN_ENV.APPLIANCE_ADMIN_USERNAME, ADMIN_ENV.APPLIANCE_ADMIN_PASSWORD);

let a: ChildAppliance;
let b: ChildAppliance;
let dataDir: string;
beforeAll(async () => {
  dataDir = tempDir();
  a = await startChildAppliance(dataDir, ENV);
  b = await startChildAppliance(dataDir, ENV);
}, 180_000);
afterAll(async () => {
  await a?.kill();
  await b?.kill();
});

describe('two nodes of one site', () => {
  it("a build published through A is in B's feed, and B's sockets hear site.updated", async () => {
    const adminOnA = await adminOf(a);
    const onB = await EventClient.open(b, { authorization: `Bearer ${await adminOf(b)}` });
    const build = makeBuild('Support Console Setup.exe', 128 * 1024);
    const q = new URLSearchParams({ platform: 'win', version: '1.7.0', file_name: 'Support Console Setup.exe' });
    const published = await fetch(`${a.url}/api/admin/console-releases?${q}`, {
      method: 'POST',
      headers: {
        authorization: `Bearer ${adminOnA}`,
        'content-type': 'application/octet-stream',
        'x-release-signature': await signBuild(build.file, '1.7.0'),
      },
      body: new Uint8Array(build.bytes),
    });
    expect(published.status).toBe(201);

    const site = await onB.next('site.updated', EVENT_TIMEOUT_MS);
    expect(site.data.site.console_version).toBe('1.7.0');
    const installId = 'nodes-share-site-install';
    const consoleOnB = await tokenFor(b, ADMIN_ENV.APPLIANCE_ADMIN_USERNAME, ADMIN_ENV.APPLIANCE_ADMIN_PASSWORD, {
      install_id: installId,
      console_version: '1.7.0',
    });
    const { update_token } = (await (await requestUpdateToken(b, consoleOnB, installId)).json()) as {
      update_token: string;
    };
    const feed = await fetch(`${b.url}/api/console/updates/win/latest.yml`, {
      headers: { authorization: `Bearer ${update_token}` },
    });
    expect(feed.status).toBe(200);
    expect(loadYaml(await feed.text())).toMatchObject({ version: '1.7.0', sha512: build.sha512 });
    const file = await fetch(`${b.url}/api/console/updates/win/1.7.0/Support%20Console%20Setup.exe`, {
      headers: { authorization: `Bearer ${update_token}` },
    });
    expect(file.status).toBe(200);
    expect(Buffer.from(await file.arrayBuffer()).equals(build.bytes)).toBe(true);
  });

  it('a photo uploaded on A is served by B (on PostgreSQL from a data folder of its own)', async () => {
    let other: ChildAppliance | null = null;
    try {
      if (TEST_ENGINE === 'postgres') {
        other = await startChildAppliance(tempDir(), {
          ...ENV,
          APPLIANCE_DATABASE_URL: (await databaseUrlFor(dataDir))!,
        });
      }
      const serving = other ?? b;
      const user = await createUser(a, await adminOf(a));
      const token = await tokenFor(a, user.username, user.password);
      const put = await fetch(`${a.url}/api/account/photo`, {
        method: 'PUT',
        headers: { authorization: `Bearer ${token}`, 'content-type': 'image/png' },
        body: new Uint8Array(await noisePng(120, 120)),
      });
      expect(put.status).toBe(200);
      const { photo_url } = (await put.json()) as { photo_url: string };
      const fromA = await fetch(`${a.url}${photo_url}`);
      const fromB = await fetch(`${serving.url}${photo_url}`);
      expect(fromB.status).toBe(200);
      expect(fromB.headers.get('content-type')).toBe(fromA.headers.get('content-type'));
      expect(Buffer.from(await fromB.arrayBuffer()).equals(Buffer.from(await fromA.arrayBuffer()))).toBe(true);
      const account = await call(serving, 'GET', '/api/account', { token });
      expect(account.body.photo_url).toBe(photo_url);
    } finally {
      await other?.kill();
    }
  }, 180_000);
});

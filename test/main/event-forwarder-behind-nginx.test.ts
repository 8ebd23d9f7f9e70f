/**
 * Main's event socket through a load balancer while the node it is on drains: two appliance
 * processes (A and B) on one database, on one SQLite file and on a real PostgreSQL (a throwaway
 * cluster of this file's own: the main project has no appliance-pg twin), nginx in front with A
 * taking the traffic while it accepts. SIGTERM on A: main's socket is closed with 1012, reconnects
 * through nginx to B without a warning, events sent afterwards arrive, and the desktop console's
 * requests through nginx during the drain get no 5xx.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ApiError } from '../../src-shared/errors.js';
import { startNginx, type Nginx } from '../../scripts/cluster/nginx.js';
import { tempDir } from '../support/appliance.js';
import { createUser, tokenFor } from '../support/api-client.js';
import { ADMIN_ENV, startChildAppliance, type ChildAppliance } from '../support/child-appliance.js';
import { startPostgresCluster, type PostgresCluster } from '../support/postgres-cluster.js';
import { waitUntil } from '../support/test-database.js';
import { startDesktop } from './support/desktop-harness.js';
import { recordingForwarder } from './support/recording-forwarder.js';

const WAIT_MS = 30_000;

describe.each(['sqlite', 'postgres'] as const)(
  'a node draining behind nginx, two appliance processes on %s',
  (engine) => {
    let postgres: PostgresCluster | null = null;
    let a: ChildAppliance;
    let b: ChildAppliance;
    let nginx: Nginx;
    beforeAll(async () => {
      postgres = engine === 'postgres' ? await startPostgresCluster() : null;
      // One data directory (the site key) and one database; A first: it migrates and makes the admin.
      const dataDir = tempDir();
      const env = { ...ADMIN_ENV, ...(postgres ? { APPLIANCE_DATABASE_URL: postgres.adminUrl } : {}) };
      a = await startChildAppliance(dataDir, env);
      b = await startChildAppliance(dataDir, env);
      // A takes the traffic while it accepts; B only once A is gone, so the test knows where the socket is.
      nginx = await startNginx({ dir: tempDir('nginx-'), nodes: [a.url, b.url], firstIsPrimary: true });
    }, 180_000);
    afterAll(async () => {
      await nginx?.stop();
      await a?.kill();
      await b?.kill();
      postgres?.stop();
    });

    it('SIGTERM on A: 1012, main reconnects through nginx to B, later events arrive, no request gets a 5xx', async () => {
      const site = { url: nginx.url };
      const admin = await tokenFor(site, ADMIN_ENV.APPLIANCE_ADMIN_USERNAME, ADMIN_ENV.APPLIANCE_ADMIN_PASSWORD);
      const user = await createUser(site, admin);
      const d = await startDesktop(nginx.url);
      await d.host.login({ username: user.username, password: user.password });
      const { f, sent, ended, log } = recordingForwarder(nginx.url, () => d.session.token());
      f.start();
      await waitUntil(() => f.opens === 1, 'first connection (to A)', WAIT_MS);

      // Requests keep coming through main's session (reads and writes) while A drains.
      const statuses: number[] = [];
      let running = true;
      const traffic = (async () => {
        for (let i = 0; running; i++) {
          try {
            if (i % 2) await d.host.getAccount();
            else await d.host.updateAccount({ public_display_name: `During the drain ${i}` });
            statuses.push(200);
          } catch (err) {
            statuses.push(err instanceof ApiError ? err.status : 599);
          }
        }
      })();
      await waitUntil(() => statuses.length >= 3, 'requests before the drain', WAIT_MS);
      await a.stop();
      expect(a.child.exitCode).toBe(0);
      await waitUntil(() => f.opens === 2, 'reconnection to B', WAIT_MS);
      const afterDrain = statuses.length;
      await waitUntil(() => statuses.length >= afterDrain + 3, 'requests after the drain', WAIT_MS);
      running = false;
      await traffic;

      expect(statuses.filter((s) => s >= 500)).toEqual([]);
      expect(ended).toEqual([]);
      expect(log.lines.filter((l) => l.level === 'warn')).toEqual([]);
      expect(log.lines.some((l) => /node is restarting; reconnecting in \d+ ms/.test(l.msg))).toBe(true);

      // The new socket is B's (A has exited): a change made now reaches the window (after, perhaps,
      // the events of the drain's last writes).
      await d.host.updateAccount({ private_display_name: 'On Node B' });
      const seen = () =>
        sent.some((e) => e.type === 'account.updated' && e.data.account.private_display_name === 'On Node B');
      await waitUntil(seen, 'account.updated from B', WAIT_MS);
      f.stop();
      d.cleanup();
    }, 120_000);
  },
);

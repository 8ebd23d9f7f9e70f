/**
 * A site bound as `http://localhost:PORT` reaches loopback without a resolver: the main process's
 * Node clients (the event socket, the update executor) answer `localhost` themselves. Proven
 * against the real appliance with the system resolver (`dns.lookup`, which Node's sockets call)
 * recording every name it is asked for; other names still go to it.
 */
import dns from 'node:dns';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { CancellationToken } from 'builder-util-runtime';
import { EventForwarder } from '../../src-main/events/event-forwarder.js';
import { loopbackLookup } from '../../src-main/security/loopback-lookup.js';
import { ResumableHttpExecutor } from '../../src-main/updates/resumable-executor.js';
import { startTestAppliance, tempDir, type TestAppliance } from '../support/appliance.js';
import { adminToken } from '../support/api-client.js';
import { recordingLog } from './support/fake-safe-storage.js';

let app: TestAppliance;
let localhostUrl: string;
const asked: string[] = [];
const systemLookup = dns.lookup;

beforeAll(async () => {
  app = await startTestAppliance();
  localhostUrl = `http://localhost:${new URL(app.url).port}`;
});
afterAll(async () => {
  await app?.close();
});
beforeEach(() => {
  asked.length = 0;
  dns.lookup = ((hostname: string, ...rest: unknown[]) => {
    asked.push(hostname);
    return (systemLookup as (...a: unknown[]) => void)(hostname, ...rest);
  }) as typeof dns.lookup;
});
afterEach(() => {
  dns.lookup = systemLookup;
});

describe('localhost without a resolver', () => {
  it('the event socket connects to http://localhost:PORT without asking the resolver for localhost', async () => {
    const token = await adminToken(app);
    const log = recordingLog();
    const f = new EventForwarder({
      siteUrl: () => localhostUrl,
      token: () => token,
      send: () => undefined,
      onSessionEnded: () => undefined,
      log,
    });
    f.start();
    await expect.poll(() => log.lines.some((l) => l.msg === 'events: connected'), { timeout: 10_000 }).toBe(true);
    f.stop();
    expect(asked).not.toContain('localhost');
  });

  it('the update executor fetches from http://localhost:PORT without asking the resolver for localhost', async () => {
    const executor = new ResumableHttpExecutor({ partialDir: tempDir('partial-') });
    const body = await executor.request(
      { protocol: 'http:', hostname: 'localhost', port: new URL(app.url).port, path: '/api/site' },
      new CancellationToken(),
    );
    expect(JSON.parse(body!)).toHaveProperty('site_name');
    expect(asked).not.toContain('localhost');
  });

  it('answers localhost with loopback (both families, or the one asked for); other names go to the resolver', async () => {
    const lookup = (host: string, options: dns.LookupOptions) =>
      new Promise<unknown>((resolve, reject) =>
        loopbackLookup(host, options, (err, address, family) =>
          err ? reject(err) : resolve(options.all ? address : { address, family }),
        ),
      );
    expect(await lookup('localhost', { all: true })).toEqual([
      { address: '127.0.0.1', family: 4 },
      { address: '::1', family: 6 },
    ]);
    expect(await lookup('LOCALHOST', { family: 6 })).toEqual({ address: '::1', family: 6 });
    expect(await lookup('localhost', {})).toEqual({ address: '127.0.0.1', family: 4 });
    expect(asked).toEqual([]);
    await lookup('127.0.0.1', {});
    expect(asked).toEqual(['127.0.0.1']);
  });
});

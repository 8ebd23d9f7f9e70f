/**
 * The set-up the mail and passkey tests share: a real SMTP sink, an appliance that sends to it,
 * and the first admin's console token, started before the tests of a file (or describe block) and
 * stopped after them.
 */
import { afterAll, beforeAll } from 'vitest';
import { type TestAppliance } from './appliance.js';
import { adminToken } from './api-client.js';
import { TestSmtp } from './smtp-sink.js';

export interface ApplianceWithSmtp {
  smtp: TestSmtp;
  app: TestAppliance;
  admin: string;
}

/**
 * Registers the beforeAll/afterAll where it is called. `start` starts the appliance for the sink's
 * URL; `ready` is handed the three once they run, so a test file keeps its own `smtp`, `app` and
 * `admin` variables and its tests read as before.
 */
export function useApplianceWithSmtp(
  start: (smtpUrl: string) => Promise<TestAppliance>,
  ready: (started: ApplianceWithSmtp) => void,
): void {
  let smtp: TestSmtp | undefined;
  let app: TestAppliance | undefined;
  beforeAll(async () => {
    smtp = await new TestSmtp().start();
    app = await start(smtp.url);
    ready({ smtp, app, admin: await adminToken(app) });
  });
  afterAll(async () => {
    await app?.close();
    await smtp?.stop();
  });
}

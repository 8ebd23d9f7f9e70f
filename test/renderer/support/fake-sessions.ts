/** Sessions for component tests: the one in use and two others, as the appliance lists them. */
import { type SessionInfo } from '../../../src-shared/api/account.js';

export const SESSIONS: SessionInfo[] = [
  {
    id: 'current-session-1',
    client: 'web',
    created_at: '2026-03-09T08:00:00.000Z',
    last_seen_at: '2026-03-09T09:00:00.000Z',
    ip: '198.51.100.4',
    user_agent: 'Firefox 133 on Linux',
    current: true,
  },
  {
    id: 'console-session-2',
    client: 'console',
    created_at: '2026-03-08T07:00:00.000Z',
    last_seen_at: '2026-03-08T07:30:00.000Z',
    ip: '203.0.113.7',
    user_agent: 'SupportConsole/2.4.1',
    current: false,
  },
  {
    id: 'web-session-3',
    client: 'web',
    created_at: '2026-03-07T06:00:00.000Z',
    last_seen_at: '2026-03-07T06:10:00.000Z',
    ip: '192.0.2.55',
    user_agent: '',
    current: false,
  },
];

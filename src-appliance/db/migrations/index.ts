import { type Migration } from 'kysely';
import * as m001 from './001-accounts.js';
import * as m002 from './002-sessions.js';
import * as m003 from './003-login-decoys.js';
import * as m004 from './004-lockout-attempts.js';
import * as m005 from './005-security-activity.js';
import * as m006 from './006-user-photos.js';
import * as m101 from './101-two-factor.js';
import * as m102 from './102-mail-outbox.js';
import * as m103 from './103-password-reset.js';
import * as m104 from './104-availability-invitations.js';
import * as m105 from './105-mail-leases.js';
import * as m106 from './106-passkeys.js';
import * as m201 from './201-downloads.js';
import * as m301 from './301-console-releases.js';
import * as m302 from './302-console-release-signatures.js';
import * as m401 from './401-desktop-sign-ins.js';
import * as m402 from './402-identity-providers.js';
import * as m501 from './501-audit-log.js';
import * as m502 from './502-customer-client.js';
import * as m601 from './601-live-events.js';

/**
 * Versioned migrations, applied in key order. Never edit one that has shipped: add the next.
 * Numbering: 0xx accounts/sessions/security, 1xx two-factor/photo/mail/reset/invitations,
 * 2xx downloads, 3xx console releases and update tokens, 4xx sign-in (desktop browser sign-in,
 * identity providers, single sign-on), 5xx administration (audit log, customer-client rules), 6xx several processes and nodes (the
 * live-event relay).
 */
export const migrations: Record<string, Migration> = {
  '001-accounts': m001,
  '002-sessions': m002,
  '003-login-decoys': m003,
  '004-lockout-attempts': m004,
  '005-security-activity': m005,
  '006-user-photos': m006,
  '101-two-factor': m101,
  '102-mail-outbox': m102,
  '103-password-reset': m103,
  '104-availability-invitations': m104,
  '105-mail-leases': m105,
  '106-passkeys': m106,
  '201-downloads': m201,
  '301-console-releases': m301,
  '302-console-release-signatures': m302,
  '401-desktop-sign-ins': m401,
  '402-identity-providers': m402,
  '501-audit-log': m501,
  '502-customer-client': m502,
  '601-live-events': m601,
};

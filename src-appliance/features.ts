/**
 * The appliance's features, registered in this order. Each is a `<folder>/feature.ts` module with
 * `name`, `dependencies` and `register(app, ctx)`; buildAppliance refuses to start when a feature
 * comes before one it depends on. Add a line here when a feature is added (and its migration in
 * db/migrations/index.ts).
 */
import { type Feature } from './feature-order.js';
import * as health from './health/feature.js';
import * as site from './site/feature.js';
import * as auth from './auth/feature.js';
import * as users from './users/feature.js';
import * as account from './account/feature.js';
import * as admin from './admin/feature.js';
import * as customerClient from './customer-client/feature.js';
import * as audit from './audit/feature.js';
import * as consoleReleases from './console-releases/feature.js';
import * as twoFactor from './two-factor/feature.js';
import * as passkeys from './passkeys/feature.js';
import * as photo from './photo/feature.js';
import * as mail from './mail/feature.js';
import * as activity from './activity/feature.js';
import * as events from './events/feature.js';
import * as passwordReset from './password-reset/feature.js';
import * as extendedAvailability from './extended-availability/feature.js';
import * as invitations from './invitations/feature.js';
import * as downloads from './downloads/feature.js';
import * as desktopSignIn from './desktop-sign-in/feature.js';
import * as sso from './sso/feature.js';
import * as webConsole from './web-console/feature.js';

export { type Feature };

export const features: readonly Feature[] = [
  health,
  site,
  auth,
  users,
  account,
  audit,
  admin,
  customerClient,
  consoleReleases,
  twoFactor,
  passkeys,
  photo,
  mail,
  events,
  passwordReset,
  extendedAvailability,
  invitations,
  downloads,
  desktopSignIn,
  activity,
  sso,
  webConsole,
];

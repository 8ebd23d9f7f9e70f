/**
 * The appliance's features, registered in this order. Each is `register(app, ctx)`; add a line here
 * when a feature is added (and its migration in db/migrations/index.ts).
 */
import { type ApplianceApp } from './http/app-type.js';
import { type ApplianceContext } from './context.js';
import { coreFeature } from './auth/feature.js';
import { consoleReleasesFeature } from './console-releases/feature.js';
import { twoFactorFeature } from './two-factor/feature.js';
import { photoFeature } from './photo/feature.js';
import { mailFeature } from './mail/feature.js';
import { eventsFeature } from './events/feature.js';
import { passwordResetFeature } from './password-reset/feature.js';
import { extendedAvailabilityFeature } from './extended-availability/feature.js';
import { invitationsFeature } from './invitations/feature.js';
import { downloadsFeature } from './downloads/feature.js';
import { webConsoleFeature } from './web-console/feature.js';

export type Feature = (app: ApplianceApp, ctx: ApplianceContext) => void | Promise<void>;

export const features: Feature[] = [
  coreFeature,
  consoleReleasesFeature,
  twoFactorFeature,
  photoFeature,
  mailFeature,
  eventsFeature,
  passwordResetFeature,
  extendedAvailabilityFeature,
  invitationsFeature,
  downloadsFeature,
  webConsoleFeature,
];

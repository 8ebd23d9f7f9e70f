/**
 * Recording security activity: the one way any feature adds an entry to a person's timeline.
 *
 *   recordActivity(ctx, userId, { kind: 'locked', data: { until } })
 *   recordFailedAttempt(ctx, userId, 'totp', originOf(request, 'web'))
 *   recordSignIn(ctx, userId, { method: 'password', second_factor: 'totp', ...originOf(request, client, version) })
 *
 * Entries are kinds with data (src-shared/api/activity.ts), rendered in the reader's language by
 * the consoles. Failed attempts are grouped: the same method from the same IP within
 * FAILED_ATTEMPT_GROUP_MINUTES of the group's first attempt adds to its count.
 */
import { type FastifyRequest } from 'fastify';
import {
  ACTIVITY_RETENTION_DAYS,
  type ActivityClient,
  type ActivityData,
  type ActivityEntry,
  FAILED_ATTEMPT_GROUP_MINUTES,
  type FailedMethod,
} from '../../src-shared/api/activity.js';
import { type ApplianceContext } from '../context.js';
import { inTransaction } from '../db/transaction.js';
import { enqueueMailIn, type OutboxMail } from '../mail/outbox.js';
import { activityRepository } from './activity-repository.js';
import { browserFamily, summarizeUserAgent } from './user-agent.js';

export type Origin = Pick<ActivityData<'sign_in'>, 'client' | 'console_version' | 'ip' | 'browser' | 'os'>;
/** Every kind but the two with their own function below. */
export type PlainEntry = Exclude<ActivityEntry, { kind: 'sign_in' | 'sign_in_failed' }>;
export type SignInFacts = Omit<ActivityData<'sign_in'>, 'new_device'>;

const DAY_MS = 24 * 60 * 60_000;

export function originOf(
  request: Pick<FastifyRequest, 'ip' | 'headers'>,
  client: ActivityClient,
  consoleVersion: string | null = null,
): Origin {
  const ua = request.headers['user-agent'];
  return originFrom({ client, consoleVersion, ip: request.ip, userAgent: typeof ua === 'string' ? ua : '' });
}

export function originFrom(o: {
  client: ActivityClient;
  consoleVersion: string | null;
  ip: string;
  userAgent: string;
}): Origin {
  return {
    client: o.client,
    console_version: o.consoleVersion ? o.consoleVersion.slice(0, 64) : null,
    ip: o.ip.slice(0, 64),
    ...summarizeUserAgent(o.userAgent),
  };
}

export async function recordActivity(ctx: ApplianceContext, userId: number, entry: PlainEntry): Promise<void> {
  const at = ctx.clock.now().toISOString();
  await activityRepository(ctx.db).insert({ userId, kind: entry.kind, at, data: JSON.stringify(entry.data) });
}

export async function recordFailedAttempt(
  ctx: ApplianceContext,
  userId: number,
  method: FailedMethod,
  origin: Origin,
): Promise<void> {
  const now = ctx.clock.now();
  const at = now.toISOString();
  const since = new Date(now.getTime() - FAILED_ATTEMPT_GROUP_MINUTES * 60_000).toISOString();
  const groupKey = `${method}|${origin.ip}`;
  await inTransaction(ctx.db, async (trx) => {
    const repo = activityRepository(trx);
    if (await repo.addToGroup(userId, groupKey, since, at)) return;
    await repo.insert({ userId, kind: 'sign_in_failed', at, data: JSON.stringify({ method, ...origin }), groupKey });
  });
}

/** A device: the client, the browser family and OS it reports, and the IP. */
export function deviceKeyOf(origin: Origin): string {
  return [origin.client, browserFamily(origin.browser), origin.os ?? '', origin.ip].join('|');
}

/**
 * Records a sign-in; `newDevice` when the user has not signed in from this device in the
 * retention window, `first` when the user never signed in before. The checks and the insert are
 * one transaction, so of two sign-ins at once from a new device one is new. `newDeviceNotice`
 * (rendered, ./new-device-notice.ts) is queued in it when the device is new, except on an
 * account's first sign-in (no known device to differ from: the person was just given it), so a
 * device is known exactly when its notice exists; call mailQueued after when `noticeQueued`.
 */
export async function recordSignIn(
  ctx: ApplianceContext,
  userId: number,
  facts: SignInFacts,
  newDeviceNotice: OutboxMail | null = null,
): Promise<{ newDevice: boolean; first: boolean; noticeQueued: boolean }> {
  const now = ctx.clock.now();
  const at = now.toISOString();
  const since = new Date(now.getTime() - ACTIVITY_RETENTION_DAYS * DAY_MS).toISOString();
  const deviceKey = deviceKeyOf(facts);
  return inTransaction(ctx.db, async (trx) => {
    const repo = activityRepository(trx);
    const first = !(await repo.hasSignedIn(userId));
    const newDevice = first || !(await repo.hasDevice(userId, deviceKey, since));
    const data: ActivityData<'sign_in'> = { ...facts, new_device: newDevice };
    await repo.insert({ userId, kind: 'sign_in', at, data: JSON.stringify(data), deviceKey });
    const noticeQueued = newDeviceNotice !== null && newDevice && !first;
    if (noticeQueued) await enqueueMailIn(ctx, trx, newDeviceNotice);
    return { newDevice, first, noticeQueued };
  });
}

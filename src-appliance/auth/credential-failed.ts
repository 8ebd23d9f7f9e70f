/**
 * Tells the features that keep account history (the security timeline) that a credential was
 * wrong: which one, and where the request came from. Called where a failure is counted toward
 * lockout and the request is at hand.
 */
import { type FastifyRequest } from 'fastify';
import { type FailedMethod } from '../../src-shared/api/activity.js';
import { type ApplianceContext } from '../context.js';

export function reportFailedCredential(
  ctx: ApplianceContext,
  userId: number,
  method: FailedMethod,
  request: Pick<FastifyRequest, 'ip' | 'headers'>,
  client: 'web' | 'console',
  consoleVersion: string | null = null,
): void {
  const ua = request.headers['user-agent'];
  ctx.domain.emit('credential.failed', {
    userId,
    method,
    client,
    consoleVersion,
    ip: request.ip,
    userAgent: typeof ua === 'string' ? ua : '',
  });
}

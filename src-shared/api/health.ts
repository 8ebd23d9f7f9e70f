import Type, { type Static } from 'typebox';

/** `GET /api/health/live`: the process answers (a load balancer's or orchestrator's liveness probe). */
export const Liveness = Type.Object({ status: Type.Literal('live') }, { additionalProperties: false });
export type Liveness = Static<typeof Liveness>;

/**
 * `GET /api/health/ready` answers 200 with this while the node should get traffic: its database
 * answers, every migration this build knows is applied, and it is not draining. Otherwise 503
 * `not_ready` with `details.reason` one of READINESS_REASONS.
 */
export const Readiness = Type.Object({ status: Type.Literal('ready') }, { additionalProperties: false });
export type Readiness = Static<typeof Readiness>;

export const READINESS_REASONS = ['draining', 'database_unreachable', 'migrations_pending'] as const;
export type ReadinessReason = (typeof READINESS_REASONS)[number];

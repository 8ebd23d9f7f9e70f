import Type from 'typebox';

/** Response schemas for the listed error statuses (all `{ error: { code, message, details } }`). */
export function errorResponses(...statuses: number[]): Record<number, unknown> {
  const out: Record<number, unknown> = {};
  for (const s of statuses) out[s] = Type.Ref('ErrorResponse');
  return out;
}

/** OpenAPI `security` of routes that need a session: bearer token (console) or cookie (browser). */
export const SESSION_SECURITY: Array<{ [label: string]: string[] }> = [{ bearer: [] }, { cookie: [] }];

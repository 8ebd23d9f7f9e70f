/**
 * The error envelope, declared once: its schemas (TypeBox), built from the stable codes of
 * api-error.ts: the `{ code, message, details }` body, the HTTP error answer `{ "error": body }`
 * (also the OpenAPI error response) and the IPC error (the body plus the HTTP status), which the
 * desktop bridge checks. The types api-error.ts writes out for ApiError are these schemas' types
 * (test/shared/error-response-check.test.ts). This module also exports everything of api-error.ts,
 * so the appliance and main import one module; the renderer imports api-error.ts itself, which
 * keeps TypeBox out of its start chunk (a lint rule, eslint.config.js).
 */
import Type, { type Static } from 'typebox';
import { ERROR_CODES } from './api-error.js';

export { ApiError, ERROR_CODES, isApiError, isErrorCode, isErrorResponse, type ErrorCode } from './api-error.js';

/** `{ code, message, details }`: what every error says, wherever it travels. */
export const ErrorBody = Type.Object({
  code: Type.Enum(ERROR_CODES),
  message: Type.String(),
  details: Type.Record(Type.String(), Type.Unknown()),
});
export type ErrorBody = Static<typeof ErrorBody>;

/** Every error answer of the appliance's HTTP API (registered as the OpenAPI `ErrorResponse`). */
export const ErrorResponse = Type.Object({ error: ErrorBody });
export type ErrorResponse = Static<typeof ErrorResponse>;

/** An error as it crosses IPC: the body plus the HTTP status (0 when no response came). */
export const IpcError = Type.Object({ status: Type.Integer({ minimum: 0 }), ...ErrorBody.properties });
export type IpcError = Static<typeof IpcError>;

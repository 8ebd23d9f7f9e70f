/**
 * Every error leaves the appliance as `{ error: { code, message, details } }` with a stable code.
 * Fastify's own errors (validation, bad JSON, body too large, wrong content type) are mapped to 4xx
 * codes here, so bad input never turns into a 500.
 */
import { type FastifyError, type FastifyInstance, type FastifyReply, type FastifyRequest } from 'fastify';
import { ApiError } from './api-error.js';
import { type ErrorCode } from '../../src-shared/errors.js';
import { isUnstorableText } from '../db/repository.js';

const FASTIFY_CODES: Record<string, [number, ErrorCode]> = {
  FST_ERR_CTP_INVALID_JSON_BODY: [400, 'invalid_json'],
  FST_ERR_CTP_EMPTY_JSON_BODY: [400, 'invalid_json'],
  FST_ERR_CTP_BODY_TOO_LARGE: [413, 'payload_too_large'],
  FST_ERR_CTP_INVALID_MEDIA_TYPE: [415, 'unsupported_media_type'],
  FST_ERR_CTP_INVALID_CONTENT_LENGTH: [400, 'bad_request'],
  FST_ERR_CTP_INVALID_TYPE: [415, 'unsupported_media_type'],
  FST_ERR_CTP_EMPTY_TYPE: [415, 'unsupported_media_type'],
  FST_ERR_VALIDATION: [400, 'validation_failed'],
  FST_ERR_BAD_URL: [400, 'bad_request'],
  FST_ERR_ASYNC_CONSTRAINT: [400, 'bad_request'],
  FST_ERR_NOT_FOUND: [404, 'not_found'],
};

/**
 * Fastify's `frameworkErrors` option: router-level failures (undecodable URL, path parameter too
 * long, async constraint) that never reach the error handler, answered in the same error shape.
 */
export function frameworkErrors(err: FastifyError, _request: FastifyRequest, reply: FastifyReply): void {
  const [status, code]: [number, ErrorCode] =
    err.code === 'FST_ERR_MAX_PARAM_LENGTH' ? [414, 'bad_request'] : [400, 'bad_request'];
  void reply.status(status).send({ error: { code, message: err.message, details: {} } });
}

export function installErrorHandling(app: FastifyInstance): void {
  app.setErrorHandler((err: FastifyError | ApiError, request, reply) => {
    if (err instanceof ApiError) {
      return reply.status(err.status).send({ error: err.toBody() });
    }
    const mapped = err.code ? FASTIFY_CODES[err.code] : undefined;
    if (mapped || err.validation) {
      const [status, code] = mapped ?? [400, 'validation_failed'];
      const details: Record<string, unknown> = {};
      if (err.validation) {
        details.issues = err.validation.slice(0, 10).map((v) => ({ path: v.instancePath, message: v.message }));
        details.context = err.validationContext;
      }
      return reply.status(status).send({ error: { code, message: err.message, details } });
    }
    if (typeof err.statusCode === 'number' && err.statusCode >= 400 && err.statusCode < 500) {
      return reply.status(err.statusCode).send({ error: { code: 'bad_request', message: err.message, details: {} } });
    }
    if (isUnstorableText(err)) {
      const message = 'The text holds a character that cannot be stored (NUL).';
      return reply.status(400).send({ error: { code: 'invalid_text', message, details: {} } });
    }
    request.log.error({ err }, 'unhandled error');
    return reply.status(500).send({ error: { code: 'internal_error', message: 'Internal error', details: {} } });
  });
  app.setNotFoundHandler((request, reply) =>
    reply.status(404).send({
      error: { code: 'not_found', message: `No route ${request.method} ${request.url.split('?')[0]}`, details: {} },
    }),
  );
}

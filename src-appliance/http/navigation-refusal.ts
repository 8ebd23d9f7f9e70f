/**
 * Some routes are reached by the browser itself (a redirect from the console's loopback flow or
 * from an identity provider), not by a script. A person there should see a page that says what
 * went wrong in their language, not a JSON body: a request that accepts HTML is sent (303) to
 * the web console's page for the error; any other client gets the usual `{ error }` answer.
 */
import { type FastifyReply, type FastifyRequest } from 'fastify';
import { type ApiError } from '../../src-shared/errors.js';

export function wantsPage(request: FastifyRequest): boolean {
  return /\btext\/html\b/.test(String(request.headers.accept ?? ''));
}

/** Throws `err`, or redirects a browser to `page(err.code)`. */
export function refuseNavigation(
  request: FastifyRequest,
  reply: FastifyReply,
  err: ApiError,
  page: (code: string) => string,
): FastifyReply {
  if (!wantsPage(request)) throw err;
  return reply.redirect(page(err.code), 303);
}

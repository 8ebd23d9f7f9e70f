/**
 * A request's cookies, parsed when a handler first asks. @fastify/cookie is registered with
 * `hook: false`: its own onRequest hook would parse the Cookie header and allocate for every
 * request, though most carry none (console clients send a Bearer token) and only the session
 * guard and the single sign-on routes read any (bench appliance-account: one hook fewer on the
 * hottest read).
 */
import { type FastifyRequest } from 'fastify';

export function requestCookies(request: FastifyRequest): Record<string, string | undefined> {
  // Decorated as null; @fastify/cookie's setCookie fills it the same way when it runs first.
  request.cookies ??= request.headers.cookie ? request.server.parseCookie(request.headers.cookie) : {};
  return request.cookies;
}

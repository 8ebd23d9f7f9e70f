/**
 * The JSON body parser: Fastify's own (prototype-poisoning checks, the body limit counted while the
 * body streams) behind two checks of the text, so a name can never be stored with U+FFFD where a
 * client sent invalid bytes, or with half a surrogate pair: the body must be valid UTF-8, and no
 * string in it (key or value) may hold a lone surrogate. Either is `400 invalid_text`.
 */
import { isUtf8 } from 'node:buffer';
import { type FastifyInstance } from 'fastify';
import { isWellFormedText } from '../../src-shared/text.js';
import { httpError } from './api-error.js';
import { JSON_BODY_LIMIT } from './limits.js';

/** The JSON pointer of the first string that is not well-formed, or null. Iterative: depth is the client's. */
export function firstMalformedString(value: unknown): string | null {
  const stack: [unknown, string][] = [[value, '']];
  while (stack.length > 0) {
    const [v, path] = stack.pop()!;
    if (typeof v === 'string') {
      if (!isWellFormedText(v)) return path || '/';
    } else if (Array.isArray(v)) {
      v.forEach((item, i) => stack.push([item, `${path}/${i}`]));
    } else if (v !== null && typeof v === 'object') {
      for (const [k, item] of Object.entries(v)) {
        if (!isWellFormedText(k)) return `${path}/${k}`;
        stack.push([item, `${path}/${k}`]);
      }
    }
  }
  return null;
}

export function installJsonParser(app: FastifyInstance): void {
  const parseJson = app.getDefaultJsonParser('error', 'error');
  app.removeContentTypeParser('application/json');
  app.addContentTypeParser('application/json', { parseAs: 'buffer', bodyLimit: JSON_BODY_LIMIT }, (req, body, done) => {
    const bytes = body as Buffer;
    if (!isUtf8(bytes)) {
      done(httpError(400, 'invalid_text', 'The body is not valid UTF-8.'), undefined);
      return;
    }
    parseJson(req, bytes.toString('utf8'), (err, parsed) => {
      if (err) return done(err, undefined);
      const at = firstMalformedString(parsed);
      if (at !== null) return done(httpError(400, 'invalid_text', 'A string holds a lone surrogate.', { path: at }));
      done(null, parsed);
    });
  });
}

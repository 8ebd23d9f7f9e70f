/**
 * Errors raised on the raw connection, before (or instead of) a Fastify reply, answered in the one
 * error shape and followed by closing the connection: what Node's HTTP parser refuses (a malformed
 * header, a bad Content-Length, headers or a body that took too long, headers too large; Fastify's
 * `clientErrorHandler` option) and a WebSocket handshake that `ws` refuses.
 */
import { type Duplex } from 'node:stream';
import { STATUS_CODES } from 'node:http';
import { type ErrorBody, type ErrorCode } from '../../src-shared/errors.js';

/** Writes `HTTP/1.1 status` with `{ error }` unless an answer is already on its way, then closes. */
export function answerOnSocket(socket: Duplex, status: number, error: ErrorBody, headers: string[] = []): void {
  if (socket.destroyed) return;
  // A second status line after a response has started would corrupt the stream.
  const inFlight = (socket as Duplex & { _httpMessage?: { headersSent?: boolean } })._httpMessage;
  if (socket.writable && !inFlight?.headersSent) {
    const body = JSON.stringify({ error });
    socket.end(
      [
        `HTTP/1.1 ${status} ${STATUS_CODES[status]}`,
        'content-type: application/json; charset=utf-8',
        `content-length: ${Buffer.byteLength(body)}`,
        'cache-control: no-store',
        'x-content-type-options: nosniff',
        'connection: close',
        ...headers,
        '',
        body,
      ].join('\r\n'),
    );
    socket.once('finish', () => socket.destroy());
  } else socket.destroy();
}

function classify(code: string | undefined): [number, ErrorCode, string] {
  if (code === 'ERR_HTTP_REQUEST_TIMEOUT')
    return [408, 'request_timeout', 'The request (headers or body) was not received in time.'];
  if (code === 'HPE_HEADER_OVERFLOW') return [431, 'headers_too_large', 'The request headers are too large.'];
  if (code === 'HPE_INVALID_CONTENT_LENGTH' || code === 'HPE_UNEXPECTED_CONTENT_LENGTH')
    return [400, 'bad_request', 'The Content-Length header is not valid.'];
  return [400, 'bad_request', 'The request could not be parsed as HTTP/1.1.'];
}

export function clientErrorHandler(err: Error & { code?: string }, socket: Duplex): void {
  if (err.code === 'ECONNRESET') {
    socket.destroy();
    return;
  }
  const [status, code, message] = classify(err.code);
  answerOnSocket(socket, status, { code, message, details: err.code ? { parser_error: err.code } : {} });
}

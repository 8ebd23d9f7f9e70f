/**
 * When a draining node stops listening. Closing a listening socket makes the kernel reset every
 * connection it has completed but the process has not yet accepted; a load balancer that had sent
 * a request on one gets a reset after sending it, which nginx retries elsewhere only for idempotent
 * methods: a PATCH came back as 502 about once in a dozen drains behind nginx
 * (test/main/event-forwarder-behind-nginx.test.ts). So the listener is closed right after an
 * accept pass (the next `connection`, then the check phase of that loop turn, when the kernel's
 * queue has just been emptied), or after LISTENER_QUIET_MS without a new connection. A connection
 * arriving later is refused, which every balancer retries on the next node.
 */
import { type Server } from 'node:http';

export const LISTENER_QUIET_MS = 20;

export function closeListenerAfterAccept(server: Server): void {
  const closeServer = server.close.bind(server);
  server.close = function close(callback?: (err?: Error) => void): Server {
    if (!server.listening) return closeServer(callback);
    let closed = false;
    const closeNow = () => {
      if (closed) return;
      closed = true;
      server.off('connection', afterAccept);
      clearTimeout(quiet);
      closeServer(callback);
    };
    const afterAccept = () => setImmediate(closeNow);
    server.on('connection', afterAccept);
    const quiet = setTimeout(closeNow, LISTENER_QUIET_MS);
    return server;
  };
}

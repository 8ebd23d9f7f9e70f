/**
 * The benchmark's client child: opens N WebSocket connections (bearer-authenticated for the
 * appliance), a few hundred at a time, and reports when every one of them has received a
 * broadcast. Runs in its own process so its memory is not counted as the server's.
 */
import WebSocket from 'ws';
import { type FromClients, stamp, type ToClients } from './protocol.js';

const send = (m: FromClients) => process.send!(m);
const sockets: WebSocket[] = [];
const CONCURRENCY = 250;
let round = -1;
let received = 0;

function open(url: string, token: string | null): Promise<boolean> {
  return new Promise((resolve) => {
    const ws = new WebSocket(url, {
      perMessageDeflate: false,
      headers: token ? { authorization: `Bearer ${token}` } : {},
    });
    ws.once('open', () => {
      sockets.push(ws);
      resolve(true);
    });
    ws.once('error', () => resolve(false));
    ws.once('unexpected-response', () => resolve(false));
    ws.on('message', () => {
      if (round < 0) return;
      received++;
      if (received === sockets.length) send({ op: 'all-received', round, at: stamp(), received });
    });
  });
}

process.on('message', async (m: ToClients) => {
  if (m.op === 'connect') {
    const started = Date.now();
    let failed = 0;
    for (let i = 0; i < m.count; i += CONCURRENCY) {
      const batch = [];
      for (let j = i; j < Math.min(m.count, i + CONCURRENCY); j++)
        batch.push(open(m.url, m.tokens ? m.tokens[j]! : null));
      failed += (await Promise.all(batch)).filter((ok) => !ok).length;
    }
    send({ op: 'connected', count: sockets.length, failed, ms: Date.now() - started });
  } else if (m.op === 'expect-broadcast') {
    round = m.round;
    received = 0;
    send({ op: 'armed', round });
  } else if (m.op === 'stop') {
    process.exit(0);
  }
});

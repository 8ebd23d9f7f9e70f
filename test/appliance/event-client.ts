/** A test client for `GET /api/events` (the real `ws` client) that records messages and the close code. */
import WebSocket from 'ws';

interface Msg {
  type: string;
  data: Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any
}

/** A connected event socket that records every message and its close code. */
export class EventClient {
  readonly messages: Msg[] = [];
  closeCode: number | null = null;
  private constructor(readonly ws: WebSocket) {
    ws.on('message', (d) => this.messages.push(JSON.parse(String(d)) as Msg));
    ws.on('close', (code) => (this.closeCode = code));
  }

  static open(
    app: { url: string },
    headers: Record<string, string>,
    opts: WebSocket.ClientOptions = {},
  ): Promise<EventClient> {
    const ws = new WebSocket(`${app.url.replace(/^http/, 'ws')}/api/events`, { headers, ...opts });
    const client = new EventClient(ws);
    return new Promise((resolve, reject) => {
      ws.once('open', () => resolve(client));
      ws.once('unexpected-response', (_req, res) =>
        reject(Object.assign(new Error(`upgrade refused: ${res.statusCode}`), { status: res.statusCode })),
      );
      ws.once('error', reject);
    });
  }

  async next(type: string, timeoutMs = 5000): Promise<Msg> {
    const end = Date.now() + timeoutMs;
    for (;;) {
      const found = this.messages.find((m) => m.type === type);
      if (found) return found;
      if (Date.now() > end) throw new Error(`no ${type} event; got ${this.messages.map((m) => m.type).join(', ')}`);
      await new Promise((r) => setTimeout(r, 20));
    }
  }

  async closed(timeoutMs = 5000): Promise<number> {
    const end = Date.now() + timeoutMs;
    while (this.closeCode === null) {
      if (Date.now() > end) throw new Error('socket not closed');
      await new Promise((r) => setTimeout(r, 20));
    }
    return this.closeCode;
  }
}

/**
 * A TCP proxy in front of the real appliance that can cut a download mid-body (the network
 * failing, not the appliance) and records each request line with its Range header.
 */
import net from 'node:net';

export interface SeenRequest {
  line: string;
  range: string | null;
}

export class CuttingProxy {
  readonly requests: SeenRequest[] = [];
  /** Cut the next response to a request whose line contains this, after this many bytes. */
  cutNext: { match: string; afterBytes: number } | null = null;
  /** Accept and immediately drop every connection (the appliance cannot be reached). */
  refuse = false;
  private server = net.createServer((client) => this.onClient(client));
  private sockets = new Set<net.Socket>();
  url = '';

  constructor(private readonly targetPort: number) {}

  async start(): Promise<string> {
    await new Promise<void>((resolve) => this.server.listen(0, '127.0.0.1', resolve));
    this.url = `http://127.0.0.1:${(this.server.address() as net.AddressInfo).port}`;
    return this.url;
  }

  async close(): Promise<void> {
    for (const s of this.sockets) s.destroy();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  private onClient(client: net.Socket): void {
    this.sockets.add(client);
    client.on('close', () => this.sockets.delete(client));
    if (this.refuse) {
      client.destroy();
      return;
    }
    const upstream = net.connect(this.targetPort, '127.0.0.1');
    this.sockets.add(upstream);
    let cutAfter: number | null = null;
    let sent = 0;
    client.on('data', (chunk: Buffer) => {
      const head = chunk.toString('latin1');
      const line = /^(GET|HEAD|POST|PUT|DELETE) [^\r\n]+/.exec(head)?.[0];
      if (line) {
        const range = /\r\nrange: *([^\r\n]+)/i.exec(head)?.[1] ?? null;
        this.requests.push({ line, range });
        if (this.cutNext && line.includes(this.cutNext.match)) {
          cutAfter = this.cutNext.afterBytes;
          sent = 0;
          this.cutNext = null;
        }
      }
      upstream.write(chunk);
    });
    upstream.on('data', (chunk: Buffer) => {
      if (cutAfter === null) {
        client.write(chunk);
        return;
      }
      const room = cutAfter - sent;
      if (chunk.length < room) {
        sent += chunk.length;
        client.write(chunk);
        return;
      }
      client.write(chunk.subarray(0, room), () => {
        client.destroy();
        upstream.destroy();
      });
      cutAfter = null;
    });
    const end = () => {
      client.destroy();
      upstream.destroy();
    };
    client.on('error', end);
    upstream.on('error', end);
    client.on('close', end);
    upstream.on('close', end);
  }
}

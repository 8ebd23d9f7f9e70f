/**
 * HTTP/1.1 on a bare TCP socket, for requests `fetch` will not send: malformed headers, a wrong
 * Content-Length, a body that stops halfway, a chunked body written piece by piece, a hand-made
 * WebSocket handshake. The answer is parsed from the bytes the server wrote; `closed` says whether
 * the server closed the connection.
 */
import net from 'node:net';

export interface RawResponse {
  status: number;
  headers: Record<string, string>;
  /** The body as text (Content-Length bodies; enough for JSON error answers). */
  body: string;
  /** The parsed JSON body, or null. */
  json: { error?: { code: string; message: string; details: Record<string, unknown> } } | null;
  closed: boolean;
}

export interface RawExchange {
  socket: net.Socket;
  /** The first response on the connection. */
  response: Promise<RawResponse>;
  /** Resolves when the server (or anyone) closed the connection. */
  closed: Promise<void>;
  /** Everything received so far. */
  received(): Buffer;
}

function parse(bytes: Buffer, closed: boolean): RawResponse | null {
  const end = bytes.indexOf('\r\n\r\n');
  if (end < 0) return null;
  const [statusLine, ...lines] = bytes.subarray(0, end).toString('latin1').split('\r\n');
  const headers: Record<string, string> = {};
  for (const line of lines) {
    const i = line.indexOf(':');
    headers[line.slice(0, i).trim().toLowerCase()] = line.slice(i + 1).trim();
  }
  const length = Number(headers['content-length'] ?? 0);
  const rest = bytes.subarray(end + 4);
  if (rest.length < length) return null;
  const body = rest.subarray(0, length).toString('utf8');
  let json: RawResponse['json'];
  try {
    json = JSON.parse(body) as RawResponse['json'];
  } catch {
    json = null;
  }
  return { status: Number(statusLine!.split(' ')[1]), headers, body, json, closed };
}

/** Opens a connection to `url`'s host and port and writes `head` (and `body`, if given). */
export function rawExchange(url: string, head: string | Buffer, body?: Buffer | string): RawExchange {
  const { hostname, port } = new URL(url);
  const socket = net.connect(Number(port), hostname);
  let bytes = Buffer.alloc(0);
  let isClosed = false;
  let settle: (r: RawResponse) => void = () => {};
  let fail: (e: Error) => void = () => {};
  const response = new Promise<RawResponse>((resolve, reject) => {
    settle = resolve;
    fail = reject;
  });
  const closed = new Promise<void>((resolve) =>
    socket.on('close', () => {
      isClosed = true;
      const r = parse(bytes, true);
      if (r) settle(r);
      else fail(new Error(`connection closed without a complete answer: ${JSON.stringify(bytes.toString('latin1'))}`));
      resolve();
    }),
  );
  socket.on('data', (chunk: Buffer) => {
    bytes = Buffer.concat([bytes, chunk]);
    const r = parse(bytes, isClosed);
    if (r) settle(r);
  });
  socket.on('error', () => undefined); // a reset after the answer is the server closing hard
  socket.write(head);
  if (body !== undefined) socket.write(body);
  return { socket, response, closed, received: () => bytes };
}

/** One request on a fresh connection; its answer, then the connection is dropped. */
export async function rawRequest(url: string, head: string | Buffer, body?: Buffer | string): Promise<RawResponse> {
  const exchange = rawExchange(url, head, body);
  try {
    return await exchange.response;
  } finally {
    exchange.socket.destroy();
  }
}

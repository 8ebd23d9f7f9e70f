/**
 * nginx (Debian's nginx-light) as the load balancer in front of appliance nodes on loopback, for
 * `npm run cluster` and the multi-node tests. Proxies HTTP and the event WebSocket; a node that
 * refuses connections (stopped, draining) is skipped and the request goes to the next node, so a
 * rolling restart loses nothing. No keep-alive pool to the nodes: a draining node closes idle
 * connections at once, and a request nginx had just written to one could not be retried safely.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import path from 'node:path';

export interface NginxOptions {
  /** A folder nginx may write its configuration, logs and temporary files to. */
  dir: string;
  /** 0 = a free port. */
  port?: number;
  /** Node URLs (http://127.0.0.1:port). */
  nodes: string[];
  /** The nodes after the first are backups: traffic goes to the first while it accepts. */
  firstIsPrimary?: boolean;
}

export interface Nginx {
  url: string;
  stop(): Promise<void>;
}

export function nginxBinary(): string {
  for (const candidate of ['/usr/sbin/nginx', '/usr/bin/nginx']) if (fs.existsSync(candidate)) return candidate;
  throw new Error('nginx is not installed: apt-get install nginx-light');
}

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

export function nginxConfig(dir: string, port: number, nodes: string[], firstIsPrimary = false): string {
  const servers = nodes
    .map((url, i) => {
      const { host } = new URL(url);
      return `    server ${host} max_fails=1 fail_timeout=2s${firstIsPrimary && i > 0 ? ' backup' : ''};`;
    })
    .join('\n');
  const temp = (name: string) => `${name}_temp_path ${path.join(dir, `${name}-temp`)};`;
  return `daemon off;
master_process off;
worker_processes 1;
pid ${path.join(dir, 'nginx.pid')};
error_log ${path.join(dir, 'error.log')} warn;
events { worker_connections 16384; }
http {
  access_log off;
  ${temp('client_body')}
  ${temp('proxy')}
  ${temp('fastcgi')}
  ${temp('uwsgi')}
  ${temp('scgi')}
  map $http_upgrade $connection_upgrade { default upgrade; '' close; }
  upstream appliance {
${servers}
  }
  server {
    listen 127.0.0.1:${port};
    client_max_body_size 512m;
    location / {
      proxy_pass http://appliance;
      proxy_http_version 1.1;
      proxy_set_header Host $http_host;
      proxy_set_header Upgrade $http_upgrade;
      proxy_set_header Connection $connection_upgrade;
      proxy_buffering off;
      proxy_request_buffering off;
      proxy_read_timeout 1h;
      proxy_next_upstream error timeout;
      proxy_connect_timeout 2s;
    }
  }
}
`;
}

/** Does something accept TCP connections on this loopback port? */
export async function accepting(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const s = net.connect(port, '127.0.0.1');
    s.once('connect', () => {
      s.destroy();
      resolve(true);
    });
    s.once('error', () => resolve(false));
  });
}

export async function startNginx(opts: NginxOptions): Promise<Nginx> {
  const bin = nginxBinary();
  const port = opts.port || (await freePort());
  fs.mkdirSync(opts.dir, { recursive: true });
  const conf = path.join(opts.dir, 'nginx.conf');
  fs.writeFileSync(conf, nginxConfig(opts.dir, port, opts.nodes, opts.firstIsPrimary));
  const child: ChildProcess = spawn(bin, ['-c', conf, '-p', opts.dir, '-e', path.join(opts.dir, 'error.log')], {
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  let stderr = '';
  child.stderr!.on('data', (d: Buffer) => (stderr += d.toString()));
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const end = Date.now() + 10_000;
  while (!(await accepting(port))) {
    if (child.exitCode !== null || Date.now() > end) {
      child.kill('SIGKILL');
      const log = fs.existsSync(path.join(opts.dir, 'error.log'))
        ? fs.readFileSync(path.join(opts.dir, 'error.log'), 'utf8')
        : '';
      throw new Error(`nginx did not start: ${stderr}${log}`);
    }
    await new Promise((r) => setTimeout(r, 20));
  }
  return {
    url: `http://127.0.0.1:${port}`,
    async stop() {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGQUIT');
      const timer = setTimeout(() => child.kill('SIGKILL'), 5000);
      await exited;
      clearTimeout(timer);
    },
  };
}

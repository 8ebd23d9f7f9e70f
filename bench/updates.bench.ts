/**
 * Console updates: 50 concurrent clients downloading a 100 MiB console build through the
 * update-token check, as a ratio to nginx serving the same file in the same run (goal >= 0.8), and
 * update checks (latest.yml) per second with valid tokens, as a ratio to nginx serving the same
 * latest.yml as a static file. The load client is wrk (native: a Node client saturates first).
 * nginx runs as packaged (`worker_processes auto`, sendfile on), the appliance as a user starts it
 * (`src-appliance/cli/main.ts` in its own process, default workers: one per core, default logging to
 * a file); its data folder (the published build, the update tokens) is made first, in this process.
 * The two are measured alternately, twice each, to even out the noise of a shared machine.
 */
import { spawn } from 'node:child_process';
import crypto from 'node:crypto';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { buildAppliance } from '../src-appliance/server.js';
import { configFromEnv } from '../src-appliance/config.js';
import { publishConsole } from '../src-appliance/console-releases/feature.js';
import {
  generateReleaseKey,
  readPrivateReleaseKey,
  sha512OfFile,
  signReleaseStatement,
} from '../src-appliance/console-releases/release-key.js';
import { issueUpdateToken } from '../src-appliance/console-releases/token-store.js';
import { latestYml } from '../src-appliance/console-releases/feed-routes.js';
import { releaseRepository } from '../src-appliance/console-releases/release-repository.js';
import { type BenchResult } from './lib/result.js';
import { startServerProcess, userEnv, type ServerProcess } from './lib/server-process.js';

const FILE_SIZE = 100 * 1024 * 1024;
const CONNECTIONS = 50;
const DOWNLOAD_SECONDS = 8;
const CHECK_SECONDS = 5;

interface WrkRun {
  bytes: number;
  seconds: number;
  requests: number;
  errors: number;
}

function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const s = net.createServer().listen(0, '127.0.0.1', () => {
      const { port } = s.address() as net.AddressInfo;
      s.close(() => resolve(port));
    });
  });
}

/** The wrk script: one Authorization header per request, rotating over the tokens; prints exact totals. */
function wrkScript(dir: string, tokens: string[]): string {
  const file = path.join(dir, `wrk-${crypto.randomBytes(4).toString('hex')}.lua`);
  fs.writeFileSync(
    file,
    `
local tokens = { ${tokens.map((t) => `"${t}"`).join(', ')} }
local i = 0
request = function()
  i = i + 1
  local headers = {}
  if #tokens > 0 then headers["Authorization"] = "Bearer " .. tokens[(i % #tokens) + 1] end
  return wrk.format("GET", nil, headers)
end
done = function(summary, latency, requests)
  local e = summary.errors
  io.write(string.format("RESULT %d %d %d %d\\n", summary.bytes, summary.duration, summary.requests, e.connect + e.read + e.write + e.status + e.timeout))
end
`,
  );
  return file;
}

function runWrk(url: string, script: string, seconds: number): Promise<WrkRun> {
  return new Promise((resolve, reject) => {
    const p = spawn('wrk', ['-t2', `-c${CONNECTIONS}`, `-d${seconds}s`, '--timeout', '30s', '-s', script, url]);
    let out = '';
    p.stdout.on('data', (d: Buffer) => (out += d.toString()));
    p.stderr.on('data', (d: Buffer) => (out += d.toString()));
    p.on('error', reject);
    p.on('close', () => {
      const m = /RESULT (\d+) (\d+) (\d+) (\d+)/.exec(out);
      if (!m) return reject(new Error(`wrk gave no result:\n${out}`));
      resolve({ bytes: Number(m[1]), seconds: Number(m[2]) / 1e6, requests: Number(m[3]), errors: Number(m[4]) });
    });
  });
}

async function startNginx(dir: string, root: string): Promise<{ url: string; stop(): void }> {
  const port = await freePort();
  const prefix = path.join(dir, 'nginx');
  for (const d of ['logs', 'tmp']) fs.mkdirSync(path.join(prefix, d), { recursive: true });
  const conf = path.join(prefix, 'nginx.conf');
  // As root nginx's worker would switch to "nobody", which cannot read the appliance's 0700 data dir.
  const user = process.getuid?.() === 0 ? 'user root root;' : '';
  fs.writeFileSync(
    conf,
    `
${user}
worker_processes auto;
daemon off;
pid ${prefix}/nginx.pid;
error_log ${prefix}/logs/error.log warn;
events { worker_connections 1024; }
http {
  access_log off;
  sendfile on;
  tcp_nopush on;
  keepalive_requests 100000;
  client_body_temp_path ${prefix}/tmp/body;
  proxy_temp_path ${prefix}/tmp/proxy;
  fastcgi_temp_path ${prefix}/tmp/fastcgi;
  uwsgi_temp_path ${prefix}/tmp/uwsgi;
  scgi_temp_path ${prefix}/tmp/scgi;
  types { application/octet-stream exe; text/yaml yml; }
  server {
    listen 127.0.0.1:${port};
    location / { root ${root}; }
  }
}
`,
  );
  const p = spawn('nginx', ['-p', prefix, '-c', conf, '-e', `${prefix}/logs/error.log`], { stdio: 'ignore' });
  for (let i = 0; i < 100; i++) {
    if (
      await new Promise((r) =>
        net
          .connect(port, '127.0.0.1')
          .on('connect', function (this: net.Socket) {
            this.destroy();
            r(true);
          })
          .on('error', () => r(false)),
      )
    )
      break;
    await new Promise((r) => setTimeout(r, 50));
  }
  return { url: `http://127.0.0.1:${port}`, stop: () => p.kill('SIGTERM') };
}

const root = path.resolve(path.dirname(new URL(import.meta.url).pathname), '..');

export default async function updatesBench(): Promise<BenchResult> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'bench-updates-'));
  const releaseKey = generateReleaseKey();
  const setup = await buildAppliance(
    {
      ...configFromEnv({}),
      host: '127.0.0.1',
      port: 0,
      dataDir: path.join(dir, 'data'),
      adminUsername: 'admin',
      adminPassword: crypto.randomBytes(12).toString('hex'),
      logLevel: 'silent',
      releaseKeys: [releaseKey.publicKey],
    },
    { logger: false },
  );
  const nginxRoot = path.join(dir, 'www');
  let nginx: { url: string; stop(): void } | null = null;
  let appliance: ServerProcess | null = null;
  let setupOpen = true;
  try {
    const build = path.join(dir, 'Console-Setup-1.1.0.exe');
    const fd = fs.openSync(build, 'w');
    for (let i = 0; i < FILE_SIZE / (4 << 20); i++) fs.writeSync(fd, crypto.randomBytes(4 << 20));
    fs.closeSync(fd);
    const signature = signReleaseStatement(readPrivateReleaseKey(releaseKey.privateKeyPem), {
      version: '1.1.0',
      sha512: await sha512OfFile(build),
    });
    await publishConsole(setup.ctx, { version: '1.1.0', platform: 'win', file: build, signature });
    const tokens: string[] = [];
    for (let i = 0; i < CONNECTIONS; i++)
      tokens.push(await issueUpdateToken(setup.ctx.db, `bench-install-${i}`, 1, new Date()));
    // nginx serves the very file the appliance stores, and the same latest.yml text.
    fs.mkdirSync(path.join(nginxRoot, 'win', '1.1.0'), { recursive: true });
    fs.linkSync(
      path.join(setup.ctx.config.dataDir, 'console-releases', 'win', '1.1.0', 'Console-Setup-1.1.0.exe'),
      path.join(nginxRoot, 'win', '1.1.0', 'Console-Setup-1.1.0.exe'),
    );
    fs.writeFileSync(
      path.join(nginxRoot, 'win', 'latest.yml'),
      latestYml((await releaseRepository(setup.ctx.db).latest('win'))!),
    );
    await setup.close();
    setupOpen = false;
    appliance = await startServerProcess(
      path.join(root, 'src-appliance/cli/main.ts'),
      userEnv({ APPLIANCE_DATA_DIR: setup.ctx.config.dataDir, APPLIANCE_HOST: '127.0.0.1', APPLIANCE_PORT: '0' }),
      root,
    );
    nginx = await startNginx(dir, nginxRoot);

    const withTokens = wrkScript(dir, tokens);
    const plain = wrkScript(dir, []);
    const feed = `${appliance.url}/api/console/updates/win`;
    const dl: Record<'appliance' | 'nginx', WrkRun[]> = { appliance: [], nginx: [] };
    for (let round = 0; round < 2; round++) {
      dl.nginx.push(await runWrk(`${nginx.url}/win/1.1.0/Console-Setup-1.1.0.exe`, plain, DOWNLOAD_SECONDS));
      dl.appliance.push(await runWrk(`${feed}/1.1.0/Console-Setup-1.1.0.exe`, withTokens, DOWNLOAD_SECONDS));
    }
    const ck = {
      nginx: await runWrk(`${nginx.url}/win/latest.yml`, plain, CHECK_SECONDS),
      appliance: await runWrk(`${feed}/latest.yml`, withTokens, CHECK_SECONDS),
    };
    const rate = (runs: WrkRun[]) => runs.reduce((s, r) => s + r.bytes, 0) / runs.reduce((s, r) => s + r.seconds, 0);
    const gbps = (runs: WrkRun[]) => +(rate(runs) / 1e9).toFixed(3);
    const ratio = +(rate(dl.appliance) / rate(dl.nginx)).toFixed(3);
    const checksPerSec = (r: WrkRun) => Math.round(r.requests / r.seconds);
    const checkRatio = +(checksPerSec(ck.appliance) / checksPerSec(ck.nginx)).toFixed(3);
    const errors = [...dl.appliance, ...dl.nginx, ck.appliance, ck.nginx].reduce((s, r) => s + r.errors, 0);
    return {
      rows: [
        {
          measure: `download 100 MiB x ${CONNECTIONS} clients (GB/s)`,
          appliance: gbps(dl.appliance),
          nginx: gbps(dl.nginx),
          ratio,
          'files done': dl.appliance.reduce((s, r) => s + r.requests, 0),
        },
        {
          measure: 'update checks (latest.yml) per s',
          appliance: checksPerSec(ck.appliance),
          nginx: checksPerSec(ck.nginx),
          ratio: checkRatio,
          'files done': ck.appliance.requests,
        },
        { measure: 'errors (non-2xx, socket)', appliance: errors, nginx: '', ratio: '', 'files done': '' },
        { measure: `machine: ${os.cpus().length} CPUs, load average ${os.loadavg()[0]!.toFixed(1)}` },
      ],
      goals: [
        {
          name: 'download throughput through the token check vs nginx',
          value: ratio,
          target: '>= 0.8',
          met: ratio >= 0.8 && errors === 0,
        },
      ],
    };
  } finally {
    nginx?.stop();
    await appliance?.stop();
    if (setupOpen) await setup.close();
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

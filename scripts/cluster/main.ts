/**
 * `npm run cluster`: a site of two appliance nodes, for trying it on one machine. Starts a local
 * PostgreSQL (Debian's postgresql: initdb in a temporary folder, a free loopback port), two
 * appliance nodes on it (each `npm run appliance` with one worker, sharing one data directory for
 * the site key, releases and downloads, as nodes share a mounted volume), and nginx on loopback in
 * front of them; prints the URL. Ctrl+C drains the nodes and stops everything. The first
 * administrator is APPLIANCE_ADMIN_USERNAME/PASSWORD, or a random password printed once.
 * `npm run cluster -- --sqlite`: the same two nodes on one SQLite file in the shared data directory.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { startPostgresCluster } from '../../test/support/postgres-cluster.js';
import { freePort, startNginx } from './nginx.js';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

interface Node {
  name: string;
  child: ChildProcess;
  url: Promise<string>;
}

function startNode(name: string, env: NodeJS.ProcessEnv): Node {
  const child = spawn(process.execPath, ['--import', 'tsx', path.join(root, 'src-appliance/cli/main.ts')], {
    cwd: root,
    env,
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const url = new Promise<string>((resolve, reject) => {
    let out = '';
    child.stdout!.on('data', (d: Buffer) => {
      const text = d.toString();
      for (const line of text.split('\n').filter(Boolean)) console.log(`[${name}] ${line}`);
      out += text;
      const m = /listening on (http:\/\/\S+)/i.exec(out);
      if (m) resolve(m[1]!);
    });
    child.once('exit', (code) => reject(new Error(`node ${name} exited (${code}) before it listened`)));
  });
  return { name, child, url };
}

async function main(): Promise<void> {
  const work = fs.mkdtempSync(path.join(os.tmpdir(), 'appliance-cluster-'));
  const onSqlite = process.argv.includes('--sqlite');
  if (!onSqlite) console.log('Starting PostgreSQL…');
  const postgres = onSqlite ? null : await startPostgresCluster();
  const dataDir = path.join(work, 'shared-data');
  const nodes: Node[] = [];
  let nginx: Awaited<ReturnType<typeof startNginx>> | null = null;
  let stopping = false;
  const stop = async (code: number) => {
    if (stopping) return;
    stopping = true;
    console.log('\nDraining the nodes and stopping…');
    await nginx?.stop();
    await Promise.all(
      nodes.map(
        (n) =>
          new Promise<void>((resolve) => {
            if (n.child.exitCode !== null || n.child.signalCode !== null) return resolve();
            n.child.once('exit', () => resolve());
            n.child.kill('SIGTERM');
          }),
      ),
    );
    postgres?.stop();
    fs.rmSync(work, { recursive: true, force: true });
    process.exit(code);
  };
  // Not once: Ctrl+C reaches every process of the terminal's group, and tsx passes it on to this one
  // again; a second signal with no handler would end the script before PostgreSQL is stopped.
  process.on('SIGINT', () => void stop(0));
  process.on('SIGTERM', () => void stop(0));

  try {
    const port = Number(process.env.CLUSTER_PORT) || (await freePort());
    const publicUrl = `http://localhost:${port}`;
    const env: NodeJS.ProcessEnv = {
      ...process.env,
      APPLIANCE_DATABASE_URL: postgres?.adminUrl ?? '',
      APPLIANCE_DATA_DIR: dataDir,
      APPLIANCE_HOST: '127.0.0.1',
      APPLIANCE_PORT: '0',
      APPLIANCE_WORKERS: '1',
      APPLIANCE_PUBLIC_URL: publicUrl,
      APPLIANCE_LOG_LEVEL: process.env.APPLIANCE_LOG_LEVEL || 'warn',
    };
    // A first, alone: it migrates the database and creates the first administrator; then B.
    nodes.push(startNode('node-a', env));
    const a = await nodes[0]!.url;
    nodes.push(startNode('node-b', env));
    const b = await nodes[1]!.url;
    nginx = await startNginx({ dir: path.join(work, 'nginx'), port, nodes: [a, b] });
    console.log(`\nSite of two nodes (${a}, ${b}) on ${onSqlite ? 'one SQLite file' : 'PostgreSQL'} behind nginx:`);
    console.log(`  ${publicUrl}/console/   (web console; the desktop console binds to ${publicUrl})`);
    const webConsole = process.env.APPLIANCE_WEB_CONSOLE_DIR || path.join(root, 'out', 'renderer');
    if (!fs.existsSync(path.join(webConsole, 'index.html')))
      console.log('  (the web console is not built: npm run build:renderer, then start again)');
    console.log('Press Ctrl+C to stop.');
  } catch (err) {
    console.error(err instanceof Error ? err.message : err);
    await stop(1);
  }
}

void main();

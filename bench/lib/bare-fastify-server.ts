/**
 * The account bench's baseline: a bare Fastify route answering the account JSON from memory, in
 * as many processes on one port as BARE_WORKERS says (node:cluster, as the appliance's workers),
 * without logging. Prints `listening on <url>` once every worker listens.
 */
import cluster from 'node:cluster';
import Fastify from 'fastify';

const workers = Number(process.env.BARE_WORKERS ?? '1');
const account = JSON.parse(process.env.BARE_ACCOUNT_JSON ?? '{}') as unknown;

if (workers > 1 && cluster.isPrimary) {
  let listening = 0;
  for (let i = 0; i < workers; i++) {
    cluster.fork().on('message', (url: string) => {
      if (++listening === workers) console.log(`listening on ${url}`);
    });
  }
  process.on('SIGTERM', () => {
    for (const w of Object.values(cluster.workers ?? {})) w?.kill();
    process.exit(0);
  });
} else {
  const app = Fastify({ logger: false });
  app.get('/api/account', async () => account);
  const port = Number(process.env.BARE_PORT ?? '0');
  await app.listen({ host: '127.0.0.1', port });
  const url = `http://127.0.0.1:${(app.server.address() as { port: number }).port}`;
  if (cluster.isWorker) process.send!(url);
  else console.log(`listening on ${url}`);
}

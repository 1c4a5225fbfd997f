import cluster from 'node:cluster';
import { runPrimary, type WorkerReady } from './cluster-primary.js';
import { loadConfig } from './config.js';
import { jsonLine, startRemote } from './server.js';

/**
 * `npm run remote`: start the service with settings from the environment and stop cleanly on SIGINT/SIGTERM.
 * With REMOTE_WORKERS > 1 this process is the cluster primary and each worker runs the rest of this file.
 */
const config = loadConfig();
if (cluster.isPrimary && config.workers > 1) runPrimary(config.workers);
else await serve();

async function serve() {
  const worker = cluster.worker;
  // Request logs say which worker answered, so an operator can tell them apart.
  const log = config.log ? (entry: Record<string, unknown>) => jsonLine(worker ? { worker: worker.id, ...entry } : entry) : undefined;
  const remote = await startRemote(config, log ? { log } : {}).catch((err: unknown) => {
    console.error(`remote: could not start: ${err instanceof Error ? err.message : String(err)}`);
    process.exit(1);
  });
  const generation = remote.services.generator.configured;
  if (worker) {
    const ready: WorkerReady = { type: 'ready', url: remote.url, database: remote.services.databaseKind, generation };
    worker.send(ready);
  } else {
    console.log(`remote: listening on ${remote.url} (database: ${remote.services.databaseKind}, generation: ${generation ? 'on' : 'off, GROQ_API_KEY not set'})`);
  }

  let stopping = false;
  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    process.on(signal, () => {
      if (stopping) return;
      stopping = true;
      remote.close().then(
        () => process.exit(0),
        () => process.exit(1),
      );
    });
  }
}

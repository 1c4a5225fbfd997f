import cluster, { type Worker } from 'node:cluster';

/** What a worker tells the primary once it answers requests. */
export type WorkerReady = { type: 'ready'; url: string; database: string; generation: boolean };

const isReady = (m: unknown): m is WorkerReady => typeof m === 'object' && m !== null && (m as { type?: unknown }).type === 'ready';

/**
 * REMOTE_WORKERS > 1: this process only supervises. It forks the workers (each runs the whole service and listens on
 * the same port; the primary hands them connections in turn), prints one "listening" line when all are ready,
 * replaces a worker that dies after it was ready, and on SIGINT/SIGTERM asks every worker to close and exits when
 * they all have. A worker that dies before it was ready (bad settings, database unreachable) stops the whole
 * service, rather than restarting forever. Migrations are not a worker's job with DATABASE_URL (`remote:migrate`
 * runs them once per deploy, under an advisory lock), so nothing here runs them.
 */
export function runPrimary(workers: number): void {
  const ready = new Set<number>();
  let announced = false;
  let stopping = false;
  let exitCode = 0;

  const stop = (code: number) => {
    exitCode = Math.max(exitCode, code);
    if (stopping) return;
    stopping = true;
    const alive = Object.values(cluster.workers ?? {}).filter((w): w is Worker => w !== undefined);
    if (alive.length === 0) process.exit(exitCode);
    for (const w of alive) w.process.kill('SIGTERM');
  };

  cluster.on('message', (worker, message: unknown) => {
    if (!isReady(message)) return;
    ready.add(worker.id);
    if (!announced && ready.size === workers) {
      announced = true;
      console.log(`remote: listening on ${message.url} (database: ${message.database}, generation: ${message.generation ? 'on' : 'off, GROQ_API_KEY not set'}, workers: ${workers})`);
    }
  });
  cluster.on('exit', (worker, code, signal) => {
    const wasReady = ready.delete(worker.id);
    if (stopping) {
      if (code !== 0) exitCode = 1;
      if (Object.keys(cluster.workers ?? {}).length === 0) process.exit(exitCode);
      return;
    }
    console.error(`remote: worker ${worker.process.pid} exited (${signal ?? `code ${code}`})${wasReady ? '; starting another' : ' before it was ready; stopping'}`);
    if (wasReady) cluster.fork();
    else stop(1);
  });
  for (const signal of ['SIGINT', 'SIGTERM'] as const) process.on(signal, () => stop(0));
  for (let i = 0; i < workers; i++) cluster.fork();
}

import { loadConfig } from './config.js';
import { startRemote } from './server.js';

/** `npm run remote`: start the service with settings from the environment and stop cleanly on SIGINT/SIGTERM. */
const config = loadConfig();
const remote = await startRemote(config).catch((err: unknown) => {
  console.error(`remote: could not start: ${err instanceof Error ? err.message : String(err)}`);
  process.exit(1);
});
console.log(`remote: listening on ${remote.url} (database: ${remote.services.databaseKind}, generation: ${remote.services.generator.configured ? 'on' : 'off, GROQ_API_KEY not set'})`);

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

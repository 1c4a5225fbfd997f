import { mkdir } from 'node:fs/promises';
import { PGlite } from '@electric-sql/pglite';
import { PGLiteSocketServer } from '@electric-sql/pglite-socket';

export type EmbeddedPostgres = { url: string; stop: () => Promise<void> };

/**
 * Starts PGlite on a folder and exposes it on a loopback socket so that `pg` (and so better-auth) talk to it
 * exactly as they would to a real server. PGlite runs one query at a time and has a single session, so the
 * socket accepts one connection and the pool using it must have max 1 (see EMBEDDED_POOL_MAX).
 */
export async function startEmbeddedPostgres(dataDir: string): Promise<EmbeddedPostgres> {
  await mkdir(dataDir, { recursive: true });
  const db = await PGlite.create({ dataDir });
  const server = new PGLiteSocketServer({ db, host: '127.0.0.1', port: 0, maxConnections: 1 });
  await server.start();
  // getServerConn() gives "host:port" with the port actually bound.
  const url = `postgres://postgres:postgres@${server.getServerConn()}/postgres?sslmode=disable`;
  return {
    url,
    stop: async () => {
      await server.stop();
      await db.close();
    },
  };
}

export const EMBEDDED_POOL_MAX = 1;

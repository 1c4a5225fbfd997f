import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EmbeddedDatabase } from './embedded.js';

let dir: string;
let db: EmbeddedDatabase;
beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'reader-embedded-tx-'));
  db = await EmbeddedDatabase.open(dir);
  await db.query('CREATE TABLE t (n integer)');
}, 60_000);
afterAll(async () => {
  await db?.close();
  rmSync(dir, { recursive: true, force: true });
});

const count = async () => Number((await db.query<{ n: string }>('SELECT count(*) AS n FROM t')).rows[0]!.n);

describe('EmbeddedDatabase.transaction', () => {
  it('rolls back everything when the work fails half-way', async () => {
    await expect(
      db.transaction(async (tx) => {
        await tx.query('INSERT INTO t VALUES (1), (2)');
        throw new Error('killed half-way');
      }),
    ).rejects.toThrow('killed half-way');
    expect(await count()).toBe(0);
  });

  it('commits when the work succeeds, and a query sent meanwhile runs after it, not inside it', async () => {
    let inside: Promise<number> | undefined;
    await db.transaction(async (tx) => {
      await tx.query('INSERT INTO t VALUES (1)');
      inside = count();
      await new Promise((r) => setTimeout(r, 20));
      await tx.query('INSERT INTO t VALUES (2)');
    });
    expect(await inside).toBe(2);
    expect(await count()).toBe(2);
  });
});

/**
 * Lab machines for sync tests and the bench: each is the real reader core on a data dir of its own with the same
 * small book imported from its own folder (same folder name, different path, as on two PCs), syncing with the
 * real service as one student. A student is a real account on that service with a JWT minted from its session.
 */
import { randomUUID } from 'node:crypto';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createRemoteClient } from '../../account/remote-client.js';
import { createReaderCore, type ReaderCore } from '../../reader-core.js';
import { runSync, type SyncReport, type SyncTransport } from '../sync-run.js';

const CHAPTERS: Record<string, string> = {
  'intro.md': '# Getting started\n\nThe arm has six joints and one gripper. Keep the emergency stop within reach.\n',
  'kinematics.md': '# Kinematics\n\nForward kinematics turns joint angles into a pose. Inverse kinematics goes the other way.\n',
};

export interface Student {
  jwt: string;
  transport(url: string): SyncTransport;
}

export async function newStudent(url: string): Promise<Student> {
  const client = createRemoteClient({ baseUrl: url });
  const email = `sync-${randomUUID()}@example.test`;
  const { sessionToken } = await client.signUp({ email, password: 'correct horse battery', name: 'Lab Student', softwareBackground: 'beginner', hardwareBackground: 'hobbyist' });
  const jwt = await client.mintJwt(sessionToken);
  return {
    jwt,
    transport: (at) => {
      const c = createRemoteClient({ baseUrl: at, timeoutMs: 30_000 });
      return { push: (body) => c.syncPush(jwt, body), pull: (cursor) => c.syncPull(jwt, cursor) };
    },
  };
}

export interface LabMachine {
  core: ReaderCore;
  dataDir: string;
  bookId: string;
  chapterId(file: string): Promise<string>;
  sync(transport: SyncTransport): Promise<SyncReport>;
  /** Rows of a table in this machine's library. */
  rows<T = Record<string, unknown>>(sql: string, ...params: unknown[]): T[];
  close(): Promise<void>;
}

/** Writes the book into `<root>/physical-ai-notes` (the folder name is part of the book's key). */
export function writeBook(root: string): string {
  const dir = join(root, 'physical-ai-notes');
  mkdirSync(dir, { recursive: true });
  for (const [file, text] of Object.entries(CHAPTERS)) writeFileSync(join(dir, file), text);
  return dir;
}

export async function labMachine(options: { dataDir?: string; withBook?: boolean } = {}): Promise<LabMachine> {
  const dataDir = options.dataDir ?? mkdtempSync(join(tmpdir(), 'reader-lab-'));
  const bookRoot = mkdtempSync(join(tmpdir(), 'reader-lab-book-'));
  const core = createReaderCore({ dataDir, indexOnImport: false });
  const machine: LabMachine = {
    core,
    dataDir,
    bookId: '',
    async chapterId(file) {
      return (await core.getToc({ bookId: machine.bookId })).find((t) => t.file === file)!.id;
    },
    sync: (transport) => runSync(core.store.db, transport),
    rows: <T>(sql: string, ...params: unknown[]) => core.store.db.prepare(sql).all(...params) as T[],
    async close() {
      await core.close();
      rmSync(bookRoot, { recursive: true, force: true });
    },
  };
  if (options.withBook !== false) machine.bookId = (await core.importBook({ dir: writeBook(bookRoot) })).bookId;
  return machine;
}

export async function importBookOn(machine: LabMachine): Promise<string> {
  const root = mkdtempSync(join(tmpdir(), 'reader-lab-book-'));
  const id = (await machine.core.importBook({ dir: writeBook(root) })).bookId;
  machine.bookId = id;
  return id;
}

import type { SyncKind, SyncPullResponse, SyncRecord } from '@physical-ai-reader/protocol';
import { randomUUID } from 'node:crypto';
import { mintJwt, postJson, signUp } from './harness.js';

/** A lab machine as the service sees it: one client id, numbering its mutations 1, 2, 3 ... */
export class SyncClient {
  next = 1;
  readonly clientId = `machine-${randomUUID()}`;
  constructor(
    public base: string,
    readonly jwt: string,
  ) {}

  put(kind: SyncKind, entityId: string, data: Record<string, unknown>) {
    return { id: this.next++, kind, entityId, op: 'put' as const, data };
  }
  delete(kind: SyncKind, entityId: string) {
    return { id: this.next++, kind, entityId, op: 'delete' as const };
  }

  async push(mutations: object[], base = this.base): Promise<Response> {
    return postJson(`${base}/v1/sync/push`, { clientId: this.clientId, mutations }, { authorization: `Bearer ${this.jwt}` });
  }
  async pushOk(mutations: object[], base = this.base) {
    const res = await this.push(mutations, base);
    if (res.status !== 200) throw new Error(`push: ${res.status} ${await res.text()}`);
    return (await res.json()) as { version: number; lastMutationId: number; rejected: { index: number; id: number; reason: string }[] };
  }

  async pull(cursor: number, limit?: number, base = this.base): Promise<Response> {
    const q = new URLSearchParams({ cursor: String(cursor), ...(limit ? { limit: String(limit) } : {}) });
    return fetch(`${base}/v1/sync/pull?${q}`, { headers: { authorization: `Bearer ${this.jwt}` } });
  }
  async pullOk(cursor: number, limit?: number, base = this.base): Promise<SyncPullResponse> {
    const res = await this.pull(cursor, limit, base);
    if (res.status !== 200) throw new Error(`pull: ${res.status} ${await res.text()}`);
    return (await res.json()) as SyncPullResponse;
  }

  /** Every page from `cursor` on, as a wiped machine would pull them. */
  async pullAll(cursor = 0, limit?: number): Promise<{ pages: SyncPullResponse[]; records: SyncRecord[]; cursor: number }> {
    const pages: SyncPullResponse[] = [];
    for (;;) {
      const page = await this.pullOk(cursor, limit);
      pages.push(page);
      cursor = page.nextCursor;
      if (!page.hasMore) return { pages, records: pages.flatMap((p) => p.records), cursor };
    }
  }
}

/** A new student with a JWT; `machine()` is one more lab PC signed in as them. */
export async function newStudent(base: string) {
  const { sessionToken, user } = await signUp(base);
  const jwt = await mintJwt(base, sessionToken);
  return { userId: user.id, jwt, machine: (at = base) => new SyncClient(at, jwt) };
}

export const annotation = (note: string, extra: Record<string, unknown> = {}) => ({
  bookKey: 'physical-ai/docs',
  color: 'yellow',
  note,
  target: {
    chapterId: 'kinematics',
    file: 'docs/kinematics.md',
    quote: { type: 'TextQuoteSelector', exact: 'joint angles', prefix: 'maps ', suffix: ' to a pose' },
    position: { type: 'TextPositionSelector', start: 40, end: 52 },
    sectionPath: ['Kinematics'],
    contentHash: 'abc123',
  },
  createdAt: '2026-11-26T10:42:00.000Z',
  ...extra,
});

export const byKey = (records: SyncRecord[]) => new Map(records.map((r) => [`${r.kind}/${r.entityId}`, r]));

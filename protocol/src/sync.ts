import { z } from 'zod';

/**
 * Sync of a reader's own state (progress, bookmarks, settings, highlights, notes, ask threads) through the service.
 * The desktop pushes numbered mutations and pulls records changed after a cursor. The service orders everything
 * by a version it assigns per user (one per push that changes something), never by client clocks: the times in
 * the data below are stored and returned as they are, and mean nothing to the service.
 */
export const SYNC_PATH = '/v1/sync';
export const SYNC_PUSH_PATH = `${SYNC_PATH}/push`;
export const SYNC_PULL_PATH = `${SYNC_PATH}/pull`;
export const SYNC_LIMITS = {
  /** Whole push body. */
  pushBytes: 512 * 1024,
  /** Mutations in one push (also the most records one version can hold). */
  pushMutations: 500,
  /** Records per pull page asked for (a page never splits a version, so it can hold up to pushMutations - 1 more). */
  pullLimitDefault: 500,
  pullLimitMax: 2000,
} as const;

const text = (max: number) => z.string().max(max, `must be at most ${max} characters`);
const required = (max: number) => text(max).min(1, 'is required');
/** Stable id of a book across machines, derived by the desktop; opaque to the service. */
export const bookKey = required(200);
const isoTime = text(40);
const uuid = z.uuid('must be a UUID');

/** W3C selectors as the desktop stores them (see `TextTarget` in electron/core/contract.ts). */
const textTarget = z
  .object({
    chapterId: required(200),
    file: text(1000),
    quote: z
      .object({ type: z.literal('TextQuoteSelector'), exact: required(4000), prefix: text(256), suffix: text(256) })
      .strict(),
    position: z
      .object({ type: z.literal('TextPositionSelector'), start: z.number().int().min(0), end: z.number().int().min(1) })
      .strict(),
    sectionPath: z.array(text(300)).max(12),
    contentHash: text(128),
  })
  .strict();

/** The data of each kind. A put may carry any subset of these fields; unknown fields are refused. */
export const syncKindData = {
  /** One record per book and device (entityId `<bookKey>/<deviceId>`), so another machine can offer to continue. */
  progress: z
    .object({
      bookKey,
      chapterId: required(200),
      position: z.number().min(0).max(1e9),
      deviceId: required(100),
      deviceName: text(100),
      at: isoTime,
    })
    .strict(),
  bookmark: z
    .object({ bookKey, chapterId: required(200), anchor: text(300), position: z.number().min(0).max(1e9), label: text(500), createdAt: isoTime })
    .strict(),
  /** entityId is the setting's key. */
  setting: z.object({ value: z.json() }).strict(),
  annotation: z.object({ bookKey, color: text(20), note: text(10_000), target: textTarget, createdAt: isoTime }).strict(),
  ask_thread: z.object({ bookKey, title: text(300), annotationId: uuid.nullable() }).strict(),
  /** Append-only: a put of an id that exists changes nothing. */
  ask_message: z
    .object({
      threadId: uuid,
      question: text(4000),
      answer: text(32_000),
      citations: z.array(z.object({ n: z.number().int(), id: text(200) }).strict()).max(50),
      mode: text(40),
      model: text(100),
      createdAt: isoTime,
    })
    .strict(),
} as const;
export type SyncKind = keyof typeof syncKindData;
export const SYNC_KINDS = Object.keys(syncKindData) as SyncKind[];
export const syncKind = z.enum(SYNC_KINDS as [SyncKind, ...SyncKind[]]);

/** Largest JSON of one record's data, per kind (the service checks the data of every put against it). */
export const SYNC_RECORD_MAX_BYTES: Record<SyncKind, number> = {
  progress: 2 * 1024,
  bookmark: 4 * 1024,
  setting: 16 * 1024,
  annotation: 48 * 1024,
  ask_thread: 2 * 1024,
  ask_message: 96 * 1024,
};

/** What a put of each kind may carry: any subset of the fields (built once: building it per mutation is slow). */
const putData = Object.fromEntries(SYNC_KINDS.map((k) => [k, syncKindData[k].partial()])) as { [K in SyncKind]: ReturnType<(typeof syncKindData)[K]['partial']> };

/** How each kind's entityId looks. */
const entityIds: Record<SyncKind, z.ZodType<string>> = {
  progress: required(301).regex(/^.+\/[^/]+$/, 'must be <bookKey>/<deviceId>'),
  bookmark: uuid,
  setting: required(100).regex(/^[A-Za-z0-9_.:-]+$/, 'must be a setting key (letters, digits, _ . : -)'),
  annotation: uuid,
  ask_thread: uuid,
  ask_message: uuid,
};

/** The envelope of one mutation: only the id is needed to accept the push; the rest is checked one by one. */
export const mutationId = z.number().int().positive().max(Number.MAX_SAFE_INTEGER);
export const syncPushRequest = z.object({
  clientId: required(100).regex(/^[A-Za-z0-9_-]+$/, 'must be letters, digits, _ or -'),
  mutations: z.array(z.looseObject({ id: mutationId })),
});
export type SyncPushRequest = z.infer<typeof syncPushRequest>;

export type SyncMutation =
  | { id: number; kind: SyncKind; entityId: string; op: 'put'; data: Record<string, unknown> }
  | { id: number; kind: SyncKind; entityId: string; op: 'delete' };

/** What a client sends for one change. `put` merges the given fields into the record; `delete` is final. */
export const syncMutation: z.ZodType<SyncMutation> = z
  .object({ id: mutationId, kind: syncKind, entityId: z.string(), op: z.enum(['put', 'delete']), data: z.unknown().optional() })
  .strict()
  .superRefine((m, ctx) => {
    const idCheck = entityIds[m.kind].safeParse(m.entityId);
    if (!idCheck.success) ctx.addIssue({ code: 'custom', path: ['entityId'], message: idCheck.error.issues[0]!.message });
    if (m.op === 'delete') {
      if (m.data !== undefined) ctx.addIssue({ code: 'custom', path: ['data'], message: 'a delete carries no data' });
      return;
    }
    const data = putData[m.kind].safeParse(m.data);
    if (!data.success) {
      for (const issue of data.error.issues) ctx.addIssue({ code: 'custom', path: ['data', ...issue.path.map(String)], message: issue.message });
      return;
    }
    const bytes = new TextEncoder().encode(JSON.stringify(m.data)).length;
    if (bytes > SYNC_RECORD_MAX_BYTES[m.kind]) ctx.addIssue({ code: 'custom', path: ['data'], message: `must be at most ${SYNC_RECORD_MAX_BYTES[m.kind]} bytes of JSON` });
  })
  .transform((m) => (m.op === 'delete' ? { id: m.id, kind: m.kind, entityId: m.entityId, op: 'delete' as const } : { id: m.id, kind: m.kind, entityId: m.entityId, op: 'put' as const, data: m.data as Record<string, unknown> }));

/** A mutation the service will never apply (it is still counted as consumed). `index` is its place in the push. */
export const syncRejection = z.object({ index: z.number().int(), id: z.number().int(), reason: z.string() });
export type SyncRejection = z.infer<typeof syncRejection>;

/** `version`: the user's version after this push; `lastMutationId`: the last of this client's mutations consumed. */
export const syncPushResponse = z.object({ version: z.number().int(), lastMutationId: z.number().int(), rejected: z.array(syncRejection) });
export type SyncPushResponse = z.infer<typeof syncPushResponse>;

export const syncPullQuery = z.object({
  cursor: z.coerce.number().int().min(0).max(Number.MAX_SAFE_INTEGER).default(0),
  limit: z.coerce.number().int().min(1).max(SYNC_LIMITS.pullLimitMax).default(SYNC_LIMITS.pullLimitDefault),
});

/** A record as pulled: its whole current data, or `deleted` (data null) for a tombstone. */
export const syncRecord = z.object({
  kind: syncKind,
  entityId: z.string(),
  version: z.number().int(),
  deleted: z.boolean(),
  data: z.record(z.string(), z.unknown()).nullable(),
});
export type SyncRecord = z.infer<typeof syncRecord>;

/** Pass `nextCursor` to the next pull; `version` is the user's version when this page was read. */
export const syncPullResponse = z.object({ records: z.array(syncRecord), nextCursor: z.number().int(), hasMore: z.boolean(), version: z.number().int() });
export type SyncPullResponse = z.infer<typeof syncPullResponse>;

/** Error codes of the sync endpoints (in the usual error body). */
export const SYNC_ERRORS = {
  /** 409 on pull: the cursor is older than the oldest kept tombstone (or newer than the user's version): pull from 0. */
  resyncRequired: 'resync_required',
  /** 409 on push: the first new mutation id is not lastMutationId + 1; nothing was applied. */
  mutationGap: 'mutation_gap',
  /** 413 on push: the user's records would exceed the quota; nothing was applied. */
  quotaExceeded: 'quota_exceeded',
  /** 413 on push: more than SYNC_LIMITS.pushMutations mutations. */
  tooManyMutations: 'too_many_mutations',
} as const;

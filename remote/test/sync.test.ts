import { SignJWT, decodeJwt, decodeProtectedHeader, generateKeyPair } from 'jose';
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTempPostgres, type TempPostgres } from '../../tests/fixtures/temp-postgres.js';
import { purgeTombstones } from '../src/sync/store.js';
import { postJson, startTestRemote, tempDir, type TestRemote } from './harness.js';
import { annotation, byKey, newStudent, type SyncClient } from './sync-client.js';

/**
 * The sync endpoints end to end over HTTP, on real PostgreSQL (two instances on one database, the machines
 * alternating between them) and on the embedded default.
 */
type Backend = { a: TestRemote; b: TestRemote; close: () => Promise<void> };

const ISSUER = 'https://reader-remote.sync.test';
const backends: Array<[string, () => Promise<Backend>]> = [
  [
    'postgres, two instances',
    async () => {
      const pg: TempPostgres = await startTempPostgres();
      const env = { DATABASE_URL: pg.url, JWT_ISSUER: ISSUER, SYNC_QUOTA_BYTES: '200000' };
      const a = await startTestRemote(env);
      const b = await startTestRemote(env);
      return { a, b, close: async () => (await Promise.all([a.close(), b.close()]), await pg.destroy()) };
    },
  ],
  [
    'embedded',
    async () => {
      const dir = tempDir('reader-sync-embedded-');
      const a = await startTestRemote({ DATABASE_URL: undefined, REMOTE_DATA_DIR: dir.path, JWT_ISSUER: ISSUER, SYNC_QUOTA_BYTES: '200000' });
      return { a, b: a, close: async () => (await a.close(), dir.remove()) };
    },
  ],
];

describe.each(backends)('sync (%s)', (_name, setup) => {
  let svc: Backend;
  beforeAll(async () => {
    svc = await setup();
  }, 60_000);
  afterAll(async () => svc?.close());

  const count = async (table: string, userId: string) =>
    Number((await svc.a.services.db.query<{ n: string }>(`SELECT count(*) AS n FROM ${table} WHERE user_id = $1`, [userId])).rows[0]!.n);

  it('a wiped second machine gets everything from cursor 0, in server order', async () => {
    const s = await newStudent(svc.a.url);
    const lab14 = s.machine(svc.a.url);
    const bookmark = randomUUID();
    const note = randomUUID();
    const thread = randomUUID();
    const message = randomUUID();
    const first = await lab14.pushOk([
      lab14.put('progress', 'physical-ai/docs/dev-14', { bookKey: 'physical-ai/docs', chapterId: 'kinematics', position: 0.4, deviceId: 'dev-14', deviceName: 'LAB-PC-14', at: '2026-11-26T10:42:00Z' }),
      lab14.put('bookmark', bookmark, { bookKey: 'physical-ai/docs', chapterId: 'kinematics', anchor: 'forward', position: 0.3, label: 'FK', createdAt: '2026-11-26T10:40:00Z' }),
      lab14.put('setting', 'theme', { value: 'dark' }),
    ]);
    expect(first).toEqual({ version: 1, lastMutationId: 3, rejected: [] });
    const second = await lab14.pushOk([
      lab14.put('annotation', note, annotation('why 6 joints?')),
      lab14.put('ask_thread', thread, { bookKey: 'physical-ai/docs', title: 'Joints', annotationId: note }),
      lab14.put('ask_message', message, { threadId: thread, question: 'Why?', answer: 'Because [1].', citations: [{ n: 1, id: 'p1' }], mode: 'book', model: 'm', createdAt: '2026-11-26T10:43:00Z' }),
    ]);
    expect(second).toEqual({ version: 2, lastMutationId: 6, rejected: [] });

    const wiped = s.machine(svc.b.url);
    const page = await wiped.pullOk(0);
    expect(page).toMatchObject({ version: 2, nextCursor: 2, hasMore: false });
    expect(page.records.map((r) => [r.kind, r.version])).toEqual([
      ['bookmark', 1],
      ['progress', 1],
      ['setting', 1],
      ['annotation', 2],
      ['ask_message', 2],
      ['ask_thread', 2],
    ]);
    const got = byKey(page.records);
    expect(got.get('progress/physical-ai/docs/dev-14')!.data).toMatchObject({ deviceName: 'LAB-PC-14', position: 0.4 });
    expect(got.get(`annotation/${note}`)!.data).toEqual(annotation('why 6 joints?'));
    expect(got.get('setting/theme')!.data).toEqual({ value: 'dark' });
    // Nothing new: one small answer with the same cursor.
    expect(await wiped.pullOk(2)).toEqual({ records: [], nextCursor: 2, hasMore: false, version: 2 });
  });

  it('merges per field by server order: different fields both stay, the later push wins a field', async () => {
    const s = await newStudent(svc.a.url);
    const [pcA, pcB] = [s.machine(svc.a.url), s.machine(svc.b.url)];
    const id = randomUUID();
    await pcA.pushOk([pcA.put('annotation', id, annotation('first'))]);
    await pcA.pushOk([pcA.put('annotation', id, { note: 'edited on A' })]);
    await pcB.pushOk([pcB.put('annotation', id, { color: 'green' })]);
    let rec = byKey((await pcB.pullOk(0)).records).get(`annotation/${id}`)!;
    expect(rec.data).toMatchObject({ note: 'edited on A', color: 'green', bookKey: 'physical-ai/docs' });
    expect(rec.version).toBe(3);

    await pcB.pushOk([pcB.put('annotation', id, { note: 'from B' })]);
    await pcA.pushOk([pcA.put('annotation', id, { note: 'from A, pushed last' })]);
    rec = byKey((await pcA.pullOk(0)).records).get(`annotation/${id}`)!;
    expect(rec.data).toMatchObject({ note: 'from A, pushed last', color: 'green' });
    const stored = await svc.a.services.db.query<{ field_versions: Record<string, number> }>(
      'SELECT field_versions FROM remote_sync_record WHERE user_id = $1 AND entity_id = $2',
      [s.userId, id],
    );
    expect(stored.rows[0]!.field_versions).toMatchObject({ note: 5, color: 3, bookKey: 1 });
  });

  it('a delete beats every later put, and the tombstone reaches machines that pull from a cursor', async () => {
    const s = await newStudent(svc.a.url);
    const [pcA, pcB] = [s.machine(svc.a.url), s.machine(svc.b.url)];
    const id = randomUUID();
    await pcA.pushOk([pcA.put('annotation', id, annotation('to be deleted'))]);
    const seen = await pcB.pullOk(0);
    await pcA.pushOk([pcA.delete('annotation', id)]);
    // B edits offline and pushes after the delete: nothing changes, no new version.
    const late = await pcB.pushOk([pcB.put('annotation', id, { note: 'late edit' })]);
    expect(late).toMatchObject({ version: 2, lastMutationId: 1, rejected: [] });
    // Deleted before it was ever created (created and deleted offline, the put sent later): still deleted.
    const ghost = randomUUID();
    await pcA.pushOk([pcA.delete('bookmark', ghost)]);
    await pcB.pushOk([pcB.put('bookmark', ghost, { label: 'ghost' })]);

    const fromZero = await pcB.pullOk(0);
    expect(fromZero.records).toEqual([]);
    const fromCursor = await pcB.pullOk(seen.nextCursor);
    expect(fromCursor.records.map((r) => [r.kind, r.entityId, r.deleted, r.data])).toEqual([
      ['annotation', id, true, null],
      ['bookmark', ghost, true, null],
    ]);
    // A deleted ask message cannot come back either; an existing one is append-only.
    const msg = randomUUID();
    const thread = randomUUID();
    await pcA.pushOk([pcA.put('ask_message', msg, { threadId: thread, question: 'q1', answer: 'a1', citations: [], mode: 'book', model: 'm', createdAt: 'x' })]);
    const before = await pcA.pullOk(0);
    const again = await pcB.pushOk([pcB.put('ask_message', msg, { question: 'rewritten' })]);
    expect(again.version).toBe(before.version);
    expect(byKey((await pcA.pullOk(0)).records).get(`ask_message/${msg}`)!.data).toMatchObject({ question: 'q1' });
  });

  it('a retried push changes nothing and answers the same lastMutationId; a gap is refused whole', async () => {
    const s = await newStudent(svc.a.url);
    const pc = s.machine(svc.a.url);
    const batch = [pc.put('setting', 'font', { value: 16 }), pc.put('setting', 'theme', { value: 'light' })];
    const first = await pc.pushOk(batch);
    // The answer was lost; the machine sends the same batch again, to the other instance.
    const retry = await pc.pushOk(batch, svc.b.url);
    expect(retry).toEqual({ version: first.version, lastMutationId: 2, rejected: [] });
    // Half retried, half new: only the new one applies.
    const mixed = await pc.pushOk([batch[1]!, pc.put('setting', 'theme', { value: 'sepia' })]);
    expect(mixed).toEqual({ version: 2, lastMutationId: 3, rejected: [] });

    // A retry that arrives after another machine's edit must not undo that edit.
    const other = s.machine(svc.b.url);
    await other.pushOk([other.put('setting', 'theme', { value: 'dark' })]);
    expect(await pc.pushOk([pc.put('setting', 'theme', { value: 'stale' })].map((m) => ({ ...m, id: 3 })))).toEqual({ version: 3, lastMutationId: 3, rejected: [] });
    pc.next = 4;
    expect(byKey((await pc.pullOk(0)).records).get('setting/theme')!.data).toEqual({ value: 'dark' });

    const gap = await pc.push([{ id: 7, kind: 'setting', entityId: 'theme', op: 'put', data: { value: 'gap' } }]);
    expect(gap.status).toBe(409);
    expect(await gap.json()).toMatchObject({ error: 'mutation_gap' });
    const page = await pc.pullOk(0);
    expect(page.version).toBe(3);
    expect(byKey(page.records).get('setting/theme')!.data).toEqual({ value: 'dark' });
  });

  it('a machine whose clock is a day ahead changes nothing in the ordering', async () => {
    const s = await newStudent(svc.a.url);
    const [fast, onTime] = [s.machine(svc.a.url), s.machine(svc.b.url)];
    const tomorrow = new Date(Date.now() + 86_400_000).toISOString();
    const entity = 'physical-ai/docs/shared-device';
    const progress = (position: number, at: string) => ({ bookKey: 'physical-ai/docs', chapterId: 'ch', position, deviceId: 'shared-device', deviceName: 'PC', at });
    await fast.pushOk([fast.put('progress', entity, progress(0.9, tomorrow)), fast.put('setting', 'lang', { value: 'fast' })]);
    await onTime.pushOk([onTime.put('progress', entity, progress(0.2, new Date().toISOString())), onTime.put('setting', 'lang', { value: 'on time' })]);
    const page = await onTime.pullOk(0);
    const got = byKey(page.records);
    expect(got.get(`progress/${entity}`)!.data).toMatchObject({ position: 0.2 });
    expect(got.get('setting/lang')!.data).toEqual({ value: 'on time' });
    expect(got.get('setting/lang')!.version).toBe(2);
  });

  it('pages with small limits return every record exactly once and never split a version', async () => {
    const s = await newStudent(svc.a.url);
    const pc = s.machine(svc.a.url);
    const ids: string[] = [];
    const put = () => {
      const id = randomUUID();
      ids.push(id);
      return pc.put('bookmark', id, { bookKey: 'b', label: `mark ${ids.length}` });
    };
    await pc.pushOk(Array.from({ length: 7 }, put));
    for (let i = 0; i < 5; i++) await pc.pushOk([put()]);
    await pc.pushOk([put(), put(), put()]);
    // An edit moves a record to a newer version: seen once, at its newest version.
    await pc.pushOk([pc.put('bookmark', ids[0]!, { label: 'edited' })]);
    for (const limit of [1, 2, 3, 5, 100]) {
      const { pages, records, cursor } = await pc.pullAll(0, limit);
      expect(records.map((r) => r.entityId).sort()).toEqual([...ids].sort());
      expect(cursor).toBe(8);
      const versions = records.map((r) => r.version);
      expect(versions).toEqual([...versions].sort((x, y) => x - y));
      for (let p = 1; p < pages.length; p++) {
        const prevLast = pages[p - 1]!.records.at(-1)!.version;
        expect(pages[p]!.records[0]!.version).toBeGreaterThan(prevLast);
      }
      expect(byKey(records).get(`bookmark/${ids[0]}`)).toMatchObject({ version: 8, data: { label: 'edited' } });
    }
    const limited = await pc.pullOk(0, 2);
    // The first push's records share version 1 (6 of them still there, one moved to 8): the page holds them all.
    expect(limited.records).toHaveLength(6);
    expect(limited).toMatchObject({ nextCursor: 1, hasMore: true });
  });

  it('after old tombstones are purged, an older cursor must resync from 0, and the deleted stay deleted', async () => {
    const s = await newStudent(svc.a.url);
    const pc = s.machine(svc.a.url);
    const [keep, drop] = [randomUUID(), randomUUID()];
    await pc.pushOk([pc.put('bookmark', keep, { label: 'keep' }), pc.put('bookmark', drop, { label: 'drop' })]);
    await pc.pushOk([pc.delete('bookmark', drop)]);
    await pc.pushOk([pc.put('setting', 'x', { value: 1 })]);
    await svc.a.services.db.query("UPDATE remote_sync_record SET deleted_at = now() - interval '31 days' WHERE user_id = $1 AND deleted", [s.userId]);
    expect(await purgeTombstones(svc.a.services.db, 30 * 86_400)).toBeGreaterThanOrEqual(1);

    const stale = await pc.pull(1);
    expect(stale.status).toBe(409);
    expect(await stale.json()).toMatchObject({ error: 'resync_required' });
    expect((await pc.pull(2)).status).toBe(200);
    const full = await pc.pullOk(0);
    expect(full.records.map((r) => r.entityId).sort()).toEqual([keep, 'x'].sort());
    // A machine offline for longer than the retention sends its old edit: the purged record stays deleted.
    const old = s.machine(svc.b.url);
    const res = await old.pushOk([old.put('bookmark', drop, { label: 'back from the dead?' })]);
    expect(res.version).toBe(3);
    expect((await pc.pullOk(0)).records.map((r) => r.entityId)).not.toContain(drop);
    // A cursor from the future (another database's history) also starts over.
    expect((await pc.pull(99)).status).toBe(409);
  });

  it('refuses one bad mutation by index and reason, consumes it, and applies the valid ones of the same push', async () => {
    const s = await newStudent(svc.a.url);
    const pc = s.machine(svc.a.url);
    const good = randomUUID();
    const res = await pc.pushOk([
      pc.put('bookmark', good, { label: 'fine' }),
      { id: pc.next++, kind: 'diary', entityId: randomUUID(), op: 'put', data: { text: 'x' } },
      pc.put('bookmark', 'not-a-uuid', { label: 'x' }),
      pc.put('annotation', randomUUID(), { note: 'x'.repeat(10_001) }),
      pc.put('setting', 'big', { value: 'x'.repeat(20_000) }),
      pc.put('bookmark', randomUUID(), { label: 'ok', surprise: true }),
      pc.put('setting', 'ok', { value: true }),
    ]);
    expect(res.lastMutationId).toBe(7);
    // Brackets nested 50,000 deep (100 KB) overflow a recursive check: refused like any other bad mutation.
    // (Written by hand: JSON.stringify itself overflows on it.)
    const deep = `{"id":${pc.next++},"kind":"setting","entityId":"deep","op":"put","data":{"value":${'['.repeat(50_000)}${']'.repeat(50_000)}}}`;
    const body = `{"clientId":"${pc.clientId}","mutations":[${deep},${JSON.stringify(pc.put('setting', 'shallow', { value: 1 }))}]}`;
    const sent = await fetch(`${svc.a.url}/v1/sync/push`, { method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${s.jwt}` }, body });
    expect(sent.status).toBe(200);
    const nested = await sent.json();
    expect(nested).toMatchObject({ lastMutationId: 9, rejected: [{ index: 0, id: 8, reason: 'data is nested too deeply' }] });
    expect(res.rejected.map((r) => [r.index, r.id])).toEqual([
      [1, 2],
      [2, 3],
      [3, 4],
      [4, 5],
      [5, 6],
    ]);
    expect(res.rejected[0]!.reason).toMatch(/kind/);
    expect(res.rejected[1]!.reason).toMatch(/entityId must be a UUID/);
    expect(res.rejected[2]!.reason).toMatch(/data.note must be at most 10000/);
    expect(res.rejected[3]!.reason).toMatch(/data must be at most 16384 bytes/);
    expect(res.rejected[4]!.reason).toMatch(/surprise/);
    expect((await pc.pullOk(0)).records.map((r) => r.entityId).sort()).toEqual([good, 'ok', 'shallow'].sort());
    // Consumed: the same ids again are a retry, the next id is 10.
    expect(await pc.pushOk([pc.put('setting', 'after', { value: 1 })])).toMatchObject({ lastMutationId: 10, rejected: [] });
  });

  it('refuses bad envelopes whole (400/413) and stores nothing', async () => {
    const s = await newStudent(svc.a.url);
    const pc = s.machine(svc.a.url);
    const auth = { authorization: `Bearer ${s.jwt}` };
    const url = `${svc.a.url}/v1/sync/push`;
    const notJson = await fetch(url, { method: 'POST', headers: { ...auth, 'content-type': 'application/json' }, body: '{"clientId": ' });
    expect([notJson.status, (await notJson.json()).error]).toEqual([400, 'invalid_json']);
    const noClient = await postJson(url, { mutations: [pc.put('setting', 'a', { value: 1 })] }, auth);
    expect([noClient.status, (await noClient.json()).error]).toEqual([400, 'invalid_input']);
    const badId = await postJson(url, { clientId: pc.clientId, mutations: [{ id: 'one', kind: 'setting', entityId: 'a', op: 'put', data: { value: 1 } }] }, auth);
    expect(badId.status).toBe(400);
    const unordered = await pc.push([{ id: 1, kind: 'setting', entityId: 'a', op: 'delete' }, { id: 3, kind: 'setting', entityId: 'b', op: 'delete' }]);
    expect(unordered.status).toBe(400);
    const tooMany = await pc.push(Array.from({ length: 501 }, (_, i) => ({ id: i + 1, kind: 'setting', entityId: 'k', op: 'delete' })));
    expect([tooMany.status, (await tooMany.json()).error]).toEqual([413, 'too_many_mutations']);
    // 80 mutations, each valid on its own, 760 KB together.
    const notes = Array.from({ length: 40 }, (_, i) => ({ id: i + 1, kind: 'annotation', entityId: randomUUID(), op: 'put', data: { note: 'n'.repeat(9_999) } }));
    const settings = Array.from({ length: 40 }, (_, i) => ({ id: i + 41, kind: 'setting', entityId: `k${i}`, op: 'put', data: { value: 'v'.repeat(9_000) } }));
    const huge = await pc.push([...notes, ...settings]);
    expect([huge.status, (await huge.json()).error]).toEqual([413, 'body_too_large']);
    expect(await count('remote_sync_record', s.userId)).toBe(0);
    expect(await count('remote_sync_client', s.userId)).toBe(0);
    expect((await pc.pullOk(0)).version).toBe(0);
  });

  it('keeps each user apart: the same entity id of another user is another record', async () => {
    const alice = await newStudent(svc.a.url);
    const bob = await newStudent(svc.a.url);
    const [pcA, pcB] = [alice.machine(svc.a.url), bob.machine(svc.b.url)];
    const id = randomUUID();
    await pcA.pushOk([pcA.put('annotation', id, annotation('alice private note')), pcA.put('setting', 'theme', { value: 'alice' })]);
    expect((await pcB.pullOk(0)).records).toEqual([]);
    await pcB.pushOk([pcB.put('annotation', id, { note: 'bob writes here' }), pcB.delete('setting', 'theme')]);
    const alices = byKey((await pcA.pullOk(0)).records);
    expect(alices.get(`annotation/${id}`)!.data).toMatchObject({ note: 'alice private note' });
    expect(alices.get('setting/theme')!.data).toEqual({ value: 'alice' });
    const bobs = await pcB.pullOk(0);
    expect(bobs.records.map((r) => [r.entityId, r.data])).toEqual([[id, { note: 'bob writes here' }]]);
    // Bob's mutation numbering is his own: his client id reused by Alice starts at 1 for her.
    const reuse = alice.machine(svc.a.url);
    Object.assign(reuse, { clientId: pcB.clientId });
    expect(await reuse.pushOk([reuse.put('setting', 'y', { value: 1 })])).toMatchObject({ lastMutationId: 1 });
  });

  it('refuses missing, forged and expired tokens with 401 and stores nothing', async () => {
    const s = await newStudent(svc.a.url);
    const sub = s.userId;
    const sid = String(decodeJwt(s.jwt).sid);
    const now = Math.floor(Date.now() / 1000);
    const payload = { sub, sid, email: 'a@example.test', name: 'A', softwareBackground: 'beginner', hardwareBackground: 'hobbyist', iss: ISSUER, aud: 'physical-ai-reader' };
    const { token: expired } = await svc.a.services.auth.api.signJWT({ body: { payload: { ...payload, iat: now - 1200, exp: now - 300 } } });
    const { privateKey } = await generateKeyPair('RS256');
    const forged = await new SignJWT({ ...payload, iat: now, exp: now + 600 }).setProtectedHeader({ alg: 'RS256', kid: decodeProtectedHeader(s.jwt).kid! }).sign(privateKey);
    const [head, body] = s.jwt.split('.');
    const tampered = `${head}.${body}.${Buffer.from('not the signature').toString('base64url')}`;
    const body1 = { clientId: 'evil', mutations: [{ id: 1, kind: 'setting', entityId: 'theme', op: 'put', data: { value: 'pwned' } }] };
    const attempts: Record<string, string>[] = [{}, ...[`Bearer ${expired}`, `Bearer ${forged}`, `Bearer ${tampered}`, 'Basic abc'].map((authorization) => ({ authorization }))];
    for (const headers of attempts) {
      const pushed = await postJson(`${svc.a.url}/v1/sync/push`, body1, headers);
      expect(pushed.status).toBe(401);
      const pulled = await fetch(`${svc.b.url}/v1/sync/pull?cursor=0`, { headers });
      expect(pulled.status).toBe(401);
    }
    expect(await count('remote_sync_record', sub)).toBe(0);
    expect(await count('remote_sync_client', sub)).toBe(0);
  });

  it('answers 413 quota_exceeded for a push that would go over the quota, and still takes deletes', async () => {
    const s = await newStudent(svc.a.url);
    const pc = s.machine(svc.a.url);
    const note = (n: number) => pc.put('annotation', randomUUID(), annotation('q'.repeat(9_000), { createdAt: String(n) }));
    // Quota 200,000 bytes in this suite: 20 notes of ~9.4 KB fit, 2 more do not.
    const batch = Array.from({ length: 20 }, (_, i) => note(i));
    await pc.pushOk(batch.slice(0, 10));
    await pc.pushOk(batch.slice(10));
    const over = await pc.push([note(20), note(21)]);
    expect([over.status, (await over.json()).error]).toEqual([413, 'quota_exceeded']);
    const page = await pc.pullOk(0);
    expect(page).toMatchObject({ version: 2 });
    expect(page.records).toHaveLength(20);
    // The refused push consumed nothing: the machine deletes two notes and sends the same ids again.
    pc.next -= 2;
    const freed = await pc.pushOk([pc.delete('annotation', batch[0]!.entityId), pc.delete('annotation', batch[1]!.entityId)]);
    expect(freed).toMatchObject({ version: 3, lastMutationId: 22 });
    const bytes = await svc.a.services.db.query<{ bytes: string }>('SELECT bytes FROM remote_sync_user WHERE user_id = $1', [s.userId]);
    const sum = await svc.a.services.db.query<{ s: string }>('SELECT sum(bytes) AS s FROM remote_sync_record WHERE user_id = $1', [s.userId]);
    expect(Number(bytes.rows[0]!.bytes)).toBe(Number(sum.rows[0]!.s));
  });

  it('validates the pull query', async () => {
    const s = await newStudent(svc.a.url);
    const pc: SyncClient = s.machine(svc.a.url);
    for (const q of ['cursor=-1', 'cursor=abc', 'limit=0', 'limit=5000']) {
      const res = await fetch(`${svc.a.url}/v1/sync/pull?${q}`, { headers: { authorization: `Bearer ${s.jwt}` } });
      expect([q, res.status]).toEqual([q, 400]);
    }
    expect((await pc.pull(0)).status).toBe(200);
  });
});

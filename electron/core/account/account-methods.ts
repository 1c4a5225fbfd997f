/**
 * The account part of the ReaderApi: sign-up/in/out, background, personalized chapters and online answers.
 * Failures are thrown as ReaderErrors (account-errors.ts) and reach the page whole, as every method's do; the page
 * never receives a token, only the profile. Streams go out as `jobEvent`s through the generic job runner.
 */
import { readerClaims as ReaderClaimsSchema, withHistory } from '@physical-ai-reader/protocol';
import { decodeJwt } from 'jose';
import { ReaderError } from '../contract.js';
import type { AccountMethods } from './account-method-names.js';
import { failure } from '../hosting/envelope.js';
import { asReaderError, inReaderErrors, onEmailField } from './account-errors.js';
import type { AccountStore } from './account-store.js';
import { createJobRunner, type EmitJobEvent, type JobRunner } from './jobs.js';
import { RemoteError } from './remote-errors.js';
import type { AccountSession } from './session.js';
import { logger } from '../logging/program-log.js';
import type { Logger } from '../logging/logger.js';
import type { AskHistory } from '../ask-history/ask-history.js';
import type { AccountSync } from './account-sync.js';


/** What the account needs from the library: a chapter's source, and a safe way to render model output. */
export interface ChapterAccess {
  /** Source Markdown of the chapter and the hash of its content, or null when there is no such chapter. */
  chapterSource(bookId: string, chapterId: string): { title: string; markdown: string; contentHash: string } | null;
  /** Model-written Markdown (untrusted) to sanitized HTML, rendered like the book's own chapters. */
  renderMarkdown(bookId: string, chapterId: string, markdown: string): string;
}

/** Where questions asked in an ask thread are kept, and the turns a follow-up sends along. */
export type ThreadKeeper = Pick<AskHistory, 'check' | 'record' | 'followUps'>;

export interface AccountDeps {
  session: AccountSession;
  store: AccountStore;
  chapters: ChapterAccess;
  emit: EmitJobEvent;
  /** Where unexpected errors are reported (never with request bodies or secrets). */
  log?: Logger;
  threads?: ThreadKeeper;
  /** Lab policy `anonymousAsk`: false stops online answers for signed-out readers (default true). */
  anonymousAsk?: boolean;
  /** The student's sync (absent: this account does not sync, e.g. in unit tests of the session alone). */
  sync?: AccountSync;
}

export function backgroundKey(b: { softwareBackground: string; hardwareBackground: string }): string {
  return `${b.softwareBackground}/${b.hardwareBackground}`;
}

export function createAccountMethods(deps: AccountDeps): AccountMethods & { jobs: JobRunner } {
  const { session, store, chapters } = deps;
  const jobs = createJobRunner(deps.emit, (err) => failure(asReaderError(err), 'account job', deps.log ?? logger('account')).error);

  const { sync } = deps;
  const afterSignIn = async <T>(state: T): Promise<T> => {
    await sync?.signedIn();
    return state;
  };
  const signedOutStatus = { state: 'signed_out' as const, lastSyncedAt: null, pending: 0, lastError: null };

  const busy = (jobId: string) => new ReaderError('conflict', `A job with id ${jobId} is already running.`);

  return {
    jobs,

    async getAccount() {
      return session.status();
    },

    signUp: ({ email, password, name, softwareBackground, hardwareBackground, softwareDetail, hardwareDetail, remoteUrl }) =>
      inReaderErrors(() =>
        session.signUp(
          {
            email,
            password,
            name,
            softwareBackground,
            hardwareBackground,
            ...(softwareDetail ? { softwareDetail } : {}),
            ...(hardwareDetail ? { hardwareDetail } : {}),
          },
          remoteUrl,
        )
          .catch(onEmailField)
          .then(afterSignIn),
      ),

    signIn: ({ email, password, remoteUrl }) =>
      inReaderErrors(() => session.signIn({ email, password }, remoteUrl).then(afterSignIn)),

    async signOut({ unsent = 'flush' }) {
      jobs.cancelAll();
      if (sync) {
        const userId = (await session.localClaims())?.sub ?? null;
        if (unsent === 'flush') {
          try {
            await sync.flush();
          } catch (err) {
            const n = sync.pending();
            const why = err instanceof Error ? err.message : String(err);
            throw new ReaderError(
              'offline',
              `${n} change${n === 1 ? ' was' : 's were'} not sent (${why}). Keep ${n === 1 ? 'it' : 'them'} on this computer for your next sign-in here, or discard ${n === 1 ? 'it' : 'them'}.`,
              { kind: 'unsent_changes' },
            );
          }
        }
        await sync.wipe(unsent === 'keep' ? userId : null);
      }
      return { ok: true as const, ...(await session.signOut()) };
    },

    async syncNow() {
      return sync ? sync.loop.syncNow() : signedOutStatus;
    },

    async syncStatus() {
      return sync ? sync.loop.status() : signedOutStatus;
    },

    updateBackground: (patch) => inReaderErrors(() => session.updateBackground(patch)),

    async personalizeChapter({ jobId, bookId, chapterId, regenerate }) {
      const source = chapters.chapterSource(bookId, chapterId);
      if (!source) throw new ReaderError('not_found', 'There is no such chapter.', { chapterId });
      if (!(await session.vault.read())) throw new ReaderError('unauthorized', 'Sign in to personalize chapters.');
      const started = jobs.start(jobId, async (signal, emitText) => {
        const jwt = await session.freshJwt();
        // The service personalizes for the background in this token, so the saved copy is keyed by it too.
        const claims = ReaderClaimsSchema.parse(decodeJwt(jwt));
        const client = session.client((await session.vault.read())?.remoteUrl ?? session.remoteUrl());
        let text = '';
        for await (const part of client.personalize(
          jwt,
          { chapterId, title: source.title, markdown: source.markdown, ...(regenerate ? { regenerate: true } : {}) },
          signal,
        )) {
          if (part.type === 'text') {
            text += part.text;
            emitText(part.text);
          } else {
            // Only a finished rewrite is kept: a cut-off one would be served offline forever.
            if (part.complete) {
              store.savePersonalized({
                contentHash: source.contentHash,
                background: backgroundKey(claims),
                bookId,
                chapterId,
                markdown: text,
              });
            }
            return { type: 'done', complete: part.complete, citations: [] };
          }
        }
        throw new RemoteError('offline', 'The answer was cut off before it finished.');
      });
      if (!started) throw busy(jobId);
      return { jobId };
    },

    async getPersonalized({ bookId, chapterId }) {
      const source = chapters.chapterSource(bookId, chapterId);
      const claims = source ? await session.localClaims() : null;
      const row = source && claims ? store.personalized(source.contentHash, backgroundKey(claims)) : null;
      if (!row || !claims) return { personalized: null };
      const personalized = {
        bookId,
        chapterId,
        html: chapters.renderMarkdown(bookId, chapterId, row.markdown),
        softwareBackground: claims.softwareBackground,
        hardwareBackground: claims.hardwareBackground,
        createdAt: row.createdAt,
      };
      return { personalized };
    },

    async askOnline({ jobId, question, passages, selection, thread, passageSources }) {
      const threads = thread ? deps.threads : undefined;
      if (thread) threads?.check(thread);
      const signedIn = (await session.vault.read()) !== null;
      if (!signedIn && deps.anonymousAsk === false) {
        throw new ReaderError('unauthorized', 'Your administrator requires signing in for online answers.', { kind: 'policy' });
      }
      const started = jobs.start(jobId, async (signal, emitText) => {
        // Signed-in readers get an answer pitched to their background; anonymous questions are allowed too.
        const jwt = signedIn ? await session.freshJwt() : null;
        const remoteUrl = (await session.vault.read())?.remoteUrl ?? session.remoteUrl();
        const asked = { question, passages, ...(selection ? { selection } : {}) };
        const request = thread && threads ? withHistory(asked, threads.followUps(thread.threadId, question)) : asked;
        let text = '';
        for await (const part of session.client(remoteUrl).chat(jwt, request, signal)) {
          if (part.type === 'text') {
            text += part.text;
            emitText(part.text);
            continue;
          }
          // Only a finished answer is kept: a cut-off or failed one would read as the book's answer later.
          if (part.complete && thread && threads) {
            try {
              threads.record({
                ...thread,
                question,
                answer: text,
                passages: passages.map((p, i) => ({
                  chapterId: passageSources?.[i]?.chapterId ?? '',
                  anchor: passageSources?.[i]?.anchor ?? '',
                  text: p.text,
                  label: p.title,
                })),
                mode: 'online',
                model: part.model ?? null,
              });
            } catch (err) {
              // The thread was deleted while the answer streamed: the reader still sees the answer.
              (deps.log ?? logger('account')).warn('online answer not kept in its thread', { error: err });
            }
          }
          return { type: 'done', complete: part.complete, citations: part.citations };
        }
        throw new RemoteError('offline', 'The answer was cut off before it finished.');
      });
      if (!started) throw busy(jobId);
      return { jobId };
    },

    async cancelJob({ jobId }) {
      jobs.cancel(jobId);
      return { ok: true as const };
    },
  };
}

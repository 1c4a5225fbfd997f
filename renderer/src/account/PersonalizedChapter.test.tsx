// @vitest-environment happy-dom
import { deferred, emit, fakeMethods, inputsOf } from '../../test/fake-reader.js';
import { asInTheBrowser, busyFor, clickWhenShown, settle } from '../../test/click-at-once.js';
import { act, cleanup, fireEvent, render, screen } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { AccountState, ChapterView, JobEvent, PersonalizedChapter as Saved } from '../../../electron/core/contract.js';
import { ReaderError } from '../reader-error.js';
import { PersonalizedChapter } from './PersonalizedChapter.js';
import { setAccount, useAccount } from './useAccount.js';

const ACCOUNT: AccountState = {
  signedIn: true,
  profile: { email: 'ada@example.com', name: 'Ada', softwareBackground: 'beginner', hardwareBackground: 'hobbyist', softwareDetail: null, hardwareDetail: null },
  verified: 'online',
  tokenExpired: false,
  offlineReason: null,
  remoteUrl: 'https://reader.example',
  keychain: { persistent: true, notice: null },
};
const chapter = (id: string): ChapterView => ({
  bookId: 'book-1', id, title: `Chapter ${id}`, file: `${id}.md`, html: '', outline: [], prevId: null, nextId: null, position: 0,
});
const savedCopy = (chapterId: string, html: string): Saved => ({
  bookId: 'book-1', chapterId, html, softwareBackground: 'beginner', hardwareBackground: 'hobbyist', createdAt: '2026-11-26T10:00:00Z',
});

/** What the fake engine has saved, by chapter id: a test adds to it as the real engine would on a complete run. */
let stored: Map<string, Saved>;
const onOpenAccount = vi.fn();
const onError = vi.fn();

beforeEach(() => {
  stored = new Map();
  onOpenAccount.mockReset();
  onError.mockReset();
  setAccount(ACCOUNT);
  fakeMethods({
    getPersonalized: async ({ chapterId }) => ({ personalized: stored.get(chapterId) ?? null }),
    personalizeChapter: async ({ jobId }) => ({ jobId }),
    cancelJob: async () => ({ ok: true }),
  });
});
afterEach(cleanup);

const byId = (id: string) => screen.getByTestId(id);
const shown = (id: string) => screen.queryByTestId(id) !== null;
const click = (id: string) => act(async () => void fireEvent.click(byId(id)));

function view(chapterId = 'ch1') {
  return (
    <PersonalizedChapter bookId="book-1" chapter={chapter(chapterId)} onOpenAccount={onOpenAccount} onError={onError}>
      <div data-testid="original">Original text</div>
    </PersonalizedChapter>
  );
}
async function renderChapter(chapterId = 'ch1') {
  const result = render(view(chapterId));
  await act(async () => undefined);
  return result;
}
/** The id of the latest personalize run the page started. */
const lastJob = () => inputsOf('personalizeChapter').at(-1)!.jobId;
const send = (...events: JobEvent[]) => act(async () => events.forEach((e) => emit('jobEvent', e)));

describe('PersonalizedChapter', () => {
  it('signed out, offers sign-in instead and shows the original', async () => {
    setAccount({ ...ACCOUNT, signedIn: false, profile: null, verified: null });
    await renderChapter();
    expect(shown('personalize-start')).toBe(false);
    expect(shown('original')).toBe(true);
    await click('personalize-signin');
    expect(onOpenAccount).toHaveBeenCalledOnce();
  });

  it('streams a rewrite into view, marked as generated, then shows the saved copy', async () => {
    await renderChapter();
    await click('personalize-start');
    expect(inputsOf('personalizeChapter')).toEqual([{ jobId: lastJob(), bookId: 'book-1', chapterId: 'ch1', regenerate: false }]);
    expect(byId('personalized-chapter').dataset.state).toBe('streaming');
    expect(shown('personalize-stop')).toBe(true);
    await send({ jobId: lastJob(), type: 'text', text: 'Think of an IMU ' }, { jobId: lastJob(), type: 'text', text: 'as an inner ear.' });
    expect(byId('personalized-stream').textContent).toBe('Think of an IMU as an inner ear.');
    expect(byId('personalized-banner').textContent).toContain('Personalized for Beginner software, Hobbyist hardware.');
    expect(shown('original')).toBe(false);
    stored.set('ch1', savedCopy('ch1', '<p>The <em>sanitized</em> rewrite</p>'));
    await send({ jobId: lastJob(), type: 'done', complete: true, citations: [] });
    expect(byId('personalized-body').innerHTML).toBe('<p>The <em>sanitized</em> rewrite</p>');
    expect(byId('personalized-chapter').dataset.state).toBe('ready');
    expect(shown('personalize-regenerate')).toBe(true);
  });

  it('switches between the original and a saved copy, and regenerating asks for a fresh rewrite', async () => {
    stored.set('ch1', savedCopy('ch1', '<p>Saved before</p>'));
    await renderChapter();
    expect(shown('original')).toBe(true);
    await click('show-personalized');
    expect(byId('personalized-body').innerHTML).toBe('<p>Saved before</p>');
    await click('show-original');
    expect(shown('original')).toBe(true);
    await click('personalize-regenerate');
    expect(inputsOf('personalizeChapter')).toEqual([{ jobId: lastJob(), bookId: 'book-1', chapterId: 'ch1', regenerate: true }]);
  });

  it('keeps the saved copy on screen when a regeneration fails before any text, and offers a retry', async () => {
    stored.set('ch1', savedCopy('ch1', '<p>Saved before</p>'));
    await renderChapter();
    await click('personalize-regenerate');
    await send({ jobId: lastJob(), type: 'error', error: { code: 'unavailable', message: 'Groq is down', details: { kind: 'server' } } });
    expect(byId('personalize-error').dataset.kind).toBe('unavailable');
    expect(byId('personalize-error').textContent).toContain('The service is not available right now (Groq is down).');
    expect(byId('personalized-body').innerHTML).toBe('<p>Saved before</p>');
    await click('personalize-retry');
    expect(inputsOf('personalizeChapter')).toHaveLength(2);
    expect(shown('personalize-error')).toBe(false);
  });

  it('shows a refused start by its code, keeps the original, and retries', async () => {
    fakeMethods({
      getPersonalized: async () => ({ personalized: null }),
      personalizeChapter: () => Promise.reject({ code: 'unauthorized', message: 'Sign in to personalize chapters.', details: {} }),
      cancelJob: async () => ({ ok: true }),
    });
    await renderChapter();
    await click('personalize-start');
    expect(byId('personalize-error').dataset.kind).toBe('unauthorized');
    expect(byId('personalize-error').textContent).toContain('Sign in to personalize chapters. Open Account to sign in again.');
    expect(shown('personalize-stop')).toBe(false);
    expect(shown('original')).toBe(true);
    await click('personalize-retry');
    expect(inputsOf('personalizeChapter')).toHaveLength(2);
  });

  it('shows what a failed regeneration got through rather than the older saved copy', async () => {
    stored.set('ch1', savedCopy('ch1', '<p>Saved before</p>'));
    await renderChapter();
    await click('personalize-regenerate');
    await send({ jobId: lastJob(), type: 'text', text: 'New start' }, { jobId: lastJob(), type: 'error', error: { code: 'unavailable', message: 'cut off', details: { kind: 'bad_gateway' } } });
    expect(byId('personalized-stream').textContent).toBe('New start');
    expect(shown('personalized-body')).toBe(false);
  });

  it('keeps the text that arrived when a run fails, and says an unfinished rewrite was not saved', async () => {
    await renderChapter();
    await click('personalize-start');
    await send({ jobId: lastJob(), type: 'text', text: 'Half of it' }, { jobId: lastJob(), type: 'error', error: { code: 'timeout', message: '', details: { kind: 'timeout' } } });
    expect(byId('personalized-stream').textContent).toBe('Half of it');
    expect(shown('personalize-retry')).toBe(true);
    await click('personalize-retry');
    await send({ jobId: lastJob(), type: 'text', text: 'Most of it' }, { jobId: lastJob(), type: 'done', complete: false, citations: [] });
    expect(byId('personalized-stream').textContent).toBe('Most of it');
    expect(shown('personalize-incomplete')).toBe(true);
    // Only the first load asked for a saved copy: an incomplete run saved nothing to show.
    expect(inputsOf('getPersonalized')).toHaveLength(1);
  });

  it('Stop cancels the run and keeps the view', async () => {
    await renderChapter();
    await click('personalize-start');
    const job = lastJob();
    await click('personalize-stop');
    expect(inputsOf('cancelJob')).toEqual([{ jobId: job }]);
    expect(shown('personalize-start')).toBe(true);
  });

  it('a new chapter starts from its original and its own saved copy, cancelling the run of the last one', async () => {
    stored.set('ch2', savedCopy('ch2', '<p>Chapter two, rewritten</p>'));
    const { rerender } = await renderChapter('ch1');
    await click('personalize-start');
    const job = lastJob();
    await send({ jobId: job, type: 'text', text: 'About chapter one' });
    rerender(view('ch2'));
    await act(async () => undefined);
    expect(inputsOf('cancelJob')).toEqual([{ jobId: job }]);
    expect(shown('original')).toBe(true);
    await send({ jobId: job, type: 'text', text: ' (late)' });
    await click('show-personalized');
    expect(byId('personalized-body').innerHTML).toBe('<p>Chapter two, rewritten</p>');
    expect(inputsOf('getPersonalized').map((i) => i.chapterId)).toEqual(['ch1', 'ch2']);
  });

  it('reports a failed load of the saved copy as a ReaderError with the code and message the host sent', async () => {
    const message = 'Something went wrong in the reader. Please try again.';
    fakeMethods({ getPersonalized: () => Promise.reject({ code: 'internal', message, details: {} }) });
    await renderChapter();
    expect(onError).toHaveBeenCalledWith(new ReaderError('internal', message));
    expect(onError.mock.calls[0]![0]).toBeInstanceOf(ReaderError);
  });

  it('a click the moment the account appears (sign-up just finished) starts the rewrite', async () => {
    setAccount({ ...ACCOUNT, signedIn: false, profile: null, verified: null });
    /** The account panel showing the new name in the same render, slow as a big page on a lab machine. */
    function AccountName() {
      const { account } = useAccount();
      if (account?.profile) busyFor(20);
      return <span>{account?.profile?.name}</span>;
    }
    const { container } = render(
      <>
        <AccountName />
        {view()}
      </>,
    );
    await act(async () => undefined);
    await asInTheBrowser(async () => {
      const clicked = clickWhenShown(container, '[data-testid="personalize-start"]');
      setAccount(ACCOUNT);
      await clicked;
      await settle();
    });
    expect(inputsOf('personalizeChapter')).toHaveLength(1);
    expect(inputsOf('cancelJob')).toEqual([]);
    expect(byId('personalized-chapter').dataset.state).toBe('streaming');
    await send({ jobId: lastJob(), type: 'text', text: 'Rewritten at once' });
    expect(byId('personalized-stream').textContent).toBe('Rewritten at once');
  });

  it('a click before the saved copy was looked up works, and that late answer does not hide the new rewrite', async () => {
    const firstLook = deferred<{ personalized: Saved | null }>();
    let looks = 0;
    fakeMethods({
      getPersonalized: async ({ chapterId }) => (++looks === 1 ? firstLook.promise : { personalized: stored.get(chapterId) ?? null }),
      personalizeChapter: async ({ jobId }) => ({ jobId }),
      cancelJob: async () => ({ ok: true }),
    });
    await renderChapter();
    await click('personalize-start');
    stored.set('ch1', savedCopy('ch1', '<p>Fresh rewrite</p>'));
    await send({ jobId: lastJob(), type: 'text', text: 'Fresh' }, { jobId: lastJob(), type: 'done', complete: true, citations: [] });
    expect(byId('personalized-body').innerHTML).toBe('<p>Fresh rewrite</p>');
    await act(async () => firstLook.resolve({ personalized: null }));
    expect(byId('personalized-body').innerHTML).toBe('<p>Fresh rewrite</p>');
    expect(shown('personalize-regenerate')).toBe(true);
  });
});

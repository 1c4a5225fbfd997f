// @vitest-environment happy-dom
import { deferred, emit, fakeMethods, inputsOf } from '../../test/fake-reader.js';
import { act, cleanup, fireEvent, render, screen, waitFor } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { AccountState, AskPassage, AskResult, AskThread, IndexStatus } from '../../../electron/core/contract.js';
import { ReaderError } from '../reader-error.js';
import { sendOpenThread, sendQuestion } from './ask-bus.js';
import type { BookContext } from '../panels/book-context.js';
import { AskPanel } from './AskPanel.js';

afterEach(cleanup);

const status = (state: IndexStatus['state']): IndexStatus => ({
  bookId: 'book-1', state, phase: null, done: state === 'ready' ? 10 : 3, total: 10, chunkCount: 10, builtAt: null, message: null,
});
const passage: AskPassage = {
  chapterId: 'ch1', chapterTitle: 'Sensors', file: 'ch1.md', heading: 'Gyroscopes', anchor: 'gyroscopes', text: 'A gyroscope measures turning.', score: 1,
};
const SIGNED_OUT: AccountState = {
  signedIn: false, profile: null, verified: null, tokenExpired: false, offlineReason: null, remoteUrl: 'https://reader.example', keychain: { persistent: true, notice: null },
};
const book: BookContext = {
  bookId: 'book-1', bookTitle: 'Robots', toc: [], chapter: null, bookmarks: [], canBookmark: false,
  goTo: vi.fn(), openPanel: vi.fn(), addBookmark: vi.fn(), removeBookmark: vi.fn(), announce: vi.fn(), onError: vi.fn(),
};

/** A book nobody asked anything yet. */
const NO_THREADS = {
  listAskThreads: async () => [],
  getAskThread: async () => Promise.reject(new ReaderError('not_found', 'That conversation no longer exists.')),
};

describe('AskPanel while the book is still being indexed', () => {
  it('a question asked at once is asked again when the index becomes ready during its search', async () => {
    const answers = [deferred<AskResult>(), deferred<AskResult>()];
    let indexState: IndexStatus['state'] = 'indexing';
    fakeMethods({
      indexStatus: async () => status(indexState),
      ask: () => answers[inputsOf('ask').length - 1]!.promise,
      getAccount: async () => SIGNED_OUT,
      ...NO_THREADS,
    });
    render(<AskPanel book={book} />);
    fireEvent.change(screen.getByTestId('ask-input'), { target: { value: 'What does a gyroscope measure?' } });
    await act(async () => fireEvent.click(screen.getByTestId('ask-submit')));
    // The index finishes while the question is out: its search ran on the part built so far.
    indexState = 'ready';
    await act(async () => emit('indexProgress', status('ready')));
    await act(async () => answers[0]!.resolve({ answer: null, passages: [], message: 'The book is still being prepared.' }));
    expect(inputsOf('ask')).toHaveLength(2);
    await act(async () => answers[1]!.resolve({ answer: null, passages: [passage] }));
    expect(screen.getAllByTestId('ask-passage')).toHaveLength(1);
    expect(screen.queryByTestId('ask-message')).toBeNull();
  });

  it('an empty answer from a ready index is final: nothing is asked again', async () => {
    fakeMethods({
      indexStatus: async () => status('ready'),
      ask: async () => ({ answer: null, passages: [], message: 'Nothing in the book matches.' }),
      getAccount: async () => SIGNED_OUT,
      ...NO_THREADS,
    });
    render(<AskPanel book={book} />);
    fireEvent.change(screen.getByTestId('ask-input'), { target: { value: 'Who won the 1930 World Cup?' } });
    await act(async () => fireEvent.click(screen.getByTestId('ask-submit')));
    await act(async () => emit('indexProgress', status('ready')));
    expect(inputsOf('ask')).toHaveLength(1);
    expect(screen.getByTestId('ask-message').textContent).toBe('Nothing in the book matches.');
  });
});

const THREAD: AskThread = {
  id: '11111111-1111-4111-8111-111111111111',
  bookId: 'book-1',
  title: 'What does a gyroscope measure?',
  annotationId: null,
  messageCount: 1,
  lastMode: 'offline',
  createdAt: '2026-11-20T10:00:00.000Z',
  updatedAt: '2026-11-20T10:00:00.000Z',
  messages: [
    {
      id: '22222222-2222-4222-8222-222222222222',
      question: 'What does a gyroscope measure?',
      answer: 'A gyroscope measures turning. [1]',
      citations: [
        {
          n: 1,
          chapterTitle: 'Sensors',
          heading: 'Gyroscopes',
          target: null,
          anchor: { status: 'anchored', chapterId: 'ch2', chapterTitle: 'Sensors', start: 10, end: 39, score: 0.9, exact: 'A gyroscope measures turning.', sectionAnchor: 'gyros' },
        },
      ],
      mode: 'offline',
      model: null,
      createdAt: '2026-11-20T10:00:00.000Z',
    },
  ],
};
const { messages: _messages, ...SUMMARY } = THREAD;

describe('AskPanel threads', () => {
  function withThreads(extra: Record<string, unknown> = {}) {
    fakeMethods({
      indexStatus: async () => status('ready'),
      ask: async () => ({ answer: null, passages: [passage], threadId: inputsOf('ask').at(-1)!.threadId! }),
      getAccount: async () => SIGNED_OUT,
      listAskThreads: async () => [SUMMARY],
      getAskThread: async ({ threadId }) => (threadId === THREAD.id ? THREAD : Promise.reject(new ReaderError('not_found', 'gone'))),
      renameAskThread: async ({ title }) => ({ ...SUMMARY, title }),
      deleteAskThread: async () => ({ ok: true }),
      ...extra,
    });
  }

  it('reopens the book\'s last thread, whose citations open the passage where it sits now; the next question goes into it', async () => {
    withThreads();
    render(<AskPanel book={book} />);
    const turn = await screen.findByTestId('ask-turn');
    expect(turn.textContent).toContain('What does a gyroscope measure?');
    expect(turn.textContent).toMatch(/From the book, offline/);
    expect(screen.getByTestId('ask-thread-title').textContent).toBe(THREAD.title);
    fireEvent.click(screen.getByTestId('ask-turn-citation'));
    expect(book.goTo).toHaveBeenCalledWith('ch2', { kind: 'passage', anchor: 'gyros', text: 'A gyroscope measures turning.' });

    fireEvent.change(screen.getByTestId('ask-input'), { target: { value: 'And an accelerometer?' } });
    await act(async () => fireEvent.click(screen.getByTestId('ask-submit')));
    expect(inputsOf('ask').at(-1)).toMatchObject({ bookId: 'book-1', question: 'And an accelerometer?', threadId: THREAD.id });
    // The earlier turn stays above the new answer.
    expect(screen.getAllByTestId('ask-turn')).toHaveLength(1);
    expect(screen.getAllByTestId('ask-passage')).toHaveLength(1);
  });

  it('"New conversation" asks into a new thread with no earlier turns', async () => {
    withThreads();
    render(<AskPanel book={book} />);
    await screen.findByTestId('ask-turn');
    fireEvent.click(screen.getByTestId('ask-new-thread'));
    expect(screen.queryByTestId('ask-turn')).toBeNull();
    expect(screen.getByTestId('ask-thread-title').textContent).toBe('New conversation');
    expect(document.activeElement).toBe(screen.getByTestId('ask-input'));
    fireEvent.change(screen.getByTestId('ask-input'), { target: { value: 'What is a servo?' } });
    await act(async () => fireEvent.click(screen.getByTestId('ask-submit')));
    const { threadId } = inputsOf('ask').at(-1)!;
    expect(threadId).toMatch(/^[0-9a-f-]{36}$/);
    expect(threadId).not.toBe(THREAD.id);
  });

  it('a question about a highlight starts a new thread tied to it', async () => {
    withThreads();
    sendQuestion('What does this mean?', { annotationId: '33333333-3333-4333-8333-333333333333' });
    render(<AskPanel book={book} />);
    await act(async () => {});
    const [input] = inputsOf('ask');
    expect(input).toMatchObject({ question: 'What does this mean?', annotationId: '33333333-3333-4333-8333-333333333333' });
    expect(input!.threadId).not.toBe(THREAD.id);
    // The book's last thread arriving afterwards does not take over.
    expect(screen.queryByTestId('ask-turn')).toBeNull();
  });

  it('a question about a highlight asked again once the index is ready keeps its thread and its highlight', async () => {
    let indexState: IndexStatus['state'] = 'indexing';
    withThreads({
      indexStatus: async () => status(indexState),
      ask: async () =>
        inputsOf('ask').length === 1 ? { answer: null, passages: [], message: 'The book is still being prepared.' } : { answer: null, passages: [passage] },
    });
    sendQuestion('What does this mean?', { annotationId: '33333333-3333-4333-8333-333333333333' });
    render(<AskPanel book={book} />);
    await act(async () => {});
    indexState = 'ready';
    await act(async () => emit('indexProgress', status('ready')));
    const [first, second] = inputsOf('ask');
    expect(second).toMatchObject({ question: 'What does this mean?', annotationId: '33333333-3333-4333-8333-333333333333', threadId: first!.threadId });
  });

  it('"Open thread" from a highlight opens that thread, not the book\'s last one', async () => {
    const other = { ...THREAD, id: '44444444-4444-4444-8444-444444444444', title: 'About a highlight', annotationId: '33333333-3333-4333-8333-333333333333' };
    withThreads({
      getAskThread: async ({ threadId }: { threadId: string }) => (threadId === other.id ? other : THREAD),
    });
    sendOpenThread(other.id);
    render(<AskPanel book={book} />);
    // The title is there from the first render ("New conversation"): wait for the thread's own, not for the element.
    await waitFor(() => expect(screen.getByTestId('ask-thread-title').textContent).toBe('About a highlight'));
    await act(async () => {}); // the book's last thread, listed too, arrives and must not take its place
    expect(screen.getByTestId('ask-thread-title').textContent).toBe('About a highlight');
  });

  it('lists earlier threads: search, rename in place, delete only after confirming', async () => {
    withThreads();
    render(<AskPanel book={book} />);
    await screen.findByTestId('ask-turn');
    expect(screen.getByTestId('ask-thread-item').textContent).toMatch(/What does a gyroscope measure\?.*1 answer/);

    fireEvent.change(screen.getByTestId('ask-threads-search'), { target: { value: 'gyro' } });
    await act(async () => {});
    expect(inputsOf('listAskThreads').at(-1)).toEqual({ bookId: 'book-1', query: 'gyro' });

    fireEvent.click(screen.getByTestId('ask-thread-rename'));
    const rename = screen.getByTestId('ask-thread-rename-input');
    expect(document.activeElement).toBe(rename);
    fireEvent.change(rename, { target: { value: 'Gyros' } });
    await act(async () => fireEvent.submit(rename));
    expect(inputsOf('renameAskThread')).toEqual([{ threadId: THREAD.id, title: 'Gyros' }]);
    expect(book.announce).toHaveBeenCalledWith('Renamed to Gyros');
    // Focus returns to the thread, not to the page.
    expect(document.activeElement).toBe(screen.getByTestId('ask-thread-open'));

    fireEvent.click(screen.getByTestId('ask-thread-delete'));
    expect(document.activeElement).toBe(screen.getByTestId('ask-thread-delete-confirm'));
    fireEvent.click(screen.getByText('Keep'));
    expect(document.activeElement).toBe(screen.getByTestId('ask-thread-open'));
    fireEvent.click(screen.getByTestId('ask-thread-delete'));
    expect(inputsOf('deleteAskThread')).toEqual([]);
    await act(async () => fireEvent.click(screen.getByTestId('ask-thread-delete-confirm')));
    expect(inputsOf('deleteAskThread')).toEqual([{ threadId: THREAD.id }]);
    // It was the open thread: the panel leaves it for a new conversation.
    expect(screen.queryByTestId('ask-turn')).toBeNull();
    expect(screen.getByTestId('ask-thread-title').textContent).toBe('New conversation');
  });
});

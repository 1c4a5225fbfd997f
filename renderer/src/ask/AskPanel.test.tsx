// @vitest-environment happy-dom
import { deferred, emit, fakeMethods, inputsOf } from '../../test/fake-reader.js';
import { act, cleanup, fireEvent, render, screen } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { AccountState, AskPassage, AskResult, IndexStatus } from '../../../electron/core/contract.js';
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

describe('AskPanel while the book is still being indexed', () => {
  it('a question asked at once is asked again when the index becomes ready during its search', async () => {
    const answers = [deferred<AskResult>(), deferred<AskResult>()];
    let indexState: IndexStatus['state'] = 'indexing';
    fakeMethods({
      indexStatus: async () => status(indexState),
      ask: () => answers[inputsOf('ask').length - 1]!.promise,
      getAccount: async () => SIGNED_OUT,
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
    });
    render(<AskPanel book={book} />);
    fireEvent.change(screen.getByTestId('ask-input'), { target: { value: 'Who won the 1930 World Cup?' } });
    await act(async () => fireEvent.click(screen.getByTestId('ask-submit')));
    await act(async () => emit('indexProgress', status('ready')));
    expect(inputsOf('ask')).toHaveLength(1);
    expect(screen.getByTestId('ask-message').textContent).toBe('Nothing in the book matches.');
  });
});

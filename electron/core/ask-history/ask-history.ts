/**
 * Ask history as reader-core mounts it: the four thread methods of the contract, and what `ask` and `askOnline`
 * call to keep each question with its answer and cited passages. Threads change -> `askThreadsChanged`; a thread
 * started from a highlight also changes that highlight (it now shows a thread) -> `annotationsChanged`.
 */
import type { ChatTurn } from '@physical-ai-reader/protocol';
import type { AskResult, ReaderCoreMethods, ReaderEvents } from '../contract.js';
import type { LibraryStore } from '../library/store/library-store.js';
import type { Placement } from '../annotations/placement.js';
import { AskThreadStore } from './ask-thread-store.js';
import { describeCitations, placeCitations, type CitedPassage } from './cited-passages.js';

/** How many earlier messages a follow-up looks back over (online and offline answers alike). */
export const FOLLOW_UP_MESSAGES = 12;

export type AskHistoryMethods = Pick<ReaderCoreMethods, 'listAskThreads' | 'getAskThread' | 'renameAskThread' | 'deleteAskThread'>;

export interface ThreadRef {
  bookId: string;
  threadId: string;
  annotationId?: string | undefined;
}

export interface AskTurn extends ThreadRef {
  question: string;
  answer: string;
  passages: CitedPassage[];
  mode: 'offline' | 'online';
  model: string | null;
}

export interface AskHistory {
  methods: AskHistoryMethods;
  /** Throws unless a question may go into this thread (a new id, or a live thread of this book). */
  check(thread: ThreadRef): void;
  /** Keeps one answered question. */
  record(turn: AskTurn): void;
  /** Offline `ask`: keeps a question that found passages (with '' as the answer when no sentence answered it). */
  recordOffline(input: ThreadRef & { question: string }, result: AskResult): void;
  /** The thread's last turns for a follow-up to `question`, oldest first. */
  followUps(threadId: string, question: string): ChatTurn[];
}

type Emit = <E extends 'askThreadsChanged' | 'annotationsChanged'>(event: E, payload: ReaderEvents[E]) => void;

/** [n] markers named the passages of that turn, not of the next question's: the history keeps the words only. */
const withoutMarkers = (answer: string) => answer.replace(/\s*\[\d{1,2}\]/g, '').trim();

export function createAskHistory(store: LibraryStore, placement: Placement, emit: Emit): AskHistory {
  const threads = new AskThreadStore(store.db);

  const history: AskHistory = {
    methods: {
      async listAskThreads({ bookId, query }) {
        return threads.list(bookId, query);
      },
      async getAskThread({ threadId }) {
        const thread = threads.get(threadId);
        return { ...thread, messages: thread.messages.map((m) => ({ ...m, citations: placeCitations(store, placement, thread.bookId, m.citations) })) };
      },
      async renameAskThread({ threadId, title }) {
        const summary = threads.rename(threadId, title);
        emit('askThreadsChanged', { bookId: summary.bookId });
        return summary;
      },
      async deleteAskThread({ threadId }) {
        const { bookId } = threads.delete(threadId);
        emit('askThreadsChanged', { bookId });
        return { ok: true };
      },
    },

    check({ threadId, bookId }) {
      threads.checkThread(threadId, bookId);
    },

    record(turn) {
      const citations = describeCitations(store, placement, turn.bookId, turn.passages);
      const { created } = threads.append({ ...turn, citations });
      emit('askThreadsChanged', { bookId: turn.bookId });
      if (created && turn.annotationId) emit('annotationsChanged', { bookId: turn.bookId });
    },

    recordOffline(input, result) {
      // Nothing searched (a blank or nonsense question, an index still building: the panel asks again when it is
      // ready) or nothing found: no turn to keep.
      if (result.passages.length === 0) return;
      history.record({
        ...input,
        answer: result.answer ? result.answer.sentences.map((s) => `${s.text} [${s.citation.passage + 1}]`).join(' ') : '',
        passages: result.passages.map((p) => ({
          chapterId: p.chapterId,
          anchor: p.anchor,
          text: p.text,
          label: p.heading && p.heading !== p.chapterTitle ? `${p.chapterTitle} › ${p.heading}` : p.chapterTitle,
        })),
        mode: 'offline',
        model: null,
      });
    },

    followUps(threadId, question) {
      let messages;
      try {
        messages = threads.get(threadId).messages.slice(-FOLLOW_UP_MESSAGES);
      } catch {
        return []; // a new thread: no history yet
      }
      // One turn per question: the later answer wins (the online answer follows the offline one to the same question).
      const turns: ChatTurn[] = [];
      for (const m of messages) {
        const answer = withoutMarkers(m.answer);
        if (!answer) continue;
        if (turns.at(-1)?.question === m.question) turns[turns.length - 1] = { question: m.question, answer };
        else turns.push({ question: m.question, answer });
      }
      // The offline answer to this very question was kept a moment ago: it is not an earlier turn.
      if (turns.at(-1)?.question === question.trim()) turns.pop();
      return turns;
    },
  };
  return history;
}

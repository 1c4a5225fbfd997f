/**
 * The Ask panel's current thread: the book's most recent one when the panel opens (unless a question or a choice
 * came first), a fresh id for a new conversation, and the kept turns, reloaded whenever the book's threads change.
 * The engine creates a thread on its first question, so a new id costs nothing until then.
 */
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import type { AskThread } from '../../../electron/core/contract.js';
import { reader } from '../reader.js';
import { toReaderError } from '../reader-error.js';

export function useAskThread(bookId: string, onError: (err: unknown) => void) {
  const [threadId, setThreadId] = useState<string>(() => crypto.randomUUID());
  const [thread, setThread] = useState<AskThread | null>(null);
  const current = useRef(threadId);
  // Set once the reader asked or picked a thread: the last thread arriving late must not replace theirs.
  const chosen = useRef(false);

  const load = useCallback(
    async (id: string) => {
      try {
        const t = await reader.getAskThread({ threadId: id });
        if (current.current === id) setThread(t);
      } catch (err) {
        // A thread with no question yet (or just deleted) has nothing to show.
        if (toReaderError(err).code === 'not_found') {
          if (current.current === id) setThread(null);
        } else onError(err);
      }
    },
    [onError],
  );

  const switchTo = useCallback(
    (id: string) => {
      chosen.current = true;
      current.current = id;
      setThreadId(id);
      setThread(null);
    },
    [],
  );

  const select = useCallback(
    (id: string) => {
      switchTo(id);
      void load(id);
    },
    [switchTo, load],
  );

  const startNew = useCallback(() => {
    const id = crypto.randomUUID();
    switchTo(id);
    return id;
  }, [switchTo]);

  useEffect(() => {
    let live = true;
    reader.listAskThreads({ bookId }).then((list) => {
      if (live && !chosen.current && list[0]) select(list[0].id);
    }, onError);
    const off = reader.on('askThreadsChanged', (e) => {
      if (e.bookId === bookId) void load(current.current);
    });
    return () => {
      live = false;
      off();
    };
  }, [bookId, load, select, onError]);

  return useMemo(
    () => ({
      threadId,
      thread,
      /** The id to ask into now (read at the moment of asking, not from a stale render). */
      currentId: () => current.current,
      /** The reader asked in the current thread: it stays the current one. */
      keep: () => void (chosen.current = true),
      select,
      startNew,
    }),
    [threadId, thread, select, startNew],
  );
}

import { useCallback, useEffect, useState } from 'react';
import type { Bookmark } from '../../../electron/core/contract.js';
import { reader } from '../reader.js';

export function useBookmarks(bookId: string, onError: (err: unknown) => void) {
  const [bookmarks, setBookmarks] = useState<Bookmark[]>([]);
  const reload = useCallback(() => {
    reader.listBookmarks({ bookId }).then(setBookmarks, onError);
  }, [bookId, onError]);
  useEffect(reload, [reload]);
  return { bookmarks, reload };
}

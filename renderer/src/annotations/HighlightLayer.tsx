/**
 * Everything about highlights that floats over the reading view: the selection toolbar, the open highlight's
 * popover, the undo after a delete and the "select the new text" bar while an orphan is re-attached.
 */
import { useCallback, useState } from 'react';
import type { Annotation } from '../../../electron/core/contract.js';
import type { BookContext } from '../panels/book-context.js';
import { HighlightPopover } from './HighlightPopover.js';
import { SelectionToolbar } from './SelectionToolbar.js';
import { UndoToast } from './UndoToast.js';
import { useAnnotations } from './useAnnotations.js';

export function HighlightLayer({ book }: { book: BookContext }) {
  const state = useAnnotations();
  const [deleted, setDeleted] = useState<Annotation | null>(null);
  const done = useCallback(() => setDeleted(null), []);
  const open = state.openId ? state.list?.find((a) => a.id === state.openId) : undefined;
  const reattaching = state.reattachingId ? state.list?.find((a) => a.id === state.reattachingId) : undefined;

  return (
    <>
      <SelectionToolbar book={book} />
      {open && <HighlightPopover key={open.id} annotation={open} book={book} onDeleted={setDeleted} />}
      {deleted && <UndoToast deleted={deleted} onDone={done} onError={book.onError} announce={book.announce} />}
      {reattaching && (
        <div className="reattach-bar" role="status" data-testid="reattach-bar">
          <span>
            Re-attaching “{reattaching.target.quote.exact.slice(0, 80)}”: select its new text in a chapter, then choose
            “Attach here”.
          </span>
          <button type="button" onClick={() => state.setReattachingId(null)} data-testid="reattach-cancel">
            Cancel
          </button>
        </div>
      )}
    </>
  );
}

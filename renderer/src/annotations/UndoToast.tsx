/** "Highlight deleted · Undo" for a few seconds after a delete; Undo restores it (the engine kept a tombstone). */
import { useEffect, useRef } from 'react';
import type { Annotation } from '../../../electron/core/contract.js';
import { reader } from '../reader.js';
import { focusHighlightSoon } from './highlight-actions.js';
import { useAnnotations } from './useAnnotations.js';

export const UNDO_MS = 6000;

interface Props {
  deleted: Annotation;
  onDone(): void;
  onError(err: unknown): void;
  announce(message: string): void;
}

export function UndoToast({ deleted, onDone, onError, announce }: Props) {
  const state = useAnnotations();
  const button = useRef<HTMLButtonElement>(null);
  // The deleted highlight held the focus; Undo takes it, so a keyboard reader can undo at once.
  useEffect(() => button.current?.focus(), [deleted]);
  useEffect(() => {
    const timer = setTimeout(onDone, UNDO_MS);
    return () => clearTimeout(timer);
  }, [deleted, onDone]);

  const undo = async () => {
    try {
      const restored = await reader.restoreAnnotation({ annotationId: deleted.id });
      state.upsert(restored);
      announce('Highlight restored');
      focusHighlightSoon(restored.id);
    } catch (err) {
      onError(err);
    } finally {
      onDone();
    }
  };

  return (
    <div className="undo-toast" role="status" data-testid="undo-toast">
      <span>Highlight deleted.</span>
      <button ref={button} type="button" onClick={() => void undo()} data-testid="undo-delete">
        Undo
      </button>
    </div>
  );
}

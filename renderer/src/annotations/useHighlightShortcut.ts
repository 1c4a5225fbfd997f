/** The `h` key: highlights the current selection in the colour used last and focuses it (Enter then opens it). */
import { useCallback } from 'react';
import { COLOR_NAMES } from './colors.js';
import { focusHighlightSoon, highlightSelection } from './highlight-actions.js';
import type { AnnotationsState } from './useAnnotations.js';

export function useHighlightShortcut(state: AnnotationsState, announce: (m: string) => void, onError: (err: unknown) => void) {
  return useCallback(() => {
    highlightSelection(state, state.lastColor).then((created) => {
      if (!created) return announce('Select some text in the chapter first, then press h to highlight it.');
      announce(`Highlighted in ${COLOR_NAMES[created.color].toLowerCase()}. Press Enter on it to add a note.`);
      focusHighlightSoon(created.id);
    }, onError);
  }, [announce, onError, state]);
}

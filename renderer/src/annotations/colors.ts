/** The highlight colours as the page names them; the record makes the compiler insist every contract colour is here. */
import type { HighlightColor } from '../../../electron/core/contract.js';

export const COLOR_NAMES: Record<HighlightColor, string> = {
  yellow: 'Yellow',
  green: 'Green',
  blue: 'Blue',
  pink: 'Pink',
  purple: 'Purple',
};

export const HIGHLIGHT_COLORS = Object.keys(COLOR_NAMES) as HighlightColor[];

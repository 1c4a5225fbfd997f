/** One button per highlight colour, as the selection toolbar, the highlight popover and the Notes filter show them. */
import type { HighlightColor } from '../../../electron/core/contract.js';
import { COLOR_NAMES, HIGHLIGHT_COLORS } from './colors.js';

interface Props {
  /** The accessible name of one swatch, given the colour's name. */
  label: (name: string, color: HighlightColor) => string;
  onPick: (color: HighlightColor) => void;
  testId: (color: HighlightColor) => string;
  /** Present for toggles (popover: the current colour; filter: the colours shown). */
  pressed?: (color: HighlightColor) => boolean;
  title?: (name: string, color: HighlightColor) => string;
  disabled?: boolean;
}

export function ColorSwatches({ label, onPick, testId, pressed, title, disabled }: Props) {
  return HIGHLIGHT_COLORS.map((color) => (
    <button
      key={color}
      type="button"
      className="swatch"
      data-color={color}
      aria-label={label(COLOR_NAMES[color], color)}
      aria-pressed={pressed?.(color)}
      title={title?.(COLOR_NAMES[color], color)}
      disabled={disabled}
      onClick={() => onPick(color)}
      data-testid={testId(color)}
    />
  ));
}

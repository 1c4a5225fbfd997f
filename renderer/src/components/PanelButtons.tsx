/** The toolbar buttons that open and close side panels, with each panel's one-key shortcut shown beside its name. */
import type { SidePanelState } from '../hooks/useSidePanel.js';

export interface PanelButton {
  id: string;
  label: string;
  /** A single key that opens the panel (the reading view binds these). */
  shortcut?: string;
}

export function PanelButtons({ panels, side }: { panels: PanelButton[]; side: SidePanelState }) {
  return panels.map((p) => (
    <button
      key={p.id}
      type="button"
      ref={side.buttonRef(p.id)}
      aria-expanded={side.panelId === p.id}
      aria-controls="side-panel"
      aria-keyshortcuts={p.shortcut}
      onClick={() => side.toggle(p.id)}
      data-testid={`toolbar-${p.id}`}
    >
      {p.label}
      {p.shortcut && (
        <kbd className="toolbar-key" aria-hidden="true">
          {p.shortcut}
        </kbd>
      )}
    </button>
  ));
}

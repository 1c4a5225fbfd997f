/** The open side panel: a labelled region with a close button; the view decides what goes in it. */
import type { ReactNode } from 'react';
import type { SidePanelState } from '../hooks/useSidePanel.js';

export function SidePanel({ label, side, children }: { label: string; side: SidePanelState; children: ReactNode }) {
  return (
    <aside id="side-panel" ref={side.panelRef} className="side-panel" aria-label={label} data-testid="side-panel">
      <button type="button" className="panel-close" onClick={side.close} aria-label={`Close ${label}`} data-testid="panel-close">
        ×
      </button>
      {children}
    </aside>
  );
}

/**
 * One side panel open at a time, opened from toolbar buttons: the opened panel takes focus (its marked field, else
 * its heading) and closing it gives focus back to the button that opened it. Used by the library and the reading view.
 */
import { useCallback, useEffect, useRef, useState, type RefObject } from 'react';

export interface SidePanelState {
  panelId: string | null;
  open(id: string): void;
  close(): void;
  toggle(id: string): void;
  /** Ref callback for the toolbar button of panel `id`, so focus can return to it. */
  buttonRef(id: string): (el: HTMLButtonElement | null) => void;
  panelRef: RefObject<HTMLElement | null>;
}

export function useSidePanel(): SidePanelState {
  const [panelId, setPanelId] = useState<string | null>(null);
  // Bumped on every request to open a panel, so asking again for the open one moves focus back into it.
  const [request, setRequest] = useState(0);
  const panelRef = useRef<HTMLElement>(null);
  const buttons = useRef(new Map<string, HTMLButtonElement>());

  const open = useCallback((id: string) => {
    setPanelId(id);
    setRequest((n) => n + 1);
  }, []);

  const close = useCallback(() => {
    if (!panelId) return;
    const button = buttons.current.get(panelId);
    setPanelId(null);
    button?.focus();
  }, [panelId]);

  const toggle = useCallback((id: string) => (panelId === id ? close() : open(id)), [close, open, panelId]);

  const buttonRef = useCallback(
    (id: string) => (el: HTMLButtonElement | null) => {
      if (el) buttons.current.set(id, el);
      else buttons.current.delete(id);
    },
    [],
  );

  useEffect(() => {
    const el = panelRef.current;
    if (!panelId || !el) return;
    const target = el.querySelector<HTMLElement>('[data-autofocus]') ?? el.querySelector<HTMLElement>('h2');
    if (target && !target.matches('input, button, select, textarea, a')) target.tabIndex = -1;
    target?.focus();
  }, [panelId, request]);

  return { panelId, open, close, toggle, buttonRef, panelRef };
}

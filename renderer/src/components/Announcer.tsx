/** One polite live region for status messages ("Bookmark added"), so screen readers hear what a click did. */
import { createContext, useCallback, useContext, useEffect, useRef, useState, type ReactNode } from 'react';

const TOAST_MS = 5000;

const AnnounceContext = createContext<(message: string) => void>(() => undefined);

export function useAnnounce(): (message: string) => void {
  return useContext(AnnounceContext);
}

export function AnnouncerProvider({ children }: { children: ReactNode }) {
  const [message, setMessage] = useState('');
  const hideTimer = useRef<ReturnType<typeof setTimeout> | null>(null);
  const announce = useCallback((text: string) => {
    // Clearing first makes a repeated message be read again; the toast then goes away on its own.
    setMessage('');
    requestAnimationFrame(() => setMessage(text));
    if (hideTimer.current) clearTimeout(hideTimer.current);
    hideTimer.current = setTimeout(() => setMessage(''), TOAST_MS);
  }, []);
  useEffect(() => () => {
    if (hideTimer.current) clearTimeout(hideTimer.current);
  }, []);
  return (
    <AnnounceContext.Provider value={announce}>
      {children}
      <div className="status-toast" role="status" aria-live="polite" data-testid="status">
        {message}
      </div>
    </AnnounceContext.Provider>
  );
}

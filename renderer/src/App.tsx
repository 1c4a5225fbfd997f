import { useCallback, useEffect, useState } from 'react';
import { AnnouncerProvider } from './components/Announcer';
import { ErrorBanner } from './components/ErrorBanner';
import { SkipLink } from './components/SkipLink';
import { useRoute } from './hooks/useRoute';
import { useSettings } from './hooks/useSettings';
import { errorMessage, reader } from './reader';
import { SettingsContext } from './settings-context';
import { BookView } from './views/BookView';
import { LibraryView } from './views/LibraryView';

export function App() {
  const route = useRoute();
  const [error, setError] = useState<string | null>(null);
  const onError = useCallback((err: unknown) => setError(errorMessage(err)), []);
  const settings = useSettings(onError);
  // The engine runs in its own process; when it dies and is restarted, the reader is told (the host says why).
  useEffect(() => reader.on('engineRestarted', ({ message }) => setError(message)), []);

  return (
    <SettingsContext.Provider value={settings}>
      <AnnouncerProvider>
        <SkipLink />
        <ErrorBanner message={error} onDismiss={() => setError(null)} />
        {route.view === 'library' ? (
          <LibraryView onError={onError} />
        ) : (
          <BookView key={route.bookId} bookId={route.bookId} chapterId={route.chapterId} onError={onError} />
        )}
      </AnnouncerProvider>
    </SettingsContext.Provider>
  );
}

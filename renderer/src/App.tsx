import { useCallback, useEffect, useState } from 'react';
import { AnnouncerProvider } from './components/Announcer.js';
import { ErrorBanner } from './components/ErrorBanner.js';
import { SkipLink } from './components/SkipLink.js';
import { useRoute } from './hooks/useRoute.js';
import { useSettings } from './hooks/useSettings.js';
import { errorMessage, reader } from './reader.js';
import { SettingsContext } from './settings-context.js';
import { BookView } from './views/BookView.js';
import { LibraryView } from './views/LibraryView.js';
import { OpenLink } from './annotations/OpenLink.js';
import { useInAppLinks } from './annotations/useInAppLinks.js';

export function App() {
  const route = useRoute();
  const [error, setError] = useState<string | null>(null);
  const onError = useCallback((err: unknown) => setError(errorMessage(err)), []);
  const settings = useSettings(onError);
  // The engine runs in its own process; when it dies and is restarted, the reader is told (the host says why).
  useEffect(() => reader.on('engineRestarted', ({ message }) => setError(message)), []);
  useInAppLinks();

  return (
    <SettingsContext.Provider value={settings}>
      <AnnouncerProvider>
        <SkipLink />
        <ErrorBanner message={error} onDismiss={() => setError(null)} />
        {route.view === 'library' ? (
          <LibraryView onError={onError} />
        ) : route.view === 'link' ? (
          <OpenLink link={route.link} onError={onError} />
        ) : (
          <BookView key={route.bookId} bookId={route.bookId} chapterId={route.chapterId} onError={onError} />
        )}
      </AnnouncerProvider>
    </SettingsContext.Provider>
  );
}

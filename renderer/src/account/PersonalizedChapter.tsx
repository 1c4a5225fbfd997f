/**
 * "Personalize this chapter" around the original chapter view: streams the rewrite for the reader's background
 * into view as it arrives (clearly marked as generated), switches back to the original, regenerates, and reads a
 * saved rewrite offline. Failures keep whatever was already shown and offer a retry.
 */
import { useCallback, useEffect, useRef, useState, type ReactNode } from 'react';
import type { ChapterView, PersonalizedChapter as Saved, Profile } from '../../../electron/core/contract.js';
import { reader } from '../reader.js';
import { hardwareLabel, softwareLabel } from './background-options.js';
import { useAccount } from './useAccount.js';
import { describeError, useJob } from './useJob.js';
import './account.css';

interface Props {
  bookId: string;
  chapter: ChapterView;
  onOpenAccount(): void;
  onError(err: unknown): void;
  /** The original chapter view. */
  children: ReactNode;
}

export function PersonalizedChapter({ bookId, chapter, onOpenAccount, onError, children }: Props) {
  const { account } = useAccount(onError);
  const profile = account?.profile ?? null;

  if (!profile) {
    return (
      <>
        <div className="personalize-bar" data-testid="personalize-bar">
          <button type="button" className="link-button" onClick={onOpenAccount} data-testid="personalize-signin">
            Sign in to personalize this chapter for your background
          </button>
        </div>
        {children}
      </>
    );
  }
  // A new chapter, reader or background is a new instance, so its state starts fresh when it first shows. Resetting
  // it in an effect instead undid a click made between that render and the effect: right after sign-up, a click on
  // "Personalize" started a run that the late reset then cancelled, before it reached the service.
  const backgroundKey = `${profile.softwareBackground}/${profile.hardwareBackground}`;
  return (
    <ForBackground key={`${bookId}\n${chapter.id}\n${profile.email}\n${backgroundKey}`} bookId={bookId} chapter={chapter} profile={profile} onError={onError}>
      {children}
    </ForBackground>
  );
}

function ForBackground({ bookId, chapter, profile, onError, children }: Omit<Props, 'onOpenAccount'> & { profile: Profile }) {
  const { state, start, reset } = useJob();
  const [saved, setSaved] = useState<Saved | null>(null);
  const [view, setView] = useState<'original' | 'personalized'>('original');
  // Only the latest look at the saved copy counts: the first one may answer after a finished run's.
  const loads = useRef(0);

  const loadSaved = useCallback(async () => {
    const seq = ++loads.current;
    const { personalized } = await reader.getPersonalized({ bookId, chapterId: chapter.id });
    if (seq === loads.current) setSaved(personalized);
  }, [bookId, chapter.id]);

  // The saved rewrite of this chapter for this background, if any.
  useEffect(() => {
    loadSaved().catch(onError);
  }, [loadSaved, onError]);

  // A finished rewrite has been saved by the engine: show the sanitized, rendered copy.
  useEffect(() => {
    if (state.status === 'done' && state.complete) loadSaved().catch(onError);
  }, [state, loadSaved, onError]);

  // With a saved copy on screen the button reads "Regenerate": ask the service for a fresh rewrite, not its cache.
  const personalize = () => {
    setView('personalized');
    const regenerate = saved !== null;
    void start((jobId) => reader.personalizeChapter({ jobId, bookId, chapterId: chapter.id, regenerate }));
  };

  const streaming = state.status === 'streaming';
  const showPersonalized = view === 'personalized' && (saved !== null || state.text !== '' || streaming);
  const unfinished = state.status === 'error' || (state.status === 'done' && !state.complete);
  const showStream = streaming || (unfinished && state.text !== '') || saved === null;
  const label = `${softwareLabel(profile.softwareBackground)} software, ${hardwareLabel(profile.hardwareBackground)} hardware`;

  return (
    <>
      <div className="personalize-bar" role="group" aria-label="Personalized version" data-testid="personalize-bar">
        {saved || state.text ? (
          <div className="account-tabs" role="group" aria-label="Show">
            <button type="button" aria-pressed={view === 'original'} onClick={() => setView('original')} data-testid="show-original">
              Original
            </button>
            <button type="button" aria-pressed={view === 'personalized'} onClick={() => setView('personalized')} data-testid="show-personalized">
              Personalized
            </button>
          </div>
        ) : null}
        {streaming ? (
          <button type="button" onClick={reset} data-testid="personalize-stop">
            Stop
          </button>
        ) : (
          <button type="button" onClick={personalize} data-testid={saved ? 'personalize-regenerate' : 'personalize-start'}>
            {saved ? 'Regenerate' : 'Personalize this chapter'}
          </button>
        )}
      </div>
      {state.status === 'error' && (
        <p className="form-error" role="alert" data-testid="personalize-error" data-kind={state.error.code}>
          {describeError(state.error)}{' '}
          <button type="button" className="link-button" onClick={personalize} data-testid="personalize-retry">
            Retry
          </button>
        </p>
      )}
      {state.status === 'done' && !state.complete && (
        <p className="form-error" role="alert" data-testid="personalize-incomplete">
          The rewrite stopped before the end, so it was not saved.{' '}
          <button type="button" className="link-button" onClick={personalize}>
            Retry
          </button>
        </p>
      )}
      {showPersonalized ? (
        <article className="chapter personalized" aria-busy={streaming} data-testid="personalized-chapter" data-state={streaming ? 'streaming' : 'ready'}>
          <p className="personalized-banner" data-testid="personalized-banner">
            Personalized for {label}. Generated text: check it against the original.
          </p>
          {/* While streaming (or after a failed run that got somewhere) the raw text as it arrived; otherwise the
              saved copy, which is the engine's sanitized rendering and stays on screen when a new run fails early. */}
          {showStream ? (
            <div className="chapter-body personalized-stream" data-testid="personalized-stream">
              {state.text}
            </div>
          ) : (
            <div className="chapter-body" data-testid="personalized-body" dangerouslySetInnerHTML={{ __html: saved!.html }} />
          )}
        </article>
      ) : (
        children
      )}
    </>
  );
}

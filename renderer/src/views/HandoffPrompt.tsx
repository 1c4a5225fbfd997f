/**
 * "Continue where you left off on LAB-PC-14, 10:42?" after a sync brought a newer position from another computer.
 * The reader never jumps by itself: Continue saves that position here and opens it; Not now stops offering it.
 */
import { useCallback, useEffect, useState } from 'react';
import type { Handoff } from '../../../electron/core/contract.js';
import { bookHref, navigate } from '../hooks/useRoute.js';
import { reader } from '../reader.js';

const when = (iso: string) => {
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return '';
  const sameDay = d.toDateString() === new Date().toDateString();
  return sameDay ? d.toLocaleTimeString([], { hour: '2-digit', minute: '2-digit' }) : d.toLocaleString([], { dateStyle: 'medium', timeStyle: 'short' });
};

export function HandoffPrompt({ onError, announce }: { onError: (err: unknown) => void; announce: (text: string) => void }) {
  const [offers, setOffers] = useState<Handoff[]>([]);
  const load = useCallback(() => {
    reader.getHandoff({}).then(setOffers, onError);
  }, [onError]);
  useEffect(() => {
    load();
    const offs = [reader.on('libraryChanged', load), reader.on('syncStatus', (s) => s.state === 'idle' && load())];
    return () => offs.forEach((off) => off());
  }, [load]);

  const offer = offers[0];
  if (!offer) return null;

  async function accept(h: Handoff) {
    try {
      await reader.saveProgress({ bookId: h.bookId, chapterId: h.chapterId, position: h.position });
      await reader.dismissHandoff({ handoffId: h.id });
      navigate(bookHref(h.bookId, h.chapterId));
    } catch (err) {
      onError(err);
    }
  }
  async function decline(h: Handoff) {
    try {
      await reader.dismissHandoff({ handoffId: h.id });
      setOffers((all) => all.filter((o) => o.id !== h.id));
      announce('Staying where you are on this computer');
    } catch (err) {
      onError(err);
    }
  }

  const time = when(offer.at);
  return (
    <section className="continue-card handoff-card" role="region" aria-labelledby="handoff-heading" data-testid="handoff-prompt">
      <h2 id="handoff-heading">
        Continue where you left off on {offer.deviceName}
        {time ? `, ${time}` : ''}?
      </h2>
      <p>
        <span className="continue-book">{offer.bookTitle}</span>
        <span className="continue-chapter" data-testid="handoff-chapter">
          {offer.chapterTitle}
        </span>
        <span className="continue-position">{Math.round(offer.position * 100)}% read there</span>
      </p>
      <div className="field-row">
        <button type="button" className="primary" onClick={() => void accept(offer)} data-testid="handoff-continue">
          Continue
        </button>
        <button type="button" onClick={() => void decline(offer)} data-testid="handoff-dismiss">
          Not now
        </button>
      </div>
    </section>
  );
}

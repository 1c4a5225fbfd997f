/**
 * A form that sends one account request (sign in, change background): busy while it runs, and the service's
 * refusal kept as one message, worded by its code for the form's alert.
 */
import { useState, type FormEvent } from 'react';
import { toReaderError, type ReaderError } from '../reader-error.js';
import { describeError } from './useJob.js';

interface Request<T> {
  send(): Promise<T>;
  onOk(value: T): void;
  /** Wording for a refusal; the general one by default. */
  describe?: (error: ReaderError) => string;
}

export function useAccountForm<T>({ send, onOk, describe = describeError }: Request<T>) {
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  async function submit(event: FormEvent) {
    event.preventDefault();
    setBusy(true);
    setError(null);
    try {
      onOk(await send());
    } catch (err) {
      setError(describe(toReaderError(err)));
    } finally {
      setBusy(false);
    }
  }

  return { error, busy, submit };
}

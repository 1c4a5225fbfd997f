/**
 * A form that sends one account request (sign in, change background): busy while it runs, and the service's
 * refusal or a thrown error kept as one message for the form's alert.
 */
import { useState, type FormEvent } from 'react';
import type { AccountError, AccountResult } from '../../../electron/core/contract';
import { errorMessage } from '../reader';
import { describeError } from './useJob';

interface Request<T> {
  send(): Promise<AccountResult<T>>;
  onOk(value: T): void;
  /** Wording for a refusal; the general one by default. */
  describe?: (error: AccountError) => string;
}

export function useAccountForm<T>({ send, onOk, describe = describeError }: Request<T>) {
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  async function submit(event: FormEvent) {
    event.preventDefault();
    setBusy(true);
    setError(null);
    try {
      const result = await send();
      if (result.ok) onOk(result.value);
      else setError(describe(result.error));
    } catch (err) {
      setError(errorMessage(err));
    } finally {
      setBusy(false);
    }
  }

  return { error, busy, submit };
}

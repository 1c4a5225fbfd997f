/**
 * Follows one streaming job (personalizeChapter, askOnline): the page picks the id, listens to `jobEvent`s for it
 * before starting, and collects the text as it arrives. Whatever arrived stays when the job fails.
 */
import { useCallback, useLayoutEffect, useRef, useState } from 'react';
import type { JobEvent, SerializedError } from '../../../electron/core/contract.js';
import { reader } from '../reader.js';
import { toReaderError } from '../reader-error.js';

export type JobState =
  | { status: 'idle'; text: '' }
  | { status: 'streaming'; text: string }
  | { status: 'done'; text: string; complete: boolean; citations: { n: number; id: string }[] }
  | { status: 'error'; text: string; error: SerializedError };

const IDLE: JobState = { status: 'idle', text: '' };

function newJobId(): string {
  return `job-${crypto.randomUUID()}`;
}

export function useJob() {
  const [state, setState] = useState<JobState>(IDLE);
  const jobId = useRef<string | null>(null);

  // Subscribed as the component commits, not in a later effect: a run started by a click at once has its listener.
  useLayoutEffect(() => {
    const off = reader.on('jobEvent', (event: JobEvent) => {
      if (event.jobId !== jobId.current) return;
      setState((prev) => {
        if (event.type === 'text') return { status: 'streaming', text: prev.text + event.text };
        jobId.current = null;
        if (event.type === 'done') return { status: 'done', text: prev.text, complete: event.complete, citations: event.citations };
        return { status: 'error', text: prev.text, error: event.error };
      });
    });
    // Leaving the view stops the work: nothing would show it.
    return () => {
      off();
      if (jobId.current) void reader.cancelJob({ jobId: jobId.current }).catch(() => undefined);
    };
  }, []);

  const start = useCallback(async (begin: (jobId: string) => Promise<{ jobId: string }>) => {
    if (jobId.current) void reader.cancelJob({ jobId: jobId.current }).catch(() => undefined);
    const id = newJobId();
    jobId.current = id;
    setState({ status: 'streaming', text: '' });
    try {
      await begin(id);
    } catch (err) {
      if (jobId.current === id) {
        jobId.current = null;
        setState({ status: 'error', text: '', error: toReaderError(err) });
      }
    }
  }, []);

  const reset = useCallback(() => {
    if (jobId.current) void reader.cancelJob({ jobId: jobId.current }).catch(() => undefined);
    jobId.current = null;
    setState(IDLE);
  }, []);

  return { state, start, reset };
}

/** One sentence per failure code, with what the reader can do about it. */
export function describeError(error: SerializedError): string {
  switch (error.code) {
    case 'offline':
      return `You appear to be offline: ${error.message} Try again when connected.`;
    case 'timeout':
      return `The service took too long to answer. Try again.`;
    case 'unauthorized':
      return `${error.message} Open Account to sign in again.`;
    case 'rate_limited':
      return error.details.retryAfterSeconds !== undefined
        ? `Too many requests: try again in ${error.details.retryAfterSeconds} seconds.`
        : 'Too many requests: try again in a little while.';
    case 'unavailable':
      return `The service is not available right now (${error.message}). Try again later.`;
    default:
      return error.message;
  }
}

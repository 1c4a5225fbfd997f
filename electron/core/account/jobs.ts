/**
 * Streaming work that outlives the method call that started it: the method returns at once and the work reports
 * through `jobEvent`s keyed by the id the page chose. Any streaming method uses this, so neither host needs
 * stream-specific code. Each job can be cancelled; ids in use cannot be reused until the job ends.
 */
import { ReaderError, type JobEvent, type SerializedError } from '../contract.js';

export type EmitJobEvent = (event: JobEvent) => void;

export interface JobRunner {
  /** False when a job with this id is still running. */
  start(jobId: string, work: (signal: AbortSignal, emitText: (text: string) => void) => Promise<JobOutcome>): boolean;
  cancel(jobId: string): void;
  cancelAll(): void;
  /** Resolves when every running job has ended (tests, shutdown). */
  idle(): Promise<void>;
}

export type JobOutcome =
  | { type: 'done'; complete: boolean; citations: { n: number; id: string }[] }
  | { type: 'error'; error: SerializedError };

// The abort reason, so a cancelled job ends with the code that says so.
const cancelled = () => new ReaderError('cancelled', 'Cancelled.');

export function createJobRunner(emit: EmitJobEvent, toError: (err: unknown) => SerializedError): JobRunner {
  const running = new Map<string, { controller: AbortController; finished: Promise<void> }>();
  return {
    start(jobId, work) {
      if (running.has(jobId)) return false;
      const controller = new AbortController();
      const finished = (async () => {
        let outcome: JobOutcome;
        try {
          outcome = await work(controller.signal, (text) => emit({ jobId, type: 'text', text }));
        } catch (err) {
          outcome = { type: 'error', error: toError(err) };
        }
        running.delete(jobId);
        emit({ jobId, ...outcome });
      })();
      running.set(jobId, { controller, finished });
      return true;
    },
    cancel(jobId) {
      running.get(jobId)?.controller.abort(cancelled());
    },
    cancelAll() {
      for (const job of running.values()) job.controller.abort(cancelled());
    },
    async idle() {
      await Promise.all([...running.values()].map((j) => j.finished));
    },
  };
}

/**
 * The messages between a host and the engine process (a Node child process for the web host, an Electron
 * utilityProcess for the desktop app). Both directions are zod-checked on receipt. Calls name a contract method and
 * carry its raw input, so the relay has no per-method code: a new contract method needs nothing here.
 */
import { z } from 'zod';
import { eventNames, methodNames, SerializedErrorSchema } from '../contract.js';

/** What the engine process is started with (sent as the first message, so no paths travel on a command line). */
export const EngineOptionsSchema = z
  .object({
    dataDir: z.string().min(1),
    bundledBookDir: z.string().min(1).optional(),
    bundledIndexDir: z.string().min(1).optional(),
    wordVectorsDir: z.string().min(1).optional(),
    indexOnImport: z.boolean().optional(),
    /** Log to stderr as well as to the engine's log file (development), unless READER_LOG_STDERR says. */
    logToStderr: z.boolean().optional(),
  })
  .strict();
export type EngineOptions = z.infer<typeof EngineOptionsSchema>;

const callId = z.number().int().nonnegative();

export const ToEngineSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('start'), options: EngineOptionsSchema }),
  z.object({ kind: z.literal('call'), id: callId, method: z.enum(methodNames), input: z.unknown() }),
  // Not a contract method: the host serves book images from the folder a book was imported from.
  z.object({ kind: z.literal('bookDir'), id: callId, bookId: z.string().min(1).max(200) }),
  z.object({ kind: z.literal('close') }),
]);
export type ToEngine = z.infer<typeof ToEngineSchema>;

export const FromEngineSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('ready') }),
  z.object({ kind: z.literal('startFailed'), message: z.string() }),
  z.object({ kind: z.literal('result'), id: callId, result: z.unknown() }),
  // The one error model (contract.ts), carried whole like both hosts carry it to the page.
  z.object({ kind: z.literal('error'), id: callId, error: SerializedErrorSchema }),
  z.object({ kind: z.literal('event'), event: z.enum(eventNames), payload: z.unknown() }),
]);
export type FromEngine = z.infer<typeof FromEngineSchema>;

/** The parent's end of one engine process, whatever started it. */
export interface EngineChannel {
  send(message: ToEngine): void;
  onMessage(listener: (raw: unknown) => void): void;
  /** Called once when the process is gone, for whatever reason. */
  onExit(listener: (reason: string) => void): void;
  /** Ends the process at once (after a clean close timed out). */
  kill(): void;
}

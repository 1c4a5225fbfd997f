/**
 * The one error class, from the core to the page: a failure with a code the caller decides by, details saying where
 * (the field at fault, the chapter) and when to retry, and a message for people. The core throws it; both hosts
 * carry it whole (hosting/envelope.ts) and the page rebuilds it (renderer/src/reader-error.ts). Dependency-free, so
 * the page can load it as it is: the layer rules allow the renderer this one runtime import from the core.
 */
import type { ErrorCode, ErrorDetails } from './contract.js';

export class ReaderError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly details: ErrorDetails = {},
  ) {
    super(message);
    this.name = 'ReaderError';
  }
}

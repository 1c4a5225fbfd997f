/** IPC channel names shared by main and preload (type-only imports elsewhere keep the preload free of runtime deps). */
import type { EventName } from '../core/contract.js';

export const METHOD_CHANNEL_PREFIX = 'reader:call:';
export const EVENT_CHANNEL = 'reader:event';

export function methodChannel(name: string): string {
  return METHOD_CHANNEL_PREFIX + name;
}

export interface EventMessage {
  event: EventName;
  payload: unknown;
}

/**
 * Puts the app's updater in front of an engine: the update methods and the `updateState` event come from the
 * controller (the updater lives in Electron's main process), everything else still goes to the engine, whose own
 * update methods answer `unsupported` for the hosts that have no updater.
 */
import type { EventName, ReaderCoreMethods, ReaderEvents } from '../contract.js';
import type { UpdateController } from './update-controller.js';

interface Events {
  on<E extends EventName>(event: E, listener: (payload: ReaderEvents[E]) => void): () => void;
}

export function withUpdater<T extends ReaderCoreMethods & Events>(core: T, updater: UpdateController): T {
  return {
    ...core,
    getUpdateState: async () => updater.getState(),
    downloadUpdate: async () => {
      await updater.download();
      return { ok: true } as const;
    },
    installUpdate: async () => {
      updater.install();
      return { ok: true } as const;
    },
    on<E extends EventName>(event: E, listener: (payload: ReaderEvents[E]) => void): () => void {
      if (event !== 'updateState') return core.on(event, listener);
      return updater.on(listener as (payload: ReaderEvents['updateState']) => void);
    },
  };
}

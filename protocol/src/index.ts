/**
 * What the desktop reader and the remote service say to each other, written once: both import these schemas
 * (the service to check what it receives, the desktop to check what it is sent) and their inferred types.
 */
export * from './background.js';
export * from './account.js';
export * from './claims.js';
export * from './stream-events.js';
export * from './personalize.js';
export * from './chat.js';
export * from './errors.js';
export * from './sync.js';

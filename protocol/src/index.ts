/**
 * What the desktop reader and the remote service say to each other, written once: both import these schemas
 * (the service to check what it receives, the desktop to check what it is sent) and their inferred types.
 */
export * from './background';
export * from './account';
export * from './claims';
export * from './stream-events';
export * from './personalize';
export * from './chat';
export * from './errors';

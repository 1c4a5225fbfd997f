/**
 * Which ReaderApi methods the account implements, by name, apart from the implementation: the reader core forwards
 * them without loading the account (keychain, jose, the remote client) until one is called.
 */
import type { ReaderCoreMethods } from '../contract.js';

export type AccountMethodName =
  | 'getAccount'
  | 'signUp'
  | 'signIn'
  | 'signOut'
  | 'updateBackground'
  | 'personalizeChapter'
  | 'getPersonalized'
  | 'askOnline'
  | 'cancelJob'
  | 'syncNow'
  | 'syncStatus';
export type AccountMethods = Pick<ReaderCoreMethods, AccountMethodName>;
/** The names at run time (the record makes the compiler keep it complete). */
const accountMethodKeys: { [K in AccountMethodName]: true } = {
  getAccount: true,
  signUp: true,
  signIn: true,
  signOut: true,
  updateBackground: true,
  personalizeChapter: true,
  getPersonalized: true,
  askOnline: true,
  cancelJob: true,
  syncNow: true,
  syncStatus: true,
};
export const accountMethodNames = Object.keys(accountMethodKeys) as AccountMethodName[];

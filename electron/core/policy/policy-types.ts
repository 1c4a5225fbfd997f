/**
 * The effective policy's shape, types only (no imports), so the page's contract can name it without loading Node code.
 */
export type UpdateMode = 'auto' | 'notify' | 'off';
export type PolicyLevel = 'machine' | 'user';

export interface EffectiveValues {
  /** null: the reader chooses the service (the account's own setting). */
  serviceUrl: string | null;
  /** null: decided by how the app was installed (see updates/). */
  updateMode: UpdateMode | null;
  requireKeychain: boolean;
  rememberSession: boolean;
  contentDir: string;
  allowImport: boolean;
  anonymousAsk: boolean;
  telemetry: false;
}

export interface PolicySetting<T> {
  value: T;
  source: PolicyLevel | 'default';
  /** Where a machine or user value was read; null for a default. */
  location: string | null;
}
export type PolicySettings = { [K in keyof EffectiveValues]: PolicySetting<EffectiveValues[K]> };

export interface PolicyNotice {
  location: string;
  message: string;
}

export interface EffectivePolicy {
  settings: PolicySettings;
  /** Invalid sources that were ignored, for the UI and the CLI to show. */
  notices: PolicyNotice[];
}

/** What the account needs from the policy. */
export type AccountPolicy = Pick<EffectiveValues, 'serviceUrl' | 'requireKeychain' | 'rememberSession' | 'anonymousAsk'>;

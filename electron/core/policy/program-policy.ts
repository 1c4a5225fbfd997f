/** This program's policy, read once at start (the first call) like its configuration. */
import { desktopConfig, type DesktopConfig } from '../config/desktop-config.js';
import { loadPolicy } from './load-policy.js';
import type { EffectivePolicy } from './policy-types.js';

export function policyFor(config: DesktopConfig, platform: NodeJS.Platform = process.platform): EffectivePolicy {
  return loadPolicy({ platform, policyPath: config.policyPath, env: { ProgramData: config.programData } });
}

let loaded: EffectivePolicy | null = null;
export function programPolicy(): EffectivePolicy {
  return (loaded ??= policyFor(desktopConfig()));
}

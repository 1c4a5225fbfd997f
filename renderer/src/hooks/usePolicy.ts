/** The lab policy in force: read once per page (the engine reads it once at start), shared by every component. */
import { useEffect, useState } from 'react';
import type { EffectivePolicy, PolicySetting } from '../../../electron/core/contract.js';
import { reader } from '../reader.js';

let loading: Promise<EffectivePolicy> | null = null;

/** null until loaded (and when it cannot be read: nothing is shown as locked then). */
export function usePolicy(): EffectivePolicy | null {
  const [policy, setPolicy] = useState<EffectivePolicy | null>(null);
  useEffect(() => {
    let live = true;
    (loading ??= reader.getPolicy({})).then(
      (p) => live && setPolicy(p),
      () => undefined,
    );
    return () => {
      live = false;
    };
  }, []);
  return policy;
}

export const isManaged = (setting: PolicySetting<unknown> | undefined): boolean => setting !== undefined && setting.source !== 'default';
export const MANAGED_TEXT = 'Managed by your administrator';

import { z } from 'zod';
import { defineCommand } from './command.js';
import { commandArgs, jsonOption } from './options.js';
import { programPolicy } from '../policy/program-policy.js';
import type { PolicySetting } from '../policy/policy-types.js';

const describeSetting = (s: PolicySetting<unknown>) =>
  s.source === 'default' ? 'default' : `${s.source} policy, ${s.location ?? 'unknown location'}`;

export const policyCommand = defineCommand({
  name: 'policy',
  summary: 'Show the lab policy in force and where each value came from; exit 1 when a policy source was ignored as invalid',
  usage: 'policy [--json]',
  ...commandArgs(z.tuple([], { error: 'policy takes no arguments' }), { json: jsonOption }),
  async run({ values }, ctx) {
    const policy = programPolicy();
    if (values.json) ctx.out(JSON.stringify(policy));
    else {
      for (const [key, setting] of Object.entries(policy.settings)) {
        // null: nothing set, the reader's own choice applies.
        const shown = setting.value === null ? '(not set)' : JSON.stringify(setting.value);
        ctx.out(`${key}\t${shown}\t(${describeSetting(setting)})`);
      }
      for (const notice of policy.notices) ctx.err(notice.message);
    }
    return policy.notices.length > 0 ? 1 : 0;
  },
});

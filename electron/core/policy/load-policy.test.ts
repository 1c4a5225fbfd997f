/** Precedence (machine > user > default, each value with its source), notices for ignored sources, per-OS sources. */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { defaultContentDir, isLocked, loadPolicy, policySources, resolvePolicy, type PolicySource } from './load-policy.js';
import type { EffectiveValues } from './policy-types.js';
import { parseRegQuery } from './windows-registry.js';

const defaults: EffectiveValues = {
  serviceUrl: null,
  updateMode: null,
  requireKeychain: false,
  rememberSession: true,
  contentDir: '/usr/share/physical-ai-reader/books',
  allowImport: true,
  anonymousAsk: true,
  telemetry: false,
};
const hklm = (lines: string[]): PolicySource => ({ level: 'machine', location: 'HKLM\\SOFTWARE\\Policies\\PhysicalAIReader', read: () => parseRegQuery(lines.join('\r\n')) });
const hkcu = (lines: string[]): PolicySource => ({ level: 'user', location: 'HKCU\\SOFTWARE\\Policies\\PhysicalAIReader', read: () => parseRegQuery(lines.join('\r\n')) });

describe('effective policy', () => {
  it('takes each key from the machine, else the user, else the default', () => {
    const policy = resolvePolicy(
      // The user level comes first here on purpose: the level decides, not the order.
      [hkcu(['    updateMode    REG_SZ    auto', '    allowImport    REG_DWORD    0x0']), hklm(['    updateMode    REG_SZ    off'])],
      defaults,
    );
    expect(policy.notices).toEqual([]);
    expect(policy.settings.updateMode).toEqual({ value: 'off', source: 'machine', location: 'HKLM\\SOFTWARE\\Policies\\PhysicalAIReader' });
    expect(policy.settings.allowImport).toEqual({ value: false, source: 'user', location: 'HKCU\\SOFTWARE\\Policies\\PhysicalAIReader' });
    expect(policy.settings.anonymousAsk).toEqual({ value: true, source: 'default', location: null });
    expect(isLocked(policy.settings.updateMode)).toBe(true);
    expect(isLocked(policy.settings.anonymousAsk)).toBe(false);
  });

  it('ignores an invalid machine policy whole, keeps the user one, and says so', () => {
    const policy = resolvePolicy(
      [hklm(['    updateMode    REG_SZ    off', '    allowImport    REG_SZ    nope']), hkcu(['    updateMode    REG_SZ    notify'])],
      defaults,
    );
    expect(policy.settings.updateMode).toMatchObject({ value: 'notify', source: 'user' });
    expect(policy.settings.allowImport).toMatchObject({ value: true, source: 'default' });
    expect(policy.notices).toEqual([
      { location: 'HKLM\\SOFTWARE\\Policies\\PhysicalAIReader', message: expect.stringMatching(/was ignored: allowImport: must be true or false/) as string },
    ]);
  });

  it('survives a source that throws', () => {
    const broken: PolicySource = {
      level: 'machine',
      location: 'broken',
      read: () => {
        throw new Error('reg.exe is missing');
      },
    };
    const policy = resolvePolicy([broken], defaults);
    expect(policy.settings.allowImport.value).toBe(true);
    expect(policy.notices[0]?.message).toMatch(/reg\.exe is missing/);
  });

  it('reads READER_POLICY_PATH instead of the machine policy, on every OS', () => {
    const path = join(mkdtempSync(join(tmpdir(), 'reader-policy-')), 'trial.json');
    writeFileSync(path, JSON.stringify({ allowImport: false, serviceUrl: 'https://reader.lab.example.edu' }));
    for (const platform of ['linux', 'win32', 'darwin'] as const) {
      expect(policySources(platform, path).map((s) => s.location)).toEqual([path]);
      const policy = loadPolicy({ platform, policyPath: path });
      expect(policy.settings.allowImport).toEqual({ value: false, source: 'machine', location: path });
      expect(policy.settings.serviceUrl.value).toBe('https://reader.lab.example.edu');
    }
  });

  it('knows each platform’s sources and default content folder', () => {
    expect(policySources('linux', undefined).map((s) => [s.level, s.location])).toEqual([['machine', '/etc/physical-ai-reader/policy.json']]);
    expect(policySources('win32', undefined).map((s) => [s.level, s.location])).toEqual([
      ['machine', 'HKLM\\SOFTWARE\\Policies\\PhysicalAIReader'],
      ['user', 'HKCU\\SOFTWARE\\Policies\\PhysicalAIReader'],
    ]);
    expect(policySources('darwin', undefined).map((s) => s.location)).toEqual(['/Library/Managed Preferences/org.physicalai.reader.plist']);
    expect(defaultContentDir('linux')).toBe('/usr/share/physical-ai-reader/books');
    expect(defaultContentDir('darwin')).toBe('/Library/Application Support/PhysicalAIReader/books');
    expect(defaultContentDir('win32', { ProgramData: 'C:\\ProgramData' })).toBe(join('C:\\ProgramData', 'PhysicalAIReader', 'books'));
  });
});

/** Each policy source's parsing: the JSON file, `reg query` output, macOS managed preferences through plutil's JSON. */
import { mkdtempSync, symlinkSync, writeFileSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { MAX_POLICY_BYTES, readPolicyFile } from './policy-file.js';
import { parseRegQuery } from './windows-registry.js';
import { parseManagedPreferencesJson } from './macos-managed-preferences.js';

const dir = mkdtempSync(join(tmpdir(), 'reader-policy-'));
const file = (name: string, text: string) => {
  const path = join(dir, name);
  writeFileSync(path, text);
  return path;
};

describe('policy.json', () => {
  it('reads every key', () => {
    const every = {
      serviceUrl: 'https://reader.lab.example.edu',
      updateMode: 'off',
      requireKeychain: true,
      rememberSession: false,
      contentDir: '/srv/reader-books',
      allowImport: false,
      anonymousAsk: false,
      telemetry: false,
    };
    expect(readPolicyFile(file('full.json', JSON.stringify(every)))).toEqual({ kind: 'valid', values: every });
  });

  it('is absent when the file does not exist', () => {
    expect(readPolicyFile(join(dir, 'missing.json'))).toEqual({ kind: 'absent' });
  });

  it.each([
    ['bad JSON', '{"updateMode": "off",}', /not valid JSON/],
    ['not an object', '["off"]', /must be a JSON object/],
    ['a wrong type', '{"allowImport": "no"}', /allowImport: must be true or false/],
    ['an unknown mode', '{"updateMode": "sometimes"}', /updateMode: must be one of auto, notify, off/],
    ['a misspelt key beside valid ones', '{"updateMode": "off", "alowImport": false}', /unknown key alowImport/],
    ['telemetry on', '{"telemetry": true}', /telemetry: must be false/],
    ['plain http to another host', '{"serviceUrl": "http://reader.example.edu"}', /serviceUrl: .*https/],
    ['a relative content folder', '{"contentDir": "books"}', /contentDir: must be an absolute path/],
  ])('ignores the whole file with %s, saying why', (_, text, problem) => {
    const result = readPolicyFile(file('bad.json', text));
    expect(result.kind).toBe('invalid');
    expect(result.kind === 'invalid' && result.problem).toMatch(problem);
  });

  it('refuses a huge file without reading it all', () => {
    const result = readPolicyFile(file('huge.json', `{"updateMode": "off"${' '.repeat(MAX_POLICY_BYTES)}}`));
    expect(result).toEqual({ kind: 'invalid', problem: `is larger than ${MAX_POLICY_BYTES} bytes` });
  });

  it('refuses a symlink to /dev/zero and a folder', () => {
    const link = join(dir, 'zero.json');
    symlinkSync('/dev/zero', link);
    expect(readPolicyFile(link)).toEqual({ kind: 'invalid', problem: 'is not a regular file' });
    const folder = join(dir, 'folder.json');
    mkdirSync(folder);
    expect(readPolicyFile(folder)).toEqual({ kind: 'invalid', problem: 'is not a regular file' });
  });
});

describe('reg query output', () => {
  // As `reg query HKLM\SOFTWARE\Policies\PhysicalAIReader` prints it (CRLF line ends, four-space separators).
  const output = [
    '',
    'HKEY_LOCAL_MACHINE\\SOFTWARE\\Policies\\PhysicalAIReader',
    '    serviceUrl    REG_SZ    https://reader.lab.example.edu',
    '    updateMode    REG_SZ    notify',
    '    allowImport    REG_DWORD    0x0',
    '    requireKeychain    REG_DWORD    0x1',
    '    contentDir    REG_SZ    /srv/lab books',
    '',
  ].join('\r\n');

  it('reads text and DWORD values, DWORD 0/1 as booleans', () => {
    const result = parseRegQuery(output);
    expect(result).toEqual({
      kind: 'valid',
      values: { serviceUrl: 'https://reader.lab.example.edu', updateMode: 'notify', allowImport: false, requireKeychain: true, contentDir: '/srv/lab books' },
    });
  });

  it('is absent when the key has no values', () => {
    expect(parseRegQuery('\r\nHKEY_CURRENT_USER\\SOFTWARE\\Policies\\PhysicalAIReader\r\n\r\n')).toEqual({ kind: 'absent' });
  });

  it('ignores the key when a value has the wrong type or an unsupported kind', () => {
    const wrong = parseRegQuery('    allowImport    REG_DWORD    0x2\r\n');
    expect(wrong.kind === 'invalid' && wrong.problem).toMatch(/allowImport: must be true or false/);
    const binary = parseRegQuery('    updateMode    REG_BINARY    6F6666\r\n');
    expect(binary.kind === 'invalid' && binary.problem).toMatch(/REG_BINARY values are not supported/);
  });
});

describe('macOS managed preferences (plutil JSON)', () => {
  it('reads the policy keys and skips the profile payload keys', () => {
    const json = JSON.stringify({ PayloadUUID: '5C1E0A2B-0000-4000-8000-000000000001', updateMode: 'off', allowImport: false });
    expect(parseManagedPreferencesJson(json)).toEqual({ kind: 'valid', values: { updateMode: 'off', allowImport: false } });
  });

  it('reports an unknown key', () => {
    const result = parseManagedPreferencesJson(JSON.stringify({ updateMod: 'off' }));
    expect(result.kind === 'invalid' && result.problem).toMatch(/unknown key updateMod/);
  });
});

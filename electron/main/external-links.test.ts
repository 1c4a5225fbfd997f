import { describe, expect, it } from 'vitest';
import { isSafeExternalUrl } from './external-links.js';

describe('isSafeExternalUrl', () => {
  it('allows web pages only', () => {
    expect(isSafeExternalUrl('https://docs.ros.org/en/jazzy/')).toBe(true);
    expect(isSafeExternalUrl('http://example.com')).toBe(true);
    for (const bad of ['file:///etc/passwd', 'javascript:alert(1)', 'app://reader/', 'smb://host/share', 'https://u:p@example.com', 'nope']) {
      expect(isSafeExternalUrl(bad), bad).toBe(false);
    }
  });
});

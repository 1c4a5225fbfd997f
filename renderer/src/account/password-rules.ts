/** The service's password rules (8 to 128 characters), checked live as the reader types. */
export const PASSWORD_RULES: { id: string; text: string; test: (p: string) => boolean }[] = [
  { id: 'min', text: 'At least 8 characters', test: (p) => p.length >= 8 },
  { id: 'max', text: 'At most 128 characters', test: (p) => p.length <= 128 },
];

export const passwordOk = (p: string) => PASSWORD_RULES.every((r) => r.test(p));
export const emailLooksOk = (e: string) => /^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(e.trim());

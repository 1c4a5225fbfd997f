/** Which links the reader may hand to the OS browser: plain web pages, nothing else (no file:, javascript:, custom). */
export function isSafeExternalUrl(raw: string): boolean {
  try {
    const url = new URL(raw);
    return (url.protocol === 'https:' || url.protocol === 'http:') && url.username === '' && url.password === '';
  } catch {
    return false;
  }
}

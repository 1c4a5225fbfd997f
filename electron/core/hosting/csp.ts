/**
 * The Content Security Policy of the reader's page, one definition for both hosts (Electron's app:// handler and
 * the web host). No inline script or style of any kind: chapter maths is MathML (sized by MathML attributes, no
 * style attributes), and the React UI sets styles through CSSOM (style props, style.setProperty), which CSP allows.
 */
import { ASSET_SCHEME } from '../library/render/asset-url.js';

export const READER_CSP = [
  "default-src 'none'",
  "script-src 'self'",
  "style-src 'self'",
  `img-src 'self' ${ASSET_SCHEME}: data:`,
  "font-src 'self' data:",
  "connect-src 'self'",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
  "object-src 'none'",
].join('; ');

/**
 * A book's own image or font, should it be opened as a document (an SVG figure in a tab of its own): nothing may
 * run or load, but an SVG's own <style> and style attributes still draw it as its author made it. Harmless there:
 * with no script and no fetches, styles cannot reach anything.
 */
export const ASSET_CSP = "default-src 'none'; style-src 'unsafe-inline'";

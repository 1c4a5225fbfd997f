import { describe, expect, it } from 'vitest';
import { RELEASE_NOTES_MAX_CHARS, releaseNotesText } from './release-notes-text.js';

describe('release notes as plain text', () => {
  it('drops the HTML GitHub sends, keeping its words', () => {
    const text = releaseNotesText('<h2>What changed</h2><ul><li>Highlights <b>sync</b></li><li>Faster &amp; smaller</li></ul><script>alert(1)</script>');
    expect(text).toContain('What changed');
    expect(text).toContain('Highlights sync');
    expect(text).toContain('Faster & smaller');
    expect(text).not.toMatch(/[<>]|alert/);
  });

  it('joins the notes of several versions under their numbers', () => {
    expect(releaseNotesText([{ version: '0.3.0', note: '<p>Search finds formulas.</p>' }, { version: '0.2.0', note: null }])).toBe('0.3.0\nSearch finds formulas.\n\n0.2.0');
  });

  it('says nothing for missing or empty notes', () => {
    expect(releaseNotesText(null)).toBeUndefined();
    expect(releaseNotesText(undefined)).toBeUndefined();
    expect(releaseNotesText('<p>  </p>')).toBeUndefined();
  });

  it('caps a huge changelog', () => {
    const text = releaseNotesText(`<p>${'word '.repeat(5000)}</p>`)!;
    expect(text.length).toBe(RELEASE_NOTES_MAX_CHARS);
    expect(text.endsWith('…')).toBe(true);
  });
});

import { describe, expect, it } from 'vitest';
import { sectionPrior } from './section-prior.js';

const at = (heading: string, file = 'part/lesson.md') => sectionPrior({ heading, file });

describe('sectionPrior', () => {
  it('leaves lesson sections at full weight', () => {
    for (const h of ['Dropout in Practice', 'The Exploration/Exploitation trade-off', 'Summary statistics of a dataset']) expect(at(h)).toBe(1);
  });

  it('ranks practice below glossary below summary below the lesson', () => {
    const practice = at('Exercises');
    const glossary = at('Glossary');
    const summary = at('Summary');
    expect(practice).toBeLessThan(glossary);
    expect(glossary).toBeLessThan(summary);
    expect(summary).toBeLessThan(1);
  });

  it('recognises quizzes and glossaries by file name and numbered quiz questions by heading', () => {
    expect(at('Q1: What is a policy?')).toBe(at('Exercises'));
    expect(at('Some question', 'units/en/unit1/quiz.mdx')).toBe(at('Exercises'));
    expect(at('Rewards', 'units/en/unit1/glossary.mdx')).toBe(at('Glossary'));
    expect(at('Conclusion')).toBe(at('Summary'));
    expect(at('Summary and Discussion')).toBe(at('Summary'));
  });
});

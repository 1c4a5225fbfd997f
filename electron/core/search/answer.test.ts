import { describe, expect, it } from 'vitest';
import { extractAnswer } from './answer.js';

const passage = [
  'A wrist sensor measures three forces and three torques acting on the hand.',
  'The gauges drift as the temperature changes, so the controller re-zeroes them whenever the limb carries no load.',
  'Cheaper designs estimate the load from motor current instead.',
].join(' ');
const other = 'Cameras follow the pinhole model. Lens distortion is removed during calibration with a checkerboard target.';

describe('extractAnswer', () => {
  it('picks the sentence that covers the rare words of the question and cites its passage', () => {
    const answer = extractAnswer('Why do the wrist sensors need to be re-zeroed?', [
      { text: passage, citation: 'p1' },
      { text: other, citation: 'p2' },
    ]);
    expect(answer).toContainEqual({
      text: 'The gauges drift as the temperature changes, so the controller re-zeroes them whenever the limb carries no load.',
      citation: 'p1',
    });
    expect(answer.every((s) => s.citation === 'p1')).toBe(true);
  });

  it('skips code and returns nothing when no sentence shares a word with the question', () => {
    const code = 'for joint in robot.joints:\n    joint.torque = pid(joint.error)  # update()';
    expect(extractAnswer('What is a quaternion?', [{ text: `${code}\n\n${other}`, citation: 'p' }])).toEqual([]);
  });
});

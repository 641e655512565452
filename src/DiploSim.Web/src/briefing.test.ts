import { describe, expect, it } from 'vitest';
import { scoreShares } from './briefing';

describe('a briefing\'s "what matters"', () => {
  it('gives each weight its share of the score, adding up to 100% when the goals\' weight comes on top of the five', () => {
    // India in first-class: the five components weigh 35, 20, 20, 20 and 5 (100), its relationship goals 20 more.
    const india = scoreShares([0.35, 0.2, 0.2, 0.2, 0.2, 0.05]);
    expect(india.reduce((s, x) => s + x, 0)).toBe(100);
    expect(india).toEqual([29, 17, 17, 17, 16, 4]);
    expect(scoreShares([0.5, 0.5])).toEqual([50, 50]);
    expect(scoreShares([1, 1, 1])).toEqual([34, 33, 33]);
  });
});

import { describe, expect, it } from 'vitest';
import { turn } from '../test/fixtures';
import { gameSummary } from './EndSummary';

describe('the end-of-game summary', () => {
  it('lists the agreements signed and broken from the outcomes, whatever the news says', () => {
    const history = [
      turn(0, { Signed: [{ Agreement: 'fta-1', Kind: 'FreeTrade', Parties: ['IND', 'RUS'] }],
        News: [{ Turn: 0, Headline: 'A deal at last', Body: '', Actors: ['IND', 'RUS'], Category: 'agreement' }] }),
      turn(1, { Breaches: [{ Agreement: 'fta-1', Kind: 'FreeTrade', Breacher: 'IND', Parties: ['IND', 'RUS'] }],
        News: [{ Turn: 1, Headline: 'Tariff row', Body: '', Actors: ['IND', 'RUS'], Category: 'agreement' }] }),
      turn(2, { News: [{ Turn: 2, Headline: 'IND breaches the free-trade agreement', Body: '', Actors: ['IND'], Category: 'agreement' }] }),
    ];
    const { agreements, turning } = gameSummary(history);
    expect(agreements).toEqual([
      { turn: 0, broken: false, text: 'India & Russia sign a free-trade agreement' },
      { turn: 1, broken: true, text: 'India breaks the free-trade agreement with Russia' },
    ]);
    expect(turning).toEqual([{ turn: 1, text: 'India breaks the free-trade agreement with Russia' }]);
  });
});

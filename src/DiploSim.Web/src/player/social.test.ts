import { describe, expect, it } from 'vitest';
import { proposalText } from './social';

const proposal = (acceptedBy: string[] = []) => ({
  Id: 'IND-0-ab12', Proposer: 'IND', Agreement: 'ConnectivityCorridor', Parties: ['IND', 'RUS'], Terms: {}, Turn: 0, AcceptedBy: acceptedBy,
});

describe('a proposal in the Proposals panel', () => {
  it('tells its proposer whom it still waits for, and the partner only what it is', () => {
    expect(proposalText(proposal(), 'IND')).toBe('India proposes: connectivity corridor with Russia (turn 0) — waiting for Russia to answer this turn, or it lapses');
    expect(proposalText(proposal(), 'RUS')).toBe('India proposes: connectivity corridor with Russia (turn 0)');
    expect(proposalText(proposal(['RUS']), 'IND')).toBe('India proposes: connectivity corridor with Russia (turn 0) — accepted by Russia');
  });

  it('gives the European Union and the United States their article, capitalised when the line starts with one', () => {
    const eu = { ...proposal(['USA']), Proposer: 'EU', Parties: ['EU', 'USA', 'IND'] };
    expect(proposalText(eu, 'EU')).toBe('The European Union proposes: connectivity corridor with the United States & India (turn 0) — accepted by the United States — waiting for India to answer this turn, or it lapses');
  });
});

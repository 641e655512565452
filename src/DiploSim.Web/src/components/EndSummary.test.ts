import { describe, expect, it } from 'vitest';
import { isValidElement, type VNode } from 'preact';
import { SessionStore } from '../session/store';
import { snapshot, status, turn } from '../test/fixtures';
import { words } from '../i18n';
import { EndSummary, gameSummary } from './EndSummary';

/** The summary of a game over after these turns, as the element tree it draws (components inside it left undrawn). */
const summary = (history: ReturnType<typeof turn>[]): VNode[] => {
  const store = new SessionStore();
  store.receivePull(snapshot({ Status: status({ Phase: 'Ended', DeadlineMs: null, Turn: history.length }), History: history }));
  const all: VNode[] = [];
  const walk = (x: unknown): void => {
    if (Array.isArray(x)) x.forEach(walk);
    else if (isValidElement(x)) { all.push(x); walk((x.props as { children?: unknown }).children); }
  };
  walk(EndSummary({ store }));
  return all;
};
/** The elements with a test id (a component such as the table takes it as `testid`). */
const testid = (nodes: VNode[], id: string) => nodes.filter((n) => {
  const props = n.props as Record<string, unknown>;
  return props['data-testid'] === id || props.testid === id;
});

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

  it('says that a game ended before its first turn has no scores, instead of a table of headings alone', () => {
    const none = summary([]);
    expect(testid(none, 'end-scores')).toEqual([]);
    expect(testid(none, 'end-no-scores').map((n) => (n.props as { children: unknown }).children)).toEqual([words.end.noScores]);

    const played = summary([turn(0, { Scores: [{ Actor: 'IND', Prosperity: 70, Security: 60, EnergySecurity: 55, Autonomy: 50, Influence: 45, Goals: 40, Utility: 61.5 }] })]);
    expect(testid(played, 'end-scores')).toHaveLength(1);
    expect(testid(played, 'end-no-scores')).toEqual([]);
  });

  it('counts a single turn played as one turn', () => {
    const drawn = summary([turn(0)]);
    expect(drawn.some((n) => (n.props as { children?: unknown }).children === 'One turn was played, in T0. Nothing more can be changed.')).toBe(true);
  });
});

import { describe, expect, it } from 'vitest';
import { event, turn } from '../test/fixtures';
import { eventText, learnHeadlines, newsOf } from './words';

describe('the news', () => {
  learnHeadlines([{ Id: 'ceasefire', Headline: 'Ceasefire in Ukraine' }]);
  const resolved0 = event(5, 'TurnResolved', { Turn: 0 });
  const fired = event(7, 'InjectFired', { Turn: 1, ShockId: 'ceasefire', Text: 'inject fired: ceasefire', AtMs: 700 });
  const surprise = event(8, 'InjectFired', { Turn: 1, ShockId: 'adhoc-1', Text: 'inject fired: A port closes' });

  it('shows an event the teacher fires at once, before the turn it takes effect in is resolved', () => {
    const news = newsOf([turn(0)], [resolved0, fired, surprise], 12);
    expect(news.slice(0, 2)).toEqual([
      { turn: 1, atMs: 80, shock: true, text: 'A port closes' },
      { turn: 1, atMs: 700, shock: true, text: 'Ceasefire in Ukraine' },
    ]);
  });

  it('shows a fired event once: from the turn that played it, once it is resolved', () => {
    const played = turn(1, { Shocks: [{ Id: 'ceasefire', Headline: 'Ceasefire in Ukraine' }] as never });
    const news = newsOf([turn(0), played], [resolved0, fired, event(9, 'TurnResolved', { Turn: 1 })], 12);
    expect(news.filter((x) => x.text === 'Ceasefire in Ukraine')).toHaveLength(1);
  });

  it('drops an event fired in a turn the game went back from', () => {
    const news = newsOf([turn(0)], [resolved0, fired, event(9, 'RolledBack', { Turn: 1 })], 12);
    expect(news.map((x) => x.text)).not.toContain('Ceasefire in Ukraine');
  });
});

describe('the timeline', () => {
  it('says how much time the clock got', () => {
    const extended = (Seconds?: number | null) => eventText(event(3, 'DeadlineExtended', { DeadlineMs: 1, Seconds }));
    expect(extended(60)).toBe('the clock got 1 more minute');
    expect(extended(300)).toBe('the clock got 5 more minutes');
    expect(extended(90)).toBe('the clock got 90 more seconds');
    expect(extended(1)).toBe('the clock got 1 more second');
    // Logged before the amount was: it says what it knows.
    expect(extended(null)).toBe('the clock got more time');
  });
});

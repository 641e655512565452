import { describe, expect, it } from 'vitest';
import { event, turn } from '../test/fixtures';
import { eventText, learnHeadlines, newsOf, wentBack, wentBackText } from './words';

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

describe('a page opened after the teacher took the game back', () => {
  const played = (from: number, to: number) => Array.from({ length: to - from + 1 }, (_, i) => event(10 + from + i, 'TurnResolved', { Turn: from + i }));

  it('says from which turn to which the game went back, paused or going on', () => {
    const events = [...played(0, 7), event(30, 'RolledBack', { Turn: 5 })];
    expect(wentBack(events)).toEqual({ turn: 5, from: 8 });
    expect(wentBackText(wentBack(events)!, true)).toBe('The teacher took the game back from turn 8 to turn 5: turn 5 is played again when the teacher carries the game on.');
    expect(wentBackText(wentBack([...events, event(31, 'SessionResumed')])!, false)).toBe('The teacher took the game back from turn 8 to turn 5: turn 5 is being played again.');
  });

  it('says nothing once the turn it went back to is played again, nor when it never went back', () => {
    expect(wentBack([...played(0, 7), event(30, 'RolledBack', { Turn: 5 }), event(31, 'SessionResumed'), event(32, 'TurnResolved', { Turn: 5 })])).toBeNull();
    expect(wentBack(played(0, 3))).toBeNull();
    expect(wentBack([])).toBeNull();
  });

  it('names the turn the class had reached when the teacher went back twice in a row', () => {
    const events = [...played(0, 7), event(30, 'RolledBack', { Turn: 5 }), event(31, 'RolledBack', { Turn: 3 })];
    expect(wentBack(events)).toEqual({ turn: 3, from: 8 });
    // Back to 5, turn 5 played again, then back to 2: the class had reached turn 6.
    expect(wentBack([...played(0, 7), event(30, 'RolledBack', { Turn: 5 }), event(31, 'TurnResolved', { Turn: 5 }), event(32, 'RolledBack', { Turn: 2 })]))
      .toEqual({ turn: 2, from: 6 });
  });

  it('still says where it went back to when the log holds no turn before it', () => {
    expect(wentBackText({ turn: 2, from: null }, false)).toBe('The teacher took the game back to turn 2: it is being played again.');
  });
});

import { describe, expect, it } from 'vitest';
import { event, status } from '../test/fixtures';
import { firedTurns } from './fired';
import { connectionNote } from './presence';

describe('the events card', () => {
  const fired = (seq: number, turn: number, id = 'ceasefire') => event(seq, 'InjectFired', { Turn: turn, ShockId: id });

  it('knows each prepared event by the turns it was fired in, once a turn', () => {
    const turns = firedTurns([fired(1, 0), fired(2, 0), event(3, 'TurnResolved', { Turn: 0 }), fired(4, 2), fired(5, 2, 'deal')]);
    expect(turns.get('ceasefire')).toEqual([0, 2]);
    expect(turns.get('deal')).toEqual([2]);
    expect(turns.has('monsoon')).toBe(false);
  });

  it('forgets what a rollback undid', () => {
    const turns = firedTurns([fired(1, 0), fired(2, 3), event(3, 'RolledBack', { Turn: 2 })]);
    expect(turns.get('ceasefire')).toEqual([0]);
  });
});

describe('a seat\'s connection on the console', () => {
  const india = status().Seats[0];
  const links = (Open: number, LostAtMs: number | null, Complete = true) => ({ Complete, NowMs: 100_000, Seats: [{ Country: 'IND', Open, LostAtMs }] });

  it('says a student with no page open lost her connection, and how long ago', () => {
    expect(connectionNote(india, links(0, 60_000))).toBe('connection lost 40 s ago');
    expect(connectionNote(india, links(0, 99_000))).toBe('connection lost just now');
    expect(connectionNote(india, links(0, -200_000))).toBe('connection lost 5 min ago');
    expect(connectionNote(india, { ...links(0, null), Seats: [] })).toBe('not connected');
  });

  it('says nothing while a page is open, for a seat the computer plays, or while the count is being rebuilt', () => {
    expect(connectionNote(india, links(2, null))).toBeNull();
    expect(connectionNote({ ...india, Present: false, BotPlaying: true }, links(0, 60_000))).toBeNull();
    expect(connectionNote({ ...india, Player: null }, links(0, 60_000))).toBeNull();
    expect(connectionNote(india, links(0, 60_000, false))).toBeNull();
    expect(connectionNote(india, null)).toBeNull();
  });
});

import { describe, expect, it } from 'vitest';
import { event, snapshot, status, turn, view } from '../test/fixtures';
import { applyPush, mergeUpdate } from './merge';

describe('mergeUpdate', () => {
  it('takes the first snapshot whole and remembers the last sequence of the log', () => {
    const held = mergeUpdate(null, snapshot({ Status: status({ LogLength: 7 }), Events: [event(6, 'MovesSubmitted'), event(7, 'ReadinessChanged')] }));
    expect(held.lastSequence).toBe(7);
    expect(held.Events.map((e) => e.Sequence)).toEqual([6, 7]);
  });

  it('appends the turns after the held ones and the events it does not hold yet', () => {
    const held = mergeUpdate(null, snapshot({ Status: status({ LogLength: 2 }), History: [turn(0)], Events: [event(1, 'A'), event(2, 'B')] }));
    const next = mergeUpdate(held, snapshot({ Status: status({ LogLength: 4, Turn: 2 }), History: [turn(1)], HistoryFrom: 1, Events: [event(2, 'B'), event(3, 'C'), event(4, 'D')] }));
    expect(next.History.map((t) => t.Turn)).toEqual([0, 1]);
    expect(next.Events.map((e) => e.Sequence)).toEqual([1, 2, 3, 4]);
    expect(next.lastSequence).toBe(4);
    expect(next.Status.Turn).toBe(2);
  });

  it('replaces the whole history after a rollback (the update starts again at turn 0)', () => {
    const held = mergeUpdate(null, snapshot({ History: [turn(0), turn(1), turn(2)] }));
    const next = mergeUpdate(held, snapshot({ History: [turn(0, { StateHash: 'other' })], HistoryFrom: 0 }));
    expect(next.History).toHaveLength(1);
    expect(next.History[0].StateHash).toBe('other');
  });
});

describe('applyPush', () => {
  const held = () => mergeUpdate(null, snapshot({ Status: status({ LogLength: 5 }), History: [turn(0)] }));

  it('ignores a push the copy already holds', () => {
    const h = held();
    const r = applyPush(h, event(5, 'ReadinessChanged', { Country: 'IND', Ready: true }));
    expect(r.outcome).toBe('duplicate');
    expect(r.held).toBe(h);
  });

  it('reports a gap when a sequence number is skipped, and applies nothing', () => {
    const h = held();
    const r = applyPush(h, event(7, 'ReadinessChanged', { Country: 'IND', Ready: true }));
    expect(r.outcome).toBe('gap');
    expect(r.held).toBe(h);
  });

  it('marks a seat ready from the push alone, without touching the history or the view', () => {
    const h = held();
    const r = applyPush(h, event(6, 'ReadinessChanged', { Country: 'RUS', Ready: true }));
    expect(r.outcome).toBe('applied');
    expect(r.held.Status.Seats.find((s) => s.Country === 'RUS')!.Ready).toBe(true);
    expect(r.held.Status.Seats.find((s) => s.Country === 'IND')!.Ready).toBe(false);
    expect(r.held.History).toBe(h.History);
    expect(r.held.View).toBe(h.View);
    expect(r.held.lastSequence).toBe(6);
  });

  it('marks a seat played by an agent from the push, by name or as remote', () => {
    let h = applyPush(held(), event(6, 'SeatPlayedByAgent', { Country: 'RUS', Player: 'rule' }));
    expect(h.outcome).toBe('applied');
    expect(h.held.Status.Seats.find((s) => s.Country === 'RUS')!.Agent).toEqual({ Name: 'rule' });
    h = applyPush(h.held, event(7, 'SeatPlayedByAgent', { Country: 'IND', Player: null }));
    expect(h.held.Status.Seats.find((s) => s.Country === 'IND')!.Agent).toEqual({ Name: null });
  });

  it('applies a submission, a message and the clock from the push', () => {
    let h = held();
    h = applyPush(h, event(6, 'MovesSubmitted', { Country: 'IND' })).held;
    h = applyPush(h, event(7, 'MessageSent', { Country: 'IND', Message: 'hello' })).held;
    const paused = applyPush(h, event(8, 'SessionPaused'));
    expect(paused.outcome).toBe('applied');
    expect(paused.held.Status.Seats[0].Submitted).toBe(true);
    expect(paused.held.Status.Phase).toBe('Paused');
    expect(paused.held.Status.DeadlineMs).toBeNull();
    expect(paused.held.Events.map((e) => e.Kind)).toEqual(['MovesSubmitted', 'MessageSent', 'SessionPaused']);
  });

  const resolved = (over: Partial<Parameters<typeof event>[2]> = {}) => event(7, 'TurnResolved', {
    Turn: 0, DeadlineMs: 9000, Outcome: turn(1), Status: status({ Turn: 2, Date: 'T2', DeadlineMs: 9000, StateHash: 'h2', LogLength: 7 }),
    Network: { Turn: 2, Actors: [{ Id: 'IND', Name: 'India', Gdp: 4100 }], Links: [], Announced: [] }, ...over,
  });

  it('takes a resolved turn whole from the push: outcome, status, network and the seat\'s view, without a pull', () => {
    let h = held();
    h = applyPush(h, event(6, 'ReadinessChanged', { Country: 'IND', Ready: true })).held;
    const r = applyPush(h, resolved({ View: view({ Turn: 2, Gdp: 4100 }) }));
    expect(r.outcome).toBe('applied');
    expect(r.held.History.map((t) => t.Turn)).toEqual([0, 1]);
    expect(r.held.Status.Turn).toBe(2);
    expect(r.held.Status.Date).toBe('T2');
    expect(r.held.Status.Seats.every((s) => !s.Ready && !s.Submitted)).toBe(true);
    expect(r.held.Network?.Actors[0].Gdp).toBe(4100);
    expect(r.held.View?.Gdp).toBe(4100);
    expect([r.held.lastSequence, r.held.viewSequence]).toEqual([7, 7]);
  });

  it('on a player\'s page, applies the session-wide copy of a resolved turn and waits for the seat\'s copy with its view', () => {
    const h = held();
    const shared = applyPush(h, event(6, 'TurnResolved', { ...resolved(), Sequence: 6 }));
    expect(shared.outcome).toBe('view');
    expect(shared.held.Status.Turn).toBe(2);
    expect(shared.held.View).toBe(h.View);
    const own = applyPush(shared.held, event(6, 'TurnResolved', { ...resolved(), Sequence: 6, View: view({ Turn: 2, Gdp: 4100 }) }));
    expect(own.outcome).toBe('applied');
    expect(own.held.View?.Gdp).toBe(4100);
    expect(own.held.History).toBe(shared.held.History);
    expect(own.held.viewSequence).toBe(6);
    expect(applyPush(own.held, event(6, 'TurnResolved', { ...resolved(), Sequence: 6, View: view() })).outcome).toBe('duplicate');
  });

  it('ignores the session-wide copy of a resolved turn that came after the seat\'s copy', () => {
    const own = applyPush(held(), event(6, 'TurnResolved', { ...resolved(), Sequence: 6, View: view({ Gdp: 4100 }) }));
    const shared = applyPush(own.held, event(6, 'TurnResolved', { ...resolved(), Sequence: 6 }));
    expect(shared.outcome).toBe('duplicate');
    expect(shared.held).toBe(own.held);
  });

  it('on a page without a seat, a resolved turn needs nothing more', () => {
    const h = mergeUpdate(null, snapshot({ Role: 'Spectator', Country: null, View: null, Status: status({ LogLength: 6 }), History: [turn(0)] }));
    const r = applyPush(h, resolved());
    expect(r.outcome).toBe('applied');
    expect(r.held.Network?.Turn).toBe(2);
  });

  it('asks for a pull after a resolved turn that does not carry the state after it', () => {
    const r = applyPush(held(), event(6, 'TurnResolved', { Turn: 0, DeadlineMs: 9000, Outcome: turn(1) }));
    expect(r.outcome).toBe('pull');
    expect(r.held.History.map((t) => t.Turn)).toEqual([0, 1]);
    expect(r.held.Status.Turn).toBe(1);
  });

  it('does not add a resolved turn that does not follow the last one held', () => {
    const r = applyPush(held(), event(6, 'TurnResolved', { Turn: 3, Outcome: turn(3) }));
    expect(r.held.History.map((t) => t.Turn)).toEqual([0]);
    expect(r.outcome).toBe('pull');
  });

  it('asks for a pull after a rollback or a seat changing hands', () => {
    expect(applyPush(held(), event(6, 'RolledBack', { Turn: 0 })).outcome).toBe('pull');
    expect(applyPush(held(), event(6, 'SeatFreed', { Country: 'RUS' })).outcome).toBe('pull');
  });
});

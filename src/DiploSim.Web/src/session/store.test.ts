import { effect } from '@preact/signals';
import { describe, expect, it } from 'vitest';
import { event, snapshot, status, turn } from '../test/fixtures';
import { EventDto } from '../generated/contract';
import { SessionStore } from './store';

describe('SessionStore', () => {
  it('asks for a pull when a push comes before anything is held', () => {
    expect(new SessionStore().receivePush(event(1, 'ReadinessChanged'))).toBe('gap');
  });

  it('does not wake what reads the view or the history when a message arrives', () => {
    const store = new SessionStore();
    store.receivePull(snapshot({ Status: status({ LogLength: 3 }), History: [turn(0)] }));
    let views = 0;
    let histories = 0;
    let messages = 0;
    effect(() => { void store.view.value; views++; });
    effect(() => { void store.history.value; histories++; });
    effect(() => { void store.messages.value; messages++; });
    expect(store.receivePush(event(4, 'MessageSent', { Country: 'RUS', Message: 'hi' }))).toBe('applied');
    expect([views, histories, messages]).toEqual([1, 1, 2]);
    expect(store.messages.value.map((m) => m.Message)).toEqual(['hi']);
  });

  it('shows a private message with the text from the private channel, once', () => {
    const store = new SessionStore();
    store.receivePull(snapshot({ Status: status({ LogLength: 1 }) }));
    store.receivePrivate(event(2, 'MessageSent', { Country: 'RUS', To: 'IND', Message: 'just us' }));
    store.receivePush(event(2, 'MessageSent', { Country: 'RUS', To: 'IND', Message: '' }));
    store.receivePrivate(event(2, 'MessageSent', { Country: 'RUS', To: 'IND', Message: 'just us' }));
    expect(store.messages.value.map((m) => [m.Sequence, m.Message])).toEqual([[2, 'just us']]);
  });

  it('catches up after a lost push: learns it is behind, merges what it missed, and ignores the copies that come late', () => {
    const store = new SessionStore();
    store.receivePull(snapshot({ Status: status({ LogLength: 5 }), History: [turn(0)] }));
    expect(store.behind(5)).toBe(false);
    // Event 6 (India ready) is lost on the way; the periodic check learns that the session is at 7.
    expect(store.behind(7)).toBe(true);
    store.receivePull(snapshot({
      Status: status({ LogLength: 7, Seats: status().Seats.map((s) => ({ ...s, Ready: true })) }), History: [], HistoryFrom: 1,
      Events: [event(6, 'ReadinessChanged', { Country: 'IND', Ready: true }), event(7, 'ReadinessChanged', { Country: 'RUS', Ready: true })],
    }));
    expect(store.behind(7)).toBe(false);
    expect(store.receivePush(event(6, 'ReadinessChanged', { Country: 'IND', Ready: false }))).toBe('duplicate');
    expect(store.receivePush(event(7, 'ReadinessChanged', { Country: 'RUS', Ready: false }))).toBe('duplicate');
    expect(store.events.value.map((e) => e.Sequence)).toEqual([6, 7]);
    expect(store.status.value?.Seats.every((s) => s.Ready)).toBe(true);
    expect(store.history.value.map((t) => t.Turn)).toEqual([0]);
    expect(store.receivePush(event(8, 'MovesSubmitted', { Country: 'IND' }))).toBe('applied');
  });

  it('keeps the server clock skew from the last pull', () => {
    const store = new SessionStore();
    store.receivePull(snapshot({ Status: status({ NowMs: 10_500 }) }), 10_000);
    expect(store.skewMs.value).toBe(500);
  });
});

describe('the contract\'s event parser', () => {
  it('accepts an event and refuses what is not one', () => {
    expect(EventDto.safeParse(event(1, 'TurnResolved', { Outcome: turn(0) })).success).toBe(true);
    expect(EventDto.safeParse({ ...event(1, 'X'), Sequence: '1' }).success).toBe(false);
    expect(EventDto.safeParse({ ...event(1, 'TurnResolved'), Outcome: { Turn: 1 } }).success).toBe(false);
    expect(EventDto.safeParse(null).success).toBe(false);
  });
});

import { effect } from '@preact/signals';
import { describe, expect, it } from 'vitest';
import { event, snapshot, status, turn } from '../test/fixtures';
import { EventDto } from '../generated/contract';
import { countdownText, msToNextSecond } from '../components/common';
import { SessionStore, skewAfter } from './store';

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

describe('the countdown\'s clock', () => {
  const turnMs = 5 * 60_000;
  /**
   * A page whose own clock runs `offsetMs` off the server's, whose pushes take `travelMs` to arrive, opened at server
   * time `openedAt` with a first answer that took `firstAnswerMs` (a server just started, a cold session).
   */
  const page = (offsetMs: number, travelMs: number, openedAt: number, firstAnswerMs = travelMs) => {
    const store = new SessionStore();
    const local = (serverMs: number) => serverMs + offsetMs;
    store.receivePull(snapshot({ Status: status({ Phase: 'Lobby', DeadlineMs: null, NowMs: openedAt, LogLength: 0 }) }), local(openedAt + firstAnswerMs));
    return {
      store,
      /** Receives a push the server sent at `atMs`. */
      push: (e: Parameters<SessionStore['receivePush']>[0]) => store.receivePush(e, local(e.AtMs + travelMs)),
      /** What the page shows at server time `serverMs`. */
      shows: (serverMs: number) => countdownText(store.status.value!.Phase, store.status.value!.DeadlineMs, local(serverMs) + store.skewMs.value),
    };
  };
  const seconds = (text: string | null) => { const [m, s] = text!.split(':').map(Number); return m * 60 + s; };

  it('never shows more than the turn\'s length, and the screen and a phone agree within a second', () => {
    // The screen's clock runs 14 s fast, the phone's 12 s slow; both opened in the lobby minutes before the start, the
    // screen first, while the server was still warming up (its first answer took 14 s).
    const screen = page(14_000, 40, 0, 14_000), phone = page(-12_000, 900, 30_000);
    const start = 200_000;
    for (const p of [screen, phone]) expect(p.push(event(1, 'SessionStarted', { AtMs: start, DeadlineMs: start + turnMs }))).toBe('applied');
    for (let t = start + 1000; t <= start + turnMs; t += 7_001) {
      const [a, b] = [seconds(screen.shows(t)), seconds(phone.shows(t))];
      expect(Math.max(a, b)).toBeLessThanOrEqual(turnMs / 1000);
      expect(Math.abs(a - b)).toBeLessThanOrEqual(1);
    }
    expect(screen.shows(start + 1000)).toBe('4:59');
  });

  it('adds the minute the teacher gives, and after a pause shows the time that was left', () => {
    const phone = page(-3_000, 300, 0);
    phone.push(event(1, 'SessionStarted', { AtMs: 10_000, DeadlineMs: 10_000 + turnMs }));
    phone.push(event(2, 'DeadlineExtended', { AtMs: 70_000, DeadlineMs: 10_000 + turnMs + 60_000, Seconds: 60 }));
    expect(phone.shows(71_000)).toBe('4:59'); // 4:00 left, and one more minute
    phone.push(event(3, 'SessionPaused', { AtMs: 100_000 }));
    expect(phone.shows(101_000)).toBeNull();
    // Paused with 4:30 left for ten minutes: resumed, it shows 4:30, not the ten minutes on top.
    phone.push(event(4, 'SessionResumed', { AtMs: 700_000, DeadlineMs: 700_000 + 270_000 }));
    expect(seconds(phone.shows(700_000))).toBeLessThanOrEqual(270);
    expect(seconds(phone.shows(700_000))).toBeGreaterThanOrEqual(269);
  });

  it('keeps the closest reckoning of the server\'s clock, and starts again when the browser\'s own clock jumps', () => {
    // Each time heard, before its travel: at most the true skew (here 1000), and the largest is the closest.
    expect(skewAfter(null, 10_000, 9_200, true)).toBe(800);
    expect(skewAfter(800, 20_000, 19_050, false)).toBe(950);
    expect(skewAfter(950, 30_000, 29_400, true)).toBe(950); // a slow answer does not undo a closer reckoning
    expect(skewAfter(950, 40_000, 60_000, true)).toBe(-20_000); // the browser's clock was set 21 s ahead
  });

  it('ticks when the shown second changes', () => {
    expect(msToNextSecond(10_000, 0)).toBe(1000);
    expect(msToNextSecond(10_000, 250)).toBe(750);
    expect(msToNextSecond(10_000, 10_300)).toBe(700);
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

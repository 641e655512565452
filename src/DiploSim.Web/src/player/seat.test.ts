import { describe, expect, it } from 'vitest';
import type { Live } from '../session/connection';
import { SessionStore } from '../session/store';
import { snapshot } from '../test/fixtures';
import { words } from '../i18n';
import { saveRefusal, Seat, waiting } from './seat';
import { signal } from '@preact/signals';

/** A seat whose every hub call is accepted, as a connected page's are. */
const seat = (): Seat => {
  const store = new SessionStore();
  store.receivePull(snapshot());
  const live = { send: () => Promise.resolve({ Refusal: null }) } as unknown as Live;
  return new Seat(store, live);
};

describe('the Send my moves line', () => {
  it('says an empty plan went in as no moves, not that moves were sent', async () => {
    const s = seat();
    await s.submit();
    expect(s.submitStatus.value).toBe('Sent for turn 0: no moves (your plan is empty).');
    expect(s.submitPending.value).toBe(false);
  });

  it('stops saying the moves were sent once the plan changes after Send', async () => {
    const s = seat();
    await s.draft.add({ move: { Kind: 'HoldSummit', Actor: 'IND', Target: 'RUS' } as never, cost: 1, description: 'India holds a summit with Russia' });
    await s.submit();
    expect(s.submitStatus.value).toBe('Moves sent for turn 0.');
    await s.draft.add({ move: { Kind: 'HoldSummit', Actor: 'IND', Target: 'CHN' } as never, cost: 1, description: 'India holds a summit with China' });
    expect(s.submitStatus.value).toBe(words.player.changedSinceSent);
    expect(s.submitPending.value).toBe(true);
    await s.submit();
    expect(s.submitStatus.value).toBe('Moves sent for turn 0.');
    expect(s.submitPending.value).toBe(false);
  });

  it('says nothing of a plan never sent', async () => {
    const s = seat();
    await s.draft.add({ move: { Kind: 'HoldSummit', Actor: 'IND', Target: 'RUS' } as never, cost: 1, description: 'India holds a summit with Russia' });
    expect(s.submitStatus.value).toBe('');
  });
});

describe('Send while the device is offline', () => {
  it('says the plan has not gone while it waits for the network, and that it went once it did', async () => {
    const store = new SessionStore();
    store.receivePull(snapshot());
    let answer: (a: { Refusal: string | null }) => void = () => {};
    const live = { send: () => new Promise((resolve) => { answer = resolve; }) } as unknown as Live;
    const s = new Seat(store, live);
    store.connection.value = 'offline';
    const sent = s.submit();
    expect(s.submitLine.value).toBe(words.player.sendingOffline);
    expect(s.submitPending.value).toBe(true);
    store.connection.value = 'connected';
    expect(s.submitLine.value).toBe('Sending…');
    answer({ Refusal: null });
    await sent;
    expect(s.submitLine.value).toBe('Sent for turn 0: no moves (your plan is empty).');
  });

  it('shows any other line as it is, offline or not', () => {
    const status = signal('Moves sent for turn 3.');
    const connection = signal('offline');
    const line = waiting(status, () => connection.value);
    expect(line.value).toBe('Moves sent for turn 3.');
    status.value = words.player.sending;
    expect(line.value).toBe(words.player.sendingOffline);
  });
});

describe('the notice that a move went into the plan', () => {
  it('goes once the plan is sent, and a notice of the game that replaced it stays', async () => {
    const s = seat();
    await s.draft.add({ move: { Kind: 'HoldSummit', Actor: 'IND', Target: 'RUS' } as never, cost: 1, description: 'India holds a summit with Russia' });
    s.sayAdded('India holds a summit with Russia');
    expect(s.store.notice.value).toBe('Added to your plan: India holds a summit with Russia');
    await s.submit();
    expect(s.store.notice.value).toBe('');

    s.sayAdded('India holds a summit with Russia');
    s.store.notice.value = 'Turn 0 is over.';
    await s.submit();
    expect(s.store.notice.value).toBe('Turn 0 is over.');
  });

  it('stays when the plan could not be sent', async () => {
    const store = new SessionStore();
    store.receivePull(snapshot());
    const s = new Seat(store, { send: () => Promise.resolve({ Refusal: 'turn 3 is over' }) } as unknown as Live);
    s.sayAdded('India holds a summit with Russia');
    await s.submit();
    expect(s.store.notice.value).toBe('Added to your plan: India holds a summit with Russia');
  });
});

describe('a refused save of the plan', () => {
  it('says why in the student\'s words, without the server\'s revisions', () => {
    const elsewhere = saveRefusal('your plan was changed on another screen since this page last had it (revision 1; it is at 2): this change was not saved', 0);
    const over = saveRefusal('turn 3 is over: this plan was for it, and it was not played (the game is at turn 4)', 3);
    const unknown = saveRefusal('the plan was never saved as revision 9: it is at revision 2', 0);
    expect([elsewhere, over, unknown]).toEqual([words.player.saveChangedElsewhere, 'turn 3 is over, so these moves were not played.', words.player.saveUnknownPlan]);
    for (const said of [elsewhere, over, unknown]) expect(said).not.toMatch(/revision/);
    expect(saveRefusal('you do not hold the seat of IND', 0)).toBe('you do not hold the seat of IND');
  });

  it('is shown beside the plan in those words', async () => {
    const store = new SessionStore();
    store.receivePull(snapshot());
    const refusing = { send: () => Promise.resolve({ Refusal: 'your plan was changed on another screen since this page last had it (revision 1; it is at 2): this change was not saved' }), pull: () => Promise.resolve() };
    const s = new Seat(store, refusing as unknown as Live);
    await s.draft.add({ move: { Kind: 'HoldSummit', Actor: 'IND', Target: 'RUS' } as never, cost: 1, description: 'India holds a summit with Russia' });
    expect(s.draft.saveError.value).toBe(words.player.saveChangedElsewhere);
  });
});

import { describe, expect, it } from 'vitest';
import type { Move, MovePreview } from '../generated/contract';
import type { GameHubClient } from '../generated/hub';
import type { Live } from '../session/connection';
import { SessionStore } from '../session/store';
import { snapshot, status, view } from '../test/fixtures';
import { words } from '../i18n';
import { Seat } from './seat';

const tariff = { Kind: 'SetTariff', Target: 'USA', Rate: 0.25 } as unknown as Move;
const arms = { Kind: 'OrderArms', Target: 'RUS', System: 'Su-30 fighters', Value: 3, DeliveryTurns: 4 } as unknown as Move;
const summit = { Kind: 'HoldSummit', Partners: ['RUS'] } as unknown as Move;

const preview = (description: string, refusal: string | null = null): MovePreview =>
  ({ Description: description, Cost: 1, Capital: 5, Target: null, Effects: [], Refusal: refusal });

/**
 * A seat on a page whose hub answers at once, except for what a test holds back: every Submit waits for `release`
 * when `holdSubmit` is set; a preview answers from `previews` by move kind. `server` is the seat as the server keeps it
 * (its plan, the plan's turn and revision, what it submitted), and saves and pulls go to it as they would to the hub:
 * a save for a closed turn, or based on an older revision than the kept plan's, is refused.
 */
function page() {
  const store = new SessionStore();
  const server = { turn: 0, plan: [] as Move[], planTurn: -1, revision: 0, sent: null as Move[] | null, log: 0 };
  const same = (a: readonly Move[], b: readonly Move[]) => JSON.stringify(a) === JSON.stringify(b);
  const kept = () => (server.planTurn === server.turn ? server.plan : []);
  const snapshotNow = () => snapshot({
    Status: status({
      Turn: server.turn, LogLength: server.log,
      Seats: status().Seats.map((x) => (x.Country === 'IND' ? { ...x, Submitted: server.sent !== null } : x)),
    }),
    View: view({ Turn: server.turn, Draft: kept(), DraftRevision: server.revision, DraftSent: server.sent !== null && same(kept(), server.sent), SentMoves: server.sent }),
  });
  store.receivePull(snapshotNow());
  const saved: Move[][] = [];
  const previews = new Map<string, MovePreview>([['SetTariff', preview('India sets a 25% tariff on the United States')],
    ['OrderArms', preview('India orders Su-30 fighters from Russia')], ['HoldSummit', preview('India holds a summit with Russia')]]);
  const held = { submit: false, release: [] as (() => void)[] };
  const submitted: Move[][] = [];
  /** The seat's plan saved on another screen (or by this page, through the hub below). */
  const save = (turn: number, basedOn: number, moves: Move[]) => {
    if (turn !== server.turn) return { Value: null, Refusal: `turn ${turn} is over` };
    if (server.planTurn === turn && same(server.plan, moves)) return { Value: { Turn: turn, Revision: server.revision }, Refusal: null };
    if (server.planTurn === turn && basedOn !== server.revision) return { Value: null, Refusal: 'your plan was changed on another screen' };
    Object.assign(server, { plan: moves, planTurn: turn, revision: server.revision + 1 });
    return { Value: { Turn: turn, Revision: server.revision }, Refusal: null };
  };
  const hub = {
    saveTurnDraft: (_: string, turn: number, basedOn: number, moves: Move[]) => { saved.push(moves); return Promise.resolve(save(turn, basedOn, moves)); },
    previewEffect: (_: string, move: Move) => Promise.resolve({ Value: previews.get(move.Kind) ?? null, Refusal: null }),
    submit: (_: string, __: number, moves: Move[]) => {
      const done = () => { submitted.push(moves); server.sent = moves; server.log++; return { Refusal: null }; };
      return held.submit ? new Promise((resolve) => held.release.push(() => resolve(done()))) : Promise.resolve(done());
    },
    setReady: () => Promise.resolve({ Refusal: null }),
  } as unknown as GameHubClient;
  const pulls: string[] = [];
  // The page's pull reads the seat as the server keeps it; the page's effect then follows the turn.
  const live = {
    send: (call: (h: GameHubClient) => Promise<unknown>) => call(hub),
    pull: (reason: string) => { pulls.push(reason); store.receivePull(snapshotNow()); seat.followTurn(); return Promise.resolve(); },
  } as unknown as Live;
  const seat = new Seat(store, live);
  seat.followTurn();
  /** The session moves to turn `turn` (a resolved turn, or the teacher's rollback) as a pull brings it. */
  const turnTo = (turn: number) => {
    Object.assign(server, { turn, sent: null, log: turn * 10 });
    store.receivePull(snapshotNow());
    seat.followTurn();
  };
  /** The same seat opened again (a reload, or a second screen), reading the server. */
  const reopen = () => {
    const again = new SessionStore();
    again.receivePull(snapshotNow());
    const other = new Seat(again, { send: (call: (h: GameHubClient) => Promise<unknown>) => call(hub), pull: () => Promise.resolve() } as unknown as Live);
    other.followTurn();
    return other;
  };
  return { store, seat, saved, previews, held, turnTo, server, save, submitted, pulls, reopen };
}

/** Lets the page's awaited answers and effects run. */
const settle = () => new Promise((r) => setTimeout(r, 0));

const entry = (move: Move, description: string) => ({ move, cost: 1, description });

describe('a plan when its turn ends', () => {
  it('names a move the clock ended the turn on before it was sent, instead of dropping it without a word', async () => {
    const { seat, turnTo } = page();
    await seat.draft.add(entry(tariff, 'India sets a 25% tariff on the United States'));
    turnTo(1);
    // The new turn starts with an empty plan (the preview of the next move reads "already in your plan: 0")...
    expect(seat.draft.entries.value).toEqual([]);
    expect(seat.draft.total.value).toBe(0);
    // ...and the tariff that was not played is named, with its turn.
    expect(seat.draft.dropped.value).toMatchObject({ turn: 0, rolledBack: false, refused: [] });
    expect(seat.draft.dropped.value?.entries.map((e) => e.move)).toEqual([tariff]);
  });

  it('names nothing when the plan went in as it stands', async () => {
    const { seat, turnTo } = page();
    await seat.draft.add(entry(tariff, 'a tariff'));
    expect(await seat.submit()).toBe(true);
    turnTo(1);
    expect(seat.draft.dropped.value).toBeNull();
  });

  it('names only the move added after the plan was sent', async () => {
    const { seat, turnTo } = page();
    await seat.draft.add(entry(tariff, 'a tariff'));
    await seat.submit();
    await seat.draft.add(entry(arms, 'an arms order'));
    turnTo(1);
    expect(seat.draft.dropped.value?.entries.map((e) => e.description)).toEqual(['an arms order']);
  });

  it('does not take a move added while Send was on its way as sent', async () => {
    const { seat, held, turnTo } = page();
    await seat.draft.add(entry(tariff, 'a tariff'));
    held.submit = true;
    const sending = seat.submit();
    await seat.draft.add(entry(arms, 'an arms order'));
    held.release.forEach((r) => r());
    expect(await sending).toBe(true);
    // The arms order did not go in: the plan reads as changed since it was sent, and Ready would send it.
    expect(seat.draft.sent.value).toBe(false);
    expect(seat.draft.unsent).toBe(2);
    turnTo(1);
    expect(seat.draft.dropped.value?.entries.map((e) => e.description)).toEqual(['an arms order']);
  });

  it('says so when the teacher took the game back', async () => {
    const { seat, turnTo } = page();
    turnTo(3);
    await seat.draft.add(entry(summit, 'a summit'));
    turnTo(2);
    expect(seat.draft.dropped.value).toMatchObject({ turn: 3, rolledBack: true });
  });

  it('puts the named moves back in the new plan with this turn\'s preview, and says why one the model now refuses stays out', async () => {
    const { seat, saved, previews, turnTo } = page();
    await seat.draft.add(entry(tariff, 'India sets a 25% tariff on the United States'), entry(summit, 'India holds a summit with Russia'));
    turnTo(1);
    await seat.draft.add(entry(arms, 'India orders Su-30 fighters from Russia'));
    previews.set('HoldSummit', preview('India holds a summit with Russia', 'India has 0 capital left'));
    await Promise.all([seat.putBack(), seat.putBack()]);
    expect(seat.draft.moves).toEqual([arms, tariff]);
    expect(seat.draft.entries.value[1]).toEqual(entry(tariff, 'India sets a 25% tariff on the United States'));
    expect(saved.at(-1)).toEqual([arms, tariff]);
    expect(seat.draft.dropped.value?.entries).toEqual([]);
    expect(seat.draft.dropped.value?.refused).toEqual(['Could not put back “India holds a summit with Russia”: India has 0 capital left']);
  });
});

describe('a plan the seat changes on two screens', () => {
  it('shows the plan another screen saved once this page\'s own saves are answered, and says so in plain words', async () => {
    const { seat, save, store } = page();
    await seat.draft.add(entry(tariff, 'a tariff'));
    // The phone, which has the tariff, adds an arms order: the server tells every page of the seat.
    expect(save(0, 1, [tariff, arms]).Refusal).toBeNull();
    await seat.planSaved(0, 2);
    await settle();
    expect(seat.draft.moves).toEqual([tariff, arms]);
    expect(store.notice.value).toBe(words.player.planChangedElsewhere);
    // Its own save's notice (a lower revision) changes nothing.
    store.notice.value = '';
    await seat.planSaved(0, 1);
    await settle();
    expect(store.notice.value).toBe('');
  });

  it('does not overwrite a plan another screen saved: the change made on an older plan is refused and the page says it was not kept', async () => {
    const { seat, save, server, store } = page();
    await seat.draft.add(entry(tariff, 'a tariff'));
    // The phone swaps the tariff for a summit; this page has not heard of it yet, and adds an arms order.
    expect(save(0, 1, [summit]).Refusal).toBeNull();
    await seat.draft.add(entry(arms, 'an arms order'));
    await settle();
    expect(server.plan).toEqual([summit]);
    expect(seat.draft.moves).toEqual([summit]);
    expect(seat.draft.unsaved.value).toBe(false);
    expect(store.notice.value).toBe(words.player.planChangedElsewhereLost);
    // The next change is based on the plan as kept, and is saved.
    await seat.draft.add(entry(arms, 'an arms order'));
    expect(server.plan).toEqual([summit, arms]);
  });

  it('reads a plan sent on another screen as sent, so the turn\'s end names none of it as not played', async () => {
    const { seat, save, server, turnTo } = page();
    await seat.draft.add(entry(tariff, 'a tariff'));
    // The phone sends the plan: the log's submission is not this page's own.
    expect(save(0, 1, [tariff]).Value?.Revision).toBe(1);
    Object.assign(server, { sent: [tariff], log: 1 });
    seat.submitted(1);
    await settle();
    expect(seat.draft.sent.value).toBe(true);
    expect(seat.submitStatus.value).toBe('Moves sent for turn 0.');
    turnTo(1);
    expect(seat.draft.dropped.value).toBeNull();
  });

  it('does not read its own Send back from the server', async () => {
    const { seat, pulls } = page();
    await seat.draft.add(entry(tariff, 'a tariff'));
    await seat.submit();
    seat.submitted(1);
    await settle();
    expect(pulls).toEqual([]);
  });
});

describe('a save that arrives after its turn closed', () => {
  it('is refused instead of becoming the next turn\'s plan, and its moves are named as not played', async () => {
    const { seat, server, saved } = page();
    // The turn resolves while the page has not heard of it yet (a slow phone link); the page saves a tariff for turn 0.
    Object.assign(server, { turn: 1, log: 10 });
    await seat.draft.add(entry(tariff, 'a tariff'));
    await settle();
    expect(saved[0]).toEqual([tariff]);
    expect(server.planTurn).not.toBe(0);
    expect(server.planTurn === 1 ? server.plan : []).toEqual([]);
    // The page read the new turn: the tariff is named as not played, and the new plan is empty.
    expect(seat.draft.dropped.value).toMatchObject({ turn: 0, rolledBack: false });
    expect(seat.draft.dropped.value?.entries.map((e) => e.move)).toEqual([tariff]);
    expect(seat.draft.moves).toEqual([]);
  });
});

describe('a plan changed after it was sent, after a reload', () => {
  it('reads as changed since it was sent, and Ready sends it', async () => {
    const { seat, reopen, submitted } = page();
    await seat.draft.add(entry(tariff, 'a tariff'));
    await seat.submit();
    await seat.draft.add(entry(arms, 'an arms order'));
    const reloaded = reopen();
    await settle();
    expect(reloaded.draft.moves).toEqual([tariff, arms]);
    expect(reloaded.draft.sent.value).toBe(false);
    expect(reloaded.submitStatus.value).toBe(words.player.changedSinceSent);
    expect(reloaded.submitPending.value).toBe(true);
    await reloaded.toggleReady();
    expect(submitted.at(-1)).toEqual([tariff, arms]);
    expect(reloaded.draft.sent.value).toBe(true);
  });

  it('names only the move added after Send as not played when the turn ends', async () => {
    const { seat, reopen, server } = page();
    await seat.draft.add(entry(tariff, 'a tariff'));
    await seat.submit();
    await seat.draft.add(entry(arms, 'an arms order'));
    const reloaded = reopen();
    Object.assign(server, { turn: 1, sent: null, log: 10 });
    reloaded.store.receivePull(snapshot({ Status: status({ Turn: 1, LogLength: 10 }), View: view({ Turn: 1, DraftRevision: server.revision }) }));
    reloaded.followTurn();
    expect(reloaded.draft.dropped.value?.entries.map((e) => e.move)).toEqual([arms]);
  });

  it('reads as sent when the plan is what went in', async () => {
    const { seat, reopen } = page();
    await seat.draft.add(entry(tariff, 'a tariff'));
    await seat.submit();
    const reloaded = reopen();
    expect(reloaded.draft.sent.value).toBe(true);
    expect(reloaded.submitStatus.value).toBe('Moves sent for turn 0.');
  });
});

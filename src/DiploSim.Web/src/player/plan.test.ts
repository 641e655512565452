import { describe, expect, it } from 'vitest';
import type { Move, MovePreview } from '../generated/contract';
import type { GameHubClient } from '../generated/hub';
import type { Live } from '../session/connection';
import { SessionStore } from '../session/store';
import { snapshot, status } from '../test/fixtures';
import { Seat } from './seat';

const tariff = { Kind: 'SetTariff', Target: 'USA', Rate: 0.25 } as unknown as Move;
const arms = { Kind: 'OrderArms', Target: 'RUS', System: 'Su-30 fighters', Value: 3, DeliveryTurns: 4 } as unknown as Move;
const summit = { Kind: 'HoldSummit', Partners: ['RUS'] } as unknown as Move;

const preview = (description: string, refusal: string | null = null): MovePreview =>
  ({ Description: description, Cost: 1, Capital: 5, Target: null, Effects: [], Refusal: refusal });

/**
 * A seat on a page whose hub answers at once, except for what a test holds back: every Submit waits for `release`
 * when `holdSubmit` is set; a preview answers from `previews` by move kind.
 */
function page() {
  const store = new SessionStore();
  store.receivePull(snapshot());
  const saved: Move[][] = [];
  const previews = new Map<string, MovePreview>([['SetTariff', preview('India sets a 25% tariff on the United States')],
    ['OrderArms', preview('India orders Su-30 fighters from Russia')], ['HoldSummit', preview('India holds a summit with Russia')]]);
  const held = { submit: false, release: [] as (() => void)[] };
  const hub = {
    saveDraft: (_: string, moves: Move[]) => { saved.push(moves); return Promise.resolve({ Refusal: null }); },
    previewEffect: (_: string, move: Move) => Promise.resolve({ Value: previews.get(move.Kind) ?? null, Refusal: null }),
    submit: () => held.submit ? new Promise((resolve) => held.release.push(() => resolve({ Refusal: null }))) : Promise.resolve({ Refusal: null }),
  } as unknown as GameHubClient;
  const live = { send: (call: (h: GameHubClient) => Promise<unknown>) => call(hub) } as unknown as Live;
  const seat = new Seat(store, live);
  seat.followTurn();
  /** The session moves to turn `turn` (a resolved turn, or the teacher's rollback) as a pull brings it. */
  const turnTo = (turn: number) => {
    store.receivePull(snapshot({ Status: status({ Turn: turn, LogLength: turn * 10 }) }));
    seat.followTurn();
  };
  return { store, seat, saved, previews, held, turnTo };
}

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

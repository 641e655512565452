import { describe, expect, it } from 'vitest';
import type { Move } from '../generated/contract';
import { Draft } from './draft';

describe('Draft', () => {
  const saved: Move[][] = [];
  const draft = () => new Draft(async (moves) => { saved.push(moves); return { Refusal: null }; });

  it('saves the whole draft on every change and adds up the capital', async () => {
    saved.length = 0;
    const d = draft();
    await d.add({ move: { Kind: 'SetTariff', Target: 'RUS', Rate: 0.1 }, cost: 1, description: 'a tariff' });
    await d.add({ move: { Kind: 'HoldSummit', Partners: ['RUS'] }, cost: 2, description: 'a summit' });
    expect(d.total.value).toBe(3);
    await d.remove(0);
    expect(d.moves).toEqual([{ Kind: 'HoldSummit', Partners: ['RUS'] }]);
    expect(d.total.value).toBe(2);
    expect(saved.map((m) => m.map((x) => x.Kind))).toEqual([['SetTariff'], ['SetTariff', 'HoldSummit'], ['HoldSummit']]);
  });

  it('restores a kept draft without costs, then fills them from the previews', () => {
    const d = draft();
    const move: Move = { Kind: 'GiveAid', Target: 'RUS', Amount: 2 };
    expect(d.take({ moves: [move], turn: 0, revision: 3, sent: false }, (m) => m.Kind)).toBe(true);
    expect(d.basedOn).toBe(3);
    expect(d.entries.value[0]).toEqual({ move, cost: null, description: 'GiveAid' });
    d.known(move, 2, 'IND gives $2bn of aid');
    expect(d.total.value).toBe(2);
    expect(d.entries.value[0].description).toBe('IND gives $2bn of aid');
  });

  it('keeps the server\'s refusal to save', async () => {
    const d = new Draft(async () => ({ Refusal: 'a draft holds between 0 and 24 moves' }));
    await d.add({ move: { Kind: 'Invest', Capacity: 'PaymentRails', Amount: 2 }, cost: 2, description: 'x' });
    expect(d.saveError.value).toBe('a draft holds between 0 and 24 moves');
  });

  it('clears without saving when already empty', async () => {
    saved.length = 0;
    await draft().clear();
    expect(saved).toEqual([]);
  });

  it('never leaves the server an older plan than the page shows, even when an earlier save is answered last', async () => {
    // The server keeps whichever save reaches it last; a save sent again after a dropped connection reaches it late.
    let kept: Move[] = [];
    const inFlight: { moves: Move[]; answer: () => void }[] = [];
    const d = new Draft((moves) => new Promise((resolve) => inFlight.push({ moves, answer: () => { kept = moves; resolve({ Refusal: null }); } })));
    const tariff: Move = { Kind: 'SetTariff', Target: 'USA', Rate: 0.25 } as unknown as Move;
    const arms: Move = { Kind: 'OrderArms', Target: 'RUS', System: 'Su-30', Value: 3, DeliveryTurns: 4 } as unknown as Move;
    const first = d.add({ move: tariff, cost: 1, description: 'a tariff' });
    await new Promise((r) => setTimeout(r, 0));
    const second = d.add({ move: arms, cost: 1, description: 'an arms order' });
    // Whatever order the answers come in (here the later first), the last plan the server keeps is the page's.
    let most = 0;
    while (inFlight.length > 0) {
      most = Math.max(most, inFlight.length);
      inFlight.pop()!.answer();
      await new Promise((r) => setTimeout(r, 0));
    }
    await Promise.all([first, second]);
    expect(kept).toEqual([tariff, arms]);
    expect(d.moves).toEqual([tariff, arms]);
    // One save at a time: the arms order waited for the tariff's save.
    expect(most).toBe(1);
  });

  it('keeps saving after a save that failed outright, and says why it failed', async () => {
    let fail = true;
    const d = new Draft(async (moves) => { if (fail) throw new Error('connection lost'); saved.push(moves); return { Refusal: null }; });
    await d.add({ move: { Kind: 'HoldSummit', Partners: ['RUS'] } as unknown as Move, cost: 2, description: 'a summit' });
    expect(d.saveError.value).toBe('connection lost');
    fail = false;
    saved.length = 0;
    await d.remove(0);
    expect(saved).toEqual([[]]);
    expect(d.saveError.value).toBeNull();
  });

  it('reads as unsaved from a change until the server kept the plan as it stands, and while a save is refused', async () => {
    const answers: ((refusal: string | null) => void)[] = [];
    const d = new Draft((_moves) => new Promise((resolve) => answers.push((refusal) => resolve({ Refusal: refusal }))));
    expect(d.unsaved.value).toBe(false);
    const first = d.add({ move: { Kind: 'HoldSummit', Partners: ['RUS'] } as unknown as Move, cost: 2, description: 'a summit' });
    expect(d.unsaved.value).toBe(true);
    await new Promise((r) => setTimeout(r, 0));
    answers.shift()!('the seat is not yours');
    await first;
    expect(d.unsaved.value).toBe(true);
    const second = d.remove(0);
    await new Promise((r) => setTimeout(r, 0));
    answers.shift()!(null);
    await second;
    expect(d.unsaved.value).toBe(false);
  });

  it('names the turn the change was made in and the revision it was based on, and bases the next save on the answer', async () => {
    const sent: [number, number][] = [];
    let revision = 4;
    const d = new Draft(async (_moves, turn, basedOn) => { sent.push([turn, basedOn]); return { Refusal: null, Value: { Turn: turn, Revision: ++revision } }; });
    d.take({ moves: [], turn: 2, revision: 4, sent: false }, (m) => m.Kind);
    await d.add({ move: { Kind: 'HoldSummit', Partners: ['RUS'] } as unknown as Move, cost: 2, description: 'a summit' });
    await d.endTurn(2, false, 3);
    expect(sent).toEqual([[2, 4], [3, 5]]);
    expect(d.basedOn).toBe(6);
  });

  it('takes a kept plan that holds the same moves, written in another order or with empty fields, as the same plan', () => {
    const d = draft();
    const move = { Kind: 'SetTariff', Target: 'USA', Rate: 0.25 } as unknown as Move;
    d.take({ moves: [move], turn: 0, revision: 1, sent: false }, (m) => m.Kind);
    const readBack = { Rate: 0.25, Kind: 'SetTariff', Target: 'USA', Sector: null } as unknown as Move;
    expect(d.take({ moves: [readBack], turn: 0, revision: 2, sent: true, sentMoves: [readBack] }, (m) => m.Kind)).toBe(false);
    expect(d.sent.value).toBe(true);
  });
});

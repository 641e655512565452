import { describe, expect, it } from 'vitest';
import type { Move } from '../generated/contract';
import { Draft } from './draft';

describe('Draft', () => {
  const saved: Move[][] = [];
  const draft = () => new Draft(async (moves) => { saved.push(moves); return null; });

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
    d.restore([move], (m) => m.Kind);
    expect(d.entries.value[0]).toEqual({ move, cost: null, description: 'GiveAid' });
    d.known(move, 2, 'IND gives $2bn of aid');
    expect(d.total.value).toBe(2);
    expect(d.entries.value[0].description).toBe('IND gives $2bn of aid');
  });

  it('keeps the server\'s refusal to save', async () => {
    const d = new Draft(async () => 'a draft holds between 0 and 24 moves');
    await d.add({ move: { Kind: 'Invest', Capacity: 'PaymentRails', Amount: 2 }, cost: 2, description: 'x' });
    expect(d.saveError.value).toBe('a draft holds between 0 and 24 moves');
  });

  it('clears without saving when already empty', async () => {
    saved.length = 0;
    await draft().clear();
    expect(saved).toEqual([]);
  });
});

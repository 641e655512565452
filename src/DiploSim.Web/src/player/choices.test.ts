import { describe, expect, it } from 'vitest';
import { view } from '../test/fixtures';

type Ledger = NonNullable<Parameters<typeof view>[0]>['Ledger'];
import { changeText, choicesOf, previewNote } from './Composer';

describe('choicesOf', () => {
  it('offers the proposals addressed to the seat it has not accepted, its agreements in force and the deliveries it sells', () => {
    const terms = { TariffCeiling: null, TradeTarget: null, EnergyVolumeMbd: null, EnergyDiscount: null, MaxUsdShare: null, Supplier: null };
    const v = view({
      Proposals: [
        { Id: 'mine', Proposer: 'IND', Agreement: 'FreeTrade', Parties: ['IND', 'RUS'], Terms: terms, Turn: 0, AcceptedBy: [] },
        { Id: 'to-me', Proposer: 'RUS', Agreement: 'VisaFacilitation', Parties: ['RUS', 'IND'], Terms: terms, Turn: 0, AcceptedBy: [] },
        { Id: 'accepted', Proposer: 'USA', Agreement: 'FreeTrade', Parties: ['USA', 'IND'], Terms: terms, Turn: 0, AcceptedBy: ['IND'] },
        { Id: 'not-mine', Proposer: 'USA', Agreement: 'FreeTrade', Parties: ['USA', 'EU'], Terms: terms, Turn: 0, AcceptedBy: [] },
      ],
      Ledger: {
        Country: 'IND', Turn: 0, Trade: [], ArmsSuppliers: [],
        Energy: { Bill: 1, BillShareOfGdp: 0.01, NetOilImportsMbd: 4, OilPrice: 63, PriceCapMember: false, DiscountedCrude: [] },
        Deliveries: [
          { Id: 'sold', Buyer: 'RUS', Seller: 'IND', System: 'BrahMos', Value: 2, DueTurn: 3, Status: 'OnTime' },
          { Id: 'bought', Buyer: 'IND', Seller: 'RUS', System: 'S-400', Value: 1, DueTurn: 2, Status: 'Delayed' },
        ],
        Agreements: [
          { Id: 'relos', Kind: 'Logistics', Parties: ['IND', 'RUS'], Terms: terms, SignedTurn: 0, Status: 'InForce', Progress: 1, Breaches: 0, LastBreachedBy: null, InBreach: false },
          { Id: 'gone', Kind: 'FreeTrade', Parties: ['IND', 'EU'], Terms: terms, SignedTurn: 0, Status: 'Withdrawn', Progress: 1, Breaches: 0, LastBreachedBy: null, InBreach: false },
          { Id: 'others', Kind: 'FreeTrade', Parties: ['USA', 'EU'], Terms: terms, SignedTurn: 0, Status: 'InForce', Progress: 1, Breaches: 0, LastBreachedBy: null, InBreach: false },
        ],
      } as Ledger,
    });
    const c = choicesOf(v);
    expect(c.me).toBe('IND');
    expect(c.others).toEqual(['RUS']);
    expect(c.proposals.map((p) => p.id)).toEqual(['to-me']);
    expect(c.agreements.map((a) => a.id)).toEqual(['relos']);
    expect(c.deliveries.map((d) => d.id)).toEqual(['sold']);
  });
});

describe('previewNote', () => {
  const preview = (change: number) => ({
    Description: 'India proposes a connectivity corridor to Russia', Cost: 1, Capital: 5, Target: 'RUS', Refusal: null,
    Effects: [{ Indicator: 'gdp', Without: 4163.8, With: 4163.8 + change }, { Indicator: 'trustOfTarget', Without: 55, With: 55 }],
  });

  it('says why a proposal\'s preview is all zeros, and nothing of a move that changes something', () => {
    expect(previewNote('ProposeAgreement', preview(0))).toContain('every partner accepts');
    expect(previewNote('CounterProposal', preview(0))).toContain('every partner accepts');
    expect(previewNote('ProposeAgreement', preview(0.2))).toBeNull();
    expect(previewNote('SetTariff', preview(0))).toBeNull();
  });
});

describe('changeText', () => {
  it('writes a change too small to show as a grey 0.00, not a red -0.00', () => {
    expect(changeText(-0.0004, 2)).toEqual({ text: '0.00', tone: 'muted' });
    expect(changeText(0.004, 2)).toEqual({ text: '0.00', tone: 'muted' });
    expect(changeText(-0.04, 1)).toEqual({ text: '0.0', tone: 'muted' });
  });

  it('writes a change it can show with its sign and colour', () => {
    expect(changeText(0.49, 2)).toEqual({ text: '+0.49', tone: 'ok' });
    expect(changeText(-0.05, 2)).toEqual({ text: '-0.05', tone: 'refused' });
    expect(changeText(-1.54, 1)).toEqual({ text: '-1.5', tone: 'refused' });
  });
});

import { describe, expect, it } from 'vitest';
import { surpriseEvent, type SurpriseForm } from './surprise';

const form = (over: Partial<SurpriseForm>): SurpriseForm => ({
  kind: 'Gdp', country: 'USA', other: 'CHN', sector: 'Technology', gdp: '-2', oil: '3', demand: '1.5', share: '60', haltTurns: '2', rate: '25', inTurns: '2', ...over,
});

describe('a surprise event from the teacher’s form', () => {
  it('announces a tariff that takes effect in a few turns, so importers can buy ahead of it', () => {
    const { body, effect } = surpriseEvent(form({ kind: 'Tariff' }));
    expect(effect).toEqual({ Kind: 'TariffAnnouncement', Turns: 2, Policy: { Kind: 'SetTariff', Actor: 'USA', Target: 'CHN', Sector: 'Technology', Rate: 0.25 } });
    expect(body).toBe('The United States announces a 25% tariff on technology from China, to take effect in 2 turns: importers buy ahead of it until then, and less for a while after.');
  });

  it('says next turn for a tariff one turn away', () => {
    expect(surpriseEvent(form({ kind: 'Tariff', inTurns: '1' })).body).toContain('to take effect next turn');
  });

  it('sets a tariff at once when it takes effect in no turns, on all goods when none is chosen', () => {
    const { body, effect } = surpriseEvent(form({ kind: 'Tariff', inTurns: '0', sector: '', rate: '10', country: 'IND', other: 'RUS' }));
    expect(effect).toEqual({ Kind: 'Policy', Policy: { Kind: 'SetTariff', Actor: 'IND', Target: 'RUS', Rate: 0.1 } });
    expect(body).toBe('India puts a 10% tariff on all goods from Russia, from this turn.');
  });

  it('halts a share of purchases for the turns given', () => {
    const { effect } = surpriseEvent(form({ kind: 'PurchaseHalt', country: 'CHN', other: 'USA', sector: 'Agriculture' }));
    expect(effect).toEqual({ Kind: 'PurchaseHalt', Actor: 'CHN', Other: 'USA', Sector: 'Agriculture', Fraction: 0.6, Turns: 2 });
  });

  it('writes an expected oil loss as a negative change of supply and a GDP change as a fraction', () => {
    expect(surpriseEvent(form({ kind: 'OilOutlook', oil: '3' })).effect).toEqual({ Kind: 'OilOutlook', Delta: -3 });
    expect(surpriseEvent(form({ kind: 'Gdp', country: 'IND', gdp: '-2' })).effect).toEqual({ Kind: 'Gdp', Actor: 'IND', Fraction: -0.02 });
  });
});

import { describe, expect, it } from 'vitest';
import { catalogue, fieldOfRefusal, initialValues, moveKinds, optionsOf, readMove, summary, type Choices } from './catalogue';

const choices: Choices = {
  me: 'IND',
  others: ['CHN', 'RUS', 'USA'],
  proposals: [{ id: 'RUS-0-ab', label: 'RUS: FreeTrade' }],
  agreements: [{ id: 'relos', label: 'relos' }],
  deliveries: [{ id: 'd1', label: 'S-400' }],
};

describe('the move catalogue', () => {
  it('has a form for every kind whose first values (and a partner picked) read as a move of that kind', () => {
    for (const kind of moveKinds) {
      const values = initialValues(kind, choices);
      if ('Partners' in values) {
        expect(values.Partners, kind).toBe('');
        values.Partners = 'RUS';
      }
      const { move, errors } = readMove(kind, values, { ProposalId: 'p1', NewProposalId: 'p2' });
      expect(errors, kind).toEqual({});
      expect(move?.Kind).toBe(kind);
    }
  });

  it('offers the other actors, the seat itself as a possible energy supplier, and "none" for an optional field', () => {
    const target = catalogue.SetTariff.fields[0];
    expect(optionsOf(target, choices).map((o) => o.value)).toEqual(['CHN', 'RUS', 'USA']);
    const supplier = catalogue.ProposeAgreement.fields.find((f) => f.wire === 'Terms.Supplier')!;
    expect(optionsOf(supplier, choices).map((o) => o.value)).toEqual(['', 'IND', 'CHN', 'RUS', 'USA']);
    const answer = catalogue.AnswerProposal.fields[0];
    expect(optionsOf(answer, choices).map((o) => o.value)).toEqual(['RUS-0-ab']);
  });
});

describe('readMove', () => {
  it('sends a percentage as a fraction and leaves an optional field out', () => {
    const { move } = readMove('SetTariff', { Target: 'RUS', Sector: '', Rate: '60' });
    expect(move).toEqual({ Kind: 'SetTariff', Target: 'RUS', Rate: 0.6 });
  });

  it('marks each required field left empty, and a number that is not one', () => {
    const { move, errors } = readMove('OrderArms', { Target: '', System: 'Su-57', Value: 'lots', DeliveryTurns: '2.5' });
    expect(move).toBeNull();
    expect(errors).toEqual({ Target: 'required', Value: 'a number', DeliveryTurns: 'a whole number' });
  });

  it('asks for at least one partner', () => {
    expect(readMove('HoldSummit', { Partners: '' }).errors).toEqual({ Partners: 'pick at least one' });
    expect(readMove('HoldSummit', { Partners: 'RUS,CHN' }).move).toEqual({ Kind: 'HoldSummit', Partners: ['RUS', 'CHN'] });
  });

  it('puts an agreement\'s terms together and writes the new proposal\'s id', () => {
    const { move } = readMove('ProposeAgreement', { Partners: 'RUS', Agreement: 'EnergyContract', 'Terms.EnergyVolumeMbd': '0.4', 'Terms.EnergyDiscount': '5', 'Terms.Supplier': 'RUS' }, { ProposalId: 'IND-0-x' });
    expect(move).toEqual({ Kind: 'ProposeAgreement', ProposalId: 'IND-0-x', Partners: ['RUS'], Agreement: 'EnergyContract', Terms: { EnergyVolumeMbd: 0.4, EnergyDiscount: 0.05, Supplier: 'RUS' } });
  });

  it('reads a yes/no field as a flag', () => {
    expect(readMove('SetPriceCapStance', { Join: 'false' }).move).toEqual({ Kind: 'SetPriceCapStance', Join: false });
    expect(readMove('AnswerProposal', { ProposalId: 'p', Accept: 'true' }).move).toEqual({ Kind: 'AnswerProposal', ProposalId: 'p', Accept: true });
  });
});

describe('fieldOfRefusal', () => {
  // Reasons as the model words them (src/DiploSim.Core/Moves/MoveRules.cs and src/DiploSim.Contracts/MoveMapping.cs).
  it.each([
    ['SetTariff', 'tariff rate 300% is outside 0–200%', { Target: 'RUS' }, 'Rate'],
    ['SetTariff', 'IND cannot target itself', { Target: 'IND' }, 'Target'],
    ['SetSanction', "IND's trade sanctions on RUS are already targeted", { Target: 'RUS' }, 'Level'],
    ['ThreatenSecondarySanctions', 'IND must sanction RUS before threatening those who deal with it', { Target: 'RUS' }, 'Target'],
    ['OrderArms', 'an order\'s value must be between 0 and 50 USD bn', { Target: 'RUS' }, 'Value'],
    ['OrderArms', 'delivery must be due in 1 to 40 turns', { Target: 'RUS' }, 'DeliveryTurns'],
    ['OrderArms', 'USA has no arms industry to sell from', { Target: 'USA' }, 'Target'],
    ['BuyDiscountedCrude', 'USA is not a net oil exporter', { Target: 'USA' }, 'Target'],
    ['BuyDiscountedCrude', 'volume 9 mb/d exceeds what can be traded (1.2 mb/d)', { Target: 'RUS' }, 'VolumeMbd'],
    ['Invest', 'investment must be more than 0 and at most 39.5 USD bn', {}, 'Amount'],
    ['GiveAid', 'aid must be more than 0 and at most 19.7 USD bn', { Target: 'RUS' }, 'Amount'],
    ['ProposeAgreement', 'the energy discount must be between 0 and 50%', { Partners: 'RUS' }, 'Terms.EnergyDiscount'],
    ['ProposeAgreement', 'a strategic partnership between IND and RUS is already in force (x)', { Partners: 'RUS' }, 'Partners'],
    ['ProposeAgreement', 'no corridor route links USA and EU in this scenario; its routes: Northern Sea Route (CHN, RUS)', { Partners: 'EU' }, 'Partners'],
    ['SetBlocMembership', "unknown bloc 'G8'", { Bloc: 'G8' }, 'Bloc'],
    ['Diversify', "payments can only be diversified away from the dollar's issuer, USA", { Target: 'RUS' }, 'Target'],
    ['GiveAid', "malformed GiveAid move: 'amount' is required", {}, 'Amount'],
  ] as const)('%s: "%s" goes beside %s', (kind, reason, values, field) => {
    expect(fieldOfRefusal(kind, reason, values)).toBe(field);
  });

  it('leaves a reason about the move as a whole beside the move', () => {
    expect(fieldOfRefusal('MakeStatement', 'needs 1 political capital, 0 left', { Target: 'RUS' })).toBeNull();
  });
});

describe('summary', () => {
  it('names the move and what was chosen in plain words: countries by name, percentages in percent, enum values in words', () => {
    expect(summary({ Kind: 'SetTariff', Target: 'RUS', Rate: 0.6 })).toBe('Set a tariff (tax on imports) · Russia · 60%');
    expect(summary({ Kind: 'ProposeAgreement', ProposalId: 'IND-0-ab12', Partners: ['RUS', 'CHN'], Agreement: 'StrategicPartnership' }))
      .toBe('Propose an agreement · Russia, China · strategic partnership');
  });
});

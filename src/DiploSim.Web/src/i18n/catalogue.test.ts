import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { countryColours, spareColours } from '../generated/colours';
import * as contract from '../generated/contract';
import { en } from './en';
import { eventText } from '../session/words';
import { clock, countryAtStart, countryColour, countryInSentence, countryName, label, plain, say, sayCountries } from './index';

// Every enum the generated contract declares (Core's and the session's), by its name in the contract.
const enums: [string, { options: readonly string[] }][] = (Object.entries(contract) as [string, unknown][])
  .filter((e): e is [string, z.ZodEnum] => e[1] instanceof z.ZodEnum)
  .map(([name, schema]) => [name, { options: schema.options as string[] }]);

describe('the string catalogue', () => {
  it('puts "the" before a country name that takes it inside a sentence, and only there', () => {
    expect(countryInSentence('USA')).toBe('the United States');
    expect(countryInSentence('EU')).toBe('the European Union');
    expect(countryInSentence('IND')).toBe('India');
    expect(countryName('USA')).toBe('United States');
  });

  it('capitalises the article of a name that opens a sentence: "The United States", "The European Union", and India without one', () => {
    expect(countryAtStart('USA')).toBe('The United States');
    expect(countryAtStart('EU')).toBe('The European Union');
    expect(countryAtStart('IND')).toBe('India');
    // A template names its countries as their place needs: at its start, after a full stop, or inside the sentence.
    expect(sayCountries(en.events.MovesSubmitted, { country: 'USA' })).toBe('The United States sent its moves');
    expect(sayCountries(en.events.MessageSent, { country: 'EU', to: 'USA' })).toBe('The European Union wrote to the United States');
    expect(sayCountries(en.events.MessageSent, { country: 'IND', to: 'EU' })).toBe('India wrote to the European Union');
    expect(sayCountries(en.events.SeatAssigned, { country: 'USA' }, { player: 'alice' })).toBe('alice took the seat of the United States');
    expect(sayCountries(en.events.PlayerReturned, { country: 'USA' })).toBe('The United States’ player is back');
    expect(sayCountries(en.events.PlayerReturned, { country: 'IND' })).toBe('India’s player is back');
    expect(sayCountries(en.end.broken, { country: 'EU', partners: ['USA', 'IND'] }, { agreement: 'free-trade agreement' })).toBe('The European Union breaks the free-trade agreement with the United States & India');
    expect(sayCountries(en.end.signed, { parties: ['USA', 'EU'] }, { agreement: 'free-trade agreement' })).toBe('The United States & the European Union sign a free-trade agreement');
    expect(sayCountries('Turn 2 is over. {country} sends its moves.', { country: 'EU' })).toBe('Turn 2 is over. The European Union sends its moves.');
    expect(sayCountries(en.teacher.shockShrinks, { country: 'USA' }, { percent: 5 })).toBe('The United States’ economy shrinks by 5%.');
    expect(sayCountries(en.indicators.trustOfTarget, { target: 'EU' })).toBe('The European Union’s trust in you');
    // The log's lines, as the news panel and the console's activity show them.
    const event = (Kind: string, Country: string, To: string | null = null) => ({ Sequence: 1, AtMs: 0, By: 'x', Kind, Text: '', Country, To, Player: 'alice' }) as Parameters<typeof eventText>[0];
    expect(eventText(event('MovesSubmitted', 'USA'))).toBe('The United States sent its moves');
    expect(eventText(event('ReadinessChanged', 'EU'))).toBe('The European Union is ready');
    expect(eventText(event('MovesSubmitted', 'IND'))).toBe('India sent its moves');
    expect(eventText(event('MessageSent', 'IND', 'USA'))).toBe('India wrote to the United States');
  });

  it('heads the final scores\' goals column with the glossary\'s name for that score out of 100, not "Goals met", which reads as a count', () => {
    expect(en.end.scoresHead[2]).toBe(en.glossary.goals.term);
    expect(en.end.outOf).toBe('Both out of 100.');
  });

  it('titles the score chart as the tables head their score column, without the model\'s word "utility"', () => {
    expect(en.charts.utility).toBe(en.screen.indicatorsHead[4]);
    expect(en.charts.utility).toBe(en.teacher.seatsHead[8]);
  });

  it('has words for every value of every enum of the generated contract', () => {
    expect(enums.length).toBeGreaterThan(10);
    const missing: string[] = [];
    for (const [name, schema] of enums) {
      const table = (en.enums as Record<string, Record<string, string> | undefined>)[name];
      for (const value of schema.options) {
        const words = table?.[value];
        if (!words || words === value) missing.push(`${name}.${value}`);
      }
    }
    expect(missing).toEqual([]);
  });

  it('never gives an enum name as the words for a value', () => {
    const names = new Set(enums.flatMap(([, s]) => s.options.filter((v) => /[a-z][A-Z]/.test(v))));
    for (const table of Object.values(en.enums)) {
      for (const text of Object.values(table)) {
        for (const name of names) expect(text, `"${text}" contains ${name}`).not.toContain(name);
      }
    }
  });

  it('fills placeholders and names countries, and keeps one colour per country', () => {
    expect(say(en.player.submitted, { turn: 3 })).toBe('Moves sent for turn 3.');
    expect(countryName('IND')).toBe('India');
    expect(label('AgreementKind', 'StrategicPartnership')).toBe('strategic partnership');
    expect(label('MoveKind', 'SetTariff')).not.toContain('SetTariff');
    expect(countryColour('IND')).toBe(countryColour('IND'));
    expect(new Set(['IND', 'RUS', 'CHN', 'USA', 'EU'].map(countryColour)).size).toBe(5);
    // The table is generated from C#'s CountryColours; a code outside it takes a spare colour, the same every time.
    for (const [code, colour] of countryColours) expect(countryColour(code)).toBe(colour);
    expect(spareColours).toContain(countryColour('ROW'));
    expect(countryColour('SAU')).toBe('#0969da');
    expect(countryColour('constructor')).toMatch(/^#[0-9a-f]{6}$/);
  });

  it('says what a teacher’s command did in a sentence about the game, not in the button’s name and "done"', () => {
    for (const [command, text] of Object.entries(en.teacher.done)) {
      expect(text, command).toMatch(/^[A-Z{][^]*\.$/);
      expect(text, command).not.toMatch(/\bdone\b/);
    }
    expect(say(en.teacher.done.resolve, { turn: 3 })).toBe('Turn 3 is over.');
    expect(sayCountries(en.teacher.done.freeSeat, { country: 'RUS' })).toBe('Russia’s seat is free: the computer plays it until someone takes it.');
    expect(sayCountries(en.teacher.done.freeSeat, { country: 'USA' })).toBe('The United States’ seat is free: the computer plays it until someone takes it.');
  });

  it('writes every time on the 24-hour clock with seconds, past noon and just after midnight', () => {
    expect(clock(new Date(2026, 11, 4, 16, 5, 9).getTime())).toBe('16:05:09');
    expect(clock(new Date(2026, 11, 4, 0, 7, 0).getTime())).toBe('00:07:00');
  });

  it('shows a join code the length the server makes them, in a hint short enough for the lobby\'s box', () => {
    // Codes are six letters and digits (SessionRegistryGrain.CodeLength); the box is about 20 characters wide.
    expect(en.lobby.joinCodeHint).toMatch(/\b[A-Z0-9]{6}\b/);
    expect(en.lobby.joinCodeHint.length).toBeLessThanOrEqual(20);
  });

  it('makes server text plain: codes become names, generated proposal ids go', () => {
    expect(plain('RUS accepts proposal IND-0-o873')).toBe('Russia accepts India’s proposal');
    expect(plain('Not every partner answered proposal EU-IND-VisaFacilitation-1 in time')).toBe('Not every partner answered the European Union’s proposal (easier-visas deal) in time');
    expect(plain('EU-IND-VisaFacilitation-1 lapses. RUS accepts USA-2-ab12')).toBe('The European Union’s proposal (easier-visas deal) lapses. Russia accepts the United States’ proposal');
    // A player's proposal id does not name its agreement: the seat's proposals do.
    expect(plain('RUS accepts proposal IND-0-o873', [{ Id: 'IND-0-o873', Agreement: 'FreeTrade' }])).toBe('Russia accepts India’s proposal (free-trade agreement)');
    expect(plain('RUS accepts proposal IND-0-o873', [{ Id: 'IND-0-zzzz', Agreement: 'FreeTrade' }])).toBe('Russia accepts India’s proposal');
    expect(plain('IND sets a 60% tariff on all goods from RUS')).toBe('India sets a 60% tariff on all goods from Russia');
    expect(plain("Importers in IND pay the tariff in full, so USA's goods get dearer there")).toBe("Importers in India pay the tariff in full, so the United States' goods get dearer there");
    // Inside a sentence a name that takes "the" gets it, at the start of one a capital "The"; after "the", joined to
    // another name by a dash or opening a bracket's list, the bare name.
    expect(plain('Importers in USA pay the tariff in full. USA sets a tariff on the EU')).toBe('Importers in the United States pay the tariff in full. The United States sets a tariff on the European Union');
    expect(plain('USA sets a 50% tariff on IND')).toBe('The United States sets a 50% tariff on India');
    expect(plain('EU sanctions RUS')).toBe('The European Union sanctions Russia');
    expect(plain('USA and EU sign a free-trade agreement')).toBe('The United States and the European Union sign a free-trade agreement');
    expect(plain("USA's trust in RUS falls; RUS's crude")).toBe("The United States' trust in Russia falls; Russia's crude");
    expect(plain('Shock: USA halts purchases (EU, IND)')).toBe('Shock: the United States halts purchases (European Union, India)');
    expect(plain('IND–USA trade surges 12%')).toBe('India–United States trade surges 12%');
    expect(plain('USA–IND trade slumps 8%')).toBe('United States–India trade slumps 8%');
  });

  it('has a glossary entry, with how the model computes it, for every number a page shows', () => {
    for (const key of ['capital', 'utility', 'gdp', 'growth', 'stability', 'trust', 'prosperity', 'security', 'military', 'energySecurity', 'autonomy', 'influence', 'goals', 'moves']) {
      const entry = (en.glossary as Record<string, { means: string; computed: string } | undefined>)[key];
      expect(entry?.means, key).toBeTruthy();
      expect(entry?.computed, key).toBeTruthy();
    }
  });
});

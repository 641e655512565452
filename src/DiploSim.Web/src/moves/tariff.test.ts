import { describe, expect, it } from 'vitest';
import type { AnnouncedTariff, RelationView } from '../generated/contract';
import { readMove } from './catalogue';
import { announcedFormLines, announcedLine, announcedSentences, tariffLine, tariffRange, theirTariffLine } from './tariff';

// Sectors in Core's order: energy, weapons, farm goods, medicines, industrial goods, technology, other goods.
const relations: RelationView[] = [
  { Other: 'RUS', TrustIn: 60, TrustFrom: 55, ExportsTo: 5, ImportsFrom: 60, Tariffs: [0.25, 0, 0, 0, 0, 0, 0], TariffsFrom: [0.1, 0, 0.05, 0, 0, 0, 0] },
  { Other: 'USA', TrustIn: 40, TrustFrom: 35, ExportsTo: 80, ImportsFrom: 40, Tariffs: [0.1, 0.1, 0.1, 0.1, 0.1, 0.1, 0.1], TariffsFrom: [0.5, 0.5, 0.5, 0.5, 0.5, 0.5, 0.5] },
];

describe('the tariff form', () => {
  it('says the rate in force on the chosen goods and whether the new rate raises or cuts it', () => {
    expect(tariffLine(relations, 'RUS', 'Energy', '10')).toBe('Your tariff on energy from Russia now: 25%. Setting 10% cuts it by 15 points.');
    expect(tariffLine(relations, 'RUS', 'Pharma', '10')).toBe('Your tariff on medicines from Russia now: 0%. Setting 10% raises it by 10 points.');
    expect(tariffLine(relations, 'USA', 'Energy', '10')).toBe('Your tariff on energy from the United States now: 10%. Setting 10% keeps it as it is.');
  });

  it('says the one rate on all goods, or their range and what one rate for all does to them', () => {
    expect(tariffLine(relations, 'USA', '', '35')).toBe('Your tariff on all goods from the United States now: 10%. Setting 35% raises it by 25 points.');
    expect(tariffLine(relations, 'RUS', '', '10')).toBe('Your tariffs on goods from Russia now: 0% to 25%, by kind of goods. Setting 10% on all goods raises some and cuts others.');
    expect(tariffLine(relations, 'RUS', '', '30')).toBe('Your tariffs on goods from Russia now: 0% to 25%, by kind of goods. Setting 30% on all goods raises those below it and cuts none.');
    expect(tariffLine(relations, 'RUS', '', '0')).toBe('Your tariffs on goods from Russia now: 0% to 25%, by kind of goods. Setting 0% on all goods cuts those above it and raises none.');
  });

  it('says the rate in force alone while the new rate is not a number, and nothing before a partner is chosen', () => {
    expect(tariffLine(relations, 'RUS', 'Energy', '')).toBe('Your tariff on energy from Russia now: 25%.');
    expect(tariffLine(relations, 'CHN', 'Energy', '10')).toBeNull();
  });

  it('says what the partner charges on the seat\'s goods beside the seat\'s own rate: the chosen kind, one rate for all, or their range', () => {
    expect(theirTariffLine(relations, 'RUS', 'Energy')).toBe('Russia’s tariff on your energy: 10%.');
    expect(theirTariffLine(relations, 'RUS', 'Agriculture')).toBe('Russia’s tariff on your farm goods: 5%.');
    expect(theirTariffLine(relations, 'RUS', '')).toBe('Russia’s tariffs on your goods: 0% to 10%, by kind of goods.');
    expect(theirTariffLine(relations, 'USA', 'Energy')).toBe('The United States’ tariff on your energy: 50%.');
    expect(theirTariffLine(relations, 'USA', '')).toBe('The United States’ tariff on all your goods: 50%.');
    expect(theirTariffLine(relations, 'CHN', 'Energy')).toBeNull();
  });

  it('writes a relation\'s rates for the tariffs table as one rate or their range', () => {
    expect(tariffRange(relations[0].Tariffs)).toBe('0–25%');
    expect(tariffRange(relations[0].TariffsFrom)).toBe('0–10%');
    expect(tariffRange(relations[1].TariffsFrom)).toBe('50%');
  });
});

describe('a tariff announced for a later turn', () => {
  it('says when it takes effect and that importers buy ahead of it, and nothing for this turn', () => {
    expect(announcedLine('3')).toBe('Announced now, it takes effect in 3 turns: until then importers buy ahead of it, and less for a while after.');
    expect(announcedLine('1')).toContain('takes effect next turn');
    for (const text of ['', ' ', '0', '-2', '1.5', 'soon']) expect(announcedLine(text)).toBeNull();
  });

  it('is read from the tariff form as the turns until it takes effect, and left out when blank', () => {
    expect(readMove('SetTariff', { Target: 'CHN', Sector: 'Technology', Rate: '25', InTurns: '2' }).move).toEqual({ Kind: 'SetTariff', Target: 'CHN', Sector: 'Technology', Rate: 0.25, InTurns: 2 });
    expect(readMove('SetTariff', { Target: 'CHN', Sector: '', Rate: '25', InTurns: '' }).move).toEqual({ Kind: 'SetTariff', Target: 'CHN', Rate: 0.25 });
    expect(readMove('SetTariff', { Target: 'CHN', Sector: '', Rate: '25', InTurns: '1.5' }).errors.InTurns).toBeDefined();
  });
});

// Tariffs announced and not yet in force, as the view carries them; the seat is India.
const announced: AnnouncedTariff[] = [
  { Importer: 'IND', Exporter: 'USA', Sector: 'Technology', Rate: 0.25, EffectiveTurn: 5 },
  { Importer: 'CHN', Exporter: 'RUS', Sector: null, Rate: 0.1, EffectiveTurn: 3 },
  { Importer: 'USA', Exporter: 'IND', Sector: 'Technology', Rate: 0.25, EffectiveTurn: 5 },
  { Importer: 'USA', Exporter: 'IND', Sector: null, Rate: 0.6, EffectiveTurn: 9 },
];

describe('tariffs announced and not yet in force', () => {
  it('say who taxes whose goods from which turn, those on the seat\'s goods first, then its own, then the others\'', () => {
    expect(announcedSentences(announced, 'IND')).toEqual([
      'The United States has announced 25% on your technology from turn 5.',
      'The United States has announced 60% on all your goods from turn 9.',
      'You have announced 25% on technology from the United States from turn 5.',
      'China has announced 10% on all goods from Russia from turn 3.',
    ]);
  });

  it('say each one as a page with no seat reads it, the teacher\'s', () => {
    expect(announcedSentences(announced.slice(0, 2), null)).toEqual([
      'China has announced 10% on all goods from Russia from turn 3.',
      'India has announced 25% on technology from the United States from turn 5.',
    ]);
  });

  it('say in the tariff form the seat\'s own announcement on those goods against the rate now, and the partner\'s on the seat\'s', () => {
    expect(announcedFormLines(relations, announced, 'IND', 'USA', 'Technology')).toEqual({
      mine: ['Announced: 25% from turn 5 (now 10%). A tariff you set on these goods replaces it.'],
      theirs: ['The United States has announced 25% on your technology from turn 5.', 'The United States has announced 60% on all your goods from turn 9.'],
    });
    // Other goods: only the partner's announcement on all goods covers them.
    expect(announcedFormLines(relations, announced, 'IND', 'USA', 'Energy')).toEqual({ mine: [], theirs: ['The United States has announced 60% on all your goods from turn 9.'] });
  });

  it('name the goods in the tariff form set to all goods, and say nothing for a partner with none or before one is chosen', () => {
    expect(announcedFormLines(relations, announced, 'IND', 'USA', '').mine).toEqual(['Announced on technology: 25% from turn 5 (now 10%). A tariff you set on these goods replaces it.']);
    expect(announcedFormLines(relations, [{ Importer: 'IND', Exporter: 'RUS', Sector: null, Rate: 0.3, EffectiveTurn: 4 }], 'IND', 'RUS', '').mine).toEqual(['Announced on all goods: 30% from turn 4 (now 0–25%). A tariff you set on these goods replaces it.']);
    expect(announcedFormLines(relations, announced, 'IND', 'RUS', 'Energy')).toEqual({ mine: [], theirs: [] });
    expect(announcedFormLines(relations, announced, 'IND', '', '')).toEqual({ mine: [], theirs: [] });
  });
});

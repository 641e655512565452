import { describe, expect, it } from 'vitest';
import { announcementTurns, type AnnouncedTariff, type RelationsMap, type RelationView } from '../generated/contract';
import { catalogue, readMove } from './catalogue';
import { announcedFormLines, announcedLine, announcedSentences, tariffBoard, tariffLine, tariffRange, theirTariffLine } from './tariff';

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

  it('is asked for with the range the model takes, the same on a phone and a laptop (the field\'s hint)', () => {
    const field = catalogue.SetTariff.fields.find((f) => f.wire === 'InTurns');
    expect(announcementTurns).toBe(20);
    expect(field?.hint).toBe('0 (this turn) to 20');
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

// The public network of five, as the classroom screen reads it: A's rates on B's goods (TariffsAB) and B's on A's, by sector.
const five = ['IND', 'RUS', 'CHN', 'USA', 'EU'];
const all = (rate: number) => [rate, rate, rate, rate, rate, rate, rate];
const link = (A: string, B: string, TariffsAB: number[], TariffsBA: number[]) => ({ A, B, TrustAB: 0, TrustBA: 0, Trade: 1, TariffsAB, TariffsBA });
const network = (over: Partial<RelationsMap> = {}): RelationsMap => ({
  Turn: 3,
  Actors: five.map((Id) => ({ Id, Name: Id, Gdp: 1000 })),
  Links: [
    link('IND', 'USA', [0.05, 0, 0.35, 0.12, 0.12, 0.12, 0.12], [0, 0, 0.5, 0, 0.5, 0, 0.5]),
    link('IND', 'RUS', [0.05, 0, 0.35, 0.12, 0.12, 0.12, 0.12], all(0.06)),
    link('CHN', 'USA', [0.2, 0.2, 0.25, 0.2, 0.2, 0.2, 0.2], [0.1, 0.35, 0.25, 0.1, 0.35, 0.35, 0.35]),
    link('RUS', 'USA', all(0.06), all(0.35)),
    link('EU', 'USA', [0, 0.02, 0.08, 0.02, 0.02, 0.02, 0.02], [0, 0, 0.15, 0.15, 0.15, 0.15, 0.15]),
    link('CHN', 'RUS', all(0.07), all(0.06)),
  ],
  Announced: [],
  ...over,
});

describe('the classroom screen\'s tariffs', () => {
  it('list those in force of 15% or more, highest first, one line per rate on the goods one country taxes from one or more others', () => {
    const board = tariffBoard(network(), 20);
    expect(board.inForce).toEqual([
      'United States on India’s farm goods, industrial goods & other goods: 50%',
      // India's 35% on the farm goods of two countries is one line; the everyday 12% and 5% are left out.
      'India on farm goods from Russia & the United States: 35%',
      'United States on all goods from Russia: 35%',
      // Most kinds of goods: those left out are named instead.
      'United States on all goods from China but energy, farm goods & medicines: 35%',
      'China on the United States’ farm goods: 25%',
      'United States on China’s farm goods: 25%',
      'China on all goods from the United States but farm goods: 20%',
      'United States on all goods from the European Union but energy & weapons: 15%',
    ]);
    expect(board.more).toBe(0);
    expect(board.announced).toEqual([]);
  });

  it('keep the highest few in force and count the lines left out', () => {
    const board = tariffBoard(network(), 3);
    expect(board.inForce).toEqual([
      'United States on India’s farm goods, industrial goods & other goods: 50%',
      'India on farm goods from Russia & the United States: 35%',
      'United States on all goods from Russia: 35%',
    ]);
    expect(board.more).toBe(5);
  });

  it('list every tariff announced with the turn it takes effect, in the order the network gives them (soonest first)', () => {
    const announced: AnnouncedTariff[] = [
      { Importer: 'USA', Exporter: 'CHN', Sector: 'Technology', Rate: 0.25, EffectiveTurn: 5 },
      { Importer: 'CHN', Exporter: 'USA', Sector: null, Rate: 0.3, EffectiveTurn: 6 },
      { Importer: 'EU', Exporter: 'RUS', Sector: 'Energy', Rate: 0.05, EffectiveTurn: 7 },
    ];
    expect(tariffBoard(network({ Announced: announced }), 0).announced).toEqual([
      'United States on China’s technology: 25% from turn 5',
      'China on all goods from the United States: 30% from turn 6',
      // Announced, even under the floor of the rates in force: a change the room should read.
      'European Union on Russia’s energy: 5% from turn 7',
    ]);
  });

  it('say nothing of rates that are not one per kind of goods or not numbers, and nothing for a network without tariffs', () => {
    const odd = network({ Links: [link('IND', 'USA', [0.5, 0.5], [NaN, NaN, NaN, NaN, NaN, NaN, NaN]), link('CHN', 'USA', [], all(Infinity))] });
    expect(tariffBoard(odd, 10)).toEqual({ announced: [], inForce: [], more: 0 });
    expect(tariffBoard(network({ Links: [] }), 10)).toEqual({ announced: [], inForce: [], more: 0 });
  });
});

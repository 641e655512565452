import { describe, expect, it } from 'vitest';
import type { CountryLedger as Ledger } from '../generated/contract';
import { turn } from '../test/fixtures';
import { words } from '../i18n';
import { indicatorChart, latest, scoreChart, sectorChart, series, startOf, tradeChart, utility, utilityChart, waitsForTurns } from './data';

const change = (subject: string, indicator: string, before: number, after: number) => ({ Subject: subject, Indicator: indicator, Before: before, After: after });

describe('chart data', () => {
  it('fills the start from the first change and carries a value forward through turns where it did not move', () => {
    const history = [turn(0), turn(1, { Changes: [change('IND', 'gdp', 100, 102)] }), turn(2), turn(3, { Changes: [change('IND', 'gdp', 102, 101)] })];
    expect(series(history, 'IND', 'gdp')).toEqual([100, 100, 102, 102, 101]);
    expect(series(history, 'RUS', 'gdp')).toEqual([null, null, null, null, null]);
  });

  it('labels the start and each turn, and names each country with its fixed colour', () => {
    const chart = indicatorChart([turn(0), turn(1)], ['IND', 'RUS'], 'stability');
    expect(chart.labels).toEqual(['start', '0', '1']);
    expect(chart.x).toBe('Turn');
    expect(chart.datasets.map((d) => d.label)).toEqual(['India', 'Russia']);
    expect(chart.datasets[0].colour).toBe(indicatorChart([], ['CHN', 'IND'], 'growth').datasets[1].colour);
  });

  it('indexes GDP to the start with the figure kept for the tooltip, and gives growth in percent', () => {
    const history = [turn(0, { Changes: [change('IND', 'gdp', 4000, 4100), change('IND', 'growth', 0.06, 0.086)] })];
    const gdp = indicatorChart(history, ['IND'], 'gdp');
    expect(gdp.datasets[0].data).toEqual([100, 102.5]);
    expect(gdp.datasets[0].absolute).toEqual([4000, 4100]);
    expect(gdp.y).toContain('100');
    expect(indicatorChart(history, ['IND'], 'growth').datasets[0].data[1]).toBeCloseTo(8.6);
  });

  it('gives utility and scores from the end of turn 0, with no empty start point pushing the first to the right edge', () => {
    const score = { Actor: 'IND', Prosperity: 1, Security: 2, EnergySecurity: 3, Autonomy: 4, Influence: 5, Goals: 6, Utility: 0.7 };
    const history = [turn(0, { Scores: [score] })];
    expect(utility(history, 'IND')).toEqual([0.7]);
    const scores = scoreChart(history, 'IND');
    expect(scores.labels).toEqual(['0']);
    expect(scores.datasets.map((d) => d.data)).toEqual([[1], [2], [3], [4], [5]]);
    const util = utilityChart([...history, turn(1, { Scores: [{ ...score, Utility: 0.8 }] })], ['IND']);
    expect(util.labels).toEqual(['0', '1']);
    expect(util.datasets[0].data).toEqual([0.7, 0.8]);
    // Every point a label has is a figure: none of a chart's labels stands over an empty value.
    for (const chart of [scores, util, indicatorChart(history, ['IND'], 'gdp')]) expect(chart.datasets[0].data).toHaveLength(chart.labels.length);
  });

  it('waits for the first turn, and draws once one is played', () => {
    expect(waitsForTurns(utilityChart([], ['IND']))).toBe(true);
    expect(waitsForTurns(indicatorChart([], ['IND'], 'gdp'))).toBe(true);
    const played = [turn(0, { Changes: [change('IND', 'gdp', 4000, 4100)], Scores: [{ Actor: 'IND', Prosperity: 1, Security: 2, EnergySecurity: 3, Autonomy: 4, Influence: 5, Goals: 6, Utility: 0.7 }] })];
    expect(waitsForTurns(utilityChart(played, ['IND']))).toBe(false);
    expect(waitsForTurns(indicatorChart(played, ['IND'], 'gdp'))).toBe(false);
    expect(waitsForTurns(tradeChart([]))).toBe(false);
  });

  it('stacks trade with each partner by sector, exports plus imports', () => {
    const ledger = {
      Trade: [
        { Partner: 'RUS', Sector: 'Energy', Exports: 1, Imports: 50 },
        { Partner: 'RUS', Sector: 'Defence', Exports: 0, Imports: 3 },
        { Partner: 'USA', Sector: 'Energy', Exports: 2, Imports: 4 },
      ],
    } as unknown as Ledger;
    const chart = sectorChart(ledger, ['RUS', 'USA', 'CHN']);
    expect(chart.datasets).toEqual([{ label: 'energy', data: [51, 6, 0] }, { label: 'weapons', data: [3, 0, 0] }]);
    expect(chart.labels).toEqual(['Russia', 'United States', 'China']);
    // A bar is what the country sells and buys together: its title says so, or a student reads it as one way only.
    expect(words.charts.tradeSector).toContain('sold and bought');
  });
});

describe('latest', () => {
  const briefing = { Countries: [{ Country: 'IND', Gdp: 4125, TrendGrowth: 0.065, Stability: 68 }] } as unknown as Parameters<typeof latest>[1];

  it('gives a country\'s starting GDP, growth and stability from the briefing before the first turn is played', () => {
    expect([latest([], briefing, 'IND', 'gdp'), latest([], briefing, 'IND', 'growth'), latest([], briefing, 'IND', 'stability')]).toEqual([4125, 0.065, 68]);
  });

  it('gives the figure after the last turn once one is played, and nothing without a briefing or for a country it lacks', () => {
    const history = [turn(0, { Changes: [change('IND', 'gdp', 4125, 4183)] })];
    expect(latest(history, briefing, 'IND', 'gdp')).toBe(4183);
    expect(latest([], null, 'IND', 'gdp')).toBeNull();
    expect(latest([], briefing, 'RUS', 'gdp')).toBeNull();
  });

  it('starts a fork from no briefing, since it starts where its game was, and any other session from its scenario\'s', () => {
    expect(latest([], startOf({ ForkedFrom: 'a1b2' }, briefing), 'IND', 'gdp')).toBeNull();
    expect(latest([], startOf({ ForkedFrom: null }, briefing), 'IND', 'gdp')).toBe(4125);
  });
});

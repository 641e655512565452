import type { CountryLedger as Ledger, RelationView as Relation, ScenarioBriefing as Briefing, TurnSummary as Turn } from '../generated/contract';
import { countryColour, countryName, label, words } from '../i18n';

/**
 * A chart's data: one label per point and one line (or bar series) per dataset, with the axes' titles (units
 * included). A dataset about a country carries its fixed colour; `absolute` holds the figure a tooltip adds to an
 * indexed value.
 */
export interface Series {
  labels: string[];
  datasets: { label: string; data: (number | null)[]; colour?: string; absolute?: (number | null)[] }[];
  x?: string;
  y?: string;
  /** Points in time: the chart has nothing to show until a turn has been played ({@link waitsForTurns}). */
  perTurn?: boolean;
}

/**
 * A country's GDP, growth or stability now: after the last turn played or, before the first, where the scenario's
 * briefing starts it (a table of dashes for the first turn tells a class nothing). A fork starts where its game was,
 * not where the scenario does: its pages pass no briefing ({@link startOf}).
 */
/** The briefing a session's figures start from before its first turn: none for a fork, which starts where its game was. */
export function startOf(status: { ForkedFrom: string | null }, briefing: Briefing | null): Briefing | null {
  return status.ForkedFrom ? null : briefing;
}

export function latest(history: readonly Turn[], briefing: Briefing | null, country: string, indicator: 'gdp' | 'growth' | 'stability'): number | null {
  if (history.length > 0) return series(history, country, indicator).at(-1) ?? null;
  const b = briefing?.Countries.find((c) => c.Country === country);
  if (!b) return null;
  return indicator === 'gdp' ? b.Gdp : indicator === 'growth' ? b.TrendGrowth : b.Stability;
}

/** An indicator after each turn (index 0: before the first), carried forward where it did not move. */
export function series(history: readonly Turn[], subject: string, indicator: string): (number | null)[] {
  const values: (number | null)[] = new Array(history.length + 1).fill(null);
  let last: number | null = null;
  history.forEach((t, i) => {
    const c = t.Changes.find((x) => x.Subject === subject && x.Indicator === indicator);
    if (c) {
      for (let j = 0; j <= i; j++) if (values[j] === null) values[j] = c.Before;
    }
    values[i + 1] = c ? c.After : last;
    last = values[i + 1];
  });
  return values;
}

/**
 * An actor's utility after each turn. A world is scored when a turn resolves, so there is no figure for the start:
 * the chart opens at the end of turn 0 rather than with an empty point that pushed the first real one to the right edge.
 */
export function utility(history: readonly Turn[], actor: string): (number | null)[] {
  return history.map((t) => t.Scores.find((s) => s.Actor === actor)?.Utility ?? null);
}

/** The labels of a per-turn chart: the start (for an indicator, whose starting figure is known), then each turn played. */
export const turnLabels = (history: readonly Turn[], fromStart = true): string[] =>
  [...(fromStart ? [words.charts.start] : []), ...history.map((t) => String(t.Turn))];

const perTurn = (history: readonly Turn[], y: string, datasets: Series['datasets'], fromStart = true): Series =>
  ({ labels: turnLabels(history, fromStart), datasets, x: words.charts.turn, y, perTurn: true });

/** One indicator per turn for each of several countries: growth in percent a year, stability in points. */
export function indicatorChart(history: readonly Turn[], subjects: readonly string[], indicator: 'growth' | 'stability' | 'gdp'): Series {
  if (indicator === 'gdp') return gdpChart(history, subjects);
  const scale = indicator === 'growth' ? 100 : 1;
  return perTurn(history, indicator === 'growth' ? words.charts.growthAxis : words.charts.stabilityAxis, subjects.map((s) => ({
    label: countryName(s), colour: countryColour(s), data: series(history, s, indicator).map((v) => (v === null ? null : v * scale)),
  })));
}

/** GDP indexed to the start (= 100), so a small economy's change shows beside a large one's; the tooltip gives the figure. */
export function gdpChart(history: readonly Turn[], subjects: readonly string[]): Series {
  return perTurn(history, words.charts.gdpIndexAxis, subjects.map((s) => {
    const absolute = series(history, s, 'gdp');
    const base = absolute.find((v) => v !== null) ?? null;
    return { label: countryName(s), colour: countryColour(s), absolute, data: absolute.map((v) => (v === null || !base ? null : (100 * v) / base)) };
  }));
}

export const scoreKinds = ['Prosperity', 'Security', 'EnergySecurity', 'Autonomy', 'Influence'] as const;
const scoreWords = { Prosperity: 'prosperity', Security: 'security', EnergySecurity: 'energySecurity', Autonomy: 'autonomy', Influence: 'influence' } as const;

/** An actor's five scores after each turn (from turn 0: see {@link utility}). */
export function scoreChart(history: readonly Turn[], actor: string): Series {
  return perTurn(history, words.charts.scoresAxis,
    scoreKinds.map((k) => ({ label: words.indicators[scoreWords[k]], data: history.map((t) => t.Scores.find((x) => x.Actor === actor)?.[k] ?? null) })), false);
}

/** Utility after each turn for each actor (from turn 0: see {@link utility}). */
export function utilityChart(history: readonly Turn[], actors: readonly string[]): Series {
  return perTurn(history, words.charts.utilityAxis, actors.map((a) => ({ label: countryName(a), colour: countryColour(a), data: utility(history, a) })), false);
}

/** Whether a chart over turns has nothing to draw yet (no turn played): it then says so instead of drawing empty axes. */
export const waitsForTurns = (data: Series): boolean => !!data.perTurn && !data.datasets.some((d) => d.data.some((v) => v !== null));

/** Exports and imports with each partner. */
export const tradeChart = (relations: readonly Relation[]): Series => ({
  labels: relations.map((r) => countryName(r.Other)), y: words.charts.tradeAxis,
  datasets: [{ label: words.charts.exports, data: relations.map((r) => r.ExportsTo) }, { label: words.charts.imports, data: relations.map((r) => r.ImportsFrom) }],
});

/** Trust each way with each partner. */
export const trustChart = (relations: readonly Relation[]): Series => ({
  labels: relations.map((r) => countryName(r.Other)), y: words.charts.trustAxis,
  datasets: [{ label: words.charts.ourTrust, data: relations.map((r) => r.TrustIn) }, { label: words.charts.theirTrust, data: relations.map((r) => r.TrustFrom) }],
});

/** Trade (exports plus imports) with each partner, one stacked series per sector. */
export function sectorChart(ledger: Ledger, partners: readonly string[]): Series {
  const sectors = [...new Set(ledger.Trade.map((t) => t.Sector))];
  return {
    labels: partners.map(countryName), y: words.charts.tradeAxis,
    datasets: sectors.map((sec) => ({
      label: label('Sector', sec),
      data: partners.map((p) => ledger.Trade.filter((t) => t.Partner === p && t.Sector === sec).reduce((x, t) => x + t.Exports + t.Imports, 0)),
    })),
  };
}

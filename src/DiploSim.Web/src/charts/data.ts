import type { CountryLedger as Ledger, RelationView as Relation, TurnSummary as Turn } from '../generated/contract';

/** A chart's data: one label per point and one line (or bar series) per dataset. */
export interface Series {
  labels: string[];
  datasets: { label: string; data: (number | null)[] }[];
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

/** An actor's utility after each turn (none before the first). */
export function utility(history: readonly Turn[], actor: string): (number | null)[] {
  return [null, ...history.map((t) => t.Scores.find((s) => s.Actor === actor)?.Utility ?? null)];
}

/** The labels of a per-turn chart: the start, then each turn played. */
export const turnLabels = (history: readonly Turn[]): string[] => ['start', ...history.map((t) => `T${t.Turn}`)];

/** One indicator per turn for each of several subjects. */
export function indicatorChart(history: readonly Turn[], subjects: readonly string[], indicator: string): Series {
  return { labels: turnLabels(history), datasets: subjects.map((s) => ({ label: s, data: series(history, s, indicator) })) };
}

export const scoreKinds = ['Prosperity', 'Security', 'EnergySecurity', 'Autonomy', 'Influence'] as const;

/** An actor's five scores per turn. */
export function scoreChart(history: readonly Turn[], actor: string): Series {
  return {
    labels: turnLabels(history),
    datasets: scoreKinds.map((k) => ({ label: k, data: [null, ...history.map((t) => t.Scores.find((x) => x.Actor === actor)?.[k] ?? null)] })),
  };
}

/** Utility per turn for each actor. */
export function utilityChart(history: readonly Turn[], actors: readonly string[]): Series {
  return { labels: turnLabels(history), datasets: actors.map((a) => ({ label: a, data: utility(history, a) })) };
}

/** Exports and imports with each partner. */
export const tradeChart = (relations: readonly Relation[]): Series => ({
  labels: relations.map((r) => r.Other),
  datasets: [{ label: 'Exports', data: relations.map((r) => r.ExportsTo) }, { label: 'Imports', data: relations.map((r) => r.ImportsFrom) }],
});

/** Trust each way with each partner. */
export const trustChart = (relations: readonly Relation[]): Series => ({
  labels: relations.map((r) => r.Other),
  datasets: [{ label: 'Our trust in them', data: relations.map((r) => r.TrustIn) }, { label: 'Their trust in us', data: relations.map((r) => r.TrustFrom) }],
});

/** Trade (exports plus imports) with each partner, one stacked series per sector. */
export function sectorChart(ledger: Ledger, partners: readonly string[]): Series {
  const sectors = [...new Set(ledger.Trade.map((t) => t.Sector))];
  return {
    labels: [...partners],
    datasets: sectors.map((sec) => ({
      label: sec,
      data: partners.map((p) => ledger.Trade.filter((t) => t.Partner === p && t.Sector === sec).reduce((x, t) => x + t.Exports + t.Imports, 0)),
    })),
  };
}

import type { AnnouncedTariff, RelationsMap, RelationView } from '../generated/contract';
import { countryInSentence, countryName, label, say, sayCountries, sentenceList, words } from '../i18n';
import { sectors } from './catalogue';

const pct = (x: number): string => String(Math.round(x * 1e4) / 1e2);

/** A relation's rates across the kinds of goods: the lowest, the highest, and whether every kind has the same one. */
const span = (rates: readonly number[]): { low: number; high: number; one: boolean } => {
  const low = Math.min(...rates);
  const high = Math.max(...rates);
  return { low, high, one: Math.abs(high - low) < 1e-9 };
};

/** The rate on one kind of goods, by its name among Core's sectors. */
const rateOn = (rates: readonly number[], sector: string): number => rates[sectors.indexOf(sector as (typeof sectors)[number])] ?? 0;

/**
 * What the tariff form says under its fields: the seat's rate in force on the chosen partner's goods (of the chosen
 * sector, or of every sector when none is chosen), and whether the rate typed in raises or cuts it, so "a 10% tariff
 * on Russia" is not a cut by mistake. Null until a partner is chosen. The rates are the view's (one per sector, in the
 * order of Core's sectors).
 */
export function tariffLine(relations: readonly RelationView[], target: string, sector: string, rateText: string): string | null {
  const rel = relations.find((r) => r.Other === target);
  if (!rel || rel.Tariffs.length !== sectors.length) return null;
  const country = countryInSentence(target);
  const typed = rateText.trim() === '' ? NaN : Number(rateText);
  const rate = Number.isFinite(typed) ? typed / 100 : null;
  const change = (now: number): string => {
    if (rate === null) return '';
    const points = Math.round((rate - now) * 1e4) / 1e2;
    const vars = { rate: pct(rate), points: String(Math.abs(points)) };
    return ' ' + say(points > 0 ? words.player.tariffRise : points < 0 ? words.player.tariffCut : words.player.tariffSame, vars);
  };
  if (sector !== '') {
    const now = rateOn(rel.Tariffs, sector);
    return say(words.player.tariffNow, { goods: label('Sector', sector), country, rate: pct(now) }) + change(now);
  }
  const { low, high, one } = span(rel.Tariffs);
  if (one) return say(words.player.tariffNow, { goods: words.fields.allSectors, country, rate: pct(low) }) + change(low);
  const all = rate === null ? '' : ' ' + say(rate >= high ? words.player.tariffRiseAll : rate <= low ? words.player.tariffCutAll : words.player.tariffMixed, { rate: pct(rate) });
  return say(words.player.tariffNowRange, { country, low: pct(low), high: pct(high) }) + all;
}

/** Rates as a page writes them: one rate ("10%") when every kind of goods has it, else their range ("0–25%"). */
export function tariffRange(rates: readonly number[]): string {
  if (rates.length === 0) return '–';
  const { low, high, one } = span(rates);
  return one ? `${pct(low)}%` : `${pct(low)}–${pct(high)}%`;
}

/**
 * What the tariff form says under the seat's own rate: the partner's rate on the seat's goods (the chosen sector, or
 * all of them), "Russia’s tariff on your energy: 10%.", so a retaliation or a cut is weighed against what the other
 * side charges. Null until a partner is chosen. The rates are the view's TariffsFrom, in the order of Core's sectors.
 */
export function theirTariffLine(relations: readonly RelationView[], target: string, sector: string): string | null {
  const rel = relations.find((r) => r.Other === target);
  if (!rel || rel.TariffsFrom.length !== sectors.length) return null;
  if (sector !== '') {
    return sayCountries(words.player.theirTariff, { country: target }, { goods: label('Sector', sector), rate: pct(rateOn(rel.TariffsFrom, sector)) });
  }
  const { low, high, one } = span(rel.TariffsFrom);
  return one
    ? sayCountries(words.player.theirTariffAll, { country: target }, { rate: pct(low) })
    : sayCountries(words.player.theirTariffRange, { country: target }, { low: pct(low), high: pct(high) });
}

/** What a tariff announced for a later turn does until it lands, for the turns typed (null for this turn or no number). */
export function announcedLine(turnsText: string): string | null {
  const turns = Number(turnsText.trim() === '' ? NaN : turnsText);
  if (!Number.isInteger(turns) || turns < 1) return null;
  return turns === 1 ? words.player.tariffAnnouncedNext : say(words.player.tariffAnnounced, { turns });
}

/** The goods an announcement covers, in words: "technology", or "all goods" when it covers every kind. */
const goodsOf = (a: AnnouncedTariff): string => (a.Sector === null ? words.fields.allSectors : label('Sector', a.Sector));

/**
 * One tariff announced and not yet in force, in plain words for the seat `seat` (null: a page with no seat, the
 * teacher's): "The United States has announced 25% on your technology from turn 5." when the seat's goods are taxed,
 * "You have announced 25% on technology from China from turn 5." when it announced it, else who taxes whose goods.
 */
export function announcedSentence(a: AnnouncedTariff, seat: string | null): string {
  const vars = { rate: pct(a.Rate), goods: goodsOf(a), turn: a.EffectiveTurn };
  const countries = { importer: a.Importer, exporter: a.Exporter };
  if (a.Exporter === seat) return sayCountries(a.Sector === null ? words.player.announcedOnYouAll : words.player.announcedOnYou, countries, vars);
  return sayCountries(a.Importer === seat ? words.player.announcedByYou : words.player.announcedOthers, countries, vars);
}

/** The announcements as a seat reads them: those on its goods first, then its own, then the others', each soonest first. */
export function announcedSentences(announced: readonly AnnouncedTariff[], seat: string | null): string[] {
  const rank = (a: AnnouncedTariff): number => (a.Exporter === seat ? 0 : a.Importer === seat ? 1 : 2);
  return announced.map((a, i) => ({ a, i })).sort((x, y) => rank(x.a) - rank(y.a) || x.a.EffectiveTurn - y.a.EffectiveTurn || x.i - y.i).map(({ a }) => announcedSentence(a, seat));
}

/**
 * What the tariff form says of the tariffs announced on the goods it is set to, each under the rate in force it will
 * replace: `mine`, the seat's own announcement on the partner's goods, "Announced: 25% from turn 5 (now 7.5%).", which a
 * tariff move of the seat's on the same goods replaces (Core's policy phase), and
 * `theirs`, the partner's on the seat's goods, "The United States has announced 25% on your technology from turn 5.".
 * With no goods chosen (all goods) it names each announcement's goods. Empty until a partner is chosen or when nothing
 * is announced between the two.
 */
export function announcedFormLines(relations: readonly RelationView[], announced: readonly AnnouncedTariff[], seat: string, target: string, sector: string): { mine: string[]; theirs: string[] } {
  const rel = relations.find((r) => r.Other === target);
  if (!rel || rel.Tariffs.length !== sectors.length) return { mine: [], theirs: [] };
  const covers = (a: AnnouncedTariff): boolean => sector === '' || a.Sector === null || a.Sector === sector;
  const now = (a: AnnouncedTariff): string => {
    const goods = a.Sector ?? (sector === '' ? null : sector);
    if (goods !== null) return pct(rateOn(rel.Tariffs, goods));
    const { low, high, one } = span(rel.Tariffs);
    return one ? pct(low) : `${pct(low)}–${pct(high)}`;
  };
  const mine = announced.filter((a) => a.Importer === seat && a.Exporter === target && covers(a)).map((a) => {
    const vars = { rate: pct(a.Rate), turn: a.EffectiveTurn, now: now(a) };
    return sector === '' ? say(words.player.announcedHereOn, { ...vars, goods: goodsOf(a) }) : say(words.player.announcedHere, vars);
  });
  const theirs = announced.filter((a) => a.Importer === target && a.Exporter === seat && covers(a)).map((a) => announcedSentence(a, seat));
  return { mine, theirs };
}

/**
 * The rate from which a tariff in force is on the classroom screen: 15%. The five's everyday (most-favoured-nation)
 * rates are under it (the scenarios' WTO profiles: the EU 4%, Russia 6%, China 7%, India 12%), so what the room reads is
 * what a tariff war set (the US–EU 15% ceiling, 25%, 35%, 50%) and the few everyday rates as high (India's 35% on farm goods).
 */
export const screenTariffFloor = 0.15;

/** What the classroom screen says of the tariffs: every one announced, the highest in force, and how many more are left out. */
export interface TariffBoard {
  announced: string[];
  inForce: string[];
  more: number;
}

/** A line of goods taxed at one rate: the importer, its exporters (one or more) and the kinds of goods, by index in Core's order. */
interface RateLine {
  importer: string;
  exporters: string[];
  goods: number[];
  rate: number;
}

/** One rate on some goods from some countries, in words: "United States on China’s technology: 25%", "India on farm goods from Russia & China: 35%". */
function rateLine({ importer, exporters, goods, rate }: RateLine): string {
  const s = words.screen;
  const names = (indices: readonly number[]) => sentenceList(indices.map((i) => label('Sector', sectors[i])));
  const vars = { importer: countryName(importer), rate: pct(rate) };
  const exporter = { exporter: exporters };
  if (goods.length === sectors.length) return sayCountries(s.tariffOnAll, exporter, vars);
  // Most kinds of goods: the few left out are named instead.
  if (goods.length > sectors.length / 2) return sayCountries(s.tariffOnAllBut, exporter, { ...vars, goods: names(sectors.map((_, i) => i).filter((i) => !goods.includes(i))) });
  return sayCountries(exporters.length === 1 ? s.tariffOn : s.tariffOnFrom, exporter, { ...vars, goods: names(goods) });
}

/**
 * The classroom screen's tariffs in plain words. `announced`: every tariff announced and not yet in force, in the
 * network's order (soonest first), "United States on China’s technology: 25% from turn 5". `inForce`: the rates in force
 * of `screenTariffFloor` or more, highest first, at most `limit` lines: each line one importer's rate on the goods it
 * taxes at that rate from one country, or from several when it taxes the same goods of each at the same rate ("India on
 * farm goods from China, the European Union, Russia & the United States: 35%"). `more`: the lines left out.
 */
export function tariffBoard(net: RelationsMap, limit: number): TariffBoard {
  const announced = net.Announced.map((a) => {
    const goods = a.Sector === null ? sectors.map((_, i) => i) : [sectors.indexOf(a.Sector as (typeof sectors)[number])].filter((i) => i >= 0);
    return say(words.screen.tariffFromTurn, { line: rateLine({ importer: a.Importer, exporters: [a.Exporter], goods, rate: a.Rate }), turn: a.EffectiveTurn });
  });
  const order = new Map(net.Actors.map((a, i) => [a.Id, i]));
  const rank = (c: string) => order.get(c) ?? order.size;
  const lines = new Map<string, RateLine>();
  const levy = (importer: string, exporter: string, rates: readonly number[]) => {
    if (rates.length !== sectors.length) return;
    const byRate = new Map<number, number[]>();
    rates.forEach((r, i) => {
      const rate = Math.round(r * 1e4) / 1e4;
      if (Number.isFinite(rate) && rate >= screenTariffFloor) byRate.set(rate, [...(byRate.get(rate) ?? []), i]);
    });
    for (const [rate, goods] of byRate) {
      const key = `${importer}|${rate}|${goods.join()}`;
      const line = lines.get(key);
      if (line) line.exporters.push(exporter);
      else lines.set(key, { importer, exporters: [exporter], goods, rate });
    }
  };
  for (const l of net.Links) {
    levy(l.A, l.B, l.TariffsAB);
    levy(l.B, l.A, l.TariffsBA);
  }
  const sorted = [...lines.values()]
    .map((l) => ({ ...l, exporters: [...l.exporters].sort((a, b) => rank(a) - rank(b)) }))
    .sort((a, b) => b.rate - a.rate || rank(a.importer) - rank(b.importer) || rank(a.exporters[0]) - rank(b.exporters[0]));
  return { announced, inForce: sorted.slice(0, limit).map(rateLine), more: Math.max(0, sorted.length - limit) };
}

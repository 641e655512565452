import type { RelationView } from '../generated/contract';
import { countryInSentence, label, say, sayCountries, words } from '../i18n';
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

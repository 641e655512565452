import type { RelationView } from '../generated/contract';
import { countryInSentence, label, say, words } from '../i18n';
import { sectors } from './catalogue';

const pct = (x: number): string => String(Math.round(x * 1e4) / 1e2);

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
    const now = rel.Tariffs[sectors.indexOf(sector as (typeof sectors)[number])] ?? 0;
    return say(words.player.tariffNow, { goods: label('Sector', sector), country, rate: pct(now) }) + change(now);
  }
  const low = Math.min(...rel.Tariffs);
  const high = Math.max(...rel.Tariffs);
  if (Math.abs(high - low) < 1e-9) return say(words.player.tariffNow, { goods: words.fields.allSectors, country, rate: pct(low) }) + change(low);
  const all = rate === null ? '' : ' ' + say(rate >= high ? words.player.tariffRiseAll : rate <= low ? words.player.tariffCutAll : words.player.tariffMixed, { rate: pct(rate) });
  return say(words.player.tariffNowRange, { country, low: pct(low), high: pct(high) }) + all;
}

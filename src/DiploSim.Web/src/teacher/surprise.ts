import type { Sector, ShockEffectData } from '../generated/contract';
import { label, say, sayCountries, words } from '../i18n';

/** The surprise events the teacher's form offers. */
export type SurpriseKind = 'Gdp' | 'OilOutlook' | 'OilDemand' | 'PurchaseHalt' | 'Tariff';

/** What the form holds, as typed: numbers are the inputs' text. */
export interface SurpriseForm {
  kind: SurpriseKind;
  /** The country a GDP change is about, a halt's buyer, a tariff's importer. */
  country: string;
  /** A halt's seller, a tariff's exporter. */
  other: string;
  /** A halt's goods, a tariff's ('' for all goods, a tariff only). */
  sector: Sector | '';
  gdp: string;
  oil: string;
  demand: string;
  share: string;
  haltTurns: string;
  rate: string;
  inTurns: string;
}

/**
 * What a surprise event does, and the news body that says it (so the news does not repeat the headline). A tariff that
 * takes effect in a turn or more is announced: importers buy ahead of it until it lands.
 */
export function surpriseEvent(f: SurpriseForm): { body: string; effect: ShockEffectData } {
  const t = words.teacher;
  switch (f.kind) {
    case 'OilOutlook': // a loss the market expects (a negative change of supply), written here as the barrels lost
      return { body: say(Number(f.oil) < 0 ? t.shockOilGain : t.shockOilLoss, { mbd: Math.abs(Number(f.oil)) }), effect: { Kind: 'OilOutlook', Delta: -Number(f.oil) } };
    case 'OilDemand': // demand the market has yet to meet: positive, it raises the price until supply catches up
      return { body: say(Number(f.demand) < 0 ? t.shockDemandFalls : t.shockDemandRises, { mbd: Math.abs(Number(f.demand)) }), effect: { Kind: 'OilDemand', Delta: Number(f.demand) } };
    case 'PurchaseHalt':
      return {
        body: sayCountries(t.shockHalts, { buyer: f.country, seller: f.other }, { percent: Number(f.share), sector: label('Sector', f.sector), turns: Number(f.haltTurns) }),
        effect: { Kind: 'PurchaseHalt', Actor: f.country, Other: f.other, Sector: f.sector, Fraction: Number(f.share) / 100, Turns: Number(f.haltTurns) },
      };
    case 'Tariff': {
      const turns = Number(f.inTurns);
      const policy = { Kind: 'SetTariff' as const, Actor: f.country, Target: f.other, Rate: Number(f.rate) / 100, ...(f.sector ? { Sector: f.sector } : {}) };
      const template = turns === 0 ? t.shockTariffNow : turns === 1 ? t.shockTariffAnnouncedNext : t.shockTariffAnnounced;
      const body = sayCountries(template, { importer: f.country, exporter: f.other }, { percent: Number(f.rate), sector: f.sector ? label('Sector', f.sector) : words.fields.allSectors, turns });
      return { body, effect: turns === 0 ? { Kind: 'Policy', Policy: policy } : { Kind: 'TariffAnnouncement', Policy: policy, Turns: turns } };
    }
    case 'Gdp':
      return { body: sayCountries(Number(f.gdp) < 0 ? t.shockShrinks : t.shockGrows, { country: f.country }, { percent: Math.abs(Number(f.gdp)) }), effect: { Kind: 'Gdp', Actor: f.country, Fraction: Number(f.gdp) / 100 } };
  }
}

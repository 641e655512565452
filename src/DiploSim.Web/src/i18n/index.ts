import { countryColours, spareColours } from '../generated/colours';
import { en, type Catalogue } from './en';

// The page's words: one catalogue per language (./en.ts is the one shipped). A school adds its language to this list;
// a page picks it from `?lang=xx` (kept for the next pages), else the browser's language, else English.
const catalogues: Record<string, Catalogue> = { en };

function pick(): { lang: string; catalogue: Catalogue } {
  const storage = typeof localStorage === 'undefined' ? null : localStorage;
  const asked = typeof location === 'undefined' ? null : new URLSearchParams(location.search).get('lang');
  if (asked && catalogues[asked]) storage?.setItem('lang', asked);
  const wanted = [asked, storage?.getItem('lang'), typeof navigator === 'undefined' ? null : navigator.language?.slice(0, 2)];
  const lang = wanted.find((l): l is string => !!l && !!catalogues[l]) ?? 'en';
  return { lang, catalogue: catalogues[lang] };
}

const chosen = pick();
if (typeof document !== 'undefined') document.documentElement.lang = chosen.lang;

/** The words of the page's language. */
export const words: Catalogue = chosen.catalogue;

/** A template with its {placeholders} filled: say(words.player.submitted, { turn: 2 }). */
export function say(template: string, vars: Record<string, string | number> = {}): string {
  return template.replace(/\{(\w+)\}/g, (m, k: string) => (k in vars ? String(vars[k]) : m));
}

/** 24-hour times in this browser's time zone with seconds (16:05:09): the console, the threads, the news, the classroom screen and the debrief all write times this way. */
const clockFormat = new Intl.DateTimeFormat(chosen.lang, { hour: '2-digit', minute: '2-digit', second: '2-digit', hourCycle: 'h23' });

/** A moment (milliseconds since 1970) on the 24-hour clock: the one way a page writes a time. */
export function clock(ms: number): string {
  return clockFormat.format(ms);
}

export type EnumName = keyof Catalogue['enums'];

/** The words for a value of one of the model's enums (a move kind, a sector...); the value itself never reaches a page. */
export function label(kind: EnumName, value: string | null | undefined): string {
  if (value === null || value === undefined) return '';
  const table = words.enums[kind] as Record<string, string>;
  return table[value] ?? humanise(value);
}

/** A name the catalogue does not have, made readable ('SomeNewThing' → 'some new thing') rather than shown raw. */
export function humanise(name: string): string {
  return name.replace(/([a-z])([A-Z])/g, '$1 $2').replace(/[-_]/g, ' ').toLowerCase();
}

let known: Record<string, string> = {};

/** Names the server gave for the session's countries, used where the catalogue has none (a scenario's own country). */
export function learnCountryNames(names: Record<string, string>): void {
  known = { ...known, ...names };
}

/** A country's name for its code ('IND' → 'India'). */
export function countryName(code: string | null | undefined): string {
  if (!code) return '';
  return (words.countries as Record<string, string>)[code] ?? known[code] ?? code;
}

/** Whether a country's name takes "the" inside a sentence ('United States' does, 'India' does not). */
function takesThe(name: string): boolean {
  return (words.namesWithThe as readonly string[]).includes(name);
}

/** A country's name where it stands: "The United States" at the start of a sentence, "the United States" inside one, "India" either way. */
function nameAt(name: string, start: boolean): string {
  return takesThe(name) ? `${start ? 'The' : 'the'} ${name}` : name;
}

/** A country's name inside a sentence: "the" before a name that takes it ('USA' → 'the United States', 'IND' → 'India'). */
export function countryInSentence(code: string | null | undefined): string {
  return nameAt(countryName(code), false);
}

/** A country's name at the start of a sentence: its article capitalised ('USA' → 'The United States', 'IND' → 'India'). */
export function countryAtStart(code: string | null | undefined): string {
  return nameAt(countryName(code), true);
}

/** Whether what follows `before` starts a sentence: nothing before it, or a full stop, a question or exclamation mark, or a new line. */
function opensSentence(before: string): boolean {
  return /(^|[.!?\n])\s*$/.test(before);
}

/** A name's possessive: "India’s", and a name that ends in s takes the apostrophe alone ("the United States’", not "States’s"). */
function possessive(name: string, apostrophe: string): string {
  return name.endsWith('s') ? name + apostrophe : `${name}${apostrophe}s`;
}

/**
 * A template that names countries, filled as say() fills it, with each country (a code, or a list of codes) named as
 * its place in the template needs: "The United States sent its moves", "Alice took the seat of the United States",
 * "The European Union’s player is back". A name that opens the template, or a sentence in it, capitalises its article;
 * `opening = false` says the template is itself read inside a sentence (a proposal named mid-line).
 */
export function sayCountries(template: string, countries: Record<string, string | readonly string[] | null | undefined>, vars: Record<string, string | number> = {}, opening = true): string {
  return template.replace(/\{(\w+)\}(?:(['’])s\b)?/g, (match: string, key: string, apostrophe: string | undefined, at: number) => {
    const value = countries[key];
    if (value === undefined || value === null) return key in vars ? `${vars[key]}${match.slice(key.length + 2)}` : match;
    const start = opening && opensSentence(template.slice(0, at));
    const names = sentenceList((typeof value === 'string' ? [value] : value).map((c, i) => nameAt(countryName(c), start && i === 0)));
    return apostrophe === undefined ? names : possessive(names, apostrophe);
  });
}

/** Names joined the way a sentence lists them: 'India, Russia & China'. */
export function sentenceList(names: readonly string[]): string {
  return names.length <= 1 ? names.join('') : `${names.slice(0, -1).join(', ')} & ${names.at(-1)}`;
}

/** Names for a list of codes, joined the way a sentence would: 'India, Russia & China'. */
export function countryList(codes: readonly string[]): string {
  return sentenceList(codes.map(countryName));
}

// One colour per country across every page and every scenario, so India is always the same line. The table is
// DiploSim.Contracts' CountryColours, generated into ../generated/colours.ts, which the server's debrief draws with too;
// a code without its own colour takes a spare one by the same hash as CountryColours.Of (h * 31 + each UTF-16 unit).
export function countryColour(code: string): string {
  const own = countryColours.get(code);
  if (own) return own;
  let h = 0;
  for (let i = 0; i < code.length; i++) h = (h * 31 + code.charCodeAt(i)) >>> 0;
  return spareColours[h % spareColours.length];
}

/**
 * Text the server wrote (a move's description, a refusal, a news line) in the page's words: country codes become names
 * and generated proposal ids ('IND-0-o873', a computer player's 'EU-IND-VisaFacilitation-1') become "India’s proposal",
 * with the agreement it proposes when the id names it or <paramref name="known"/> (the seat's proposals) holds it:
 * "India’s proposal (free-trade agreement)", so "Russia accepts India’s proposal" says which. A name that takes "the"
 * gets it inside a sentence ("Importers in the United States", "Russia accepts the European Union’s proposal") and
 * capitalised at the start of one ("The United States sets …"); after "the", joined to another name by a dash
 * ("India–United States trade") or opening a bracket, it stays bare.
 */
export function plain(text: string | null | undefined, known: readonly { Id: string; Agreement: string }[] = []): string {
  if (!text) return '';
  const proposal = (id: string, code: string, at: number, whole: string, kind?: string): string => {
    const agreement = known.find((p) => p.Id === id)?.Agreement ?? kind;
    const start = opensSentence(whole.slice(0, at));
    return agreement && (words.enums.AgreementKind as Record<string, string>)[agreement]
      ? sayCountries(words.plain.proposalOf, { country: code }, { agreement: label('AgreementKind', agreement) }, start)
      : sayCountries(words.plain.proposal, { country: code }, {}, start);
  };
  return text
    .replace(/\b(?:proposal )?(([A-Z]{2,3})-\d+-[a-z0-9]{3,8})\b/g, (_: string, id: string, code: string, at: number, whole: string) => proposal(id, code, at, whole))
    .replace(/\b(?:proposal )?(([A-Z]{2,3})-[A-Z]{2,3}-([A-Za-z]+)-\d+)\b/g, (_: string, id: string, code: string, kind: string, at: number, whole: string) => proposal(id, code, at, whole, kind))
    // A name that ends in s takes the apostrophe alone: "USA's goods" is "the United States' goods", not "United States's".
    .replace(/\b([A-Z]{2,3})\b(?:(['’])s\b)?/g, (match: string, code: string, apostrophe: string | undefined, at: number, whole: string) => {
      const bare = countryName(code);
      if (bare === code) return match;
      const before = whole.slice(0, at);
      // A bracket that opens with a name lists names ("(EU, IND)" after a corridor's name), as labels.
      const asLabel = /[–(-]$/.test(before) || /^[–-]/.test(whole.slice(at + match.length));
      const name = asLabel || /\bthe\s*$/i.test(before) ? bare : nameAt(bare, opensSentence(before));
      return apostrophe === undefined ? name : possessive(name, apostrophe);
    });
}

import { render } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import { api, read } from './api';
import { Glossary, Term, TermMark, type GlossaryKey } from './components/glossary';
import { ScenarioBriefing, type CountryBriefing } from './generated/contract';
import { countryColour, countryInSentence, countryName, label, learnCountryNames, say, sentenceList, words } from './i18n';
import { learnHeadlines } from './session/words';
import { fmt } from './ui';

const scoreKeys = new Set<GlossaryKey>(['prosperity', 'security', 'energySecurity', 'autonomy', 'influence', 'goals']);

type RedLine = CountryBriefing['RedLines'][number];

/**
 * Each weight's share of a score, in whole percent that add up to 100. The goals' weight is added to the five
 * components' (which sum to 1), so the weights themselves add up to more than 100% (India's to 120%); the largest
 * remainders take the points rounding leaves.
 */
export function scoreShares(weights: readonly number[]): number[] {
  const total = weights.reduce((s, w) => s + w, 0);
  if (total <= 0) return weights.map(() => 0);
  const exact = weights.map((w) => (w / total) * 100);
  const shares = exact.map(Math.floor);
  const left = 100 - shares.reduce((s, x) => s + x, 0);
  const remainder = (i: number) => exact[i] - shares[i];
  [...exact.keys()].sort((a, b) => remainder(b) - remainder(a) || a - b).slice(0, left).forEach((i) => { shares[i] += 1; });
  return shares;
}

/** What a red line bars, in words: an agreement of one kind, only the easing of a measure, or the move itself. */
function redLineAction(r: RedLine): string {
  if (r.Agreement) {
    return say(words.briefing.redLineAgreement[r.Move] ?? label('MoveKind', r.Move), { agreement: label('AgreementKind', r.Agreement) });
  }

  if (!r.OnlyEasing) return label('MoveKind', r.Move);
  return words.briefing.redLineEasingMove[r.Move] ?? label('MoveKind', r.Move) + words.briefing.redLineEasing;
}

/** The briefing of a scenario, fetched once per page. */
export function useBriefing(scenarioId: string | null | undefined): ScenarioBriefing | null {
  const [briefing, setBriefing] = useState<ScenarioBriefing | null>(null);
  useEffect(() => {
    if (!scenarioId) return;
    let current = true;
    void read(api.GET('/api/scenarios/{id}/briefing', { params: { path: { id: scenarioId } } }), ScenarioBriefing)
      .then((b) => { if (current) { learnCountryNames(Object.fromEntries(b.Countries.map((c) => [c.Country, c.Name]))); learnHeadlines(b.Injects); setBriefing(b); } })
      .catch(() => { if (current) setBriefing(null); });
    return () => { current = false; };
  }, [scenarioId]);
  return briefing;
}

/** A briefing's title, "Briefing: India", beside the country's colour. */
export function BriefingTitle({ country }: { country: string }) {
  return <h2 class="briefing-title"><span class="swatch" style={{ background: countryColour(country) }} aria-hidden="true" /> {say(words.player.briefingTitle, { country: countryName(country) })}</h2>;
}

/**
 * One country's briefing: its goals, what its score weighs, its red lines and where it starts. It carries its own
 * title unless `titled` is false, for a page that already shows the title on the fold that holds it.
 */
export function CountryBriefingCard({ b, titled = true }: { b: CountryBriefing; titled?: boolean }) {
  const shares = scoreShares(b.Interests.map((w) => w.Weight));
  return (
    <article class="briefing" data-testid={`briefing-${b.Country}`} style={{ borderTopColor: countryColour(b.Country) }}>
      {titled && <BriefingTitle country={b.Country} />}
      <h3>{words.briefing.goals}</h3>
      <ul>
        {b.Goals.map((g) => <li key={`t-${g.Partner}`}>{say(words.briefing.trustGoal, { country: countryInSentence(g.Partner), trust: fmt(g.Trust, 0), now: fmt(g.TrustNow, 0) })} <TermMark k="trust" where="briefing" /></li>)}
        {b.Goals.filter((g) => g.TradeTarget != null).map((g) => (
          <li key={`x-${g.Partner}`}>{say(words.briefing.tradeGoal, { country: countryInSentence(g.Partner), target: fmt(g.TradeTarget, 0), now: fmt(g.TradeNow, 0) })} <TermMark k="goals" where="briefing" /></li>
        ))}
      </ul>
      <h3>{say(words.briefing.interests, { country: countryInSentence(b.Country) })}</h3>
      <ul>
        {b.Interests.map((w, i) => (
          <li key={w.Score}>
            {scoreKeys.has(w.Score as GlossaryKey) ? <Term k={w.Score as GlossaryKey} /> : w.Score}: {say(words.briefing.weight, { weight: shares[i] })}
          </li>
        ))}
      </ul>
      {/* The doctrine binds the bots only (docs/model.md): a player reads it as the government's, not as a rule. */}
      <h3>{say(words.briefing.redLines, { country: countryInSentence(b.Country) })}</h3>
      {b.RedLines.length === 0 ? <p class="muted">{words.briefing.noRedLines}</p> : (<>
        <p class="muted" data-testid={`red-lines-note-${b.Country}`}>{say(words.briefing.redLinesNote, { country: countryInSentence(b.Country) })}</p>
        <ul>
          {b.RedLines.map((r, i) => (
            <li key={i}>
              {redLineAction(r)}
              {r.Target ? say(r.Agreement ? words.briefing.redLineWith : words.briefing.redLineAgainst, { country: countryInSentence(r.Target) }) : ''}
              {r.Sector ? say(words.briefing.redLineSector, { sector: label('Sector', r.Sector) }) : ''}{r.BeyondAnswer ? words.briefing.redLineBeyondAnswer : ''}
            </li>
          ))}
        </ul>
      </>)}
      {b.FreeTradeExclusions.length > 0 && (
        <p data-testid={`kept-out-${b.Country}`}>
          {say(words.briefing.keptOut, { sectors: sentenceList(b.FreeTradeExclusions.map((s) => label('Sector', s))) })}
        </p>
      )}
      {b.CorridorRoutes && (
        <p data-testid={`routes-${b.Country}`}>
          {b.CorridorRoutes.length === 0 ? words.briefing.noRoutes : say(words.briefing.routes, {
            routes: sentenceList(b.CorridorRoutes.map((r) => say(words.briefing.route, { name: r.Name, countries: sentenceList(r.Partners.map(countryInSentence)) }))),
          })}
        </p>
      )}
      <h3>{words.briefing.start}</h3>
      <ul>
        <li>{say(words.briefing.gdp, { value: fmt(b.Gdp, 0), growth: fmt(b.TrendGrowth * 100, 1) })} <TermMark k="gdp" where="briefing" /> <TermMark k="growth" where="briefing" /></li>
        <li>{say(words.briefing.stability, { value: fmt(b.Stability, 0) })} <TermMark k="stability" where="briefing" /></li>
        <li>{say(words.briefing.oil, { production: fmt(b.OilProduction, 1), consumption: fmt(b.OilConsumption, 1) })} <TermMark k="oil" where="briefing" /></li>
        <li>{say(words.briefing.military, { value: fmt(b.MilitaryCapability, 0) })} <TermMark k="military" where="briefing" /></li>
        <li>{say(words.briefing.capital, { value: b.Capital })} <TermMark k="capital" where="briefing" /></li>
      </ul>
    </article>
  );
}

function BriefingsPage({ id }: { id: string }) {
  const b = useBriefing(id);
  if (!b) return <main class="briefings"><p class="muted">{words.briefing.notFound}</p></main>;
  return (
    <>
      <header class="bar no-print">
        <h1>{say(words.briefing.title, { scenario: b.Title })}</h1>
        <button class="primary" data-testid="print" onClick={() => window.print()}>{words.briefing.print}</button>
      </header>
      <main class="briefings">
        <p class="muted no-print">{words.briefing.printHint}</p>
        <p class="summary">{b.Summary}</p>
        {b.Countries.map((c) => <CountryBriefingCard key={c.Country} b={c} />)}
      </main>
      <Glossary />
    </>
  );
}

/** /briefings?scenario=ID: every country's briefing on one page, printed one country a page. */
export function briefings(root: HTMLElement): void {
  const id = new URLSearchParams(location.search).get('scenario') ?? '';
  render(<BriefingsPage id={id} />, root);
}

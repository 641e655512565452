import { effect, signal, useComputed } from '@preact/signals';
import { render, type ComponentChildren } from 'preact';
import { useEffect, useMemo, useState } from 'preact/hooks';
import { api, pagePass, refusal, type ExportFormat } from '../api';
import { announcementTurns, Sector, type Receipt, type ScenarioBriefing, type SeatConnectionsDto as SeatConnections, type SessionPassesDto as Passes } from '../generated/contract';
import type { GameHubClient } from '../generated/hub';
import { indicatorChart, latest, startOf, utility, utilityChart } from '../charts/data';
import { ChartBox } from '../components/ChartBox';
import { EndSummary } from '../components/EndSummary';
import { Announced, connectionText } from '../player/panels';
import { AgentMark, Countdown, firstTurn, turnText, useStacked, type Stacking } from '../components/common';
import { Live } from '../session/connection';
import { SessionStore } from '../session/store';
import { useBriefing } from '../briefing';
import { Glossary, GlossaryButton, Term, type GlossaryKey } from '../components/glossary';
import { clock, countryColour, countryName, label, plain, say, sayCountries, sentenceList, words } from '../i18n';
import { eventText } from '../session/words';
import { fmt } from '../ui';
import { controlsNow, whyNot, type TeacherCommand } from './availability';
import { firedTurns } from './fired';
import { surpriseEvent, type SurpriseKind } from './surprise';
import { connectionNote } from './presence';

/** An id for one click of a command that a turn alone does not make unique (extend, roll back, fork). */
const commandId = (): string => crypto.randomUUID();

/** The teacher's console: one store for the session; each panel draws what it reads from it. */
class Console {
  readonly forks = signal<Passes[]>([]);
  /** Bumped when the screen's pass changes, which only this browser's storage holds. */
  readonly spectatorChanged = signal(0);
  /** Which seats have a page open, asked for every {@link linksEveryMs} (live only: nothing of it is in the session). */
  readonly links = signal<SeatConnections | null>(null);

  constructor(readonly store: SessionStore, readonly live: Live, readonly pass: string) {}

  /** Asks which seats have a page open now, and again every {@link linksEveryMs}. */
  watchLinks(): void {
    const ask = async () => {
      if (this.store.connection.value !== 'connected') return;
      const a = await this.live.send((hub) => hub.getSeatConnections(), false);
      if (a.Value) this.links.value = a.Value;
    };
    void ask();
    window.setInterval(() => void ask(), linksEveryMs);
  }

  /**
   * Sends a command (again while the cluster switches over: each names its turn or carries its id, so it is done once)
   * and says what came of it: `done`, a sentence about the game; or why the session refused; or the session's note
   * that an earlier copy of the command had done it already.
   */
  async act(action: string, done: string, call: (hub: GameHubClient) => Promise<Receipt>): Promise<void> {
    const a = await this.live.send(call);
    const note = 'Note' in a ? a.Note : null;
    this.store.notice.value = a.Refusal ? say(words.teacher.refused, { action, reason: plain(a.Refusal) })
      : note ? say(words.teacher.doneNote, { action, note: plain(note) }) : done;
  }
}

function Header({ c }: { c: Console }) {
  const st = c.store.status.value;
  return (
    <header class="bar">
      <h1>{st ? `${st.Title}${st.ForkedFrom ? ` ${say(words.teacher.forkOf, { session: st.ForkedFrom })}` : ''}` : ''}</h1>
      <span>{words.teacher.joinCode} <strong class="code" data-testid="join-code">{st?.JoinCode ?? ''}</strong></span>
      <span data-testid="phase" data-phase={st?.Phase ?? ''}>{st ? turnText(words.teacher.phaseLine, st, c.store.history.value) : ''}</span>
      {st && st.NegotiationRounds > 0 && (st.Phase === 'Running' || st.Phase === 'Paused') && <span class="muted" data-testid="round" data-round={st.Round}>{st.Round < st.NegotiationRounds
        ? say(words.teacher.negotiationRound, { round: st.Round + 1, rounds: st.NegotiationRounds })
        : words.teacher.moveRound}</span>}
      {st && <Countdown deadlineMs={st.DeadlineMs} skewMs={c.store.skewMs.value} phase={st.Phase} />}
      <span class="conn" data-testid="connection" data-state={c.store.connection.value}>{connectionText(c.store.connection.value)}</span>
      <GlossaryButton />
    </header>
  );
}

function Notice({ c }: { c: Console }) {
  return (
    <>
      {c.store.broken.value && <p class="notice error" role="alert" data-testid="reload">{c.store.broken.value}</p>}
      <p class="notice" role="status" data-testid="notice">{c.store.notice.value}</p>
    </>
  );
}

/** How often the console asks which seats have a page open: a page that closes reads "connection lost" within this. */
const linksEveryMs = 2_000;

/**
 * A command's button, enabled only while the session can take the command: in a phase where it cannot (Start once the
 * game runs, Pause while paused, anything but a fork or the passes once it is over) it is disabled and says why, on
 * hover (its title) and to a screen reader (its description), so a teacher never reads an enabled Start as a game not
 * yet begun.
 */
function Command({ c, command, testid, run, small = false, unless = null, children }: { c: Console; command: TeacherCommand; testid: string; run: () => void; small?: boolean; unless?: string | null; children: string }) {
  const why = whyNot(command, c.store.status.value) ?? unless;
  return (
    <>
      <button class={small ? 'small' : undefined} data-testid={testid} disabled={why !== null} title={why ?? undefined}
        aria-describedby={why ? `why-${testid}` : undefined} onClick={run}>{children}</button>
      {why && <span class="sr-only" id={`why-${testid}`}>{why}</span>}
    </>
  );
}

/**
 * What a teacher in front of a class reaches for during a turn, one line above the world table, with a line saying what
 * the buttons can do now: beside them on a laptop, under them on a phone, where no hover shows a greyed-out one's title.
 */
function Controls({ c }: { c: Console }) {
  const turn = (): number => c.store.status.value?.Turn ?? 0;
  const act = (action: string, done: string, call: (hub: GameHubClient, t: number) => Promise<Receipt>) => () => {
    const t = turn();
    void c.act(action, say(done, { turn: t }), (hub) => call(hub, t));
  };
  return (
    <section class="card wide controls">
      <h2>{words.teacher.controls}</h2>
      <div class="row">
        <Command c={c} command="start" testid="start" run={() => void c.act(words.teacher.start, words.teacher.done.start, (hub) => hub.start())}>{words.teacher.start}</Command>
        <Command c={c} command="pause" testid="pause" run={act(words.teacher.pause, words.teacher.done.pause, (hub, t) => hub.pause(t))}>{words.teacher.pause}</Command>
        <Command c={c} command="resume" testid="resume" run={act(words.teacher.resume, words.teacher.done.resume, (hub, t) => hub.resume(t))}>{words.teacher.resume}</Command>
        <Command c={c} command="resolve" testid="resolve" run={act(words.teacher.resolveNow, words.teacher.done.resolve, (hub, t) => hub.resolveNow(t))}>{words.teacher.resolveNow}</Command>
        <Command c={c} command="extend" testid="extend" run={() => { const t = turn(), id = commandId(); void c.act(words.teacher.extend, words.teacher.done.extend, (hub) => hub.extendDeadline(t, 60, id)); }}>{words.teacher.extend}</Command>
        <Command c={c} command="end" testid="end" run={() => { if (confirm(words.teacher.endConfirm)) void c.act(words.teacher.end, words.teacher.done.end, (hub) => hub.end()); }}>{words.teacher.end}</Command>
      </div>
      <p class="now" data-testid="controls-now">{controlsNow(c.store.status.value)}</p>
    </section>
  );
}

/** News the teacher fires into the turn: one of the scenario's prepared events, or a surprise event of their own. */
function Events({ c, briefing }: { c: Console; briefing: ScenarioBriefing | null }) {
  const st = c.store.status.value;
  const [inject, setInject] = useState('');
  const [headlineText, setHeadline] = useState('');
  const [country, setCountry] = useState('');
  const [gdp, setGdp] = useState('-2');
  const [shockKind, setShockKind] = useState<SurpriseKind>('Gdp');
  const [oil, setOil] = useState('3');
  const [demand, setDemand] = useState('1.5');
  const [seller, setSeller] = useState('');
  const [sector, setSector] = useState<Sector>('Agriculture');
  const [tariffSector, setTariffSector] = useState<Sector | ''>('Industrial');
  const [rate, setRate] = useState('25');
  const [inTurns, setInTurns] = useState('2');
  const [share, setShare] = useState('60');
  const [haltTurns, setHaltTurns] = useState('2');
  const injects = st?.Injects ?? [];
  const headline = (id: string): string => briefing?.Injects.find((i) => i.Id === id)?.Headline ?? id;
  // An event fired in this turn is done for the turn (the session takes it once); one fired in an earlier turn says
  // when, and fires again.
  const fired = useComputed(() => firedTurns(c.store.events.value)).value;
  const firedNow = (id: string): boolean => fired.get(id)?.includes(st?.Turn ?? -1) ?? false;
  const option = (id: string): string => {
    const turns = fired.get(id) ?? [];
    return turns.length === 0 ? headline(id) : say(turns.length === 1 ? words.teacher.firedAt : words.teacher.firedAtTurns, { headline: headline(id), turns: sentenceList(turns.map(String)) });
  };
  const chosen = inject && !firedNow(inject) ? inject : injects.find((i) => !firedNow(i)) ?? (inject || injects[0]);
  const firedAgain = firedNow(chosen) ? say(words.teacher.firedThisTurn, { turn: st?.Turn ?? 0 }) : null;
  const countries = st?.Seats.map((x) => x.Country) ?? [];
  // The form's fields follow its button: nothing to fill in for an event the session cannot take.
  const off = whyNot('fireShock', st) !== null;
  // The country a GDP change, a purchase halt or a tariff is about (a halt's buyer, a tariff's importer), and a halt's
  // seller or a tariff's exporter: the one chosen, or else the first country that is not the buyer.
  const actor = country || countries[0];
  const haltSeller = seller && seller !== actor ? seller : countries.find((x) => x !== actor) ?? actor;
  const fireShock = () => {
    const text = headlineText.trim() || words.teacher.shockHeadline;
    const { body, effect } = surpriseEvent({
      kind: shockKind, country: actor, other: haltSeller, sector: shockKind === 'Tariff' ? tariffSector : sector,
      gdp, oil, demand, share, haltTurns, rate, inTurns,
    });
    void c.act(words.teacher.fireShock, say(words.teacher.done.fire, { headline: text }), (hub) => hub.fireShock({ Id: `adhoc-${Date.now().toString(36)}`, Headline: text, Body: body, Effects: [effect] }));
  };
  const countrySelect = (
    <select data-testid="shock-country" disabled={off} value={actor} onChange={(e) => setCountry((e.target as HTMLSelectElement).value)}>
      {countries.map((x) => <option key={x} value={x}>{countryName(x)}</option>)}
    </select>
  );
  const sellerSelect = (
    <select data-testid="shock-seller" disabled={off} value={haltSeller} onChange={(e) => setSeller((e.target as HTMLSelectElement).value)}>
      {countries.filter((x) => x !== actor).map((x) => <option key={x} value={x}>{countryName(x)}</option>)}
    </select>
  );
  return (
    <section class="card">
      <h2>{words.teacher.events}</h2>
      {/* A scenario without prepared events says so instead of offering an empty list; the surprise event below still works. */}
      {injects.length > 0 ? (
        <div class="row">
          <label class="inline">{words.teacher.injectLabel} <select data-testid="inject" disabled={off} value={chosen} onChange={(e) => setInject((e.target as HTMLSelectElement).value)}>
            {injects.map((i) => <option key={i} value={i} disabled={firedNow(i)} data-fired={(fired.get(i) ?? []).join(',')}>{option(i)}</option>)}
          </select></label>
          <Command c={c} command="fireInject" testid="fire-inject" unless={firedAgain} run={() => { const id = chosen; void c.act(words.teacher.fireInject, say(words.teacher.done.fire, { headline: headline(id) }), (hub) => hub.fireInject(id)); }}>{words.teacher.fireInject}</Command>
        </div>
      ) : st && <p class="muted" data-testid="no-injects">{words.teacher.noInjects}</p>}
      {/* The chosen event's turns in words under the list: a phone cuts the closed list's text, and a greyed button's
          reason is otherwise only its title, which no finger can hover. */}
      {injects.length > 0 && (fired.get(chosen)?.length ?? 0) > 0 && (
        <p class="muted" data-testid="inject-fired">{firedAgain ?? option(chosen)}</p>
      )}
      {injects.some((i) => fired.has(i)) && <p class="muted" data-testid="fired-once">{words.teacher.firedOnce}</p>}
      <h3 class="sub">{words.teacher.surprise}</h3>
      <div class="row shock-form" data-testid="surprise-event">
        <label class="stacked">{words.teacher.shockHeadlineLabel}
          <input disabled={off} placeholder={words.teacher.shockHeadline} data-testid="shock-headline" value={headlineText} onInput={(e) => setHeadline((e.target as HTMLInputElement).value)} />
        </label>
        <label class="stacked">{words.teacher.shockKind}
          <select data-testid="shock-kind" disabled={off} value={shockKind} onChange={(e) => setShockKind((e.target as HTMLSelectElement).value as SurpriseKind)}>
            <option value="Gdp">{words.teacher.shockKindGdp}</option>
            <option value="OilOutlook">{words.teacher.shockKindOil}</option>
            <option value="OilDemand">{words.teacher.shockKindDemand}</option>
            <option value="PurchaseHalt">{words.teacher.shockKindHalt}</option>
            <option value="Tariff">{words.teacher.shockKindTariff}</option>
          </select>
        </label>
        {shockKind === 'PurchaseHalt' ? (
          <>
            <label class="inline">{words.teacher.shockBuyer} {countrySelect}</label>
            <label class="inline">{words.teacher.shockSeller} {sellerSelect}</label>
            <label class="inline">{words.teacher.shockSector} <select data-testid="shock-sector" disabled={off} value={sector} onChange={(e) => setSector((e.target as HTMLSelectElement).value as Sector)}>
              {Sector.options.map((x) => <option key={x} value={x}>{label('Sector', x)}</option>)}
            </select></label>
            <label class="inline">{words.teacher.shockShare} <input type="number" step={5} min={0} max={100} class="narrow" data-testid="shock-share" disabled={off} value={share} onInput={(e) => setShare((e.target as HTMLInputElement).value)} /></label>
            <label class="inline">{words.teacher.shockTurns} <input type="number" step={1} min={1} class="narrow" data-testid="shock-turns" disabled={off} value={haltTurns} onInput={(e) => setHaltTurns((e.target as HTMLInputElement).value)} /></label>
          </>
        ) : shockKind === 'Tariff' ? (
          <>
            <label class="inline">{words.teacher.shockImporter} {countrySelect}</label>
            <label class="inline">{words.teacher.shockExporter} {sellerSelect}</label>
            <label class="inline">{words.teacher.shockSector} <select data-testid="shock-sector" disabled={off} value={tariffSector} onChange={(e) => setTariffSector((e.target as HTMLSelectElement).value as Sector | '')}>
              <option value="">{words.fields.allSectors}</option>
              {Sector.options.map((x) => <option key={x} value={x}>{label('Sector', x)}</option>)}
            </select></label>
            <label class="inline">{words.teacher.shockRate} <input type="number" step={5} min={0} max={200} class="narrow" data-testid="shock-rate" disabled={off} value={rate} onInput={(e) => setRate((e.target as HTMLInputElement).value)} /></label>
            <label class="inline">{words.teacher.shockInTurns} <input type="number" step={1} min={0} max={announcementTurns} class="narrow" data-testid="shock-in-turns" disabled={off} value={inTurns} onInput={(e) => setInTurns((e.target as HTMLInputElement).value)} /></label>
          </>
        ) : shockKind === 'Gdp' ? (
          <>
            <label class="inline">{words.teacher.shockCountry} {countrySelect}</label>
            <label class="inline">{words.teacher.shockGdp} <input type="number" step={0.5} class="narrow" data-testid="shock-gdp" disabled={off} value={gdp} onInput={(e) => setGdp((e.target as HTMLInputElement).value)} /></label>
          </>
        ) : shockKind === 'OilOutlook' ? (
          <label class="inline">{words.teacher.shockOil} <input type="number" step={0.5} min={-200} max={200} class="narrow" data-testid="shock-oil" disabled={off} value={oil} onInput={(e) => setOil((e.target as HTMLInputElement).value)} /></label>
        ) : (
          <label class="inline">{words.teacher.shockDemand} <input type="number" step={0.5} min={-200} max={200} class="narrow" data-testid="shock-demand" disabled={off} value={demand} onInput={(e) => setDemand((e.target as HTMLInputElement).value)} /></label>
        )}
        <Command c={c} command="fireShock" testid="fire-shock" run={fireShock}>{words.teacher.fireShock}</Command>
      </div>
    </section>
  );
}

/** Taking the game back to an earlier turn, or starting a what-if game that branches off there. */
function Branches({ c }: { c: Console }) {
  const st = c.store.status.value;
  // The picker offers the last turn played (going back to it plays it again; a branch there plays it otherwise). A
  // turn the teacher types stays until the next turn is resolved (a rollback, then a fork from the same turn, is one
  // thought); then the picker follows the game again.
  const [typed, setTyped] = useState<string | null>(null);
  const events = c.store.events.value;
  const lastResolved = useMemo(() => {
    for (let i = events.length - 1; i >= 0; i--) if (events[i].Kind === 'TurnResolved') return events[i].Sequence;
    return -1;
  }, [events]);
  useEffect(() => setTyped(null), [lastResolved]);
  const turn = typed ?? String(Math.max(firstTurn, (st?.Turn ?? firstTurn) - 1));
  const fork = async () => {
    if (!confirm(say(words.teacher.forkConfirm, { turn }))) return;
    const a = await c.live.send((hub) => hub.fork(Number(turn), commandId()));
    if (a.Refusal || !a.Value) { c.store.notice.value = say(words.teacher.refused, { action: words.teacher.fork, reason: plain(a.Refusal) }); return; }
    if (a.Value.SpectatorPass) localStorage.setItem(`spectator:${a.Value.SessionId}`, a.Value.SpectatorPass);
    c.forks.value = [...c.forks.value, a.Value];
    c.store.notice.value = say(words.teacher.forked, { turn });
  };
  const rollBack = () => {
    const id = commandId();
    if (confirm(say(words.teacher.rollBackConfirm, { turn }))) void c.act(words.teacher.rollBack, say(words.teacher.done.rollBack, { turn: Number(turn) }), (hub) => hub.rollBack(Number(turn), id));
  };
  return (
    <section class="card">
      <h2>{words.teacher.branches}</h2>
      <div class="row">
        <label class="inline">{words.teacher.turnLabel} <input type="number" min={firstTurn} max={st?.Turn} class="narrow" data-testid="turn-input" value={turn} onInput={(e) => setTyped((e.target as HTMLInputElement).value)} /></label>
        <Command c={c} command="rollBack" testid="rollback" run={rollBack}>{words.teacher.rollBack}</Command>
        <Command c={c} command="fork" testid="fork" run={() => void fork()}>{words.teacher.fork}</Command>
      </div>
      <ul data-testid="forks">
        {c.forks.value.map((f) => (
          <li key={f.SessionId}>{words.teacher.forkLine} <b data-testid="fork-code">{f.JoinCode}</b> — <a href={`/teach#${encodeURIComponent(f.TeacherPass)}`} target="_blank" data-testid="fork-link">{words.teacher.openConsole}</a>
            {f.SpectatorPass && <> · <a href={`/screen#${encodeURIComponent(f.SpectatorPass)}`} target="_blank" data-testid="fork-screen-link">{words.teacher.itsScreen}</a></>}</li>
        ))}
      </ul>
    </section>
  );
}

/** The pages the session opens (the classroom screen, the briefings, the exports) and the passes that guard it. */
function Links({ c }: { c: Console }) {
  const st = c.store.status.value;
  // Replaces the teacher's pass (e.g. after it leaked): the old pass stops working everywhere; this page reopens with the new one.
  const rotatePass = async () => {
    if (!confirm(words.teacher.rotatePassConfirm)) return;
    const a = await c.live.send((hub) => hub.rotateTeacherPass());
    if (a.Refusal || !a.Value) { c.store.notice.value = say(words.teacher.refused, { action: words.teacher.rotatePass, reason: plain(a.Refusal) }); return; }
    localStorage.setItem('pass:teach', a.Value.TeacherPass);
    history.replaceState(null, '', `/teach#${encodeURIComponent(a.Value.TeacherPass)}`);
    location.reload();
  };
  // Replaces the classroom screen's link (e.g. after it leaked): screens open with the old link stop showing the session.
  const rotateScreen = async () => {
    if (!confirm(words.teacher.rotateScreenConfirm)) return;
    const a = await c.live.send((hub) => hub.rotateSpectatorPass());
    if (a.Refusal || !a.Value?.SpectatorPass) { c.store.notice.value = say(words.teacher.refused, { action: words.teacher.rotateScreen, reason: plain(a.Refusal) }); return; }
    localStorage.setItem(`spectator:${a.Value.SessionId}`, a.Value.SpectatorPass);
    c.spectatorChanged.value++;
    c.store.notice.value = words.teacher.newScreenLink;
  };
  void c.spectatorChanged.value;
  const spectator = st ? localStorage.getItem(`spectator:${st.SessionId}`) : null;
  // Exports are fetched with the pass as a bearer token, so it never sits in an address (history, server logs, a shared link).
  const exported = async (format: ExportFormat): Promise<Blob | null> => {
    const { data, error, response } = await api.GET('/api/export/{format}', {
      params: { path: { format }, query: { tz: Intl.DateTimeFormat().resolvedOptions().timeZone } },
      headers: { Authorization: `Bearer ${c.pass}` },
      parseAs: 'blob',
    });
    if (response.ok && data) return data;
    c.store.notice.value = say(words.teacher.exportFailed, { reason: plain(refusal(error, response)) });
    return null;
  };
  const openDebrief = async () => {
    const tab = window.open('', '_blank');
    const blob = await exported('html');
    if (!tab) return;
    if (blob) tab.location.href = URL.createObjectURL(blob);
    else tab.close();
  };
  const download = async (format: Exclude<ExportFormat, 'html'>) => {
    const blob = await exported(format);
    if (!blob) return;
    const a = document.createElement('a');
    a.href = URL.createObjectURL(blob);
    a.download = `diplosim-${st?.SessionId ?? 'session'}.${format}`;
    a.click();
    URL.revokeObjectURL(a.href);
  };
  return (
    <section class="card">
      <h2>{words.teacher.links}</h2>
      <div class="row links">
        {spectator && <a href={`/screen#${encodeURIComponent(spectator)}`} target="_blank" data-testid="screen-link">{words.teacher.screenLink}</a>}
        {st && <a href={`/briefings?scenario=${encodeURIComponent(st.ScenarioId)}`} target="_blank" data-testid="briefings-link">{words.teacher.briefings}</a>}
        <button class="link" data-testid="debrief-link" onClick={() => void openDebrief()}>{words.teacher.debrief}</button>
        <button class="link" data-testid="csv-link" onClick={() => void download('csv')}>{words.teacher.csv}</button>
        <button class="link" data-testid="json-link" onClick={() => void download('json')}>{words.teacher.json}</button>
      </div>
      <div class="row">
        <Command c={c} command="rotatePass" testid="rotate-pass" run={() => void rotatePass()}>{words.teacher.rotatePass}</Command>
        <Command c={c} command="rotateScreen" testid="rotate-screen" run={() => void rotateScreen()}>{words.teacher.rotateScreen}</Command>
      </div>
    </section>
  );
}

const pct = (v: number | null): number | null => (v === null ? null : v * 100);

/** The glossary entry of the world table's numbers, by column. */
const worldTerms: Partial<Record<number, GlossaryKey>> = { 5: 'gdp', 6: 'growth', 7: 'stability', 8: 'utility' };

/**
 * The world table stacks each country narrower than its twelve columns need: their headings' longest words and the
 * numbers take about 1,130 px in Chromium with Debian's fonts, so a laptop of 1280 px or more has room (style.css).
 */
const worldStacking: Stacking = { rem: 72 };

/**
 * Every seat at a glance: who plays it, readiness, moves in, the latest indicators, messages and last activity. On a
 * card narrower than its columns (a phone) each country is a block of label–value pairs instead of a row: the
 * stylesheet draws every cell's column heading before it (its `data-label`) and hides the heading row. It stays one
 * table for screen readers, its roles written out, since some browsers drop a table's roles once CSS changes its display.
 */
function World({ c, briefing }: { c: Console; briefing: ScenarioBriefing | null }) {
  const st = c.store.status.value;
  const history = c.store.history.value;
  const events = c.store.events.value;
  const links = c.links.value;
  const [stacked, box] = useStacked(worldStacking);
  if (!st) return <section class="card wide" />;
  const head = words.teacher.seatsHead;
  const lost = (x: (typeof st.Seats)[number]) => {
    const note = connectionNote(x, links);
    return note && <span class="lost" data-testid={`lost-${x.Country}`}>{note}</span>;
  };
  const last = (country: string, ind: 'gdp' | 'growth' | 'stability'): number | null => latest(history, startOf(st, briefing), country, ind);
  const volume = (country: string): number => events.filter((e) => e.Kind === 'MessageSent' && e.Country === country).length;
  const lastSeen = (country: string): string => {
    const e = [...events].reverse().find((x) => x.By === country);
    return e ? clock(e.AtMs) : '–';
  };
  // A cell under heading i; a tick that is off leaves its cell empty, and a block on a phone leaves it out. There the
  // figures start a line of their own (`figures`), so each country's GDP stands where the one above it does.
  const cell = (i: number, value: ComponentChildren, attrs: { class?: string; 'data-testid'?: string } = {}) => <td role="cell" data-label={head[i]} {...attrs}>{value}</td>;
  const tick = (on: boolean | null | undefined) => (on ? '✓' : null);
  return (
    <section class="card wide world">
      <h2>{words.teacher.world}</h2>
      <div ref={box} class="scroll" tabIndex={0} role="region" aria-label={words.teacher.world}>
        <table class={stacked ? 'grid stacked' : 'grid'} role="table" data-testid="seats">
          <thead role="rowgroup"><tr role="row">{head.map((x, i) => {
            const term = worldTerms[i];
            return <th key={i} role="columnheader" scope="col">{term ? <Term k={term}>{x}</Term> : x}</th>;
          })}</tr></thead>
          <tbody role="rowgroup">
            {st.Seats.map((x) => (
              <tr key={x.Country} role="row" data-testid={`seat-${x.Country}`}>
                <th role="rowheader" scope="row"><span class="swatch" style={{ background: countryColour(x.Country) }} aria-hidden="true" /> {countryName(x.Country)}</th>
                {cell(1, x.Agent?.Name ? <AgentMark seat={x} /> : <>{x.Player ?? (x.OpenToPlayers ? words.teacher.open : words.teacher.botSeat)} <AgentMark seat={x} />{lost(x)}</>, { class: 'player' })}
                {cell(2, tick(x.Ready), { 'data-testid': `ready-${x.Country}` })}{cell(3, tick(x.Submitted))}{cell(4, tick(x.BotPlaying))}
                {cell(5, fmt(last(x.Country, 'gdp'), 0), { class: 'figures' })}{cell(6, fmt(pct(last(x.Country, 'growth'))))}{cell(7, fmt(last(x.Country, 'stability')))}
                {cell(8, fmt(utility(history, x.Country).at(-1), 2))}{cell(9, volume(x.Country))}{cell(10, lastSeen(x.Country))}
                {cell(11, x.Player && <Command c={c} command="freeSeat" testid={`free-${x.Country}`} small run={() => void c.act(words.teacher.freeSeat, sayCountries(words.teacher.done.freeSeat, { country: x.Country }), (hub) => hub.freeSeat(x.Country))}>{words.teacher.freeSeat}</Command>)}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {/* Tariffs announced ahead (a student's move, a scenario's shock or a surprise event) and not yet in force: public. */}
      <Announced announced={c.store.network.value?.Announced ?? []} seat={null} where="world" />
    </section>
  );
}

function Charts({ c }: { c: Console }) {
  const history = c.store.history.value;
  const seats = c.store.status.value?.Seats;
  const countries = useMemo(() => seats?.map((x) => x.Country) ?? [], [seats?.map((x) => x.Country).join()]);
  const gdp = useMemo(() => indicatorChart(history, countries, 'gdp'), [history, countries]);
  const util = useMemo(() => utilityChart(history, countries), [history, countries]);
  return (
    <section class="card wide">
      <div class="charts">
        <ChartBox title={words.charts.gdpIndex} testid="chart-gdp" data={gdp} />
        <ChartBox title={words.charts.utility} testid="chart-utility" data={util} />
      </div>
    </section>
  );
}

function Timeline({ c }: { c: Console }) {
  const events = c.store.events.value;
  const shown = events.filter((e) => e.Kind !== 'ReadinessChanged').slice(-60).reverse();
  return (
    <section class="card wide">
      <h2>{words.teacher.timeline}</h2>
      <ol class="timeline" tabIndex={0} aria-label={words.teacher.timeline} data-testid="timeline">
        {shown.map((e) => <li key={e.Sequence} data-kind={e.Kind}>{`${clock(e.AtMs)} ${eventText(e)}${e.Message && e.To ? ` — “${e.Message}”` : ''}`}</li>)}
      </ol>
    </section>
  );
}

/** The console's cards; the scenario's briefing, read once, gives the world table its start and the events their headlines. */
function Body({ c }: { c: Console }) {
  // Only a change of scenario draws the cards again from here: each card follows the session's status itself.
  const scenarioId = useComputed(() => c.store.status.value?.ScenarioId);
  const briefing = useBriefing(scenarioId.value);
  return (
    <main class="teacher">
      <EndSummary store={c.store} />
      <Controls c={c} />
      <World c={c} briefing={briefing} />
      <Events c={c} briefing={briefing} />
      <Branches c={c} />
      <Links c={c} />
      <Charts c={c} />
      <Timeline c={c} />
    </main>
  );
}

export function teacher(root: HTMLElement): void {
  const pass = pagePass('pass:teach');
  if (!pass) {
    root.textContent = words.app.noSession;
    return;
  }
  const store = new SessionStore();
  const live = new Live(pass, store, () => { store.connection.value = 'pass replaced'; });
  const c = new Console(store, live, pass);
  // A session that does not replay under this release can be read and exported, not played: say why.
  effect(() => {
    const why = store.status.value?.ReadOnly;
    if (why) store.notice.value = why;
  });
  render(
    <>
      <Header c={c} />
      <Notice c={c} />
      <Body c={c} />
      <Glossary />
    </>, root);
  void live.start();
  c.watchLinks();
  (window as unknown as { diplosim: Live }).diplosim = live;
}

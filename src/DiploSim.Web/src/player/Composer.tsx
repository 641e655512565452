import { useEffect, useMemo, useState } from 'preact/hooks';
import type { Move, MovePreview, ViewDto as View } from '../generated/contract';
import { Table } from '../components/common';
import { catalogue, fieldOfRefusal, initialValues, moveKinds, optionsOf, readMove, type Choices, type Field, type MoveKind } from '../moves/catalogue';
import { glossaryKeyOf, Term } from '../components/glossary';
import { countryList, countryName, label, plain, say, sayCountries, words } from '../i18n';
import { fmt } from '../ui';
import { announcedFormLines, announcedLine, tariffLine, theirTariffLine } from '../moves/tariff';
import { bound } from './panels';
import { useSeat } from './seat';

/** What the seat may pick from in the composer, from its view. */
export function choicesOf(view: View): Choices {
  const me = view.Country;
  const ledger = view.Ledger;
  return {
    me,
    others: view.Relations.map((r) => r.Other),
    proposals: view.Proposals.filter((p) => p.Proposer !== me && p.Parties.includes(me) && !p.AcceptedBy.includes(me))
      .map((p) => ({ id: p.Id, label: `${countryName(p.Proposer)}: ${label('AgreementKind', p.Agreement)} (${say(words.charts.turnLabel, { turn: p.Turn })})` })),
    agreements: (ledger?.Agreements ?? []).filter((g) => g.Status === 'InForce' && g.Parties.includes(me))
      .map((g) => ({ id: g.Id, label: `${label('AgreementKind', g.Kind)} (${countryList(g.Parties)})` })),
    deliveries: (ledger?.Deliveries ?? []).filter((d) => d.Seller === me)
      .map((d) => ({ id: d.Id, label: `${d.System} → ${countryName(d.Buyer)} (${say(words.charts.turnLabel, { turn: d.DueTurn })})` })),
  };
}

const newIds = (me: string, turn: number) => {
  const id = () => `${me}-${turn}-${Math.random().toString(36).slice(2, 6)}`;
  return { ProposalId: id(), NewProposalId: id() };
};

const indicatorLabel = (i: string, target: string | null): string =>
  sayCountries((words.indicators as Record<string, string>)[i] ?? i, { target: target ?? '' });

/**
 * What the preview says under its table of a move that changes nothing by itself next turn: a proposal only starts
 * when its partners accept it, so its table is all zeros, which reads as a broken preview without a word.
 */
export function previewNote(kind: MoveKind, p: MovePreview): string | null {
  const quiet = p.Effects.every((e) => Math.abs(e.With - e.Without) < 1e-6);
  return quiet && (kind === 'ProposeAgreement' || kind === 'CounterProposal') ? words.player.proposalNoEffect : null;
}

/**
 * A change in the preview as the table writes it, with its colour: one too small to show at its digits reads "0.00",
 * grey, never a red "-0.00" that says the move hurts when it does not.
 */
export function changeText(change: number, digits: number): { text: string; tone: 'ok' | 'refused' | 'muted' } {
  const shown = Number(change.toFixed(digits));
  if (shown === 0) return { text: fmt(0, digits), tone: 'muted' };
  return { text: `${shown > 0 ? '+' : ''}${fmt(change, digits)}`, tone: shown > 0 ? 'ok' : 'refused' };
}

function EffectTable({ p, kind }: { p: MovePreview; kind: MoveKind }) {
  const note = previewNote(kind, p);
  const key = new Set(['gdp', 'stability', 'utility', 'trustOfTarget', 'tradeWithTarget']);
  const digits = (i: string): number => (i === 'gdp' || i === 'tradeWithTarget' ? 1 : 2);
  // Besides the five it always shows, the table lists what the move changes by as much as it can show.
  const shown = p.Effects.map((e) => ({ ...e, Change: e.With - e.Without }))
    .filter((e) => key.has(e.Indicator) || changeText(e.Change, digits(e.Indicator)).tone !== 'muted');
  return (
    <div class="effect" data-testid="preview-effect">
      <p class="muted">{words.player.previewIntro}</p>
      <Table testid="effect-table" head={[...words.player.previewHead]} rows={shown.map((e) => {
        const k = glossaryKeyOf(e.Indicator);
        const c = changeText(e.Change, digits(e.Indicator));
        return [
        k ? <Term k={k} where="preview">{indicatorLabel(e.Indicator, p.Target)}</Term> : indicatorLabel(e.Indicator, p.Target),
        <span class={c.tone} data-testid={`effect-${e.Indicator}`}>{c.text}</span>,
        `${fmt(e.Without, digits(e.Indicator))} → ${fmt(e.With, digits(e.Indicator))}`];
      })} />
      {note && <p class="muted" data-testid="preview-note">{note}</p>}
    </div>
  );
}

const testId = (wire: string) => `field-${wire.replace('.', '-')}`;
/** The id of a field's error line, which its input names as its description (aria-describedby). */
const errorId = (wire: string) => `error-of-${wire.replace('.', '-')}`;

/** Whether an element is wholly in the window below what sticks at its top (style.css "now-bar"). */
function inView(e: Element): boolean {
  const r = e.getBoundingClientRect();
  const top = parseFloat(getComputedStyle(document.documentElement).getPropertyValue('--sticky-h')) || 0;
  return r.top >= top && r.bottom <= window.innerHeight;
}

/** Brings a field into view (clear of the sticky bar) and focuses it: its input, or the first of its choices. */
export function bringField(wire: string): void {
  const box = document.querySelector(`[data-testid="${testId(wire)}"]`);
  const target = box?.matches('input, select') ? box : box?.querySelector('input, select');
  if (!(target instanceof HTMLElement)) return;
  if (!inView(target)) target.scrollIntoView({ block: 'center' });
  target.focus({ preventScroll: true });
}

function FieldInput({ field, value, choices, error, disabled, onChange }: { field: Field; value: string; choices: Choices; error: string | undefined; disabled: boolean; onChange: (v: string) => void }) {
  const id = testId(field.wire);
  // A field the form or the model refused is marked so, with the reason as its description.
  const invalid = error ? { 'aria-invalid': 'true' as const, 'aria-describedby': errorId(field.wire) } : {};
  let input;
  if (field.kind === 'actors') {
    const picked = new Set(value.split(',').filter(Boolean));
    const toggle = (a: string) => { picked.has(a) ? picked.delete(a) : picked.add(a); onChange(choices.others.filter((x) => picked.has(x)).join(',')); };
    input = (
      <span class="chips" data-testid={id} role="group" aria-label={field.label} aria-invalid={error ? 'true' : undefined} aria-describedby={error ? errorId(field.wire) : undefined}>
        {choices.others.map((a) => (
          <label key={a} class={picked.has(a) ? 'chip on' : 'chip'}>
            <input type="checkbox" disabled={disabled} checked={picked.has(a)} data-testid={`${id}-${a}`} onChange={() => toggle(a)} /> {countryName(a)}
          </label>
        ))}
      </span>
    );
  } else if (['percent', 'number', 'whole', 'text'].includes(field.kind)) {
    input = (
      <input name={field.wire} data-testid={id} disabled={disabled} value={value} placeholder={field.hint} {...invalid}
        type={field.kind === 'text' ? 'text' : 'number'} inputMode={field.kind === 'text' ? undefined : 'decimal'} step={field.kind === 'whole' ? 1 : 'any'}
        onInput={(e) => onChange((e.target as HTMLInputElement).value)} />
    );
  } else {
    const options = optionsOf(field, choices);
    input = (
      <select name={field.wire} data-testid={id} disabled={disabled} value={value} {...invalid} onChange={(e) => onChange((e.target as HTMLSelectElement).value)}>
        {options.length === 0 && <option value="">{words.player.noneAvailable}</option>}
        {options.map((o) => <option key={o.value} value={o.value}>{o.label}</option>)}
      </select>
    );
  }
  return (
    <label class={error ? 'field invalid' : 'field'}>
      <span class="field-label">{field.label}{field.optional ? ` ${words.player.optional}` : ''}</span>
      {input}
      {error && <small class="field-error" id={errorId(field.wire)} data-testid={`error-${field.wire.replace('.', '-')}`}>{error}</small>}
    </label>
  );
}

/**
 * The move composer: every move kind the model has, with its fields; each change is checked here (filled in, numbers)
 * and then previewed by the model, which gives the capital cost, the direct effect, or its reason for refusing the
 * move, shown beside the field it concerns. A move is added to the draft with the preview it was shown with.
 */
export function Composer() {
  const seat = useSeat();
  const { store, draft, preview } = bound(seat);
  const view = store.view.value;
  const turn = store.status.value?.Turn ?? 0;
  const [kind, setKind] = useState<MoveKind>('SetTariff');
  const choices = useMemo(() => (view ? choicesOf(view) : null), [view]);
  const [values, setValues] = useState<Record<string, string>>({});
  const [ids, setIds] = useState(() => newIds('', 0));
  const [shown, setShown] = useState<{ move: Move; p: MovePreview | null; refusal: string | null } | null>(null);

  const me = view?.Country ?? '';
  // A new turn opens on a fresh form: last turn's move, now played (an agreement signed, say), would only be refused again.
  useEffect(() => {
    setIds(newIds(me, turn));
    if (choices) {
      setKind('SetTariff');
      setValues(initialValues('SetTariff', choices));
    }
  }, [me, turn]);
  const start = (k: MoveKind) => {
    setKind(k);
    if (choices) setValues(initialValues(k, choices));
  };
  // The first view: the form's first values.
  useEffect(() => { if (choices && Object.keys(values).length === 0) setValues(initialValues(kind, choices)); }, [choices]);

  const read = useMemo(() => readMove(kind, values, ids), [kind, values, ids]);
  const key = read.move ? JSON.stringify(read.move) : null;
  useEffect(() => {
    if (!read.move || !view) { setShown(null); return; }
    const move = read.move;
    let current = true;
    const timer = window.setTimeout(() => {
      void preview(move).then((a) => { if (current) setShown({ move, p: a.Value ?? null, refusal: a.Value?.Refusal ?? a.Refusal }); });
    }, 120);
    return () => { current = false; window.clearTimeout(timer); };
  }, [key, me, turn]);

  // The preview shown is of the move as the form now reads it; a refusal of it may be about one of the fields.
  const fresh = shown !== null && read.move !== null && JSON.stringify(shown.move) === key;
  const refusal = fresh ? shown.refusal : null;
  const refusalField = refusal ? fieldOfRefusal(kind, refusal, values) : null;

  // A refusal that arrives while the student works in the form brings the field it is about back into view (a phone
  // scrolled down to the preview leaves it above the window's edge), focused; focus elsewhere (the talks) stays put.
  useEffect(() => {
    if (!refusalField) return;
    const composer = document.getElementById('moves');
    const active = document.activeElement;
    const field = document.querySelector(`[data-testid="${testId(refusalField)}"]`);
    if (composer && active && composer.contains(active) && field && (!field.contains(active) || !inView(field))) bringField(refusalField);
  }, [refusalField, shown]);

  if (!view || !choices) return <section class="card composer" id="moves"><h2>{words.player.movesTitle}</h2></section>;
  const errors = { ...read.errors, ...(refusal && refusalField ? { [refusalField]: plain(refusal) } : {}) };
  const p = fresh ? shown.p : null;
  const spec = catalogue[kind];
  const main = spec.fields.filter((f) => !f.wire.startsWith('Terms.'));
  const terms = spec.fields.filter((f) => f.wire.startsWith('Terms.'));
  const refusedLabel = refusalField ? spec.fields.find((f) => f.wire === refusalField)?.label ?? '' : '';
  const field = (f: Field) => (
    <FieldInput key={`${kind}-${f.wire}`} field={f} value={values[f.wire] ?? ''} choices={choices} error={errors[f.wire]} disabled={seat.over}
      onChange={(v) => setValues({ ...values, [f.wire]: v })} />
  );
  const add = async () => {
    if (!fresh || !shown.p || refusal) return;
    const entry = { move: shown.move, cost: shown.p.Cost, description: plain(shown.p.Description, view.Proposals) || label('MoveKind', kind) };
    await draft.add(entry);
    setIds(newIds(me, turn));
    // Once its save is answered: a move whose turn closed meanwhile left the plan (named as not played), and the top of
    // the page keeps saying the turn is over rather than that it was added.
    if (draft.entries.value.some((e) => e.move === entry.move)) seat.sayAdded(plain(shown.p.Description, view.Proposals));
  };
  const line = !read.move ? words.player.fillIn
    : !fresh ? words.player.asking
    : refusal ? (refusalField ? <SeeField field={refusalField} label={refusedLabel} /> : plain(refusal))
    : say(words.player.costLine, { description: plain(p?.Description, view.Proposals), cost: p?.Cost ?? 0, capital: p?.Capital ?? 0, planned: draft.total.value });
  return (
    <section class="card composer" data-testid="composer" id="moves">
      <h2><Term k="moves">{words.player.movesTitle}</Term></h2>
      <label class="field">
        <span class="field-label">{words.player.move}</span>
        <select data-testid="move-kind" disabled={seat.over} value={kind} onChange={(e) => start((e.target as HTMLSelectElement).value as MoveKind)}>
          {moveKinds.map((k) => <option key={k} value={k}>{catalogue[k].label}</option>)}
        </select>
      </label>
      <div class="fields">{main.map(field)}</div>
      {kind === 'SetTariff' && (() => {
        const now = tariffLine(view.Relations, values.Target ?? '', values.Sector ?? '', values.Rate ?? '');
        const theirs = theirTariffLine(view.Relations, values.Target ?? '', values.Sector ?? '');
        const ahead = refusal ? null : announcedLine(values.InTurns ?? '');
        // Tariffs already announced between the seat and this partner on these goods, and not yet in force.
        const pending = announcedFormLines(view.Relations, view.Announced, view.Country, values.Target ?? '', values.Sector ?? '');
        const announced = (lines: string[]) => lines.map((x, i) => <p key={i} class="tariff-line pending" data-testid="tariff-pending">{x}</p>);
        return now && <><p class="muted tariff-line" data-testid="tariff-now">{now}</p>{announced(pending.mine)}{theirs && <p class="muted tariff-line" data-testid="tariff-theirs">{theirs}</p>}{announced(pending.theirs)}{ahead && <p class="muted tariff-line" data-testid="tariff-announced">{ahead}</p>}</>;
      })()}
      {terms.length > 0 && <details class="terms"><summary data-testid="terms">{words.player.terms}</summary><div class="fields">{terms.map(field)}</div></details>}
      <p class={refusal ? 'preview error' : 'preview'} data-testid="preview" data-cost={p ? String(p.Cost) : ''}>{line}</p>
      {p && !refusal && <EffectTable p={p} kind={kind} />}
      <div class="row">
        <button data-testid="add-move" disabled={seat.over || !fresh || !!refusal || !p} onClick={() => void add()}>{words.player.addToDraft}</button>
      </div>
      <DraftList />
    </section>
  );
}

/** "Not allowed: see “Tax rate (%)”", the field's name a button that brings the field into view, focused. */
function SeeField({ field, label: name }: { field: string; label: string }) {
  const [before, after = ''] = words.player.refusedSee.split('{field}');
  return <>{before}<button type="button" class="see-field" data-testid="refused-field" onClick={() => bringField(field)}>{name}</button>{after}</>;
}

export function DraftList() {
  const seat = useSeat();
  const { store, draft } = bound(seat);
  const view = store.view.value;
  const entries = draft.entries.value;
  const dropped = draft.dropped.value;
  return (
    <>
      {dropped && (
        <div class="dropped" role="alert" data-testid="draft-dropped">
          {dropped.entries.length > 0 && (
            <>
              <p class="error">{say(dropped.rolledBack ? words.player.notPlayedRolledBack : words.player.notPlayed,
                { turn: dropped.turn, moves: dropped.entries.map((e) => plain(e.description)).join('; ') })}</p>
              <button data-testid="put-back" disabled={seat.over} onClick={() => void seat.putBack()}>{words.player.putBack}</button>{' '}
            </>
          )}
          {dropped.refused.map((r) => <p key={r} class="error">{r}</p>)}
          <button class="small" data-testid="leave-out" onClick={() => { draft.dropped.value = null; }}>{words.player.leaveOut}</button>
        </div>
      )}
      <ul class="draft" data-testid="draft">
        {entries.map((e, i) => (
          <li key={i} data-testid={`draft-${e.move.Kind}`} data-kind={e.move.Kind}>
            <span>{plain(e.description)} · {e.cost ?? '?'} {words.player.capitalUnit}</span>{' '}
            <button class="small" disabled={seat.over} onClick={() => void draft.remove(i)}>{words.player.remove}</button>
          </li>
        ))}
        <li class="muted" data-testid="draft-cost">{say(words.player.draftTotal, { total: draft.total.value, capital: view?.Capital ?? '?' })}</li>
      </ul>
      {draft.saveError.value && <p class="error">{say(words.player.draftNotSaved, { reason: plain(draft.saveError.value) })}</p>}
      <div class="row">
        <button class="primary" data-testid="submit" disabled={seat.over} onClick={() => void seat.submit()}>{words.player.submit}</button>
        <span class={seat.submitPending.value ? 'status pending' : 'status'} role="status" data-testid="submit-status">{seat.submitLine.value}</span>
      </div>
    </>
  );
}

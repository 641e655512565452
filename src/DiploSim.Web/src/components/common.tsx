import type { ComponentChildren } from 'preact';
import { useEffect, useRef, useState } from 'preact/hooks';
import type { SeatView, StatusDto, TurnSummary } from '../generated/contract';
import { label, say, words } from '../i18n';

/** When a wide table stacks its rows: its box narrower than `rem` root ems, or the window narrower than `windowPx`. */
export type Stacking = { rem: number } | { windowPx: number };

/** The `stacks` of a Table: `narrow` below 46rem (a phone), `wide` below 64rem (a laptop's narrow card too). */
const tableStacking: Record<'narrow' | 'wide', Stacking> = { narrow: { rem: 46 }, wide: { rem: 64 } };

/**
 * Whether a wide table stacks (style.css, `.grid.stacked`): each row a block, its first cell a title line and each
 * other cell under its column's heading; and the ref to put on the table's box, whose width it follows. Measured here,
 * as a CSS container style query would, because Firefox reads those only from version 151 and a school's older Firefox
 * would scroll the table sideways instead.
 */
export function useStacked(below: Stacking | undefined): [boolean, (box: HTMLElement | null) => void] {
  const [stacked, setStacked] = useState(false);
  const [box, setBox] = useState<HTMLElement | null>(null);
  const rem = below && 'rem' in below ? below.rem : null;
  const windowPx = below && 'windowPx' in below ? below.windowPx : null;
  useEffect(() => {
    if (windowPx !== null) {
      const query = window.matchMedia(`(max-width: ${windowPx - 0.02}px)`);
      const update = () => setStacked(query.matches);
      update();
      query.addEventListener('change', update);
      return () => query.removeEventListener('change', update);
    }
    if (rem === null || !box) return;
    const observer = new ResizeObserver(([entry]) => {
      const rootPx = parseFloat(getComputedStyle(document.documentElement).fontSize) || 16;
      setStacked(entry.contentRect.width <= rem * rootPx);
    });
    observer.observe(box);
    return () => observer.disconnect();
  }, [box, rem, windowPx]);
  return [stacked, setBox];
}

/**
 * A table with a header row; each row's cells are text or nodes, the columns listed in `wrap` (long phrases) wrap their
 * text first. A table of many columns says how it `stacks` in a narrow box (a phone, or a laptop's narrow card): `narrow`
 * below 46rem, `wide` below 64rem; there each row is a block, its first cell a title line and each other cell under its
 * column's heading (the cell's data-label, useStacked), so it never scrolls sideways. A table that does not stack
 * scrolls sideways when it must.
 */
export function Table({ testid, head, rows, rowClass, wrap = [], stacks }: { testid: string; head: string[]; rows: ComponentChildren[][]; rowClass?: (i: number) => string; wrap?: number[]; stacks?: 'narrow' | 'wide' }) {
  const [stacked, box] = useStacked(stacks && tableStacking[stacks]);
  return (
    <div ref={box} class="scroll" tabIndex={0} role="region" aria-label={head[0]}>
      {/* The roles keep the table a table to screen readers when it stacks (a table shown as blocks loses them). */}
      <table class={stacked ? 'grid stacked' : 'grid'} role="table" data-testid={testid}>
        <thead role="rowgroup"><tr role="row">{head.map((x) => <th key={x} role="columnheader" scope="col">{x}</th>)}</tr></thead>
        <tbody role="rowgroup">{rows.map((r, i) => <tr key={i} role="row" class={rowClass?.(i) ?? ''}>{r.map((c, j) => <td key={j} role="cell" data-label={head[j]} class={wrap.includes(j) ? 'wraps' : undefined}>{c}</td>)}</tr>)}</tbody>
      </table>
    </div>
  );
}

/**
 * A countdown to the deadline by the server's clock (this browser's, corrected by `skewMs`). It reads the clock each
 * time it draws, never a time kept from an earlier draw (a page opened in the lobby once showed the turn's length plus
 * the minutes it had waited, until its next tick), and it ticks when the shown second changes by the server's clock, so
 * pages flip their seconds together.
 */
export function Countdown({ deadlineMs, skewMs, phase, class: cls = 'clock', testid = 'countdown' }: { deadlineMs: number | null; skewMs: number; phase: string; class?: string; testid?: string }) {
  const [, redraw] = useState(0);
  useEffect(() => {
    if (phase !== 'Running' || deadlineMs === null) return;
    let timer = 0;
    const next = () => {
      timer = window.setTimeout(() => { redraw((n) => n + 1); next(); }, msToNextSecond(deadlineMs, Date.now() + skewMs) + 20);
    };
    next();
    return () => window.clearTimeout(timer);
  }, [phase, deadlineMs, skewMs]);
  const text = countdownText(phase, deadlineMs, Date.now() + skewMs);
  return text === null ? null : <span class={cls} data-testid={testid}>{text}</span>;
}

/** How long until a countdown to `deadlineMs` shows its next second, at the server's time `nowMs` (1000 when it has just changed). */
export function msToNextSecond(deadlineMs: number, nowMs: number): number {
  const within = (deadlineMs - nowMs) % 1000;
  return within <= 0 ? 1000 + within || 1000 : within;
}

/**
 * What the clock beside the turn line shows: the time left while the turn runs against a deadline, else nothing. The
 * turn line (and the console's phase) already says "waiting to start", "paused" or "over": a second word beside it
 * ("paused · paused") says nothing more.
 */
export function countdownText(phase: string, deadlineMs: number | null, nowMs: number): string | null {
  if (phase !== 'Running' || deadlineMs === null) return null;
  const s = Math.floor(Math.max(0, deadlineMs - nowMs) / 1000);
  return `${Math.floor(s / 60)}:${String(s % 60).padStart(2, '0')}`;
}

/**
 * The turn every session opens at. A scenario's world is built at turn 0 (Core's WorldBuilder: a scenario file names
 * where it starts as a date, `start: 2026-Q1`, not as a turn), and a fork replays its parent's turns from that world,
 * so its first turn is 0 too (DiploSim.Scenarios.Tests' Every_scenario_opens_at_turn_0_and_cannot_name_another). Turn
 * numbers are counted from it: a session of 12 turns plays turns 0 to 11.
 */
export const firstTurn = 0;

/**
 * The session's turn in words, from a template with {turn}, {first} and {last} (the session's first and last turns),
 * {turns}, {date} and {phase}. Once the game is over the line
 * says so once and names the last quarter played, not the next one the world has moved on to, which nobody plays.
 */
export function turnText(template: string, st: StatusDto, history: readonly TurnSummary[]): string {
  if (st.Phase === 'Ended') {
    const last = history.at(-1);
    return last ? say(history.length === 1 ? words.end.headlineOne : words.end.headline, { turns: history.length, date: last.Date }) : words.end.headlineNone;
  }
  return say(template, { turn: st.Turn, first: firstTurn, last: firstTurn + st.Turns - 1, turns: st.Turns, date: st.Date, phase: label('SessionPhase', st.Phase) });
}

/** Mounts a node drawn outside Preact (the relations network's SVG). */
export function Mount({ node }: { node: Node | null }) {
  const box = useRef<HTMLDivElement>(null);
  useEffect(() => { if (box.current) box.current.replaceChildren(...(node ? [node] : [])); }, [node]);
  return <div class="network-box" ref={box} />;
}

/** The mark of a seat a program plays (docs/agents.md): a badge with the words, e.g. "played by agent rule"; nothing for a person's seat. */
export function AgentMark({ seat, short = false }: { seat: SeatView | undefined; short?: boolean }) {
  const agent = seat?.Agent;
  if (!seat || !agent) return null;
  const text = agent.Name ? say(words.seat.playedByAgent, { name: agent.Name }) : words.seat.playedByRemoteAgent;
  return (
    <span class="agent-mark" data-testid={`agent-${seat.Country}`} title={text} aria-label={short ? text : undefined}>
      <span aria-hidden="true">⚙</span> {short ? words.seat.agentShort : text}
    </span>
  );
}

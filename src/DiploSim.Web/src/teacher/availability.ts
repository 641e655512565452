import type { StatusDto as Status } from '../generated/contract';
import { firstTurn } from '../components/common';
import { say, words } from '../i18n';

/** The teacher's commands that a button on the console sends. */
export type TeacherCommand =
  | 'start' | 'pause' | 'resume' | 'resolve' | 'extend' | 'end'
  | 'fireInject' | 'fireShock' | 'rollBack' | 'fork' | 'freeSeat' | 'rotatePass' | 'rotateScreen';

/**
 * Why a command cannot act on the session as the page last saw it, in the teacher's words, or null when it can. It
 * follows what the session grain refuses by phase (SessionGrain's teacher commands): a session that can only be read
 * refuses them all; Start works in the lobby only, Pause while running, Resume while paused; a turn is resolved while
 * the game runs or is paused, and its deadline extended while it runs; a game is rolled back once a turn was played;
 * once it is over only a fork and the passes are left (the session would still free a seat, which the console no
 * longer offers then). What depends on more than that (the turn a roll back names, a surprise event's figures) the
 * session still checks.
 */
export function whyNot(command: TeacherCommand, st: Pick<Status, 'Phase' | 'Turn' | 'DeadlineMs' | 'ReadOnly'> | null | undefined): string | null {
  const why = words.teacher.why;
  if (!st) return why.loading;
  if (st.ReadOnly) return why.readOnly;
  const phase = st.Phase;
  switch (command) {
    case 'start':
      return phase === 'Lobby' ? null : phase === 'Ended' ? why.over : phase === 'Paused' ? why.startedPaused : why.started;
    case 'pause':
      return phase === 'Running' ? null : phase === 'Ended' ? why.over : phase === 'Paused' ? why.alreadyPaused : why.notStarted;
    case 'resume':
      return phase === 'Paused' ? null : phase === 'Ended' ? why.over : phase === 'Running' ? why.notPaused : why.resumeLobby;
    case 'resolve':
      return phase === 'Lobby' ? why.notStarted : phase === 'Ended' ? why.over : null;
    case 'extend':
      return phase === 'Lobby' ? why.notStarted : phase === 'Ended' ? why.over : phase === 'Paused' ? why.clockStopped
        : st.DeadlineMs === null ? why.noDeadline : null;
    case 'rollBack': // to a past turn, of which a session in its first turn has none
      return phase === 'Ended' ? why.over : st.Turn === firstTurn ? why.nothingPlayed : null;
    case 'end':
      return phase === 'Ended' ? why.alreadyOver : null;
    case 'fireInject':
    case 'fireShock':
    case 'freeSeat':
      return phase === 'Ended' ? why.over : null;
    case 'fork':
    case 'rotatePass':
    case 'rotateScreen':
      return null;
  }
}

/**
 * What the turn's controls can do now, in one line shown beside them: on a phone or a tablet nobody hovers, so a
 * disabled button's title never shows, and a teacher who taps a greyed-out Start or Resume would learn nothing. It
 * names by their labels the buttons the phase leaves enabled (whyNot), and says why the others are greyed out; once
 * the game is over, what a fork can still do.
 */
export function controlsNow(st: Pick<Status, 'Phase' | 'Turn' | 'DeadlineMs' | 'ReadOnly'> | null | undefined): string {
  const t = words.teacher;
  if (!st) return t.why.loading;
  if (st.ReadOnly) return t.why.readOnly;
  const buttons = { start: t.start, pause: t.pause, resume: t.resume, resolve: t.resolveNow };
  switch (st.Phase) {
    case 'Lobby': return say(t.now.lobby, buttons);
    case 'Running': return say(st.DeadlineMs === null ? t.now.runningUntimed : t.now.running, buttons);
    case 'Paused': return say(t.now.paused, buttons);
    // A game ended in its first turn has no turn to branch from but its beginning.
    case 'Ended': return st.Turn === firstTurn ? say(t.now.overNonePlayed, { first: firstTurn }) : t.now.over;
  }
}

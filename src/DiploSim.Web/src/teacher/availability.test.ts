import { describe, expect, it } from 'vitest';
import { SessionPhase } from '../generated/contract';
import { status } from '../test/fixtures';
import { words } from '../i18n';
import { controlsNow, whyNot, type TeacherCommand } from './availability';

const turnControls: TeacherCommand[] = ['start', 'pause', 'resume', 'resolve', 'extend', 'end'];

/** The turn controls a teacher can use in a phase. */
const enabled = (phase: SessionPhase, deadline: number | null = 1000): TeacherCommand[] =>
  turnControls.filter((x) => whyNot(x, status({ Phase: phase, DeadlineMs: deadline })) === null);

describe('what the teacher can do in each phase of a session', () => {
  it('starts a game in the lobby and nothing of a turn before it starts', () => {
    expect(enabled('Lobby', null)).toEqual(['start', 'end']);
    expect(whyNot('pause', status({ Phase: 'Lobby' }))).toBe(words.teacher.why.notStarted);
    expect(whyNot('rollBack', status({ Phase: 'Lobby' }))).toBe(words.teacher.why.nothingPlayed);
  });

  it('no longer offers Start once the game runs, and says it has started', () => {
    expect(enabled('Running')).toEqual(['pause', 'resolve', 'extend', 'end']);
    expect(whyNot('start', status({ Phase: 'Running' }))).toBe('The game has already started.');
    expect(whyNot('resume', status({ Phase: 'Running' }))).toBe(words.teacher.why.notPaused);
    expect(whyNot('extend', status({ Phase: 'Running', DeadlineMs: null }))).toBe(words.teacher.why.noDeadline);
    expect(whyNot('rollBack', status({ Phase: 'Running', Turn: 0 }))).toBe(words.teacher.why.nothingPlayed);
    expect(whyNot('rollBack', status({ Phase: 'Running', Turn: 1 }))).toBeNull();
  });

  it('resumes a paused game, resolves its turn, and neither pauses it again nor extends a stopped clock', () => {
    expect(enabled('Paused', null)).toEqual(['resume', 'resolve', 'end']);
    expect(whyNot('pause', status({ Phase: 'Paused' }))).toBe(words.teacher.why.alreadyPaused);
    expect(whyNot('start', status({ Phase: 'Paused' }))).toBe(words.teacher.why.startedPaused);
  });

  it('leaves only a fork and the passes once the game is over', () => {
    const all: TeacherCommand[] = [...turnControls, 'fireInject', 'fireShock', 'rollBack', 'fork', 'freeSeat', 'rotatePass', 'rotateScreen'];
    expect(all.filter((x) => whyNot(x, status({ Phase: 'Ended', DeadlineMs: null })) === null)).toEqual(['fork', 'rotatePass', 'rotateScreen']);
    expect(whyNot('end', status({ Phase: 'Ended' }))).toBe(words.teacher.why.alreadyOver);
  });

  it('offers nothing on a session that can only be read, nor before the page has the session', () => {
    for (const x of [...turnControls, 'fork', 'rotatePass'] as TeacherCommand[]) {
      expect(whyNot(x, status({ ReadOnly: 'stored by model version 7' }))).toBe(words.teacher.why.readOnly);
      expect(whyNot(x, null)).toBe(words.teacher.why.loading);
    }
  });

  it('gives a reason in plain words for every phase a control cannot act in', () => {
    for (const phase of SessionPhase.options) {
      for (const x of turnControls) {
        const why = whyNot(x, status({ Phase: phase, DeadlineMs: phase === 'Running' ? 1000 : null }));
        if (why !== null) expect(why).toMatch(/^[A-Z][^{}]*\.$/);
      }
    }
  });
});

describe('the line that says what the controls can do now, for a teacher who cannot hover over a greyed-out button', () => {
  const labels: Record<string, string> = {
    start: words.teacher.start, pause: words.teacher.pause, resume: words.teacher.resume, resolve: words.teacher.resolveNow,
    extend: words.teacher.extend, end: words.teacher.end,
  };
  /** The turn controls a line names by their buttons' labels, as whole words. */
  const named = (line: string): TeacherCommand[] =>
    turnControls.filter((x) => new RegExp(`(?<!\\w)${labels[x].replace(/[+]/g, '\\$&')}(?!\\w)`).test(line));

  it('says in each phase what the game is doing and which buttons act now', () => {
    expect(controlsNow(status({ Phase: 'Running', DeadlineMs: 1000 }))).toBe('The game is running: Pause stops the clock, Resolve now ends the turn at once.');
    expect(controlsNow(status({ Phase: 'Paused', DeadlineMs: null }))).toBe('The game is paused: Resume carries it on, Resolve now still ends the turn.');
    expect(named(controlsNow(status({ Phase: 'Lobby', DeadlineMs: null })))).toEqual(['start']);
    expect(named(controlsNow(status({ Phase: 'Running', DeadlineMs: null })))).toEqual(['pause', 'resolve']);
    expect(controlsNow(status({ Phase: 'Ended', DeadlineMs: null }))).toMatch(/^The game is over/);
  });

  it('names only buttons the phase leaves enabled, in a plain sentence', () => {
    for (const phase of SessionPhase.options) {
      for (const deadline of [1000, null]) {
        const st = status({ Phase: phase, DeadlineMs: deadline });
        const line = controlsNow(st);
        expect(line).toMatch(/^[A-Z][^{}]*\.$/);
        for (const x of named(line)) expect(whyNot(x, st), `${phase}: "${line}" names ${x}`).toBeNull();
      }
    }
  });

  it('once the game is over, offers a fork from any turn played, or from the beginning when none was', () => {
    expect(controlsNow(status({ Phase: 'Ended', Turn: 3, DeadlineMs: null }))).toBe('The game is over: a fork still starts a what-if game from any turn.');
    const none = controlsNow(status({ Phase: 'Ended', Turn: 0, DeadlineMs: null }));
    expect(none).toBe('The game is over before any turn was played: a fork still starts it anew from turn 0.');
  });

  it('says why nothing acts on a session that can only be read, or before the page has the session', () => {
    expect(controlsNow(status({ ReadOnly: 'stored by model version 7' }))).toBe(words.teacher.why.readOnly);
    expect(controlsNow(null)).toBe(words.teacher.why.loading);
  });
});

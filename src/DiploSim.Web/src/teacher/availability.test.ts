import { describe, expect, it } from 'vitest';
import { SessionPhase } from '../generated/contract';
import { status } from '../test/fixtures';
import { words } from '../i18n';
import { whyNot, type TeacherCommand } from './availability';

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

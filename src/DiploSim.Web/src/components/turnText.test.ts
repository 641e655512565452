import { describe, expect, it } from 'vitest';
import { status, turn } from '../test/fixtures';
import { words } from '../i18n';
import { countdownText, firstTurn, turnText } from './common';

describe('the turn line', () => {
  it('reads the turn, the quarter and the phase while the game runs', () => {
    expect(turnText(words.player.turnLine, status({ Turn: 3, Turns: 8, Date: '2026-Q2' }), [])).toBe('Turn 3 (turns 0–7) · 2026-Q2 · playing');
  });

  it('names the first and the last turn, counting from 0 as the turn numbers do, so the last turn is not "7 of 8"', () => {
    expect(turnText(words.teacher.phaseLine, status({ Turn: firstTurn, Turns: 8, Date: '2025-Q4' }), [])).toBe('playing · turn 0 (turns 0–7) · 2025-Q4');
    expect(turnText(words.teacher.phaseLine, status({ Turn: firstTurn + 7, Turns: 8, Date: '2027-Q3' }), [])).toBe('playing · turn 7 (turns 0–7) · 2027-Q3');
  });

  it('says once that the game is over and names the last quarter played, not the one after it', () => {
    const history = [turn(0, { Date: '2025-Q4' }), turn(1, { Date: '2026-Q1' })];
    const text = turnText(words.player.turnLine, status({ Phase: 'Ended', Turn: 2, Turns: 2, Date: '2026-Q2' }), history);
    expect(text).toBe('Game over after 2 turns · the last was 2026-Q1');
    expect(text).not.toContain('2026-Q2');
    expect(turnText(words.teacher.phaseLine, status({ Phase: 'Ended', Turn: 0, Date: '2025-Q4' }), [])).toBe('Game over · no turn was played');
  });

  it('counts a single turn as one turn, not one turns', () => {
    const text = turnText(words.player.turnLine, status({ Phase: 'Ended', Turn: 1, Turns: 8, Date: '2026-Q1' }), [turn(0, { Date: '2025-Q4' })]);
    expect(text).toBe('Game over after 1 turn · it was 2025-Q4');
  });
});

describe('the clock beside the turn line', () => {
  it('shows the time left while the turn runs against a deadline', () => {
    expect(countdownText('Running', 95_000, 0)).toBe('1:35');
    expect(countdownText('Running', 1_000, 5_000)).toBe('0:00');
  });

  it('shows nothing when the turn line already says the game is waiting, paused or over, so "paused" is not said twice', () => {
    for (const phase of ['Lobby', 'Paused', 'Ended']) {
      expect(countdownText(phase, null, 0), phase).toBeNull();
      expect(turnText(words.player.turnLine, status({ Phase: phase as never }), [turn(0)])).not.toBe('');
    }
    expect(turnText(words.player.turnLine, status({ Phase: 'Paused' }), [])).toContain('paused');
    expect(countdownText('Running', null, 0)).toBeNull();
  });
});

import { describe, expect, it } from 'vitest';
import { status, turn } from '../test/fixtures';
import { words } from '../i18n';
import { firstTurn, turnText } from './common';

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

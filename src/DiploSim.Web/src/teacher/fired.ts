import type { EventDto as GameEvent } from '../generated/contract';

/**
 * The turns in which each of the scenario's prepared events was fired, oldest first, as the session still counts them:
 * a rollback to turn t undoes what was fired in turn t and after. A surprise event of the teacher's own is listed
 * under an id of its own each time, which no prepared event has.
 */
export function firedTurns(events: readonly GameEvent[]): ReadonlyMap<string, readonly number[]> {
  const fired = new Map<string, number[]>();
  for (const e of events) {
    if (e.Kind === 'InjectFired' && e.ShockId && e.Turn !== null && e.Turn !== undefined) {
      const turns = fired.get(e.ShockId) ?? [];
      if (!turns.includes(e.Turn)) fired.set(e.ShockId, [...turns, e.Turn]);
    } else if (e.Kind === 'RolledBack' && e.Turn !== null && e.Turn !== undefined) {
      const back = e.Turn;
      for (const [id, turns] of fired) fired.set(id, turns.filter((t) => t < back));
    }
  }
  return fired;
}

import type { SeatConnectionsDto as SeatConnections, SeatView as Seat } from '../generated/contract';
import { say, words } from '../i18n';

/**
 * What the console says of a seat's connection: "connection lost 40 s ago" for a seat a student holds (and has not
 * left) with no page open on any node, "not connected" when no page of hers was seen since the count began; null
 * while a page is open, for a seat the computer or an agent plays, and while the count is incomplete (rebuilt after a
 * node was lost). It is live only: the seat stays hers, and the computer does not take it over.
 */
export function connectionNote(seat: Seat, links: SeatConnections | null): string | null {
  if (!links?.Complete || !seat.Player || seat.Agent || !seat.Present) return null;
  const link = links.Seats.find((x) => x.Country === seat.Country);
  if (link && link.Open > 0) return null;
  if (!link?.LostAtMs) return words.teacher.notConnected;
  return say(words.teacher.connectionLost, { ago: ago(links.NowMs - link.LostAtMs) });
}

/** How long ago, in plain words: "just now", "40 s ago", "3 min ago". */
export function ago(ms: number): string {
  const s = Math.max(0, Math.floor(ms / 1000));
  if (s < 5) return words.teacher.justNow;
  return s < 60 ? say(words.teacher.secondsAgo, { n: s }) : say(words.teacher.minutesAgo, { n: Math.floor(s / 60) });
}

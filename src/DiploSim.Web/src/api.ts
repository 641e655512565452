// The HTTP API's helper and the page's pass. The records of the hub and the API, their parsers and the typed hub
// client are generated from the C# contract: ./generated (docs/contract.md).
import type { z } from 'zod';

/** Calls the HTTP API and reads its answer with the contract's schema for it. */
export async function http<T extends z.ZodType>(path: string, answer: T, body?: unknown): Promise<z.infer<T>> {
  const res = await fetch(path, body === undefined ? {} : { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(body) });
  if (!res.ok) {
    const problem = await res.json().catch(() => ({ detail: res.statusText }));
    throw new Error(problem.detail ?? problem.title ?? res.statusText);
  }
  const parsed = answer.safeParse(await res.json());
  if (!parsed.success) {
    console.error(`DiploSim: the answer to ${path} does not match the contract`, parsed.error.issues);
    throw new Error('the server answered with something this page cannot read: please reload the page');
  }
  return parsed.data;
}

/** The pass a page was opened with: from the address's fragment, else the one kept for this page. */
export function pagePass(key: string): string | null {
  const fromHash = decodeURIComponent(location.hash.replace(/^#/, ''));
  if (fromHash) {
    localStorage.setItem(key, fromHash);
    return fromHash;
  }
  return localStorage.getItem(key);
}

/** The seat this device last played: the lobby offers to continue with it. */
export interface RememberedSeat {
  readonly pass: string;
  readonly country: string;
  readonly name: string;
}

const seatKey = 'seat:play';

export function rememberSeat(seat: RememberedSeat): void {
  localStorage.setItem(seatKey, JSON.stringify(seat));
}

export function rememberedSeat(): RememberedSeat | null {
  try {
    const s = JSON.parse(localStorage.getItem(seatKey) ?? 'null') as RememberedSeat | null;
    return s && typeof s.pass === 'string' && typeof s.country === 'string' && typeof s.name === 'string' ? s : null;
  } catch {
    return null;
  }
}

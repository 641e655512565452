// The HTTP API's client and the page's pass. The API's paths, parameters, bodies and answers are typed by the server's
// OpenAPI document (./generated/http.ts, from ./generated/openapi.json); the records of the hub and the API, their
// parsers and the typed hub client are generated from the C# contract (./generated/contract.ts, docs/contract.md).
import createClient, { type ClientOptions } from 'openapi-fetch';
import type { z } from 'zod';
import type { paths } from './generated/http';

/** The teacher's export formats, as the API's document lists them. */
export type ExportFormat = paths['/api/export/{format}']['get']['parameters']['path']['format'];

/** A client of the HTTP API: at the page's origin with the browser's fetch unless a test gives others. */
export const apiClient = (options: ClientOptions = {}) => createClient<paths>(options);

/** The page's client of the HTTP API. */
export const api = apiClient();

/** What a call of the client answers: the body, or the refusal's problem details. */
export interface ApiAnswer<D> {
  readonly data?: D;
  readonly error?: unknown;
  readonly response: Response;
}

/** The reason a refused call gives: its problem details' detail (or title), else the status. */
export function refusal(error: unknown, response: Response): string {
  const problem = typeof error === 'object' && error !== null ? (error as { detail?: unknown; title?: unknown }) : {};
  const reason = typeof problem.detail === 'string' ? problem.detail : typeof problem.title === 'string' ? problem.title : null;
  return reason ?? (typeof error === 'string' && error ? error : response.statusText || String(response.status));
}

/**
 * Waits for a call of the API and reads its answer with the contract's schema for it (the schema's type must be the
 * document's, so the two generated contracts cannot drift apart unnoticed); a refusal throws with its reason.
 */
export async function read<D, T extends z.ZodType<D>>(call: Promise<ApiAnswer<D>>, answer: T): Promise<z.infer<T>> {
  const { data, error, response } = await call;
  if (!response.ok) throw new Error(refusal(error, response));
  const parsed = answer.safeParse(data);
  if (!parsed.success) {
    console.error(`DiploSim: the answer to ${response.url} does not match the contract`, parsed.error.issues);
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

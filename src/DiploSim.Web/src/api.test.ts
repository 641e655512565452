import { describe, expect, it, vi } from 'vitest';
import { apiClient, read } from './api';
import { JoinInfo, SessionPassesDto } from './generated/contract';

// A fetch that records what the client asked for and answers with one response.
function answering(status: number, body: unknown, type = 'application/json') {
  const asked: Request[] = [];
  const fetch = vi.fn(async (input: Request) => {
    asked.push(input);
    return new Response(JSON.stringify(body), { status, headers: { 'Content-Type': type } });
  });
  return { api: apiClient({ baseUrl: 'http://diplosim.test', fetch: fetch as unknown as typeof globalThis.fetch }), asked };
}

describe('the HTTP API client', () => {
  it('puts path parameters into the address, escaped, and reads the answer with the contract', async () => {
    const { api, asked } = answering(200, { SessionId: 's1', Title: 'Baseline', Phase: 'Lobby', Seats: [{ Country: 'IND', Taken: false }] });
    const info = await read(api.GET('/api/join/{code}', { params: { path: { code: 'AB/12' } } }), JoinInfo);
    expect(new URL(asked[0]!.url).pathname).toBe('/api/join/AB%2F12');
    expect(info.Seats).toEqual([{ Country: 'IND', Taken: false }]);
  });

  it('sends a body as JSON and a refusal throws with the problem details reason', async () => {
    const { api, asked } = answering(400, { title: 'Bad Request', status: 400, detail: 'a scenario id is missing (ScenarioId)' }, 'application/problem+json');
    await expect(read(api.POST('/api/sessions', { body: { ScenarioId: '', TurnSeconds: 60 } }), SessionPassesDto))
      .rejects.toThrow('a scenario id is missing (ScenarioId)');
    expect(asked[0]!.method).toBe('POST');
    expect(await asked[0]!.json()).toEqual({ ScenarioId: '', TurnSeconds: 60 });
  });

  it('refuses an answer that does not match the contract instead of showing it', async () => {
    const { api } = answering(200, { SessionId: 's1', JoinCode: 42 });
    const error = vi.spyOn(console, 'error').mockImplementation(() => {});
    await expect(read(api.POST('/api/sessions', { body: { ScenarioId: 'baseline', TurnSeconds: 60 } }), SessionPassesDto))
      .rejects.toThrow('please reload the page');
    expect(error).toHaveBeenCalledTimes(1);
    error.mockRestore();
  });
});

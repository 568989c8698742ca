import { afterEach, describe, expect, it, vi } from 'vitest';
import { ApiError, api, parseErrorBody, setCsrfToken, toQueryString } from './api.ts';

describe('toQueryString', () => {
  it('leaves out empty values and repeats arrays', () => {
    expect(toQueryString({ page: 1, q: '', status: undefined, unitId: null, tags: ['a', 'b'], ok: true })).toBe('?page=1&tags=a&tags=b&ok=true');
    expect(toQueryString({})).toBe('');
    expect(toQueryString()).toBe('');
  });
});

describe('parseErrorBody', () => {
  it('reads the server error body', () => {
    const err = parseErrorBody(423, JSON.stringify({ code: 'ACCOUNT_LOCKED', message: 'locked', details: { lockedUntil: 'x' }, requestId: 'r1' }));
    expect(err).toBeInstanceOf(ApiError);
    expect(err.code).toBe('ACCOUNT_LOCKED');
    expect(err.status).toBe(423);
    expect(err.details).toEqual({ lockedUntil: 'x' });
    expect(err.requestId).toBe('r1');
  });

  it('derives a code from the status when the body is not JSON', () => {
    expect(parseErrorBody(502, '<html>Bad gateway</html>').code).toBe('NOT_READY');
    expect(parseErrorBody(500, '').code).toBe('INTERNAL');
    expect(parseErrorBody(403, '{}').code).toBe('FORBIDDEN');
  });
});

describe('request', () => {
  afterEach(() => {
    vi.unstubAllGlobals();
    setCsrfToken(null);
  });

  it('sends the CSRF token on writes only, with same-origin credentials', async () => {
    const calls: { url: string; init: RequestInit }[] = [];
    vi.stubGlobal('fetch', async (url: string, init: RequestInit) => {
      calls.push({ url, init });
      return new Response(JSON.stringify({ ok: true }), { headers: { 'content-type': 'application/json' } });
    });
    setCsrfToken('tok');
    await api.get('/api/units', { page: 2 });
    await api.post('/api/units', { name: 'x' });
    expect(calls[0]?.url).toBe('/api/units?page=2');
    expect((calls[0]?.init.headers as Record<string, string>)['x-csrf-token']).toBeUndefined();
    expect(calls[0]?.init.credentials).toBe('same-origin');
    expect((calls[1]?.init.headers as Record<string, string>)['x-csrf-token']).toBe('tok');
    expect(calls[1]?.init.body).toBe('{"name":"x"}');
  });

  it('throws an ApiError with the server code', async () => {
    vi.stubGlobal('fetch', async () => new Response(JSON.stringify({ code: 'USERNAME_TAKEN', message: 'taken', requestId: 'r' }), { status: 409 }));
    await expect(api.post('/api/users', {})).rejects.toMatchObject({ code: 'USERNAME_TAKEN', status: 409 });
  });
});

import { describe, expect, it } from 'vitest';
import { ResponseCache } from './response-cache.ts';

const live = () => {
  const c = new ResponseCache(10_000, 3);
  c.setLive(true);
  return c;
};

describe('ResponseCache', () => {
  it('answers a repeated key from the cache', async () => {
    const c = live();
    let calls = 0;
    const get = () => c.through('k', async () => ({ n: ++calls }), JSON.stringify);
    expect(await get()).toBe('{"n":1}');
    expect(await get()).toBe('{"n":1}');
    expect(calls).toBe(1);
    expect(c.hits).toBe(1);
  });

  it('keeps nothing while the change feed is not live', async () => {
    const c = new ResponseCache();
    let calls = 0;
    await c.through('k', async () => ++calls, String);
    await c.through('k', async () => ++calls, String);
    expect(calls).toBe(2);
    expect(c.size).toBe(0);
  });

  it('drops everything on a change', async () => {
    const c = live();
    let calls = 0;
    await c.through('k', async () => ++calls, String);
    c.invalidate();
    expect(await c.through('k', async () => ++calls, String)).toBe('2');
  });

  it('does not keep an answer computed while a change happened', async () => {
    const c = live();
    let release!: () => void;
    const slow = c.through('k', () => new Promise<string>((r) => (release = () => r('old'))), String);
    c.invalidate(); // a write landed while the read was running
    release();
    expect(await slow).toBe('old');
    expect(c.size).toBe(0);
    expect(await c.through('k', async () => 'new', String)).toBe('new');
  });

  it('holds at most max entries, dropping the oldest', async () => {
    const c = live();
    for (const k of ['a', 'b', 'c', 'd']) await c.through(k, async () => k, String);
    expect(c.size).toBe(3);
    let recomputed = false;
    await c.through('a', async () => ((recomputed = true), 'a'), String);
    expect(recomputed).toBe(true);
  });

  it('lets concurrent misses of one key share one computation, but not across a change', async () => {
    const c = live();
    let calls = 0;
    let release!: () => void;
    const gate = new Promise<void>((r) => (release = r));
    const slow = () =>
      c.through(
        'k',
        async () => {
          const n = ++calls;
          await gate;
          return n;
        },
        String,
      );
    const first = [slow(), slow(), slow()];
    c.invalidate(); // a write: a request arriving now must not get the answer computed before it
    const after = slow();
    release();
    expect(await Promise.all(first)).toEqual(['1', '1', '1']);
    expect(await after).toBe('2');
    expect(calls).toBe(2);
    expect(c.joined).toBe(2);
  });

  it('passes a failure to every request that waited for it, and computes again next time', async () => {
    const c = live();
    let calls = 0;
    const failing = () =>
      c.through(
        'k',
        async () => {
          calls++;
          throw new Error('boom');
        },
        String,
      );
    const results = await Promise.allSettled([failing(), failing()]);
    expect(results.map((r) => r.status)).toEqual(['rejected', 'rejected']);
    await expect(failing()).rejects.toThrow('boom');
    expect(calls).toBe(2);
  });
});

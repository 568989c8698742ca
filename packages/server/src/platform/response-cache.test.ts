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
});

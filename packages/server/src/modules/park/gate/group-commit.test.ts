import { describe, expect, it } from 'vitest';
import { GroupCommit } from './group-commit.ts';

describe('GroupCommit', () => {
  it('runs items submitted together as one group and answers each its own result', async () => {
    const groups: number[][] = [];
    const g = new GroupCommit<number, number>(async (items) => {
      groups.push([...items]);
      return items.map((i) => i * 10);
    }, 1);
    const answers = await Promise.all([g.submit(1), g.submit(2), g.submit(3)]);
    expect(answers).toEqual([10, 20, 30]);
    expect(groups).toEqual([[1, 2, 3]]);
  });

  it('collects what arrives while a group is in flight into the next group', async () => {
    const groups: number[][] = [];
    let release!: () => void;
    const gate = new Promise<void>((r) => (release = r));
    const g = new GroupCommit<number, number>(async (items) => {
      groups.push([...items]);
      if (groups.length === 1) await gate;
      return items.map((i) => i);
    }, 0);
    const first = g.submit(1);
    await new Promise((r) => setTimeout(r, 5));
    const later = [g.submit(2), g.submit(3)];
    expect(groups).toEqual([[1]]);
    release();
    expect(await first).toBe(1);
    expect(await Promise.all(later)).toEqual([2, 3]);
    expect(groups).toEqual([[1], [2, 3]]);
  });

  it('fails every item of a failed group and goes on with the next', async () => {
    let n = 0;
    const g = new GroupCommit<number, number>(async (items) => {
      if (n++ === 0) throw new Error('boom');
      return [...items];
    }, 0);
    const a = g.submit(1);
    const b = g.submit(2);
    await expect(a).rejects.toThrow('boom');
    await expect(b).rejects.toThrow('boom');
    expect(await g.submit(3)).toBe(3);
  });

  it('runs a full group at once, at most maxItems per group', async () => {
    const groups: number[][] = [];
    const g = new GroupCommit<number, number>(
      async (items) => {
        groups.push([...items]);
        return [...items];
      },
      1_000_000,
      2,
    );
    expect(await Promise.all([g.submit(1), g.submit(2)])).toEqual([1, 2]);
    expect(groups).toEqual([[1, 2]]);
  });

  it('runs a second group beside a stalled one when maxInFlight allows', async () => {
    const groups: number[][] = [];
    let release!: () => void;
    const stall = new Promise<void>((r) => (release = r));
    const g = new GroupCommit<number, number>(
      async (items) => {
        groups.push([...items]);
        if (groups.length === 1) await stall;
        return [...items];
      },
      0,
      500,
      2,
    );
    const first = g.submit(1);
    await new Promise((r) => setTimeout(r, 5));
    // The first group is stalled; the second lane commits 2 and 3 meanwhile, then 4.
    expect(await Promise.all([g.submit(2), g.submit(3)])).toEqual([2, 3]);
    const third = g.submit(4);
    await new Promise((r) => setTimeout(r, 5));
    expect(groups).toEqual([[1], [2, 3], [4]]);
    release();
    expect(await first).toBe(1);
    expect(await third).toBe(4);
  });
});

import { describe, expect, it } from 'vitest';
import type { Unit } from '@zoneops/shared';
import { buildUnitTree, subtreeIds, unitTreeOptions } from './unit-tree.ts';

let n = 0;
function unit(over: Partial<Unit> & Pick<Unit, 'id'>): Unit {
  n += 1;
  return { parentId: null, name: `U${n}`, nameEn: null, kind: 'bureau', code: null, sort: 0, userCount: 0, ...over };
}

const units = [
  unit({ id: 'root', name: '管委会', kind: 'administration' }),
  unit({ id: 'b', parentId: 'root', name: '招商局', sort: 2 }),
  unit({ id: 'a', parentId: 'root', name: '经济发展局', sort: 1, nameEn: 'Economic Development Bureau' }),
  unit({ id: 'a1', parentId: 'a', name: '统计科', kind: 'section' }),
  unit({ id: 'orphan', parentId: 'missing', name: '外部' }),
];

describe('unit tree', () => {
  it('nests children under parents in sort order; unknown parents make roots', () => {
    const tree = buildUnitTree(units);
    expect(tree.map((t) => t.unit.id)).toEqual(['root', 'orphan']);
    expect(tree[0]?.children.map((c) => c.unit.id)).toEqual(['a', 'b']);
    expect(tree[0]?.children[0]?.children.map((c) => c.unit.id)).toEqual(['a1']);
  });

  it('finds a subtree', () => {
    expect([...subtreeIds(units, 'a')].sort()).toEqual(['a', 'a1']);
    expect(subtreeIds(units, 'root').size).toBe(4);
  });

  it('builds TreeSelect options with English names when present and disabled units', () => {
    const opts = unitTreeOptions(buildUnitTree(units), true, new Set(['a1']));
    const a = opts[0]?.children?.[0];
    expect(a?.title).toBe('Economic Development Bureau');
    expect(a?.children?.[0]).toMatchObject({ value: 'a1', disabled: true });
    expect(opts[0]?.title).toBe('管委会');
  });
});

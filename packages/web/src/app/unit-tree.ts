// The unit tree, built from the flat list GET /api/units answers (parentId links).
import type { Unit } from '@zoneops/shared';

export interface UnitNode {
  unit: Unit;
  children: UnitNode[];
}

function byOrder(a: UnitNode, b: UnitNode): number {
  return a.unit.sort - b.unit.sort || a.unit.name.localeCompare(b.unit.name, 'zh-CN');
}

/** Roots are units without a parent or whose parent is not in the list (outside the user's data scope). */
export function buildUnitTree(units: readonly Unit[]): UnitNode[] {
  const nodes = new Map<string, UnitNode>(units.map((u) => [u.id, { unit: u, children: [] }]));
  const roots: UnitNode[] = [];
  for (const node of nodes.values()) {
    const parent = node.unit.parentId ? nodes.get(node.unit.parentId) : undefined;
    if (parent) parent.children.push(node);
    else roots.push(node);
  }
  const sortDeep = (list: UnitNode[]) => {
    list.sort(byOrder);
    for (const n of list) sortDeep(n.children);
  };
  sortDeep(roots);
  return roots;
}

/** The unit and everything below it (a unit cannot move under one of these). */
export function subtreeIds(units: readonly Unit[], id: string): Set<string> {
  const children = new Map<string, string[]>();
  for (const u of units) {
    if (!u.parentId) continue;
    const list = children.get(u.parentId) ?? [];
    list.push(u.id);
    children.set(u.parentId, list);
  }
  const out = new Set<string>();
  const stack = [id];
  while (stack.length) {
    const cur = stack.pop()!;
    if (out.has(cur)) continue;
    out.add(cur);
    stack.push(...(children.get(cur) ?? []));
  }
  return out;
}

export interface UnitTreeOption {
  value: string;
  title: string;
  key: string;
  disabled?: boolean;
  children?: UnitTreeOption[];
}

export function unitLabel(unit: Pick<Unit, 'name' | 'nameEn'>, english: boolean): string {
  return english && unit.nameEn ? unit.nameEn : unit.name;
}

/** TreeSelect data; units in `disabled` cannot be chosen. */
export function unitTreeOptions(nodes: UnitNode[], english: boolean, disabled?: ReadonlySet<string>): UnitTreeOption[] {
  return nodes.map((n) => ({
    value: n.unit.id,
    key: n.unit.id,
    title: unitLabel(n.unit, english),
    disabled: disabled?.has(n.unit.id) || undefined,
    children: n.children.length ? unitTreeOptions(n.children, english, disabled) : undefined,
  }));
}

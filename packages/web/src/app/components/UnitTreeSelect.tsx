import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { TreeSelect, type TreeSelectProps } from 'antd';
import type { Unit } from '@zoneops/shared';
import { useUnits } from '../reference-data.ts';
import { buildUnitTree, unitTreeOptions } from '../unit-tree.ts';

type Props = Omit<TreeSelectProps<string | string[]>, 'treeData'> & {
  /** units that cannot be chosen (e.g. a unit and its subtree when moving it) */
  disabledIds?: ReadonlySet<string>;
  /** filter on the units offered */
  only?: (u: Unit) => boolean;
  testId?: string;
};

/** A searchable unit picker over GET /api/units. */
export function UnitTreeSelect({ disabledIds, only, testId, ...rest }: Props) {
  const { i18n } = useTranslation();
  const units = useUnits();
  const english = i18n.language.startsWith('en');
  const treeData = useMemo(
    () => unitTreeOptions(buildUnitTree((units ?? []).filter((u) => !only || only(u))), english, disabledIds),
    [units, english, disabledIds, only],
  );
  return (
    <TreeSelect
      showSearch={{ treeNodeFilterProp: 'title' }}
      treeDefaultExpandAll
      allowClear
      loading={!units}
      treeData={treeData}
      data-testid={testId}
      {...rest}
    />
  );
}

// The filter bar shared by the battle map and the milestone board: stages, lights, industry, lead unit, linked leader.
import { useTranslation } from 'react-i18next';
import { Button, Select, Space } from 'antd';
import { lights, projectStages } from '@zoneops/shared';
import { UnitTreeSelect } from '../../app/components/UnitTreeSelect.tsx';
import { useDictionary } from '../../app/reference-data.ts';
import { UserSelect } from '../ledger/UserSelect.tsx';
import { joinList, listOf, type ViewFilterKey, type ViewFilters as Filters } from './views-ui.ts';

interface Props {
  filters: Filters;
  onChange: (changes: Partial<Record<ViewFilterKey, string | undefined>>) => void;
}

export function ViewFilters({ filters, onChange }: Props) {
  const { t } = useTranslation();
  const industries = useDictionary('industry');
  const any = Object.values(filters).some(Boolean);
  return (
    <Space wrap size={[8, 8]} data-testid="project-view-filters">
      <Select
        mode="multiple"
        allowClear
        maxTagCount="responsive"
        placeholder={t('projectViews.filter.stage')}
        style={{ width: 200 }}
        value={listOf(filters.stage)}
        onChange={(v: string[]) => onChange({ stage: joinList(v) })}
        options={projectStages.map((s) => ({ value: s, label: t(`projectViews.stage.${s}`) }))}
        data-testid="project-view-filter-stage"
      />
      <Select
        mode="multiple"
        allowClear
        maxTagCount="responsive"
        placeholder={t('projectViews.filter.light')}
        style={{ width: 170 }}
        value={listOf(filters.light)}
        onChange={(v: string[]) => onChange({ light: joinList(v) })}
        options={lights.map((l) => ({ value: l, label: t(`projectViews.light.${l}`) }))}
        data-testid="project-view-filter-light"
      />
      <Select
        allowClear
        showSearch={{ optionFilterProp: 'label' }}
        placeholder={t('projectViews.filter.industry')}
        style={{ width: 170 }}
        value={filters.industry}
        onChange={(v?: string) => onChange({ industry: v || undefined })}
        options={industries.options}
        data-testid="project-view-filter-industry"
      />
      <UnitTreeSelect
        placeholder={t('projectViews.filter.leadUnit')}
        style={{ width: 200 }}
        value={filters.leadUnitId}
        onChange={(v) => onChange({ leadUnitId: typeof v === 'string' ? v : undefined })}
        testId="project-view-filter-lead-unit"
      />
      <UserSelect
        roleCode="leader"
        placeholder={t('projectViews.filter.leader')}
        style={{ width: 180 }}
        value={filters.leaderId}
        onChange={(v) => onChange({ leaderId: v })}
        testId="project-view-filter-leader"
      />
      {any && (
        <Button
          type="link"
          onClick={() => onChange({ stage: undefined, light: undefined, industry: undefined, leadUnitId: undefined, leaderId: undefined })}
          data-testid="project-view-filter-reset"
        >
          {t('projectViews.filter.reset')}
        </Button>
      )}
    </Space>
  );
}

// Filters of the project ledger: free text, stage, light, industry, level, responsible unit, linked leader, focus.
import { useTranslation } from 'react-i18next';
import { Checkbox, Input, Select, Space } from 'antd';
import { lights, projectLevels, projectStages } from '@zoneops/shared';
import { UnitTreeSelect } from '../../app/components/UnitTreeSelect.tsx';
import { useDictionary } from '../../app/reference-data.ts';
import { joinList, listOf } from '../ledger/ledger-ui.ts';
import { UserSelect } from '../ledger/UserSelect.tsx';

export interface ProjectFilterProps {
  filters: Record<string, string | undefined>;
  q: string | undefined;
  setFilter: (name: string, value: string | undefined) => void;
  setQ: (q: string) => void;
}

export function ProjectFilters({ filters, q, setFilter, setQ }: ProjectFilterProps) {
  const { t } = useTranslation();
  const industries = useDictionary('industry');
  return (
    <Space wrap size={[8, 8]} style={{ flex: 1, minWidth: 0 }} data-testid="project-filters">
      <Input.Search allowClear defaultValue={q} placeholder={t('projects.filter.q')} style={{ width: 220 }} onSearch={setQ} data-testid="project-filter-q" />
      <Select
        mode="multiple"
        allowClear
        maxTagCount="responsive"
        placeholder={t('projects.col.stage')}
        style={{ width: 180 }}
        value={listOf(filters.stage)}
        onChange={(v: string[]) => setFilter('stage', joinList(v))}
        options={projectStages.map((s) => ({ value: s, label: t(`projects.stage.${s}`) }))}
        data-testid="project-filter-stage"
      />
      <Select
        mode="multiple"
        allowClear
        maxTagCount="responsive"
        placeholder={t('projects.col.light')}
        style={{ width: 150 }}
        value={listOf(filters.light)}
        onChange={(v: string[]) => setFilter('light', joinList(v))}
        options={lights.map((l) => ({ value: l, label: t(`projects.light.${l}`) }))}
        data-testid="project-filter-light"
      />
      <Select
        allowClear
        showSearch={{ optionFilterProp: 'label' }}
        placeholder={t('projects.col.industry')}
        style={{ width: 140 }}
        value={filters.industry}
        onChange={(v?: string) => setFilter('industry', v)}
        options={industries.options}
        data-testid="project-filter-industry"
      />
      <Select
        allowClear
        placeholder={t('projects.col.level')}
        style={{ width: 110 }}
        value={filters.level}
        onChange={(v?: string) => setFilter('level', v)}
        options={projectLevels.map((l) => ({ value: l, label: t(`projects.level.${l}`) }))}
        data-testid="project-filter-level"
      />
      <UnitTreeSelect
        placeholder={t('projects.col.leadUnit')}
        style={{ width: 190 }}
        value={filters.leadUnitId}
        onChange={(v) => setFilter('leadUnitId', typeof v === 'string' ? v : undefined)}
        testId="project-filter-lead-unit"
      />
      <UserSelect
        placeholder={t('projects.filter.leader')}
        style={{ width: 170 }}
        value={filters.leaderId}
        onChange={(v) => setFilter('leaderId', v)}
        testId="project-filter-leader"
      />
      <Checkbox
        checked={filters.focus === 'true'}
        onChange={(e) => setFilter('focus', e.target.checked ? 'true' : undefined)}
        data-testid="project-filter-focus"
      >
        {t('projects.filter.focus')}
      </Checkbox>
    </Space>
  );
}

// Filters of the lead list and board: free text (company or code), stage, outcome, owner, team, industry and the clock
// state (overdue, due today).
import { useTranslation } from 'react-i18next';
import { Input, Select, Space } from 'antd';
import { leadOutcomes, leadStages } from '@zoneops/shared';
import { useDictionary } from '../../../app/reference-data.ts';
import { UserSelect } from '../../ledger/UserSelect.tsx';
import { TeamSelect } from '../pickers.tsx';
import type { LeadFilters as Filters } from '../promotion-ui.ts';

export function LeadFilters({ filters, setFilter }: { filters: Filters; setFilter: (name: keyof Filters, value: string | undefined) => void }) {
  const { t } = useTranslation();
  const industries = useDictionary('industry');
  return (
    <Space wrap size={[8, 8]} style={{ flex: 1, minWidth: 0 }} data-testid="lead-filters">
      <Input.Search
        allowClear
        defaultValue={filters.q}
        placeholder={t('promotion.filter.q')}
        style={{ width: 220 }}
        onSearch={(v) => setFilter('q', v.trim() || undefined)}
        data-testid="lead-filter-q"
      />
      <Select
        allowClear
        placeholder={t('promotion.col.stage')}
        style={{ width: 110 }}
        value={filters.stage}
        onChange={(v?: string) => setFilter('stage', v)}
        options={leadStages.map((s) => ({ value: s, label: t(`promotion.stage.${s}`) }))}
        data-testid="lead-filter-stage"
      />
      <Select
        allowClear
        placeholder={t('promotion.filter.outcomeActive')}
        style={{ width: 120 }}
        value={filters.outcome}
        onChange={(v?: string) => setFilter('outcome', v)}
        options={leadOutcomes.map((o) => ({ value: o, label: t(`promotion.outcome.${o}`) }))}
        data-testid="lead-filter-outcome"
      />
      <UserSelect
        placeholder={t('promotion.col.owner')}
        style={{ width: 170 }}
        value={filters.ownerUserId}
        onChange={(v) => setFilter('ownerUserId', v)}
        testId="lead-filter-owner"
      />
      <TeamSelect
        placeholder={t('promotion.col.team')}
        style={{ width: 150 }}
        value={filters.teamId}
        onChange={(v) => setFilter('teamId', v ?? undefined)}
        testId="lead-filter-team"
      />
      <Select
        allowClear
        showSearch={{ optionFilterProp: 'label' }}
        placeholder={t('promotion.col.industry')}
        style={{ width: 140 }}
        value={filters.industry}
        onChange={(v?: string) => setFilter('industry', v)}
        options={industries.options}
        data-testid="lead-filter-industry"
      />
      <Select
        allowClear
        placeholder={t('promotion.filter.clock')}
        style={{ width: 120 }}
        value={filters.clockState}
        onChange={(v?: string) => setFilter('clockState', v)}
        options={(['overdue', 'dueToday'] as const).map((s) => ({ value: s, label: t(`promotion.clockState.${s}`) }))}
        data-testid="lead-filter-clock"
      />
    </Space>
  );
}

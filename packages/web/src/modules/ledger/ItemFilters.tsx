// Filters of a ledger's task list: source, lead unit, light, status, deadline range, leader, focus, open, free text.
import { useTranslation } from 'react-i18next';
import { Checkbox, DatePicker, Input, Select, Space } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { ledgerSources, ledgerStatuses, lights } from '@zoneops/shared';
import { UnitTreeSelect } from '../../app/components/UnitTreeSelect.tsx';
import { joinList, listOf } from './ledger-ui.ts';
import { UserSelect } from './UserSelect.tsx';

export interface FilterProps {
  filters: Record<string, string | undefined>;
  q: string | undefined;
  setFilter: (name: string, value: string | undefined) => void;
  setFilters: (filters: Record<string, string | undefined>) => void;
  setQ: (q: string) => void;
  /** Changes when a saved view replaced the filters (resets the uncontrolled search box). */
  version: number;
}

export function ItemFilters({ filters, q, setFilter, setFilters, setQ, version }: FilterProps) {
  const { t } = useTranslation();
  const range: [Dayjs | null, Dayjs | null] | null =
    filters.deadlineFrom || filters.deadlineTo
      ? [filters.deadlineFrom ? dayjs(filters.deadlineFrom) : null, filters.deadlineTo ? dayjs(filters.deadlineTo) : null]
      : null;
  return (
    <Space wrap size={[8, 8]} style={{ flex: 1, minWidth: 0 }} data-testid="ledger-filters">
      <Input.Search
        key={version}
        allowClear
        defaultValue={q}
        placeholder={t('ledger.filter.q')}
        style={{ width: 220 }}
        onSearch={setQ}
        data-testid="ledger-filter-q"
      />
      <Select
        mode="multiple"
        allowClear
        maxTagCount="responsive"
        placeholder={t('ledger.col.source')}
        style={{ width: 170 }}
        value={listOf(filters.source)}
        onChange={(v: string[]) => setFilter('source', joinList(v))}
        options={ledgerSources.map((s) => ({ value: s, label: t(`ledgerSource.${s}`) }))}
        data-testid="ledger-filter-source"
      />
      <UnitTreeSelect
        placeholder={t('ledger.col.leadUnit')}
        style={{ width: 190 }}
        value={filters.leadUnitId}
        onChange={(v) => setFilter('leadUnitId', typeof v === 'string' ? v : undefined)}
        testId="ledger-filter-lead-unit"
      />
      <Select
        mode="multiple"
        allowClear
        placeholder={t('ledger.col.light')}
        style={{ width: 150 }}
        value={listOf(filters.light)}
        onChange={(v: string[]) => setFilter('light', joinList(v))}
        options={lights.map((l) => ({ value: l, label: t(`ledgerLight.${l}`) }))}
        data-testid="ledger-filter-light"
      />
      <Select
        mode="multiple"
        allowClear
        maxTagCount="responsive"
        placeholder={t('ledger.col.status')}
        style={{ width: 170 }}
        value={listOf(filters.status)}
        onChange={(v: string[]) => setFilter('status', joinList(v))}
        options={ledgerStatuses.map((s) => ({ value: s, label: t(`ledgerStatus.${s}`) }))}
        data-testid="ledger-filter-status"
      />
      <DatePicker.RangePicker
        allowEmpty={[true, true]}
        placeholder={[t('ledger.filter.deadlineFrom'), t('ledger.filter.deadlineTo')]}
        style={{ width: 250 }}
        value={range}
        onChange={(v) => setFilters({ deadlineFrom: v?.[0]?.format('YYYY-MM-DD'), deadlineTo: v?.[1]?.format('YYYY-MM-DD') })}
        data-testid="ledger-filter-deadline"
      />
      <UserSelect
        roleCode="leader"
        placeholder={t('ledger.filter.leader')}
        style={{ width: 170 }}
        value={filters.leaderId}
        onChange={(v) => setFilter('leaderId', v)}
        testId="ledger-filter-leader"
      />
      <Checkbox
        checked={filters.focus === 'true'}
        onChange={(e) => setFilter('focus', e.target.checked ? 'true' : undefined)}
        data-testid="ledger-filter-focus"
      >
        {t('ledger.filter.focus')}
      </Checkbox>
      <Checkbox checked={filters.open === 'true'} onChange={(e) => setFilter('open', e.target.checked ? 'true' : undefined)} data-testid="ledger-filter-open">
        {t('ledger.filter.open')}
      </Checkbox>
    </Space>
  );
}

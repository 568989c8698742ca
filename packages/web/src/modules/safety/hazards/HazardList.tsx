// 隐患台账: hazards with their ledger item's status, light and deadline (GET /api/safety/hazards) — filters, export,
// and filing a hazard; each row opens its ledger item, where rectification, verification and closure happen.
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router';
import { App, Button, Checkbox, DatePicker, Flex, Input, Select, Space, Table } from 'antd';
import { PlusOutlined, ReloadOutlined } from '@ant-design/icons';
import dayjs from 'dayjs';
import { hazardGrades, hazardOrigins, ledgerStatuses, type SafetyHazard } from '@zoneops/shared';
import { useAuth } from '../../../app/auth.tsx';
import { ExportButton } from '../../../app/components/ExportButton.tsx';
import { useServerTable } from '../../../app/use-server-table.ts';
import { EnterpriseSelect } from '../../projects/pickers.tsx';
import { HazardFormModal } from './HazardFormModal.tsx';
import { hazardColumns } from './hazard-columns.tsx';

export function HazardList() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const { me, can } = useAuth();
  const [params] = useSearchParams();
  const table = useServerTable<SafetyHazard>('/api/safety/hazards', {
    sort: '-foundOn',
    filters: { open: params.get('open') ?? undefined, overdue: params.get('overdue') ?? undefined, grade: params.get('grade') ?? undefined },
  });
  const [filing, setFiling] = useState(false);
  const f = table.state.filters;
  const select = (name: string, values: readonly string[], label: (v: string) => string, width: number, placeholder: string) => (
    <Select
      allowClear
      placeholder={placeholder}
      style={{ width }}
      value={f[name]}
      onChange={(v?: string) => table.setFilter(name, v)}
      options={values.map((v) => ({ value: v, label: label(v) }))}
      data-testid={`hazard-filter-${name}`}
    />
  );
  const mayFile = can('safety.manage') || (!!me?.enterpriseId && can('safety.handle'));
  return (
    <>
      <Flex gap={8} justify="space-between" align="start" wrap style={{ marginBottom: 12 }}>
        <Space wrap size={[8, 8]} style={{ flex: 1, minWidth: 0 }} data-testid="hazard-filters">
          {select('grade', hazardGrades, (v) => t(`safetyAlarms.grade.${v}`), 120, t('safetyAlarms.hazards.col.grade'))}
          {select('origin', hazardOrigins, (v) => t(`safetyAlarms.hazards.origin.${v}`), 110, t('safetyAlarms.hazards.col.origin'))}
          {select('status', ledgerStatuses, (v) => t(`ledgerStatus.${v}`), 110, t('safetyAlarms.hazards.col.status'))}
          {select(
            'open',
            ['true', 'false'],
            (v) => t(v === 'true' ? 'safetyAlarms.hazards.filter.openTrue' : 'safetyAlarms.hazards.filter.openFalse'),
            110,
            t('safetyAlarms.hazards.filter.open'),
          )}
          {!me?.enterpriseId && (
            <div style={{ width: 200, display: 'grid' }}>
              <EnterpriseSelect
                value={f.enterpriseId}
                onChange={(v) => table.setFilter('enterpriseId', v ?? undefined)}
                placeholder={t('safetyAlarms.hazards.col.enterprise')}
                testId="hazard-filter-enterprise"
              />
            </div>
          )}
          <DatePicker.RangePicker
            placeholder={[t('safetyAlarms.hazards.filter.foundFrom'), t('safetyAlarms.hazards.filter.foundTo')]}
            value={f.from && f.to ? [dayjs(f.from), dayjs(f.to)] : null}
            onChange={(_, [from, to]) => table.setFilters({ from: from || undefined, to: to || undefined })}
            data-testid="hazard-filter-found"
          />
          <Checkbox
            checked={f.overdue === 'true'}
            onChange={(e) => table.setFilter('overdue', e.target.checked ? 'true' : undefined)}
            data-testid="hazard-filter-overdue"
          >
            {t('safetyAlarms.hazards.filter.overdue')}
          </Checkbox>
          <Input.Search allowClear placeholder={t('common.searchPlaceholder')} style={{ width: 200 }} onSearch={table.setQ} data-testid="hazard-search" />
        </Space>
        <Space wrap>
          <Button icon={<ReloadOutlined />} onClick={table.reload} aria-label={t('common.refresh')} />
          <ExportButton path="/api/safety/hazards/export" query={table.query} fileName={t('safetyAlarms.hazards.exportName')} testId="hazard-export" />
          {mayFile && (
            <Button type="primary" icon={<PlusOutlined />} onClick={() => setFiling(true)} data-testid="hazard-create">
              {t('safetyAlarms.hazards.create')}
            </Button>
          )}
        </Space>
      </Flex>
      <Table<SafetyHazard>
        rowKey="itemId"
        columns={hazardColumns(t, { sortOrder: table.sortOrder })}
        {...table.tableProps}
        size="small"
        data-testid="hazards-table"
      />
      <HazardFormModal
        open={filing}
        onClose={() => setFiling(false)}
        onDone={(h) => {
          setFiling(false);
          void message.success(t('safetyAlarms.hazards.created', { code: h.code }));
          table.reload();
        }}
      />
    </>
  );
}

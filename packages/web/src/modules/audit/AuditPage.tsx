// The audit trail (append-only, hash-chained): filters, before/after diffs, chain verification, export.
import { useTranslation } from 'react-i18next';
import { Button, Card, DatePicker, Input, Select, Space, Table } from 'antd';
import { ReloadOutlined } from '@ant-design/icons';
import { auditResults } from '@zoneops/shared';
import { ExportButton } from '../../app/components/ExportButton.tsx';
import type { AuditEntry } from '../../app/contract.ts';
import { shanghaiDayEndIso, shanghaiDayStartIso } from '../../app/format.ts';
import { useServerTable } from '../../app/use-server-table.ts';
import { auditColumns } from './audit-columns.tsx';
import { AuditVerify } from './AuditVerify.tsx';
import { DiffView } from './DiffView.tsx';

export default function AuditPage() {
  const { t } = useTranslation();
  const table = useServerTable<AuditEntry>('/api/audit', { sort: '-seq' });
  const { filters } = table.state;

  return (
    <Card
      title={t('menu.audit')}
      extra={
        <Space wrap>
          <AuditVerify />
          <Button icon={<ReloadOutlined />} onClick={table.reload} aria-label={t('common.refresh')} />
          <ExportButton path="/api/audit/export" query={table.query} fileName="audit.xlsx" />
        </Space>
      }
    >
      <Space wrap style={{ marginBottom: 12 }}>
        <Input.Search
          allowClear
          placeholder={t('audit.action')}
          style={{ width: 200 }}
          onSearch={(v) => table.setFilter('action', v.trim())}
          data-testid="audit-filter-action"
        />
        <Input.Search allowClear placeholder={t('audit.entityType')} style={{ width: 160 }} onSearch={(v) => table.setFilter('entityType', v.trim())} />
        <Input.Search allowClear placeholder={t('audit.entityId')} style={{ width: 200 }} onSearch={(v) => table.setFilter('entityId', v.trim())} />
        <Select
          allowClear
          placeholder={t('audit.result')}
          style={{ width: 120 }}
          value={filters.result}
          onChange={(v?: string) => table.setFilter('result', v)}
          options={auditResults.map((r) => ({ value: r, label: t(`auditResult.${r}`) }))}
        />
        <DatePicker.RangePicker
          placeholder={[t('audit.timeRange'), t('audit.timeRange')]}
          onChange={(_, [from, to]) =>
            table.setFilters({
              from: from ? shanghaiDayStartIso(from) : undefined,
              to: to ? shanghaiDayEndIso(to) : undefined,
            })
          }
        />
      </Space>
      <Table<AuditEntry>
        rowKey="seq"
        columns={auditColumns(t, table.sortOrder)}
        expandable={{ expandedRowRender: (e) => <DiffView diff={e.diff} /> }}
        {...table.tableProps}
        data-testid="audit-table"
      />
    </Card>
  );
}

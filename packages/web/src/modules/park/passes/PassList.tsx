// The passes table: filters (time range, kind, result, direction, plate, with findings, a checkpoint), sort, paging,
// export; a row opens the pass with its images and findings.
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Button, Checkbox, DatePicker, Flex, Input, Select, Space, Table, Tag } from 'antd';
import { ReloadOutlined } from '@ant-design/icons';
import dayjs from 'dayjs';
import { gatePassKinds, gatePassResults, passDirections, type GatePass } from '@zoneops/shared';
import { ExportButton } from '../../../app/components/ExportButton.tsx';
import { useServerTable } from '../../../app/use-server-table.ts';
import { PassDrawer } from './PassDrawer.tsx';
import { passColumns } from './pass-columns.tsx';

export function PassList() {
  const { t } = useTranslation();
  const table = useServerTable<GatePass>('/api/park/passes', { sort: '-deviceTime' });
  const f = table.state.filters;
  const [open, setOpen] = useState<string | null>(null);
  const [checkpointName, setCheckpointName] = useState('');
  return (
    <div data-testid="passes">
      <Flex justify="space-between" wrap gap={8} style={{ marginBottom: 12 }}>
        <Space wrap>
          <DatePicker.RangePicker
            showTime={{ format: 'HH:mm' }}
            format="YYYY-MM-DD HH:mm"
            placeholder={[t('parkGate.filter.timeFrom'), t('parkGate.filter.timeTo')]}
            value={f.from && f.to ? [dayjs(f.from), dayjs(f.to)] : null}
            onChange={(v) => table.setFilters({ from: v?.[0]?.toISOString() ?? undefined, to: v?.[1]?.toISOString() ?? undefined })}
            data-testid="passes-filter-time"
          />
          <Select
            allowClear
            placeholder={t('parkGate.filter.kind')}
            style={{ width: 100 }}
            value={f.kind}
            onChange={(v?: string) => table.setFilter('kind', v)}
            options={gatePassKinds.map((k) => ({ value: k, label: t(`parkGate.kinds.${k}`) }))}
          />
          <Select
            allowClear
            placeholder={t('parkGate.filter.result')}
            style={{ width: 100 }}
            value={f.result}
            onChange={(v?: string) => table.setFilter('result', v)}
            options={gatePassResults.map((r) => ({ value: r, label: t(`parkGate.results.${r}`) }))}
          />
          <Select
            allowClear
            placeholder={t('parkGate.filter.direction')}
            style={{ width: 100 }}
            value={f.direction}
            onChange={(v?: string) => table.setFilter('direction', v)}
            options={passDirections.map((d) => ({ value: d, label: t(`parkGate.directions.${d}`) }))}
          />
          <Input.Search allowClear placeholder={t('parkGate.filter.plate')} style={{ width: 160 }} onSearch={(v) => table.setFilter('plate', v.trim())} />
          <Checkbox checked={f.flagged === 'true'} onChange={(e) => table.setFilter('flagged', e.target.checked ? 'true' : undefined)}>
            {t('parkGate.filter.flagged')}
          </Checkbox>
          {f.checkpointId && (
            <Tag closable color="blue" onClose={() => table.setFilter('checkpointId', undefined)}>
              {t('parkGate.filter.checkpoint', { name: checkpointName })}
            </Tag>
          )}
        </Space>
        <Space>
          <Button icon={<ReloadOutlined />} onClick={table.reload} aria-label={t('common.refresh')} />
          <ExportButton path="/api/park/passes/export" query={table.query} fileName={t('parkGate.exportName')} />
        </Space>
      </Flex>
      <Table<GatePass>
        rowKey="id"
        columns={passColumns(t, {
          sortOrder: table.sortOrder,
          onOpen: (p) => setOpen(p.id),
          onCheckpoint: (id, name) => {
            setCheckpointName(name);
            table.setFilter('checkpointId', id);
          },
        })}
        {...table.tableProps}
        size="small"
        data-testid="passes-table"
      />
      <PassDrawer passId={open} onClose={() => setOpen(null)} />
    </div>
  );
}

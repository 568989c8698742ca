// 监测点位: the points (位号) of GET /api/safety/points filtered by enterprise, hazard source, device, kind, enabled and
// free text, sortable, exportable in the import template's layout; create, edit, delete and the spreadsheet import
// for safety.manage.
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { App, Button, Flex, Input, Popconfirm, Select, Space, Table, Tag, type TableColumnsType, type TableProps } from 'antd';
import { DeleteOutlined, EditOutlined, PlusOutlined, ReloadOutlined, UploadOutlined } from '@ant-design/icons';
import { pointKinds } from '@zoneops/shared';
import { api } from '../../../app/api.ts';
import { useAuth } from '../../../app/auth.tsx';
import { ExportButton } from '../../../app/components/ExportButton.tsx';
import { useReportError } from '../../../app/use-report-error.ts';
import { useServerTable } from '../../../app/use-server-table.ts';
import { EnterpriseSelect } from '../../projects/pickers.tsx';
import { DeviceSelect, MajorHazardSelect } from './pickers.tsx';
import { PointForm } from './PointForm.tsx';
import { PointImport } from './PointImport.tsx';
import { deviceLabel, rangeText, thresholdText } from './registry-ui.ts';
import type { MonitoringPoint } from './registry-types.ts';

export interface PointTableProps {
  tableProps?: TableProps<MonitoringPoint>;
  items?: MonitoringPoint[];
  sortOrder?: (field: string) => 'ascend' | 'descend' | null;
  manage: boolean;
  onEdit: (p: MonitoringPoint) => void;
  onDelete: (p: MonitoringPoint) => void;
}

export function PointTable({ tableProps, items, sortOrder, manage, onEdit, onDelete }: PointTableProps) {
  const { t } = useTranslation();
  const c = (k: string) => t(`safetyRegistry.points.col.${k}`);
  const sorted = (key: string) => ({ key, sorter: true, sortOrder: sortOrder?.(key) ?? null });
  const columns: TableColumnsType<MonitoringPoint> = [
    { title: c('tag'), dataIndex: 'tag', width: 120, ...sorted('tag'), render: (tag: string) => <span className="zo-mono">{tag}</span> },
    { title: c('name'), dataIndex: 'name', width: 180, ellipsis: true, ...sorted('name') },
    { title: c('kind'), dataIndex: 'kind', width: 90, ...sorted('kind'), render: (k: string) => t(`safetyRegistry.pointKinds.${k}`) },
    { title: c('enterprise'), dataIndex: 'enterpriseName', width: 180, ellipsis: true, ...sorted('enterpriseName') },
    {
      title: c('majorHazard'),
      dataIndex: 'majorHazardName',
      width: 150,
      ellipsis: true,
      ...sorted('majorHazardName'),
      render: (_: unknown, p) => (p.majorHazardCode ? `${p.majorHazardCode} ${p.majorHazardName ?? ''}` : '—'),
    },
    {
      title: c('device'),
      dataIndex: 'deviceName',
      width: 150,
      ...sorted('deviceName'),
      render: (_: unknown, p) => deviceLabel({ name: p.deviceName, gatewayName: p.gatewayName }) || '—',
    },
    { title: c('range'), key: 'range', width: 120, render: (_: unknown, p) => rangeText(p) },
    {
      title: c('thresholds'),
      key: 'thresholds',
      width: 200,
      render: (_: unknown, p) => <span data-testid={`point-thresholds-${p.id}`}>{thresholdText(p)}</span>,
    },
    { title: c('interval'), dataIndex: 'expectedIntervalS', width: 90, render: (s: number) => t('safetyRegistry.devices.seconds', { count: s }) },
    {
      title: c('enabled'),
      dataIndex: 'enabled',
      width: 70,
      render: (on: boolean) => (on ? <Tag color="green">{t('common.enabled')}</Tag> : <Tag>{t('common.disabled')}</Tag>),
    },
    ...(manage
      ? [
          {
            title: t('common.actions'),
            key: 'actions',
            width: 90,
            fixed: 'right' as const,
            render: (_: unknown, p: MonitoringPoint) => (
              <Space size={0}>
                <Button
                  type="link"
                  size="small"
                  icon={<EditOutlined />}
                  aria-label={t('common.edit')}
                  onClick={() => onEdit(p)}
                  data-testid={`point-edit-${p.id}`}
                />
                <Popconfirm title={t('safetyRegistry.points.deleteConfirm', { tag: p.tag })} onConfirm={() => onDelete(p)}>
                  <Button type="link" size="small" danger icon={<DeleteOutlined />} aria-label={t('common.delete')} data-testid={`point-delete-${p.id}`} />
                </Popconfirm>
              </Space>
            ),
          },
        ]
      : []),
  ];
  return (
    <Table<MonitoringPoint>
      rowKey="id"
      columns={columns}
      size="small"
      scroll={{ x: 'max-content' }}
      {...(tableProps ?? { dataSource: items, pagination: false })}
      data-testid="points-table"
    />
  );
}

export function PointList() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const { can, me } = useAuth();
  const report = useReportError();
  const manage = can('safety.manage') && !me?.enterpriseId;
  const table = useServerTable<MonitoringPoint>('/api/safety/points', { sort: 'tag' });
  const { filters } = table.state;
  const [editing, setEditing] = useState<MonitoringPoint | 'new' | null>(null);
  const [importing, setImporting] = useState(false);
  const enterpriseId = me?.enterpriseId ?? filters.enterpriseId;

  const remove = async (p: MonitoringPoint) => {
    try {
      await api.delete(`/api/safety/points/${p.id}`);
      void message.success(t('common.deleted'));
      table.reload();
    } catch (err) {
      report(err);
    }
  };

  return (
    <>
      <Flex gap={8} justify="space-between" align="start" wrap style={{ marginBottom: 12 }}>
        <Space wrap size={[8, 8]} style={{ flex: 1, minWidth: 0 }} data-testid="point-filters">
          {!me?.enterpriseId && (
            <div style={{ width: 200, display: 'grid' }}>
              <EnterpriseSelect
                value={filters.enterpriseId}
                onChange={(v) => table.setFilters({ enterpriseId: v ?? undefined, majorHazardId: undefined, deviceId: undefined })}
                placeholder={t('safetyRegistry.filter.enterprise')}
                testId="point-filter-enterprise"
              />
            </div>
          )}
          <MajorHazardSelect
            enterpriseId={enterpriseId}
            value={filters.majorHazardId}
            onChange={(v) => table.setFilter('majorHazardId', v)}
            placeholder={t('safetyRegistry.filter.majorHazard')}
            style={{ width: 200 }}
            testId="point-filter-source"
          />
          <DeviceSelect
            enterpriseId={enterpriseId}
            value={filters.deviceId}
            onChange={(v) => table.setFilter('deviceId', v)}
            placeholder={t('safetyRegistry.filter.device')}
            style={{ width: 180 }}
            testId="point-filter-device"
          />
          <Select
            allowClear
            placeholder={t('safetyRegistry.filter.kind')}
            style={{ width: 120 }}
            value={filters.kind}
            onChange={(v?: string) => table.setFilter('kind', v)}
            options={pointKinds.map((k) => ({ value: k, label: t(`safetyRegistry.pointKinds.${k}`) }))}
            data-testid="point-filter-kind"
          />
          <Select
            allowClear
            placeholder={t('safetyRegistry.filter.enabled')}
            style={{ width: 110 }}
            value={filters.enabled}
            onChange={(v?: string) => table.setFilter('enabled', v)}
            options={[
              { value: 'true', label: t('common.enabled') },
              { value: 'false', label: t('common.disabled') },
            ]}
            data-testid="point-filter-enabled"
          />
          <Input.Search
            allowClear
            placeholder={t('safetyRegistry.filter.searchPoint')}
            style={{ width: 180 }}
            defaultValue={table.state.q}
            onSearch={table.setQ}
            data-testid="point-filter-q"
          />
        </Space>
        <Space wrap>
          <Button icon={<ReloadOutlined />} onClick={table.reload} aria-label={t('common.refresh')} />
          <ExportButton path="/api/safety/points/export" query={table.query} fileName={t('safetyRegistry.points.exportName')} testId="point-export" />
          {manage && (
            <>
              <Button icon={<UploadOutlined />} onClick={() => setImporting(true)} data-testid="point-import">
                {t('safetyRegistry.import.open')}
              </Button>
              <Button type="primary" icon={<PlusOutlined />} onClick={() => setEditing('new')} data-testid="point-create">
                {t('safetyRegistry.points.create')}
              </Button>
            </>
          )}
        </Space>
      </Flex>
      <PointTable tableProps={table.tableProps} sortOrder={table.sortOrder} manage={manage} onEdit={setEditing} onDelete={(p) => void remove(p)} />
      <PointForm
        open={editing !== null}
        point={editing === 'new' ? null : editing}
        onClose={() => setEditing(null)}
        onSaved={() => {
          void message.success(editing === 'new' ? t('safetyRegistry.points.created') : t('common.saved'));
          setEditing(null);
          table.reload();
        }}
      />
      {importing && <PointImport open={importing} onClose={() => setImporting(false)} onImported={table.reload} />}
    </>
  );
}

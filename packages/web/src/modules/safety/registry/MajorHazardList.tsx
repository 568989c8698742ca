// 重大危险源: the server table of GET /api/safety/major-hazards filtered by enterprise, level, overdue assessment and
// free text, sortable, exportable; registration, edits and deletion (refused while points remain) for safety.manage.
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { App, Button, Flex, Input, Popconfirm, Select, Space, Table, Tag, Tooltip, Typography, type TableColumnsType, type TableProps } from 'antd';
import { DeleteOutlined, EditOutlined, PlusOutlined, ReloadOutlined } from '@ant-design/icons';
import { majorHazardLevels } from '@zoneops/shared';
import { api } from '../../../app/api.ts';
import { useAuth } from '../../../app/auth.tsx';
import { ExportButton } from '../../../app/components/ExportButton.tsx';
import { useReportError } from '../../../app/use-report-error.ts';
import { useServerTable } from '../../../app/use-server-table.ts';
import { EnterpriseSelect } from '../../projects/pickers.tsx';
import { MajorHazardDrawer } from './MajorHazardDetail.tsx';
import { MajorHazardForm } from './MajorHazardForm.tsx';
import { levelColours } from './registry-ui.ts';
import type { MajorHazard } from './registry-types.ts';

export interface SourceTableProps {
  tableProps?: TableProps<MajorHazard>;
  items?: MajorHazard[];
  sortOrder?: (field: string) => 'ascend' | 'descend' | null;
  manage: boolean;
  onOpen: (s: MajorHazard) => void;
  onEdit: (s: MajorHazard) => void;
  onDelete: (s: MajorHazard) => void;
}

export function SourceTable({ tableProps, items, sortOrder, manage, onOpen, onEdit, onDelete }: SourceTableProps) {
  const { t } = useTranslation();
  const c = (k: string) => t(`safetyRegistry.sources.col.${k}`);
  const sorted = (key: string) => ({ key, sorter: true, sortOrder: sortOrder?.(key) ?? null });
  const columns: TableColumnsType<MajorHazard> = [
    { title: c('code'), dataIndex: 'code', width: 120, ...sorted('code') },
    {
      title: c('name'),
      dataIndex: 'name',
      width: 200,
      ...sorted('name'),
      render: (name: string, s) => (
        <Typography.Link onClick={() => onOpen(s)} data-testid={`source-open-${s.id}`}>
          {name}
        </Typography.Link>
      ),
    },
    { title: c('enterprise'), dataIndex: 'enterpriseName', width: 200, ellipsis: true, ...sorted('enterpriseName') },
    {
      title: c('level'),
      dataIndex: 'level',
      width: 80,
      ...sorted('level'),
      render: (l: number) => <Tag color={levelColours[l]}>{t(`safetyRegistry.levels.${l}`)}</Tag>,
    },
    {
      title: c('installations'),
      dataIndex: 'installations',
      width: 180,
      ellipsis: true,
      render: (list: MajorHazard['installations']) => list.map((i) => i.name).join(t('common.listSeparator')) || '—',
    },
    {
      title: c('main'),
      key: 'main',
      width: 170,
      render: (_: unknown, s) => (
        <span data-testid={`source-main-${s.id}`}>
          {s.responsible.main.name} <Typography.Text type="secondary">{s.responsible.main.phone}</Typography.Text>
        </span>
      ),
    },
    {
      title: c('assessmentDueOn'),
      dataIndex: 'assessmentDueOn',
      width: 150,
      ...sorted('assessmentDueOn'),
      render: (d: string | null, s) =>
        d ? (
          <span>
            {d} {s.assessmentOverdue && <Tag color="red">{t('safetyRegistry.sources.overdue')}</Tag>}
          </span>
        ) : (
          '—'
        ),
    },
    { title: c('points'), dataIndex: 'points', width: 80, ...sorted('points') },
    { title: c('devices'), dataIndex: 'devices', width: 70 },
    ...(manage
      ? [
          {
            title: t('common.actions'),
            key: 'actions',
            width: 90,
            fixed: 'right' as const,
            render: (_: unknown, s: MajorHazard) => (
              <Space size={0}>
                <Button
                  type="link"
                  size="small"
                  icon={<EditOutlined />}
                  aria-label={t('common.edit')}
                  onClick={() => onEdit(s)}
                  data-testid={`source-edit-${s.id}`}
                />
                {s.points > 0 ? (
                  <Tooltip title={t('safetyRegistry.sources.deleteBlocked', { count: s.points })}>
                    <Button type="link" size="small" danger disabled icon={<DeleteOutlined />} aria-label={t('common.delete')} />
                  </Tooltip>
                ) : (
                  <Popconfirm title={t('safetyRegistry.sources.deleteConfirm', { name: s.name })} onConfirm={() => onDelete(s)}>
                    <Button type="link" size="small" danger icon={<DeleteOutlined />} aria-label={t('common.delete')} data-testid={`source-delete-${s.id}`} />
                  </Popconfirm>
                )}
              </Space>
            ),
          },
        ]
      : []),
  ];
  return (
    <Table<MajorHazard>
      rowKey="id"
      columns={columns}
      size="small"
      scroll={{ x: 'max-content' }}
      {...(tableProps ?? { dataSource: items, pagination: false })}
      data-testid="sources-table"
    />
  );
}

export function MajorHazardList() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const { can, me } = useAuth();
  const report = useReportError();
  // the registry is kept by the park: an enterprise's users read it
  const manage = can('safety.manage') && !me?.enterpriseId;
  const table = useServerTable<MajorHazard>('/api/safety/major-hazards', { sort: 'code' });
  const { filters } = table.state;
  const [editing, setEditing] = useState<MajorHazard | 'new' | null>(null);
  const [open, setOpen] = useState<string | null>(null);

  const remove = async (s: MajorHazard) => {
    try {
      await api.delete(`/api/safety/major-hazards/${s.id}`);
      void message.success(t('common.deleted'));
      table.reload();
    } catch (err) {
      report(err);
    }
  };

  return (
    <>
      <Flex gap={8} justify="space-between" align="start" wrap style={{ marginBottom: 12 }}>
        <Space wrap size={[8, 8]} style={{ flex: 1, minWidth: 0 }} data-testid="source-filters">
          {!me?.enterpriseId && (
            <div style={{ width: 220, display: 'grid' }}>
              <EnterpriseSelect
                value={filters.enterpriseId}
                onChange={(v) => table.setFilter('enterpriseId', v ?? undefined)}
                placeholder={t('safetyRegistry.filter.enterprise')}
                testId="source-filter-enterprise"
              />
            </div>
          )}
          <Select
            allowClear
            placeholder={t('safetyRegistry.filter.level')}
            style={{ width: 110 }}
            value={filters.level}
            onChange={(v?: string) => table.setFilter('level', v)}
            options={majorHazardLevels.map((l) => ({ value: String(l), label: t(`safetyRegistry.levels.${l}`) }))}
            data-testid="source-filter-level"
          />
          <Select
            allowClear
            placeholder={t('safetyRegistry.filter.overdue')}
            style={{ width: 120 }}
            value={filters.overdue}
            onChange={(v?: string) => table.setFilter('overdue', v)}
            options={[
              { value: 'true', label: t('safetyRegistry.filter.overdueTrue') },
              { value: 'false', label: t('safetyRegistry.filter.overdueFalse') },
            ]}
            data-testid="source-filter-overdue"
          />
          <Input.Search
            allowClear
            placeholder={t('safetyRegistry.filter.search')}
            style={{ width: 220 }}
            defaultValue={table.state.q}
            onSearch={table.setQ}
            data-testid="source-filter-q"
          />
        </Space>
        <Space wrap>
          <Button icon={<ReloadOutlined />} onClick={table.reload} aria-label={t('common.refresh')} />
          <ExportButton path="/api/safety/major-hazards/export" query={table.query} fileName={t('safetyRegistry.sources.exportName')} testId="source-export" />
          {manage && (
            <Button type="primary" icon={<PlusOutlined />} onClick={() => setEditing('new')} data-testid="source-create">
              {t('safetyRegistry.sources.create')}
            </Button>
          )}
        </Space>
      </Flex>
      <SourceTable
        tableProps={table.tableProps}
        sortOrder={table.sortOrder}
        manage={manage}
        onOpen={(s) => setOpen(s.id)}
        onEdit={setEditing}
        onDelete={(s) => void remove(s)}
      />
      <MajorHazardForm
        open={editing !== null}
        source={editing === 'new' ? null : editing}
        onClose={() => setEditing(null)}
        onSaved={() => {
          void message.success(editing === 'new' ? t('safetyRegistry.sources.created') : t('common.saved'));
          setEditing(null);
          table.reload();
        }}
      />
      <MajorHazardDrawer id={open} onClose={() => setOpen(null)} />
    </>
  );
}

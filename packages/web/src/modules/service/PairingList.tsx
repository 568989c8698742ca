// 挂企关系: the pairings as a server table (GET /api/service/pairings) filtered by cadre, enterprise, unit, in force
// and "not visited for N days"; create, edit, delete, bulk import and export for service.manage.
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { App, Button, Flex, Popconfirm, Select, Space, Table, Tag, Typography, type TableColumnsType } from 'antd';
import { DeleteOutlined, EditOutlined, PlusOutlined, ReloadOutlined, UploadOutlined } from '@ant-design/icons';
import { api } from '../../app/api.ts';
import { useAuth } from '../../app/auth.tsx';
import { ExportButton } from '../../app/components/ExportButton.tsx';
import { UnitTreeSelect } from '../../app/components/UnitTreeSelect.tsx';
import { shanghaiToday } from '../../app/format.ts';
import { useReportError } from '../../app/use-report-error.ts';
import { useServerTable } from '../../app/use-server-table.ts';
import { UserSelect } from '../ledger/UserSelect.tsx';
import { EnterpriseSelect } from '../projects/pickers.tsx';
import { PairingFormModal } from './PairingFormModal.tsx';
import { PairingImport } from './PairingImport.tsx';
import { daysSince } from './service-ui.ts';
import type { Pairing } from './service-types.ts';

const NOT_VISITED_DAYS = [30, 60, 90, 180, 365];

export function LastVisit({ p, today }: { p: Pick<Pairing, 'lastVisitOn'>; today: string }) {
  const { t } = useTranslation();
  const days = daysSince(p.lastVisitOn, today);
  if (days === null) return <Typography.Text type="warning">{t('service.pairings.never')}</Typography.Text>;
  return (
    <span>
      {p.lastVisitOn}{' '}
      <Typography.Text type={days > 90 ? 'warning' : 'secondary'} style={{ fontSize: 12 }}>
        {t('service.pairings.daysAgo', { days })}
      </Typography.Text>
    </span>
  );
}

export function PairingList() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const { can } = useAuth();
  const report = useReportError();
  const manage = can('service.manage');
  const today = shanghaiToday();
  const table = useServerTable<Pairing>('/api/service/pairings', { sort: 'enterpriseName', filters: { active: 'true' } });
  const { filters } = table.state;
  const [editing, setEditing] = useState<Pairing | 'new' | null>(null);
  const [importing, setImporting] = useState(false);

  const remove = async (p: Pairing) => {
    try {
      await api.delete(`/api/service/pairings/${p.id}`);
      void message.success(t('common.deleted'));
      table.reload();
    } catch (err) {
      report(err);
    }
  };

  const columns: TableColumnsType<Pairing> = [
    {
      title: t('service.pairings.col.enterprise'),
      dataIndex: 'enterpriseName',
      key: 'enterpriseName',
      sorter: true,
      sortOrder: table.sortOrder('enterpriseName'),
      width: 200,
    },
    { title: t('service.pairings.col.cadre'), dataIndex: 'cadreName', key: 'cadreName', sorter: true, sortOrder: table.sortOrder('cadreName'), width: 100 },
    { title: t('service.pairings.col.cadreUnit'), dataIndex: 'cadreUnitName', width: 150, ellipsis: true },
    {
      title: t('service.pairings.col.role'),
      dataIndex: 'role',
      width: 110,
      render: (r: string) => <Tag color={r === 'primary' ? 'blue' : undefined}>{t(`service.role.${r}`)}</Tag>,
    },
    { title: t('service.pairings.col.startsOn'), dataIndex: 'startsOn', key: 'startsOn', sorter: true, sortOrder: table.sortOrder('startsOn'), width: 110 },
    { title: t('service.pairings.col.endsOn'), dataIndex: 'endsOn', width: 110, render: (v: string | null) => v ?? '—' },
    {
      title: t('service.pairings.col.active'),
      dataIndex: 'active',
      width: 80,
      render: (a: boolean) => (a ? <Tag color="green">{t('service.pairings.filter.activeTrue')}</Tag> : <Tag>{t('service.pairings.filter.activeFalse')}</Tag>),
    },
    { title: t('service.pairings.col.visits'), dataIndex: 'visits', width: 80 },
    {
      title: t('service.pairings.col.lastVisitOn'),
      dataIndex: 'lastVisitOn',
      key: 'lastVisitOn',
      sorter: true,
      sortOrder: table.sortOrder('lastVisitOn'),
      width: 170,
      render: (_: unknown, p) => <LastVisit p={p} today={today} />,
    },
    ...(manage
      ? [
          {
            title: t('common.actions'),
            key: 'actions',
            width: 90,
            fixed: 'right' as const,
            render: (_: unknown, p: Pairing) => (
              <Space size={0}>
                <Button
                  type="link"
                  size="small"
                  icon={<EditOutlined />}
                  onClick={() => setEditing(p)}
                  aria-label={t('common.edit')}
                  data-testid={`pairing-edit-${p.id}`}
                />
                <Popconfirm title={t('common.confirmDelete')} onConfirm={() => void remove(p)}>
                  <Button type="link" size="small" danger icon={<DeleteOutlined />} aria-label={t('common.delete')} data-testid={`pairing-delete-${p.id}`} />
                </Popconfirm>
              </Space>
            ),
          },
        ]
      : []),
  ];

  return (
    <>
      <Flex gap={8} justify="space-between" align="start" wrap style={{ marginBottom: 12 }}>
        <Space wrap size={[8, 8]} style={{ flex: 1, minWidth: 0 }} data-testid="pairing-filters">
          <UserSelect
            value={filters.cadreUserId}
            onChange={(v) => table.setFilter('cadreUserId', v)}
            placeholder={t('service.pairings.col.cadre')}
            style={{ width: 170 }}
            testId="pairing-filter-cadre"
          />
          <div style={{ width: 200, display: 'grid' }}>
            <EnterpriseSelect
              value={filters.enterpriseId}
              onChange={(v) => table.setFilter('enterpriseId', v ?? undefined)}
              placeholder={t('service.pairings.col.enterprise')}
              testId="pairing-filter-enterprise"
            />
          </div>
          <UnitTreeSelect
            placeholder={t('service.pairings.col.cadreUnit')}
            style={{ width: 180 }}
            value={filters.unitId}
            onChange={(v) => table.setFilter('unitId', typeof v === 'string' ? v : undefined)}
            testId="pairing-filter-unit"
          />
          <Select
            allowClear
            placeholder={t('service.pairings.filter.active')}
            style={{ width: 110 }}
            value={filters.active}
            onChange={(v?: string) => table.setFilter('active', v)}
            options={[
              { value: 'true', label: t('service.pairings.filter.activeTrue') },
              { value: 'false', label: t('service.pairings.filter.activeFalse') },
            ]}
            data-testid="pairing-filter-active"
          />
          <Select
            allowClear
            placeholder={t('service.pairings.filter.notVisited')}
            style={{ width: 150 }}
            value={filters.notVisitedDays}
            onChange={(v?: string) => table.setFilter('notVisitedDays', v)}
            options={NOT_VISITED_DAYS.map((d) => ({
              value: String(d),
              label: `${t('service.pairings.filter.notVisited')} ${t('service.pairings.filter.days', { days: d })}`,
            }))}
            data-testid="pairing-filter-not-visited"
          />
        </Space>
        <Space wrap>
          <Button icon={<ReloadOutlined />} onClick={table.reload} aria-label={t('common.refresh')} />
          <ExportButton path="/api/service/pairings/export" query={table.query} fileName={t('service.pairings.exportName')} testId="pairing-export" />
          {manage && (
            <>
              <Button icon={<UploadOutlined />} onClick={() => setImporting(true)} data-testid="pairing-import">
                {t('service.import.open')}
              </Button>
              <Button type="primary" icon={<PlusOutlined />} onClick={() => setEditing('new')} data-testid="pairing-create">
                {t('service.pairings.create')}
              </Button>
            </>
          )}
        </Space>
      </Flex>
      <Table<Pairing> rowKey="id" columns={columns} {...table.tableProps} size="small" data-testid="pairings-table" />
      <PairingFormModal
        open={editing !== null}
        pairing={editing === 'new' ? null : editing}
        today={today}
        onClose={() => setEditing(null)}
        onSaved={() => {
          void message.success(editing === 'new' ? t('service.pairings.created') : t('common.saved'));
          setEditing(null);
          table.reload();
        }}
      />
      <PairingImport open={importing} onClose={() => setImporting(false)} onImported={table.reload} />
    </>
  );
}

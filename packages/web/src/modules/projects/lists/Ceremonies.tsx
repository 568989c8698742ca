// 集中开竣工: the dated batches of concentrated start, completion and production ceremonies (GET /api/ceremonies) with
// their count, total investment and counts by role; a new batch; one batch's headline, projects, print and export.
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { App, Button, Flex, Space, Table, Tag, Typography, type TableColumnsType } from 'antd';
import { EyeOutlined, PlusOutlined, ReloadOutlined } from '@ant-design/icons';
import { ceremonyRoles, type CeremonyBatch } from '@zoneops/shared';
import { useAuth } from '../../../app/auth.tsx';
import { useApiGet } from '../../../app/use-api.ts';
import { headlineAmount } from '../reports/money.ts';
import { moneyCell } from '../reports/report-cells.tsx';
import { CeremonyDrawer } from './CeremonyDrawer.tsx';
import { CeremonyFormModal } from './CeremonyFormModal.tsx';

export function Ceremonies() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const { can } = useAuth();
  const { data, loading, reload } = useApiGet<CeremonyBatch[]>('/api/ceremonies');
  const [viewing, setViewing] = useState<CeremonyBatch | null>(null);
  const [create, setCreate] = useState({ key: 0, open: false });
  const canWrite = can('projects.write');

  const columns: TableColumnsType<CeremonyBatch> = [
    {
      key: 'name',
      dataIndex: 'name',
      title: t('projectReports.ceremonies.name'),
      render: (name: string, b) => (
        <Typography.Link onClick={() => setViewing(b)} data-testid="ceremony-open">
          {name}
        </Typography.Link>
      ),
    },
    { key: 'heldOn', dataIndex: 'heldOn', title: t('projectReports.ceremonies.heldOn'), width: 110 },
    { key: 'place', dataIndex: 'place', title: t('projectReports.ceremonies.place'), width: 180, ellipsis: true, render: (s: string | null) => s ?? '—' },
    { key: 'count', dataIndex: 'count', title: t('projectReports.ceremonies.count'), width: 90, align: 'right' },
    {
      key: 'totalInvestment',
      dataIndex: 'totalInvestment',
      title: t('projectReports.lists.totalInvestment'),
      width: 150,
      align: 'right',
      render: (s: string) => (
        <Space orientation="vertical" size={0} style={{ alignItems: 'flex-end' }}>
          {moneyCell(s)}
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {t('projectReports.amount.yi', { value: headlineAmount(s, 'yi').value })}
          </Typography.Text>
        </Space>
      ),
    },
    {
      key: 'byRole',
      title: t('projectReports.ceremonies.byRole'),
      width: 240,
      render: (_, b) => (
        <Space size={4} wrap>
          {ceremonyRoles
            .filter((r) => (b.byRole?.[r]?.count ?? 0) > 0)
            .map((r) => (
              <Tag key={r} data-testid={`ceremony-role-${r}`}>
                {t(`projectReports.ceremonies.roles.${r}`)} {b.byRole[r].count}
              </Tag>
            ))}
        </Space>
      ),
    },
    {
      key: 'actions',
      title: t('common.actions'),
      width: 90,
      render: (_, b) => (
        <Button size="small" icon={<EyeOutlined />} onClick={() => setViewing(b)}>
          {t('projectReports.ceremonies.view')}
        </Button>
      ),
    },
  ];

  return (
    <div data-testid="ceremonies">
      <Flex justify="space-between" align="center" style={{ marginBottom: 12 }}>
        <Typography.Text type="secondary">{t('projectReports.ceremonies.hint')}</Typography.Text>
        <Space>
          <Button icon={<ReloadOutlined />} onClick={reload} aria-label={t('common.refresh')} />
          {canWrite && (
            <Button type="primary" icon={<PlusOutlined />} onClick={() => setCreate((c) => ({ key: c.key + 1, open: true }))} data-testid="ceremony-create">
              {t('projectReports.ceremonies.create')}
            </Button>
          )}
        </Space>
      </Flex>
      <Table<CeremonyBatch>
        rowKey="id"
        size="middle"
        columns={columns}
        dataSource={data ?? []}
        loading={loading}
        pagination={{ pageSize: 20, hideOnSinglePage: true, showTotal: (total) => t('common.total', { total }) }}
        scroll={{ x: 'max-content' }}
        locale={{ emptyText: t('projectReports.ceremonies.empty') }}
        data-testid="ceremonies-table"
      />
      {canWrite && (
        <CeremonyFormModal
          key={create.key}
          open={create.open}
          onClose={() => setCreate((c) => ({ ...c, open: false }))}
          onCreated={(b) => {
            setCreate((c) => ({ ...c, open: false }));
            void message.success(t('projectReports.ceremonies.created'));
            reload();
            setViewing(b);
          }}
        />
      )}
      <CeremonyDrawer batch={viewing} onClose={() => setViewing(null)} />
    </div>
  );
}

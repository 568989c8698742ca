// Roles: permissions, data scope, required second factor. The list is small and sorted on the client.
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { App, Button, Card, Input, Popconfirm, Space, Table, Tag, Tooltip, type TableColumnsType } from 'antd';
import { PlusOutlined, ReloadOutlined } from '@ant-design/icons';
import type { Role } from '@zoneops/shared';
import { api } from '../../app/api.ts';
import { useAuth } from '../../app/auth.tsx';
import { invalidateCache } from '../../app/reference-data.ts';
import { useApiGet } from '../../app/use-api.ts';
import { useReportError } from '../../app/use-report-error.ts';
import { RoleFormModal } from './RoleFormModal.tsx';

export default function RolesPage() {
  const { t, i18n } = useTranslation();
  const { message } = App.useApp();
  const { can } = useAuth();
  const report = useReportError();
  const { data, loading, reload } = useApiGet<Role[]>('/api/roles');
  const [editing, setEditing] = useState<Role | null>(null);
  const [open, setOpen] = useState(false);
  const [q, setQ] = useState('');
  const canWrite = can('roles.write');
  const english = i18n.language.startsWith('en');

  const refresh = () => {
    invalidateCache('/api/roles');
    reload();
  };

  const remove = async (r: Role) => {
    try {
      await api.delete(`/api/roles/${r.id}`);
      void message.success(t('common.deleted'));
      refresh();
    } catch (err) {
      report(err);
    }
  };

  const columns: TableColumnsType<Role> = [
    { title: t('roles.code'), dataIndex: 'code', sorter: (a, b) => a.code.localeCompare(b.code) },
    {
      title: t('roles.name'),
      key: 'name',
      sorter: (a, b) => a.name.localeCompare(b.name, 'zh-CN'),
      render: (_, r) => (
        <Space size={4}>
          {english && r.nameEn ? r.nameEn : r.name}
          {r.builtin && <Tag>{t('roles.builtin')}</Tag>}
        </Space>
      ),
    },
    {
      title: t('roles.dataScope'),
      dataIndex: 'dataScope',
      render: (s: Role['dataScope']) => <Tag color="blue">{t(`dataScope.${s}`)}</Tag>,
    },
    {
      title: t('roles.permissions'),
      key: 'permissions',
      sorter: (a, b) => a.permissions.length - b.permissions.length,
      render: (_, r) => (
        <Tooltip title={r.permissions.map((p) => t(`permission.${p}`, { defaultValue: p })).join(t('common.listSeparator'))}>
          <Tag>{t('roles.permissionCount', { count: r.permissions.length })}</Tag>
        </Tooltip>
      ),
    },
    {
      title: t('roles.requireTotp'),
      dataIndex: 'requireTotp',
      render: (v: boolean) => (v ? <Tag color="orange">{t('common.yes')}</Tag> : t('common.no')),
    },
    { title: t('roles.userCount'), dataIndex: 'userCount', sorter: (a, b) => a.userCount - b.userCount },
  ];
  if (canWrite) {
    columns.push({
      title: t('common.actions'),
      key: 'actions',
      render: (_, r) => (
        <Space size={0}>
          <Button
            type="link"
            size="small"
            onClick={() => {
              setEditing(r);
              setOpen(true);
            }}
          >
            {t('common.edit')}
          </Button>
          <Popconfirm title={t('roles.deleteConfirm', { name: r.name })} onConfirm={() => void remove(r)} disabled={r.builtin}>
            <Button type="link" size="small" danger disabled={r.builtin}>
              {t('common.delete')}
            </Button>
          </Popconfirm>
        </Space>
      ),
    });
  }

  const needle = q.trim().toLowerCase();
  const rows = (data ?? []).filter((r) => !needle || [r.code, r.name, r.nameEn ?? ''].some((s) => s.toLowerCase().includes(needle)));

  return (
    <Card
      title={t('menu.roles')}
      extra={
        <Space>
          <Button icon={<ReloadOutlined />} onClick={refresh} aria-label={t('common.refresh')} />
          {canWrite && (
            <Button
              type="primary"
              icon={<PlusOutlined />}
              data-testid="role-create"
              onClick={() => {
                setEditing(null);
                setOpen(true);
              }}
            >
              {t('roles.create')}
            </Button>
          )}
        </Space>
      }
    >
      <Input.Search allowClear placeholder={t('common.searchPlaceholder')} style={{ width: 260, marginBottom: 12 }} onChange={(e) => setQ(e.target.value)} />
      <Table<Role> rowKey="id" columns={columns} dataSource={rows} loading={loading} size="middle" pagination={{ pageSize: 20 }} data-testid="roles-table" />
      <RoleFormModal
        open={open}
        role={editing}
        onClose={() => setOpen(false)}
        onSaved={() => {
          setOpen(false);
          void message.success(t('common.saved'));
          refresh();
        }}
      />
    </Card>
  );
}

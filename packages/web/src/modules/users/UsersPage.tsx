// Users: unit filter (with sub-units), search, status and role filters; create, edit, reset, unlock, roles.
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { App, Button, Card, Input, Select, Space, Switch, Table, Typography } from 'antd';
import { PlusOutlined, ReloadOutlined } from '@ant-design/icons';
import { userStatuses, type User } from '@zoneops/shared';
import { api } from '../../app/api.ts';
import { useAuth } from '../../app/auth.tsx';
import { ExportButton } from '../../app/components/ExportButton.tsx';
import { OneTimeSecret } from '../../app/components/OneTimeSecret.tsx';
import { UnitTreeSelect } from '../../app/components/UnitTreeSelect.tsx';
import { useDictionary, useRoles } from '../../app/reference-data.ts';
import { useReportError } from '../../app/use-report-error.ts';
import { useServerTable } from '../../app/use-server-table.ts';
import { userColumns } from './user-columns.tsx';
import { UserFormModal } from './UserFormModal.tsx';
import { UserRolesModal } from './UserRolesModal.tsx';

interface Secret {
  title: string;
  value: string;
}

export default function UsersPage() {
  const { t, i18n } = useTranslation();
  const { message } = App.useApp();
  const { can } = useAuth();
  const report = useReportError();
  const table = useServerTable<User>('/api/users', { sort: 'username' });
  const positions = useDictionary('position');
  const roles = useRoles();
  const [editing, setEditing] = useState<User | null>(null);
  const [formOpen, setFormOpen] = useState(false);
  const [rolesFor, setRolesFor] = useState<User | null>(null);
  const [secret, setSecret] = useState<Secret | null>(null);
  const english = i18n.language.startsWith('en');
  const { filters } = table.state;

  const resetPassword = async (u: User) => {
    try {
      const { initialPassword } = await api.post<{ initialPassword: string }>(`/api/users/${u.id}/reset-password`);
      setSecret({ title: `${t('users.resetTitle')} · ${u.displayName}`, value: initialPassword });
    } catch (err) {
      report(err);
    }
  };

  const unlock = async (u: User) => {
    try {
      await api.post(`/api/users/${u.id}/unlock`);
      void message.success(t('users.unlocked'));
      table.reload();
    } catch (err) {
      report(err);
    }
  };

  const columns = userColumns(t, table.sortOrder, positions.labelOf, {
    canWrite: can('users.write'),
    canReset: can('users.resetPassword'),
    canUnlock: can('users.unlock'),
    canAssign: can('roles.assign'),
    onEdit: (u) => {
      setEditing(u);
      setFormOpen(true);
    },
    onReset: (u) => void resetPassword(u),
    onUnlock: (u) => void unlock(u),
    onRoles: setRolesFor,
  });

  return (
    <Card
      title={t('menu.users')}
      extra={
        <Space>
          <Button icon={<ReloadOutlined />} onClick={table.reload} aria-label={t('common.refresh')} />
          <ExportButton path="/api/users/export" query={table.query} fileName="users.xlsx" />
          {can('users.write') && (
            <Button
              type="primary"
              icon={<PlusOutlined />}
              data-testid="user-create"
              onClick={() => {
                setEditing(null);
                setFormOpen(true);
              }}
            >
              {t('users.create')}
            </Button>
          )}
        </Space>
      }
    >
      <Space wrap style={{ marginBottom: 12 }}>
        {can('units.read') && (
          <>
            <UnitTreeSelect
              placeholder={t('users.unitFilter')}
              style={{ width: 240 }}
              value={filters.unitId}
              onChange={(v) => table.setFilter('unitId', typeof v === 'string' ? v : undefined)}
              testId="users-unit-filter"
            />
            <Space size={4}>
              <Switch
                size="small"
                checked={filters.includeSubunits === 'true'}
                onChange={(on) => table.setFilter('includeSubunits', on ? 'true' : undefined)}
                data-testid="users-include-subunits"
              />
              <Typography.Text>{t('users.includeSubunits')}</Typography.Text>
            </Space>
          </>
        )}
        <Input.Search allowClear placeholder={t('users.searchPlaceholder')} style={{ width: 240 }} onSearch={table.setQ} data-testid="users-search" />
        <Select
          allowClear
          placeholder={t('users.status')}
          style={{ width: 120 }}
          value={filters.status}
          onChange={(v?: string) => table.setFilter('status', v)}
          options={userStatuses.map((s) => ({ value: s, label: t(`userStatus.${s}`) }))}
        />
        {roles && (
          <Select
            allowClear
            placeholder={t('users.roles')}
            style={{ width: 180 }}
            value={filters.roleId}
            onChange={(v?: string) => table.setFilter('roleId', v)}
            options={roles.map((r) => ({ value: r.id, label: english && r.nameEn ? r.nameEn : r.name }))}
          />
        )}
      </Space>
      <Table<User> rowKey="id" columns={columns} {...table.tableProps} data-testid="users-table" />

      <UserFormModal
        open={formOpen}
        user={editing}
        onClose={() => setFormOpen(false)}
        onCreated={(created) => {
          setFormOpen(false);
          table.reload();
          setSecret({ title: `${t('users.createdTitle')} · ${created.user.username}`, value: created.initialPassword });
        }}
        onSaved={() => {
          setFormOpen(false);
          void message.success(t('common.saved'));
          table.reload();
        }}
      />
      <UserRolesModal
        user={rolesFor}
        onClose={() => setRolesFor(null)}
        onSaved={() => {
          setRolesFor(null);
          void message.success(t('users.rolesSaved'));
          table.reload();
        }}
      />
      <OneTimeSecret
        open={!!secret}
        title={secret?.title ?? ''}
        hint={t('users.initialPasswordHint')}
        label={t('users.initialPasswordTitle')}
        secret={secret?.value ?? ''}
        testId="user-initial-password"
        onClose={() => setSecret(null)}
      />
    </Card>
  );
}

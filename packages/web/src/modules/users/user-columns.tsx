import type { TFunction } from 'i18next';
import { Badge, Button, Popconfirm, Space, Tag, Tooltip } from 'antd';
import type { TableColumnsType } from 'antd';
import type { User } from '@zoneops/shared';
import { formatDateTime } from '../../app/format.ts';

export function isLocked(user: Pick<User, 'lockedUntil'>, now = Date.now()): boolean {
  return !!user.lockedUntil && new Date(user.lockedUntil).getTime() > now;
}

export interface UserActions {
  canWrite: boolean;
  canReset: boolean;
  canUnlock: boolean;
  canAssign: boolean;
  onEdit: (u: User) => void;
  onReset: (u: User) => void;
  onUnlock: (u: User) => void;
  onRoles: (u: User) => void;
}

export function userColumns(
  t: TFunction,
  sortOrder: (field: string) => 'ascend' | 'descend' | null,
  positionLabel: (code: string | null) => string,
  actions: UserActions,
): TableColumnsType<User> {
  const columns: TableColumnsType<User> = [
    {
      title: t('users.username'),
      dataIndex: 'username',
      key: 'username',
      sorter: true,
      sortOrder: sortOrder('username'),
      fixed: 'left',
    },
    {
      title: t('users.displayName'),
      dataIndex: 'displayName',
      key: 'displayName',
      sorter: true,
      sortOrder: sortOrder('displayName'),
    },
    { title: t('users.unit'), dataIndex: 'unitName', key: 'unit' },
    {
      title: t('users.position'),
      dataIndex: 'position',
      key: 'position',
      render: (p: string | null) => (p ? positionLabel(p) : '—'),
    },
    { title: t('users.phone'), dataIndex: 'phone', key: 'phone', render: (p: string | null) => p ?? '—' },
    {
      title: t('users.roles'),
      key: 'roles',
      render: (_, u) => (u.roles.length ? u.roles.map((r) => <Tag key={r.id}>{r.name}</Tag>) : '—'),
    },
    {
      title: t('users.status'),
      key: 'status',
      render: (_, u) => (
        <Space size={4}>
          <Tag color={u.status === 'active' ? 'green' : 'default'}>{t(`userStatus.${u.status}`)}</Tag>
          {isLocked(u) && (
            <Tooltip title={t('users.lockedUntil', { time: formatDateTime(u.lockedUntil, false) })}>
              <Badge status="error" text={t('users.locked')} data-testid="user-locked" />
            </Tooltip>
          )}
        </Space>
      ),
    },
    {
      title: t('users.lastLogin'),
      dataIndex: 'lastLoginAt',
      key: 'lastLoginAt',
      sorter: true,
      sortOrder: sortOrder('lastLoginAt'),
      render: (v: string | null) => formatDateTime(v, false),
    },
  ];
  const { canWrite, canReset, canUnlock, canAssign } = actions;
  if (canWrite || canReset || canUnlock || canAssign) {
    columns.push({
      title: t('common.actions'),
      key: 'actions',
      fixed: 'right',
      render: (_, u) => (
        <Space size={0} wrap>
          {canWrite && (
            <Button type="link" size="small" onClick={() => actions.onEdit(u)}>
              {t('common.edit')}
            </Button>
          )}
          {canAssign && (
            <Button type="link" size="small" onClick={() => actions.onRoles(u)}>
              {t('users.assignRoles')}
            </Button>
          )}
          {canReset && (
            <Popconfirm title={t('users.resetConfirm', { name: u.displayName })} onConfirm={() => actions.onReset(u)}>
              <Button type="link" size="small">
                {t('users.resetPassword')}
              </Button>
            </Popconfirm>
          )}
          {canUnlock && isLocked(u) && (
            <Button type="link" size="small" onClick={() => actions.onUnlock(u)} data-testid="user-unlock">
              {t('users.unlock')}
            </Button>
          )}
        </Space>
      ),
    });
  }
  return columns;
}

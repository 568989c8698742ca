// 组团管理: the promotion teams (GET /api/promotion/teams?all=true) with their unit, leader and members; those holding
// promotion.manage create and edit them (POST, PATCH /api/promotion/teams/:id), and retire a team by making it
// inactive.
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { App, Button, Flex, Form, Input, Modal, Space, Switch, Table, Tag, type ButtonProps } from 'antd';
import { PlusOutlined, ReloadOutlined } from '@ant-design/icons';
import type { Team } from '@zoneops/shared';
import { api } from '../../../app/api.ts';
import { useAuth } from '../../../app/auth.tsx';
import { UnitTreeSelect } from '../../../app/components/UnitTreeSelect.tsx';
import { invalidateCache } from '../../../app/reference-data.ts';
import { useApiGet } from '../../../app/use-api.ts';
import { useModalForm } from '../../../app/use-modal-form.ts';
import { UsersSelect } from '../../ledger/UsersSelect.tsx';
import { UserSelect } from '../../ledger/UserSelect.tsx';
import { TEAMS_PATH } from '../pickers.tsx';
import { itemsOf } from '../promotion-ui.ts';

interface TeamValues {
  name: string;
  unitId?: string | null;
  leaderUserId?: string | null;
  memberIds?: string[];
  active?: boolean;
}

/** The body of a team: the leader is a member with the leader's role. */
export function teamBody(v: TeamValues) {
  const ids = [...new Set([...(v.leaderUserId ? [v.leaderUserId] : []), ...(v.memberIds ?? [])])];
  return {
    name: v.name.trim(),
    unitId: v.unitId ?? null,
    leaderUserId: v.leaderUserId ?? null,
    members: ids.map((userId) => ({ userId, role: userId === v.leaderUserId ? ('leader' as const) : ('member' as const) })),
  };
}

function TeamFormModal({ open, team, onClose, onSaved }: { open: boolean; team: Team | null; onClose: () => void; onSaved: () => void }) {
  const { t } = useTranslation();
  const initial = useMemo<TeamValues>(
    () =>
      team
        ? { name: team.name, unitId: team.unitId, leaderUserId: team.leaderUserId, memberIds: team.members.map((m) => m.userId), active: team.active }
        : { name: '', memberIds: [], active: true },
    [team],
  );
  const { form, modalProps } = useModalForm<TeamValues>({
    open,
    initial,
    onSubmit: async (v) => {
      if (team) await api.patch(`${TEAMS_PATH}/${team.id}`, { ...teamBody(v), active: v.active ?? true });
      else await api.post(TEAMS_PATH, teamBody(v));
      onSaved();
    },
  });
  return (
    <Modal
      {...modalProps}
      width={640}
      title={team ? t('promotion.teams.editTitle', { name: team.name }) : t('promotion.teams.createTitle')}
      onCancel={onClose}
      okButtonProps={{ 'data-testid': 'team-form-submit' } as ButtonProps}
    >
      <Form form={form} layout="vertical" initialValues={initial} requiredMark="optional">
        <Form.Item name="name" label={t('promotion.teams.name')} rules={[{ required: true, whitespace: true, max: 100 }]}>
          <Input data-testid="team-form-name" />
        </Form.Item>
        <Form.Item name="unitId" label={t('promotion.teams.unit')}>
          <UnitTreeSelect testId="team-form-unit" />
        </Form.Item>
        <Form.Item name="leaderUserId" label={t('promotion.teams.leader')}>
          <UserSelect testId="team-form-leader" />
        </Form.Item>
        <Form.Item name="memberIds" label={t('promotion.teams.members')}>
          <UsersSelect known={team?.members.map((m) => ({ id: m.userId, name: m.displayName })) ?? []} testId="team-form-members" />
        </Form.Item>
        {team && (
          <Form.Item name="active" label={t('promotion.teams.active')} valuePropName="checked">
            <Switch data-testid="team-form-active" />
          </Form.Item>
        )}
      </Form>
    </Modal>
  );
}

export function TeamTable({ teams, onEdit }: { teams: Team[]; onEdit?: (team: Team) => void }) {
  const { t } = useTranslation();
  return (
    <Table<Team>
      rowKey="id"
      size="small"
      pagination={false}
      dataSource={teams}
      scroll={{ x: 'max-content' }}
      columns={[
        {
          title: t('promotion.teams.name'),
          dataIndex: 'name',
          key: 'name',
          render: (v: string, r) =>
            r.active ? (
              v
            ) : (
              <Space>
                {v}
                <Tag>{t('common.disabled')}</Tag>
              </Space>
            ),
        },
        { title: t('promotion.teams.unit'), dataIndex: 'unitName', key: 'unit', render: (v: string | null) => v ?? '—' },
        { title: t('promotion.teams.leader'), dataIndex: 'leaderName', key: 'leader', render: (v: string | null) => v ?? '—' },
        {
          title: t('promotion.teams.members'),
          key: 'members',
          render: (_, r) => (
            <Space size={[4, 4]} wrap style={{ maxWidth: 480 }}>
              {r.members.map((m) => (
                <Tag key={m.userId} color={m.role === 'leader' ? 'blue' : undefined}>
                  {m.displayName}
                </Tag>
              ))}
            </Space>
          ),
        },
        ...(onEdit
          ? [
              {
                title: t('common.actions'),
                key: 'actions',
                render: (_: unknown, r: Team) => (
                  <Button type="link" size="small" onClick={() => onEdit(r)} data-testid={`team-edit-${r.id}`}>
                    {t('common.edit')}
                  </Button>
                ),
              },
            ]
          : []),
      ]}
      data-testid="teams-table"
    />
  );
}

export function TeamList() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const { can } = useAuth();
  const manage = can('promotion.manage');
  const { data, reload } = useApiGet<Team[] | { items: Team[] }>(TEAMS_PATH, { all: true });
  const [editing, setEditing] = useState<Team | 'new' | null>(null);
  return (
    <>
      <Flex justify="end" gap={8} style={{ marginBottom: 12 }}>
        <Button icon={<ReloadOutlined />} onClick={reload} aria-label={t('common.refresh')} />
        {manage && (
          <Button type="primary" icon={<PlusOutlined />} onClick={() => setEditing('new')} data-testid="team-create">
            {t('promotion.teams.create')}
          </Button>
        )}
      </Flex>
      <TeamTable teams={itemsOf(data)} onEdit={manage ? setEditing : undefined} />
      <TeamFormModal
        open={editing !== null}
        team={editing === 'new' ? null : editing}
        onClose={() => setEditing(null)}
        onSaved={() => {
          setEditing(null);
          invalidateCache(TEAMS_PATH);
          reload();
          void message.success(t('common.saved'));
        }}
      />
    </>
  );
}

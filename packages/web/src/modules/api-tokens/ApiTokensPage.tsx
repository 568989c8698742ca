// API tokens for machine clients (Authorization: Bearer …): the secret is shown once at creation.
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { App, Button, Card, Popconfirm, Space, Table, Tag, Tooltip, type TableColumnsType } from 'antd';
import { PlusOutlined, ReloadOutlined } from '@ant-design/icons';
import { api } from '../../app/api.ts';
import { OneTimeSecret } from '../../app/components/OneTimeSecret.tsx';
import type { ApiToken } from '../../app/contract.ts';
import { formatDateTime } from '../../app/format.ts';
import { useApiGet } from '../../app/use-api.ts';
import { useReportError } from '../../app/use-report-error.ts';
import { ApiTokenCreateModal } from './ApiTokenCreateModal.tsx';

type TokenState = 'active' | 'revoked' | 'expired';

function stateOf(token: ApiToken, now = Date.now()): TokenState {
  if (token.revokedAt) return 'revoked';
  if (token.expiresAt && new Date(token.expiresAt).getTime() <= now) return 'expired';
  return 'active';
}

const stateColours: Record<TokenState, string> = { active: 'green', revoked: 'default', expired: 'orange' };

export default function ApiTokensPage() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const report = useReportError();
  const { data, loading, reload } = useApiGet<ApiToken[]>('/api/api-tokens');
  const [open, setOpen] = useState(false);
  const [secret, setSecret] = useState<string | null>(null);

  const revoke = async (token: ApiToken) => {
    try {
      await api.delete(`/api/api-tokens/${token.id}`);
      void message.success(t('apiTokens.revoked'));
      reload();
    } catch (err) {
      report(err);
    }
  };

  const columns: TableColumnsType<ApiToken> = [
    { title: t('apiTokens.name'), dataIndex: 'name', sorter: (a, b) => a.name.localeCompare(b.name) },
    { title: t('apiTokens.prefix'), dataIndex: 'prefix', render: (v: string) => <span className="zo-mono">{v}…</span> },
    { title: t('apiTokens.user'), dataIndex: 'username' },
    {
      title: t('apiTokens.scopes'),
      dataIndex: 'scopes',
      render: (scopes: string[]) => (
        <Tooltip title={scopes.join(', ')}>
          {scopes.slice(0, 3).map((s) => (
            <Tag key={s}>{t(`permission.${s}`, { defaultValue: s })}</Tag>
          ))}
          {scopes.length > 3 && <Tag>+{scopes.length - 3}</Tag>}
        </Tooltip>
      ),
    },
    {
      title: t('common.status'),
      key: 'state',
      render: (_, token) => {
        const s = stateOf(token);
        return <Tag color={stateColours[s]}>{t(`apiTokens.${s}`)}</Tag>;
      },
    },
    {
      title: t('apiTokens.createdAt'),
      dataIndex: 'createdAt',
      sorter: (a, b) => a.createdAt.localeCompare(b.createdAt),
      defaultSortOrder: 'descend',
      render: (v: string) => formatDateTime(v, false),
    },
    {
      title: t('apiTokens.expiresAt'),
      dataIndex: 'expiresAt',
      render: (v: string | null) => (v ? formatDateTime(v, false) : t('apiTokens.never')),
    },
    {
      title: t('apiTokens.lastUsedAt'),
      dataIndex: 'lastUsedAt',
      render: (v: string | null) => formatDateTime(v, false),
    },
    {
      title: t('common.actions'),
      key: 'actions',
      render: (_, token) =>
        stateOf(token) === 'revoked' ? null : (
          <Popconfirm title={t('apiTokens.revokeConfirm', { name: token.name })} onConfirm={() => void revoke(token)}>
            <Button type="link" size="small" danger>
              {t('apiTokens.revoke')}
            </Button>
          </Popconfirm>
        ),
    },
  ];

  return (
    <Card
      title={t('menu.apiTokens')}
      extra={
        <Space>
          <Button icon={<ReloadOutlined />} onClick={reload} aria-label={t('common.refresh')} />
          <Button type="primary" icon={<PlusOutlined />} onClick={() => setOpen(true)} data-testid="api-token-create">
            {t('apiTokens.create')}
          </Button>
        </Space>
      }
    >
      <Table<ApiToken>
        rowKey="id"
        size="middle"
        columns={columns}
        dataSource={data ?? []}
        loading={loading}
        scroll={{ x: 'max-content' }}
        data-testid="api-tokens-table"
      />
      <ApiTokenCreateModal
        open={open}
        onClose={() => setOpen(false)}
        onCreated={(created) => {
          setOpen(false);
          setSecret(created.secret);
          reload();
        }}
      />
      <OneTimeSecret
        open={!!secret}
        title={t('apiTokens.secretTitle')}
        hint={t('apiTokens.secretHint')}
        label={t('apiTokens.secret')}
        secret={secret ?? ''}
        testId="api-token-secret"
        onClose={() => setSecret(null)}
      />
    </Card>
  );
}

// 整改销号: rectification campaigns (e.g. 中央环保督察反馈问题整改) as cards with their counts; the problems of the
// chosen campaign (or of all) like the supervision list, with deadline class and measures, closed ones as 已销号.
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { App, Button, Card, Col, Empty, Flex, Progress, Row, Space, Tag, Tooltip, Typography } from 'antd';
import { CheckCircleOutlined, PlusOutlined, ReloadOutlined } from '@ant-design/icons';
import { useAuth } from '../../app/auth.tsx';
import type { Ledger } from '../../app/contract.ts';
import { useApiGet } from '../../app/use-api.ts';
import { ItemFormModal } from '../ledger/ItemFormModal.tsx';
import { ItemList, useItemTable } from '../ledger/ItemList.tsx';
import { LedgerFormModal } from '../ledger/LedgerFormModal.tsx';
import { LightDot } from '../ledger/LightBadge.tsx';
import { LedgerTools } from '../ledger/LedgerTools.tsx';

function CampaignCard({ ledger, selected, onSelect }: { ledger: Ledger; selected: boolean; onSelect: () => void }) {
  const { t } = useTranslation();
  const { counts } = ledger;
  const closedShare = counts.total ? Math.round((counts.closed / counts.total) * 100) : 0;
  return (
    <Card
      size="small"
      hoverable
      onClick={onSelect}
      style={{ height: '100%', borderColor: selected ? '#1b4d89' : undefined, boxShadow: selected ? '0 0 0 2px #1b4d8933' : undefined }}
      data-testid={`campaign-${ledger.code}`}
    >
      <Flex justify="space-between" align="start" gap={8}>
        <div style={{ minWidth: 0 }}>
          <Typography.Text strong ellipsis={{ tooltip: ledger.name }} style={{ display: 'block', maxWidth: 260 }}>
            {ledger.name}
          </Typography.Text>
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {ledger.code} · {ledger.supervisorUnitName}
          </Typography.Text>
        </div>
        {ledger.status === 'archived' && <Tag>{t('rectification.archived')}</Tag>}
      </Flex>
      {ledger.sourceDoc && (
        <Typography.Paragraph type="secondary" ellipsis={{ rows: 1, tooltip: ledger.sourceDoc }} style={{ fontSize: 12, margin: '4px 0 0' }}>
          {ledger.sourceDoc}
        </Typography.Paragraph>
      )}
      <Flex gap={14} style={{ margin: '10px 0 6px' }} wrap>
        <span>
          {t('rectification.problems')} <Typography.Text strong>{counts.total}</Typography.Text>
        </span>
        <span>
          {t('ledger.summary.open')} <Typography.Text strong>{counts.open}</Typography.Text>
        </span>
        <Tooltip title={t('ledgerLight.red')}>
          <Space size={4}>
            <LightDot light="red" />
            <Typography.Text strong>{counts.red}</Typography.Text>
          </Space>
        </Tooltip>
        <Tooltip title={t('ledgerLight.yellow')}>
          <Space size={4}>
            <LightDot light="yellow" />
            <Typography.Text strong>{counts.yellow}</Typography.Text>
          </Space>
        </Tooltip>
        <span>
          <CheckCircleOutlined style={{ color: '#3aa655' }} /> {t('ledger.closedOn')} <Typography.Text strong>{counts.closed}</Typography.Text>
        </span>
      </Flex>
      <Tooltip title={t('rectification.closedShare', { share: closedShare })}>
        <Progress percent={closedShare} size="small" strokeColor="#3aa655" format={(p) => `${p}%`} />
      </Tooltip>
      <Typography.Text type="secondary" style={{ fontSize: 12 }}>
        {t('rectification.rules', { levels: ledger.signoffLevels, days: ledger.noticeWorkingDays })}
      </Typography.Text>
    </Card>
  );
}

export default function RectificationPage() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const { can } = useAuth();
  const ledgers = useApiGet<Ledger[]>('/api/ledgers', { kind: 'rectification' });
  const table = useItemTable('rectification');
  const [creating, setCreating] = useState(false);
  const [creatingCampaign, setCreatingCampaign] = useState(false);
  const list = ledgers.data ?? [];
  const ledgerId = table.state.filters.ledgerId;
  const ledger = list.find((l) => l.id === ledgerId);
  const reload = () => {
    ledgers.reload();
    table.reload();
  };

  return (
    <Space orientation="vertical" size={12} style={{ width: '100%' }}>
      <Card
        title={t('rectification.campaigns')}
        extra={
          <Space wrap>
            <Button icon={<ReloadOutlined />} onClick={reload} aria-label={t('common.refresh')} />
            {can('ledger.assign') && (
              <Button type="primary" icon={<PlusOutlined />} onClick={() => setCreatingCampaign(true)} data-testid="ledger-create">
                {t('rectification.createCampaign')}
              </Button>
            )}
          </Space>
        }
        data-testid="rectification-campaigns"
      >
        {ledgers.data && !list.length ? (
          <Empty description={t('rectification.noCampaigns')} />
        ) : (
          <Row gutter={[12, 12]}>
            {list.map((l) => (
              <Col xs={24} md={12} xl={8} key={l.id}>
                <CampaignCard ledger={l} selected={l.id === ledgerId} onSelect={() => table.setFilter('ledgerId', l.id === ledgerId ? undefined : l.id)} />
              </Col>
            ))}
          </Row>
        )}
      </Card>
      <Card
        styles={{ body: { padding: '16px 12px' } }}
        title={
          <Space>
            {t('rectification.problemList')}
            {ledger ? (
              <Tag closable onClose={() => table.setFilter('ledgerId', undefined)} color="blue">
                {ledger.name}
              </Tag>
            ) : (
              <Typography.Text type="secondary" style={{ fontWeight: 'normal' }}>
                {t('rectification.allCampaigns')}
              </Typography.Text>
            )}
          </Space>
        }
        extra={
          <Space wrap>
            <LedgerTools kind="rectification" ledger={ledger} query={table.query} onImported={reload} />
            {can('ledger.assign') && (
              <Button type="primary" icon={<PlusOutlined />} onClick={() => setCreating(true)} disabled={!list.length} data-testid="item-create">
                {t('rectification.createProblem')}
              </Button>
            )}
          </Space>
        }
      >
        <ItemList kind="rectification" table={table} />
      </Card>
      <ItemFormModal
        open={creating}
        kind="rectification"
        ledgers={list.filter((l) => l.status === 'active')}
        ledgerId={ledger?.id ?? list[0]?.id}
        onClose={() => setCreating(false)}
        onCreated={(detail) => {
          setCreating(false);
          void message.success(t('ledger.itemCreated', { code: detail.item.code }));
          reload();
        }}
      />
      <LedgerFormModal
        open={creatingCampaign}
        kind="rectification"
        onClose={() => setCreatingCampaign(false)}
        onCreated={(l) => {
          setCreatingCampaign(false);
          void message.success(t('common.created'));
          ledgers.reload();
          table.setFilter('ledgerId', l.id);
        }}
      />
    </Space>
  );
}

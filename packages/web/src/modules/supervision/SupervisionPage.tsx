// 督查督办: the supervision ledgers (a selector with each ledger's counts and light donut) and their task list with
// filters, saved views, export and import; "新建事项" assigns a task.
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { App, Button, Card, Empty, Select, Space, Typography } from 'antd';
import { PlusOutlined, ReloadOutlined } from '@ant-design/icons';
import { useAuth } from '../../app/auth.tsx';
import type { Ledger } from '../../app/contract.ts';
import { useApiGet } from '../../app/use-api.ts';
import { ItemFormModal } from '../ledger/ItemFormModal.tsx';
import { ItemList, useItemTable } from '../ledger/ItemList.tsx';
import { LedgerFormModal } from '../ledger/LedgerFormModal.tsx';
import { LedgerSummary, sumCounts } from '../ledger/LedgerSummary.tsx';
import { LedgerTools } from '../ledger/LedgerTools.tsx';

const ALL = '';

export default function SupervisionPage() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const { can } = useAuth();
  const ledgers = useApiGet<Ledger[]>('/api/ledgers', { kind: 'supervision' });
  const table = useItemTable('supervision');
  const [creating, setCreating] = useState(false);
  const [creatingLedger, setCreatingLedger] = useState(false);
  const list = ledgers.data ?? [];
  const ledgerId = table.state.filters.ledgerId ?? ALL;
  const ledger = list.find((l) => l.id === ledgerId);
  const counts = ledger ? ledger.counts : sumCounts(list);
  const reload = () => {
    ledgers.reload();
    table.reload();
  };

  return (
    <Card
      title={t('menu.supervision')}
      extra={
        <Space wrap>
          <Select
            style={{ width: 280 }}
            value={ledgerId}
            loading={ledgers.loading && !ledgers.data}
            onChange={(id: string) => table.setFilter('ledgerId', id || undefined)}
            options={[{ value: ALL, label: t('supervision.allLedgers') }, ...list.map((l) => ({ value: l.id, label: `${l.code} · ${l.name}` }))]}
            data-testid="supervision-ledger-select"
          />
          <Button icon={<ReloadOutlined />} onClick={reload} aria-label={t('common.refresh')} />
          <LedgerTools kind="supervision" ledger={ledger} query={table.query} onImported={reload} />
          {can('ledger.assign') && (
            <Button onClick={() => setCreatingLedger(true)} data-testid="ledger-create">
              {t('ledger.ledgerForm.title')}
            </Button>
          )}
          {can('ledger.assign') && (
            <Button type="primary" icon={<PlusOutlined />} onClick={() => setCreating(true)} disabled={!list.length} data-testid="item-create">
              {t('supervision.createItem')}
            </Button>
          )}
        </Space>
      }
    >
      {ledgers.data && !list.length ? (
        <Empty description={t('supervision.noLedgers')} style={{ margin: '32px 0' }}>
          {can('ledger.assign') && (
            <Button type="primary" onClick={() => setCreatingLedger(true)}>
              {t('ledger.ledgerForm.title')}
            </Button>
          )}
        </Empty>
      ) : (
        <>
          {ledger && (
            <Typography.Paragraph type="secondary" style={{ marginBottom: 8 }}>
              {t('supervision.ledgerLine', { unit: ledger.supervisorUnitName, total: ledger.counts.total })}
              {ledger.sourceDoc ? ` · ${ledger.sourceDoc}` : ''}
            </Typography.Paragraph>
          )}
          <div style={{ marginBottom: 16 }}>
            <LedgerSummary counts={counts} scope={ledger ? { ledgerId: ledger.id } : { kind: 'supervision' }} onPick={(filter) => table.setFilters(filter)} />
          </div>
          <ItemList kind="supervision" table={table} />
        </>
      )}
      <ItemFormModal
        open={creating}
        kind="supervision"
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
        open={creatingLedger}
        kind="supervision"
        onClose={() => setCreatingLedger(false)}
        onCreated={(l) => {
          setCreatingLedger(false);
          void message.success(t('common.created'));
          ledgers.reload();
          table.setFilter('ledgerId', l.id);
        }}
      />
    </Card>
  );
}

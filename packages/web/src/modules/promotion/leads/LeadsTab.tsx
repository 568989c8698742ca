// The leads as a list or a kanban (?view=board), with one set of filters in the URL (?stage=…&teamId=…) so that both
// views, links and a reload show the same leads; the export takes the same filters.
import { useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate, useSearchParams } from 'react-router';
import { App, Button, Flex, Segmented, Space } from 'antd';
import { AppstoreOutlined, PlusOutlined, ReloadOutlined, UnorderedListOutlined } from '@ant-design/icons';
import type { Lead, LeadDetail } from '@zoneops/shared';
import type { Query } from '../../../app/api.ts';
import { useAuth } from '../../../app/auth.tsx';
import { ExportButton } from '../../../app/components/ExportButton.tsx';
import { useServerTable } from '../../../app/use-server-table.ts';
import { leadFiltersOf, leadViewOf, type LeadFilters as Filters, type LeadView } from '../promotion-ui.ts';
import { DuplicateNotice } from './DuplicateNotice.tsx';
import { LeadBoard } from './LeadBoard.tsx';
import { LeadFilters } from './LeadFilters.tsx';
import { LeadFormModal } from './LeadFormModal.tsx';
import { LeadList, leadPath } from './LeadList.tsx';

function ListView({
  filters,
  setFilter,
  toolbar,
}: {
  filters: Filters;
  setFilter: (k: keyof Filters, v: string | undefined) => void;
  toolbar: (query: Query, reload: () => void) => ReactNode;
}) {
  const { q, ...rest } = filters;
  const table = useServerTable<Lead>('/api/promotion/leads', { q, filters: rest });
  const set = (k: keyof Filters, v: string | undefined) => {
    if (k === 'q') table.setQ(v ?? '');
    else table.setFilter(k, v);
    setFilter(k, v);
  };
  return (
    <>
      <Flex gap={8} justify="space-between" align="start" wrap style={{ marginBottom: 12 }}>
        <LeadFilters filters={filters} setFilter={set} />
        {toolbar(table.query, table.reload)}
      </Flex>
      <LeadList table={table} />
    </>
  );
}

export function LeadsTab() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const { can } = useAuth();
  const navigate = useNavigate();
  const [params, setParams] = useSearchParams();
  const view = leadViewOf(params);
  const filters = leadFiltersOf(params);
  const [creating, setCreating] = useState(false);
  const [duplicate, setDuplicate] = useState<LeadDetail | null>(null);
  const [version, setVersion] = useState(0);

  const setParam = (name: string, value: string | undefined) =>
    setParams(
      (prev) => {
        const next = new URLSearchParams(prev);
        if (value) next.set(name, value);
        else next.delete(name);
        return next;
      },
      { replace: true },
    );

  const toolbar = (query: Query, reload: () => void) => (
    <Space wrap>
      <Segmented<LeadView>
        value={view}
        onChange={(v) => setParam('view', v === 'board' ? 'board' : undefined)}
        options={[
          { value: 'list', icon: <UnorderedListOutlined />, label: t('promotion.view.list') },
          { value: 'board', icon: <AppstoreOutlined />, label: t('promotion.view.board') },
        ]}
        data-testid="lead-view"
      />
      <Button icon={<ReloadOutlined />} onClick={reload} aria-label={t('common.refresh')} />
      <ExportButton path="/api/promotion/leads/export" query={query} fileName="leads.xlsx" testId="lead-export" />
      {can('promotion.write') && (
        <Button type="primary" icon={<PlusOutlined />} onClick={() => setCreating(true)} data-testid="lead-create">
          {t('promotion.create')}
        </Button>
      )}
    </Space>
  );

  return (
    <>
      {view === 'list' ? (
        <ListView key={version} filters={filters} setFilter={setParam} toolbar={toolbar} />
      ) : (
        <>
          <Flex gap={8} justify="space-between" align="start" wrap style={{ marginBottom: 12 }}>
            <LeadFilters filters={filters} setFilter={setParam} />
            {toolbar(filters, () => setVersion((v) => v + 1))}
          </Flex>
          <LeadBoard
            key={version}
            query={filters}
            moreLink={(stage) => {
              const next = new URLSearchParams(params);
              next.delete('view');
              next.set('stage', stage);
              return `/promotion?${next.toString()}`;
            }}
          />
        </>
      )}
      <LeadFormModal
        open={creating}
        onClose={() => setCreating(false)}
        onCreated={(lead) => {
          setCreating(false);
          void message.success(t('promotion.created', { code: lead.code }));
          if (lead.duplicateOf.length > 0) {
            setDuplicate(lead);
            setVersion((v) => v + 1);
          } else void navigate(leadPath(lead.id));
        }}
      />
      <DuplicateNotice lead={duplicate} onClose={() => setDuplicate(null)} />
    </>
  );
}

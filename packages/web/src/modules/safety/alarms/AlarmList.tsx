// 报警列表: the alarms as a server table (GET /api/safety/alarms, not closed by default) with filters, the export with
// the same filters, batch acknowledgement of the selected rows, the actions of each row and the detail drawer (opened
// from a link ?alarm=… as escalation notices give it).
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router';
import { App, Button, DatePicker, Flex, Input, Select, Space, Table, Typography } from 'antd';
import { ReloadOutlined } from '@ant-design/icons';
import dayjs from 'dayjs';
import { alarmLevels, alarmStatuses, type AlarmSummary, type SafetyAlarmDetail } from '@zoneops/shared';
import { api } from '../../../app/api.ts';
import { useAuth } from '../../../app/auth.tsx';
import { ExportButton } from '../../../app/components/ExportButton.tsx';
import { useReportError } from '../../../app/use-report-error.ts';
import { useServerTable } from '../../../app/use-server-table.ts';
import { EnterpriseSelect } from '../../projects/pickers.tsx';
import { AlarmActionButtons, AlarmActionModal, useAlarmActionState, useAlarmCan } from './AlarmActions.tsx';
import { AlarmDrawer } from './AlarmDrawer.tsx';
import { ruleGroups } from './alarm-ui.ts';
import { alarmColumns } from './alarm-columns.tsx';

export interface AlarmFilterProps {
  filters: Record<string, string | undefined>;
  setFilter: (name: string, value: string | undefined) => void;
  setFilters: (filters: Record<string, string | undefined>) => void;
  setQ: (q: string) => void;
  showEnterprise: boolean;
}

export function AlarmFilters({ filters, setFilter, setFilters, setQ, showEnterprise }: AlarmFilterProps) {
  const { t } = useTranslation();
  const select = (name: string, values: readonly string[], label: (v: string) => string, width: number, placeholder: string) => (
    <Select
      allowClear
      placeholder={placeholder}
      style={{ width }}
      value={filters[name]}
      onChange={(v?: string) => setFilter(name, v)}
      options={values.map((v) => ({ value: v, label: label(v) }))}
      data-testid={`alarm-filter-${name}`}
    />
  );
  return (
    <Space wrap size={[8, 8]} style={{ flex: 1, minWidth: 0 }} data-testid="alarm-filters">
      {select(
        'open',
        ['true', 'false'],
        (v) => t(v === 'true' ? 'safetyAlarms.filter.openTrue' : 'safetyAlarms.filter.openFalse'),
        110,
        t('safetyAlarms.filter.open'),
      )}
      {select('level', alarmLevels, (v) => t(`safetyAlarms.level.${v}`), 100, t('safetyAlarms.col.level'))}
      {select('status', alarmStatuses, (v) => t(`safetyAlarms.status.${v}`), 110, t('safetyAlarms.col.status'))}
      <Select
        allowClear
        placeholder={t('safetyAlarms.col.rule')}
        style={{ width: 150 }}
        value={filters.rule}
        onChange={(v?: string) => setFilter('rule', v)}
        options={ruleGroups.map((g) => ({
          label: t(`safetyAlarms.ruleGroup.${g.group}`),
          title: g.group,
          options: g.rules.map((r) => ({ value: r, label: t(`safetyAlarms.rule.${r}`) })),
        }))}
        data-testid="alarm-filter-rule"
      />
      {showEnterprise && (
        <div style={{ width: 200, display: 'grid' }}>
          <EnterpriseSelect
            value={filters.enterpriseId}
            onChange={(v) => setFilter('enterpriseId', v ?? undefined)}
            placeholder={t('safetyAlarms.col.enterprise')}
            testId="alarm-filter-enterprise"
          />
        </div>
      )}
      <DatePicker.RangePicker
        placeholder={[t('safetyAlarms.filter.raisedFrom'), t('safetyAlarms.filter.raisedTo')]}
        value={filters.from && filters.to ? [dayjs(filters.from), dayjs(filters.to)] : null}
        onChange={(_, [from, to]) => setFilters({ from: from || undefined, to: to || undefined })}
        data-testid="alarm-filter-raised"
      />
      <Input.Search allowClear placeholder={t('safetyAlarms.filter.search')} style={{ width: 220 }} onSearch={setQ} data-testid="alarm-search" />
    </Space>
  );
}

export function AlarmList() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const report = useReportError();
  const { me, can } = useAuth();
  const [params, setParams] = useSearchParams();
  const table = useServerTable<AlarmSummary>('/api/safety/alarms', {
    sort: '-raisedAt',
    filters: { open: params.get('open') ?? 'true', level: params.get('level') ?? undefined, pointId: params.get('pointId') ?? undefined },
  });
  const canOf = useAlarmCan();
  const actions = useAlarmActionState();
  const [selected, setSelected] = useState<string[]>([]);
  const [busy, setBusy] = useState(false);
  const [version, setVersion] = useState(0);
  const openId = params.get('alarm');
  const setOpen = (id: string | null) =>
    setParams((prev) => {
      const next = new URLSearchParams(prev);
      if (id) next.set('alarm', id);
      else next.delete('alarm');
      return next;
    });

  const acknowledgeSelected = async () => {
    setBusy(true);
    try {
      const res = await api.post<{ acknowledged: string[]; skipped: string[] }>('/api/safety/alarms/acknowledge', { ids: selected });
      void message.success(t('safetyAlarms.done.batch', { count: res.acknowledged.length, skipped: res.skipped.length }));
      setSelected([]);
      table.reload();
    } catch (err) {
      report(err);
    } finally {
      setBusy(false);
    }
  };
  const done = (_detail: SafetyAlarmDetail) => {
    actions.close();
    table.reload();
    setVersion((v) => v + 1);
  };
  const columns = alarmColumns(t, {
    sortOrder: table.sortOrder,
    onOpen: (a) => setOpen(a.id),
    actions: (a) => <AlarmActionButtons alarm={a} can={canOf(a)} onAction={actions.start} />,
  });
  const handler = can('safety.handle');

  return (
    <>
      <Flex gap={8} justify="space-between" align="start" wrap style={{ marginBottom: 12 }}>
        <AlarmFilters
          filters={table.state.filters}
          setFilter={table.setFilter}
          setFilters={table.setFilters}
          setQ={table.setQ}
          showEnterprise={!me?.enterpriseId}
        />
        <Space wrap>
          {handler && (
            <Button type="primary" disabled={!selected.length} loading={busy} onClick={() => void acknowledgeSelected()} data-testid="alarm-batch-acknowledge">
              {t('safetyAlarms.actions.batchAcknowledge')}
            </Button>
          )}
          {selected.length > 0 && <Typography.Text type="secondary">{t('safetyAlarms.actions.selected', { count: selected.length })}</Typography.Text>}
          <Button icon={<ReloadOutlined />} onClick={table.reload} aria-label={t('common.refresh')} />
          <ExportButton path="/api/safety/alarms/export" query={table.query} fileName={t('safetyAlarms.exportName')} testId="alarm-export" />
        </Space>
      </Flex>
      <Table<AlarmSummary>
        rowKey="id"
        columns={columns}
        {...table.tableProps}
        size="small"
        rowSelection={
          handler
            ? {
                selectedRowKeys: selected,
                onChange: (keys) => setSelected(keys as string[]),
                getCheckboxProps: (a) => ({ disabled: a.status !== 'raised' }),
              }
            : undefined
        }
        data-testid="alarms-table"
      />
      <AlarmDrawer alarmId={openId} version={version} onClose={() => setOpen(null)} onAction={(action, alarm) => actions.start(action, alarm)} />
      <AlarmActionModal alarm={actions.alarm} action={actions.action} onClose={actions.close} onDone={done} />
    </>
  );
}

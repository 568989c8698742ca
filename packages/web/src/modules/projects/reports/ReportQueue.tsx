// The department's approval queue of investment reports (GET /api/investment-reports?status=submitted): filters by
// period, year and lead unit; approve or return each, or approve the selected rows one call at a time.
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { App, Button, DatePicker, Flex, Input, Modal, Progress, Select, Space, Table, Typography } from 'antd';
import { CheckOutlined, ReloadOutlined } from '@ant-design/icons';
import dayjs from 'dayjs';
import { reportStatuses, type InvestmentReport } from '@zoneops/shared';
import { useAuth } from '../../../app/auth.tsx';
import { UnitTreeSelect } from '../../../app/components/UnitTreeSelect.tsx';
import { useErrorText } from '../../../app/use-report-error.ts';
import { useServerTable } from '../../../app/use-server-table.ts';
import { reportColumns, usePeriodText } from './report-cells.tsx';
import { isReviewable, runSequential } from './report-ui.ts';
import { ReturnModal, reviewReport, ReviewActions } from './ReviewActions.tsx';

interface Batch {
  total: number;
  finished: number;
  running: boolean;
  failed: { name: string; error: string }[];
}

export function ReportQueue() {
  const { t } = useTranslation();
  const { modal, message } = App.useApp();
  const { can } = useAuth();
  const errorText = useErrorText();
  const periodText = usePeriodText();
  const table = useServerTable<InvestmentReport>('/api/investment-reports', { sort: 'submittedAt', filters: { status: 'submitted' } });
  const { filters } = table.state;
  const [selected, setSelected] = useState<InvestmentReport[]>([]);
  const [returning, setReturning] = useState<InvestmentReport | null>(null);
  const [batch, setBatch] = useState<Batch | null>(null);
  const canApprove = can('projects.approve');

  const reviewed = () => {
    setSelected([]);
    table.reload();
  };

  const approveSelected = async (items: InvestmentReport[]) => {
    setBatch({ total: items.length, finished: 0, running: true, failed: [] });
    const result = await runSequential(
      items,
      (r) => reviewReport(r, 'approve'),
      (finished) => setBatch((b) => (b ? { ...b, finished } : b)),
    );
    const failed = result.failed.map((f) => ({ name: `${f.item.projectName} · ${periodText(f.item.period)}`, error: errorText(f.error) }));
    setBatch({ total: items.length, finished: items.length, running: false, failed });
    if (!failed.length) void message.success(t('projectReports.queue.batchDone', { ok: result.done.length }));
    reviewed();
  };

  const confirmBatch = () =>
    modal.confirm({
      title: t('projectReports.queue.batchConfirm', { count: selected.length }),
      okText: t('projectReports.review.approve'),
      onOk: () => {
        void approveSelected(selected);
      },
    });

  const columns = reportColumns({
    t,
    periodText,
    withProject: true,
    sortOrder: table.sortOrder,
    actions: canApprove
      ? (r) =>
          isReviewable(r.status) ? (
            <ReviewActions report={r} onReturn={setReturning} onDone={reviewed} />
          ) : (
            <Typography.Text type="secondary">—</Typography.Text>
          )
      : undefined,
  });

  const showSelection = canApprove && filters.status === 'submitted';

  return (
    <div data-testid="report-queue">
      <Flex gap={8} justify="space-between" align="start" wrap style={{ marginBottom: 12 }}>
        <Space wrap>
          <Input.Search
            allowClear
            placeholder={t('projectReports.queue.search')}
            style={{ width: 220 }}
            onSearch={table.setQ}
            data-testid="report-queue-search"
          />
          <Select
            allowClear
            placeholder={t('projectReports.fields.status')}
            style={{ width: 120 }}
            value={filters.status}
            onChange={(v?: string) => {
              setSelected([]);
              table.setFilter('status', v);
            }}
            options={reportStatuses.map((s) => ({ value: s, label: t(`projectReports.status.${s}`) }))}
            data-testid="report-queue-status"
          />
          <DatePicker
            picker="month"
            placeholder={t('projectReports.queue.period')}
            value={filters.period ? dayjs(`${filters.period.slice(0, 7)}-01`) : null}
            onChange={(d) => table.setFilter('period', d ? d.format('YYYY-MM') : undefined)}
            data-testid="report-queue-period"
          />
          <DatePicker
            picker="year"
            placeholder={t('projectReports.queue.year')}
            value={filters.year ? dayjs(`${filters.year}-01-01`) : null}
            onChange={(d) => table.setFilter('year', d ? d.format('YYYY') : undefined)}
            data-testid="report-queue-year"
          />
          {can('units.read') && (
            <UnitTreeSelect
              placeholder={t('projectReports.fields.leadUnit')}
              style={{ width: 200 }}
              value={filters.leadUnitId}
              onChange={(v) => table.setFilter('leadUnitId', typeof v === 'string' ? v : undefined)}
              testId="report-queue-unit"
            />
          )}
        </Space>
        <Space>
          <Button icon={<ReloadOutlined />} onClick={table.reload} aria-label={t('common.refresh')} />
          {showSelection && (
            <Button type="primary" icon={<CheckOutlined />} disabled={!selected.length} onClick={confirmBatch} data-testid="report-batch-approve">
              {t('projectReports.queue.batchApprove', { count: selected.length })}
            </Button>
          )}
        </Space>
      </Flex>
      <Table<InvestmentReport>
        rowKey="id"
        columns={columns}
        {...table.tableProps}
        size="small"
        rowSelection={
          showSelection
            ? {
                selectedRowKeys: selected.map((r) => r.id),
                onChange: (_keys, picked) => setSelected(picked),
                getCheckboxProps: (r) => ({ disabled: !isReviewable(r.status) }),
              }
            : undefined
        }
        locale={{ emptyText: filters.status === 'submitted' ? t('projectReports.queue.empty') : undefined }}
        data-testid="report-queue-table"
      />
      <Typography.Text type="secondary" style={{ fontSize: 12 }}>
        {t('projectReports.queue.footer')}
      </Typography.Text>
      <ReturnModal
        report={returning}
        onClose={() => setReturning(null)}
        onDone={() => {
          setReturning(null);
          void message.success(t('projectReports.review.returned'));
          reviewed();
        }}
      />
      <Modal
        open={batch !== null}
        title={t('projectReports.queue.batchTitle')}
        closable={!batch?.running}
        mask={{ closable: false }}
        onCancel={() => setBatch(null)}
        footer={
          <Button type="primary" disabled={batch?.running} onClick={() => setBatch(null)} data-testid="report-batch-close">
            {t('common.close')}
          </Button>
        }
      >
        {batch && (
          <Flex vertical gap={8} data-testid="report-batch-progress">
            <Progress
              percent={Math.round((batch.finished / Math.max(1, batch.total)) * 100)}
              status={batch.running ? 'active' : batch.failed.length ? 'exception' : 'success'}
            />
            <Typography.Text>{t('projectReports.queue.batchProgress', { done: batch.finished, total: batch.total })}</Typography.Text>
            {!batch.running && batch.failed.length > 0 && (
              <>
                <Typography.Text type="danger">
                  {t('projectReports.queue.batchFailed', { ok: batch.total - batch.failed.length, failed: batch.failed.length })}
                </Typography.Text>
                <ul style={{ margin: 0, paddingLeft: 20, maxHeight: 200, overflow: 'auto' }}>
                  {batch.failed.map((f, i) => (
                    <li key={i}>
                      {f.name}: {f.error}
                    </li>
                  ))}
                </ul>
              </>
            )}
          </Flex>
        )}
      </Modal>
    </div>
  );
}

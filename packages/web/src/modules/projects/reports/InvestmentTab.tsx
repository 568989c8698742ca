// The investment tab of a project: its figures, the monthly planned vs completed chart of the plan year, and every
// period's report (GET /api/projects/:id/reports). The owner files (填报) and the responsible department reviews.
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { App, Button, Card, Flex, Popconfirm, Space, Table, Typography } from 'antd';
import { EditOutlined, FormOutlined, ReloadOutlined, SendOutlined } from '@ant-design/icons';
import type { InvestmentReport, Page, ProjectDetail } from '@zoneops/shared';
import { api } from '../../../app/api.ts';
import { useApiGet } from '../../../app/use-api.ts';
import { useReportError } from '../../../app/use-report-error.ts';
import { investmentChartOption, monthlyInvestment } from '../../../charts/project-investment.ts';
import { EChart } from '../../../app/EChart.tsx';
import { reportColumns, usePeriodText } from './report-cells.tsx';
import { isEditableReport, isReviewable } from './report-ui.ts';
import { ReportFormModal } from './ReportFormModal.tsx';
import { ReturnModal, ReviewActions } from './ReviewActions.tsx';

export function InvestmentTab({ project, onChanged }: { project: ProjectDetail; onChanged: () => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const fail = useReportError();
  const periodText = usePeriodText();
  const { data, loading, reload } = useApiGet<Page<InvestmentReport>>(`/api/projects/${project.id}/reports`);
  const reports = useMemo(() => data?.items ?? [], [data]);
  const [form, setForm] = useState<{ key: number; open: boolean; period?: string }>({ key: 0, open: false });
  const [returning, setReturning] = useState<InvestmentReport | null>(null);
  const [sending, setSending] = useState<string | null>(null);
  const { can } = project;
  const wan = t('projectReports.unitWan');

  const changed = () => {
    reload();
    onChanged();
  };
  const openForm = (period?: string) => setForm((f) => ({ key: f.key + 1, open: true, period }));

  const option = useMemo(
    () =>
      investmentChartOption(monthlyInvestment(reports, project.planYear), {
        planned: t('projectReports.chart.planned'),
        completed: t('projectReports.chart.completed'),
        cumulative: t('projectReports.chart.cumulative'),
        unit: wan,
        noData: t('projectReports.chart.noData'),
        month: (m) => t(`projectReports.period.months.${m}`),
      }),
    [reports, project.planYear, t, wan],
  );

  const submitDraft = async (r: InvestmentReport) => {
    setSending(r.id);
    try {
      await api.post<InvestmentReport>(`/api/investment-reports/${r.id}/submit`);
      void message.success(t('projectReports.form.submitted'));
      changed();
    } catch (err) {
      fail(err);
    } finally {
      setSending(null);
    }
  };

  const actions = (r: InvestmentReport) => {
    if (can.approve && isReviewable(r.status)) return <ReviewActions report={r} onReturn={setReturning} onDone={changed} />;
    if (can.report && isEditableReport(r.status)) {
      return (
        <Space size={4}>
          <Button size="small" icon={<EditOutlined />} onClick={() => openForm(r.period)} data-testid="report-edit">
            {t('common.edit')}
          </Button>
          {r.status === 'draft' && (
            <Popconfirm title={t('projectReports.form.confirmSubmit', { period: periodText(r.period) })} onConfirm={() => submitDraft(r)}>
              <Button size="small" type="primary" ghost icon={<SendOutlined />} loading={sending === r.id} data-testid="report-send">
                {t('projectReports.form.submit')}
              </Button>
            </Popconfirm>
          )}
        </Space>
      );
    }
    return <Typography.Text type="secondary">—</Typography.Text>;
  };

  const columns = reportColumns({ t, periodText, actions: can.report || can.approve ? actions : undefined });

  return (
    <Flex vertical gap={12} data-testid="investment-tab">
      <Card size="small" title={t('projectReports.chart.title', { year: project.planYear })}>
        <EChart option={option} height={220} testId="investment-chart" />
      </Card>
      <Card
        size="small"
        title={t('projectReports.tab.reports')}
        extra={
          <Space>
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>
              {t('projectReports.unitNote')}
            </Typography.Text>
            <Button size="small" icon={<ReloadOutlined />} onClick={reload} aria-label={t('common.refresh')} />
            {can.report && (
              <Button size="small" type="primary" icon={<FormOutlined />} onClick={() => openForm()} data-testid="report-file">
                {t('projectReports.tab.file')}
              </Button>
            )}
          </Space>
        }
      >
        <Table<InvestmentReport>
          rowKey="id"
          size="small"
          columns={columns}
          dataSource={reports}
          loading={loading}
          pagination={reports.length > 24 ? { pageSize: 24, showSizeChanger: false } : false}
          scroll={{ x: 1800 }}
          locale={{ emptyText: t('projectReports.tab.noReports') }}
          data-testid="investment-reports-table"
        />
      </Card>
      {can.report && (
        <ReportFormModal
          key={form.key}
          project={project}
          reports={reports}
          open={form.open}
          period={form.period}
          onClose={() => setForm((f) => ({ ...f, open: false }))}
          onSaved={() => {
            setForm((f) => ({ ...f, open: false }));
            changed();
          }}
        />
      )}
      <ReturnModal
        report={returning}
        onClose={() => setReturning(null)}
        onDone={() => {
          setReturning(null);
          void message.success(t('projectReports.review.returned'));
          changed();
        }}
      />
    </Flex>
  );
}

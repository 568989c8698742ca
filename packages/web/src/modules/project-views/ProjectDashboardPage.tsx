// The key project dashboard (GET /api/projects/dashboard?year): headline figures, charts by stage, industry, unit and
// light, the year's monthly investment, and the projects most behind. The year lives in the URL.
import { lazy, Suspense, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router';
import { Card, Col, Row, Select, Space, Spin, Statistic, Table, Tooltip, Typography, type TableColumnsType } from 'antd';
import { shanghaiToday } from '../../app/format.ts';
import { useApiGet } from '../../app/use-api.ts';
import { ProjectLightBadge } from './ProjectLight.tsx';
import type { DelayedProject, ProjectDashboard } from './types.ts';
import { formatPercent, formatWan, formatYi, yearOf, yearOptions } from './views-ui.ts';

const DashboardCharts = lazy(() => import('./DashboardCharts.tsx'));

function Headline({
  title,
  value,
  suffix,
  tip,
  extra,
  testId,
}: {
  title: string;
  value: string | number;
  suffix?: string;
  tip?: string;
  extra?: ReactNode;
  testId: string;
}) {
  return (
    <Card size="small" style={{ height: '100%' }} data-testid={testId}>
      <Tooltip title={tip}>
        <div>
          <Statistic title={title} value={value} suffix={suffix && <span style={{ fontSize: 14 }}>{suffix}</span>} />
        </div>
      </Tooltip>
      {extra}
    </Card>
  );
}

export default function ProjectDashboardPage() {
  const { t } = useTranslation();
  const [params, setParams] = useSearchParams();
  const chosen = yearOf(params);
  const { data, loading } = useApiGet<ProjectDashboard>('/api/projects/dashboard', { year: chosen });
  const currentYear = Number(shanghaiToday().slice(0, 4));
  const year = chosen ?? data?.year ?? currentYear;
  const totals = data?.totals;
  const yi = t('projectViews.yi');
  const wanTip = (s: string | undefined) => (s ? t('projectViews.card.wanTip', { amount: formatWan(s) }) : undefined);

  const setYear = (y: number) =>
    setParams(
      (p) => {
        const n = new URLSearchParams(p);
        if (y === currentYear) n.delete('year');
        else n.set('year', String(y));
        return n;
      },
      { replace: true },
    );

  const columns: TableColumnsType<DelayedProject> = [
    {
      key: 'name',
      title: t('projectViews.dashboard.project'),
      render: (_: unknown, r) => <Link to={`/projects/${r.id}`}>{r.name}</Link>,
    },
    { key: 'leadUnit', title: t('projectViews.dashboard.leadUnit'), dataIndex: 'leadUnitName', width: 200 },
    {
      key: 'light',
      title: t('projectViews.dashboard.lightReasons'),
      render: (_: unknown, r) => <ProjectLightBadge light={r.light} reasons={r.lightReasons} maxWidth={360} />,
    },
    {
      key: 'overdueDays',
      title: t('projectViews.dashboard.overdueDays'),
      dataIndex: 'overdueDays',
      width: 120,
      align: 'right',
      render: (d: number) => <Typography.Text type={d > 0 ? 'danger' : undefined}>{t('projectViews.dashboard.days', { days: d })}</Typography.Text>,
    },
  ];

  return (
    <Space orientation="vertical" size={16} style={{ width: '100%' }} data-testid="project-dashboard">
      <Card
        title={t('projectViews.dashboard.title')}
        extra={
          <Space>
            <Typography.Text type="secondary">{t('projectViews.dashboard.year')}</Typography.Text>
            <Select
              value={year}
              onChange={setYear}
              style={{ width: 110 }}
              options={yearOptions(currentYear, year).map((y) => ({ value: y, label: String(y) }))}
              data-testid="dashboard-year"
            />
          </Space>
        }
      >
        <Spin spinning={loading}>
          <Row gutter={[16, 16]}>
            <Col flex="1 1 220px">
              <Headline testId="dashboard-count" title={t('projectViews.dashboard.count')} value={totals?.count ?? '—'} />
            </Col>
            <Col flex="1 1 220px">
              <Headline
                testId="dashboard-total-investment"
                title={t('projectViews.dashboard.totalInvestment')}
                value={totals ? formatYi(totals.totalInvestment) : '—'}
                suffix={yi}
                tip={wanTip(totals?.totalInvestment)}
              />
            </Col>
            <Col flex="1 1 220px">
              <Headline
                testId="dashboard-annual-plan"
                title={t('projectViews.dashboard.annualPlan', { year })}
                value={totals ? formatYi(totals.annualPlan) : '—'}
                suffix={yi}
                tip={wanTip(totals?.annualPlan)}
              />
            </Col>
            <Col flex="1 1 220px">
              <Headline
                testId="dashboard-ytd"
                title={t('projectViews.dashboard.ytdCompleted')}
                value={totals ? formatYi(totals.ytdCompleted) : '—'}
                suffix={yi}
                tip={wanTip(totals?.ytdCompleted)}
                extra={
                  <Typography.Text type="secondary">{t('projectViews.dashboard.ofPlan', { percent: formatPercent(totals?.annualPercent) })}</Typography.Text>
                }
              />
            </Col>
            <Col flex="1 1 220px">
              <Headline testId="dashboard-focus" title={t('projectViews.dashboard.focus')} value={totals?.focus ?? '—'} />
            </Col>
          </Row>
        </Spin>
      </Card>
      <Suspense fallback={<Spin style={{ display: 'block', padding: 48 }} />}>
        <DashboardCharts data={data} />
      </Suspense>
      <Card size="small" title={t('projectViews.dashboard.topDelayed')}>
        <Table<DelayedProject>
          rowKey="id"
          size="small"
          columns={columns}
          dataSource={data?.topDelayed ?? []}
          loading={loading}
          pagination={false}
          scroll={{ x: 'max-content' }}
          data-testid="dashboard-top-delayed"
        />
      </Card>
    </Space>
  );
}

// Cells and columns of the investment report tables (the project's reports and the department's queue).
import { useCallback, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { Space, Tag, Tooltip, Typography, type TableColumnsType } from 'antd';
import { WarningOutlined } from '@ant-design/icons';
import type { InvestmentReport } from '@zoneops/shared';
import { formatDateTime } from '../../../app/format.ts';
import { formatPercent, formatWan } from '../format.ts';
import { periodParts } from './periods.ts';
import { reportStatusColours } from './report-ui.ts';

type T = ReturnType<typeof useTranslation>['t'];

/** "2026年3月", "2026年3月中旬" (or "Mar 2026, days 11–20"). */
export function usePeriodText(): (period: string) => string {
  const { t } = useTranslation();
  return useCallback(
    (period: string) => {
      const p = periodParts(period);
      if (!p) return period;
      const month = t(`projectReports.period.months.${p.month}`);
      return p.part
        ? t('projectReports.period.tenDays', { year: p.year, month, part: t(`projectReports.period.parts.${p.part}`) })
        : t('projectReports.period.month', { year: p.year, month });
    },
    [t],
  );
}

export function ReportStatusTag({ report }: { report: Pick<InvestmentReport, 'status' | 'returnReason'> }) {
  const { t } = useTranslation();
  const tag = (
    <Tag color={reportStatusColours[report.status]} data-testid="report-status" data-status={report.status}>
      {t(`projectReports.status.${report.status}`)}
    </Tag>
  );
  if (report.status !== 'returned' || !report.returnReason) return tag;
  return (
    <Space orientation="vertical" size={2}>
      {tag}
      <Typography.Text type="danger" style={{ fontSize: 12, maxWidth: 220 }} ellipsis={{ tooltip: report.returnReason }}>
        {t('projectReports.fields.returnReason')}: {report.returnReason}
      </Typography.Text>
    </Space>
  );
}

/** "name" over "time" in a cell, or "—". */
export function PersonTime({ name, at }: { name: string | null; at: string | null }) {
  if (!name && !at) return <Typography.Text type="secondary">—</Typography.Text>;
  return (
    <Space orientation="vertical" size={0}>
      <span>{name ?? '—'}</span>
      <Typography.Text type="secondary" style={{ fontSize: 12 }}>
        {formatDateTime(at, false)}
      </Typography.Text>
    </Space>
  );
}

/** Long free text cut to a line, whole in a tooltip. */
const clipped = (text: string | null, width = 180) =>
  text ? (
    <Typography.Text style={{ maxWidth: width }} ellipsis={{ tooltip: text }}>
      {text}
    </Typography.Text>
  ) : (
    <Typography.Text type="secondary">—</Typography.Text>
  );

/** An amount in 万元, digits aligned. */
export const moneyCell = (s: string | null | undefined) => <span style={{ fontVariantNumeric: 'tabular-nums', whiteSpace: 'nowrap' }}>{formatWan(s)}</span>;
const money = (s: string) => moneyCell(s);

export interface ReportColumnOptions {
  t: T;
  periodText: (period: string) => string;
  /** the queue lists reports of many projects: name them, with a link */
  withProject?: boolean;
  sortOrder?: (field: string) => 'ascend' | 'descend' | null;
  actions?: (r: InvestmentReport) => ReactNode;
}

export function reportColumns({ t, periodText, withProject, sortOrder, actions }: ReportColumnOptions): TableColumnsType<InvestmentReport> {
  const f = (k: string) => t(`projectReports.fields.${k}`);
  const sortable = (field: string) => (sortOrder ? { sorter: true, sortOrder: sortOrder(field) } : {});
  const cols: TableColumnsType<InvestmentReport> = [];
  if (withProject) {
    cols.push({
      key: 'project',
      title: f('project'),
      fixed: 'left',
      width: 220,
      render: (_, r) => (
        <Link to={`/projects/${r.projectId}`} data-testid="report-project-link">
          <Typography.Text style={{ maxWidth: 200, color: 'inherit' }} ellipsis={{ tooltip: r.projectName }}>
            {r.projectName}
          </Typography.Text>
        </Link>
      ),
    });
  }
  cols.push(
    { key: 'period', dataIndex: 'period', title: f('period'), width: 130, render: (p: string) => periodText(p), ...sortable('period') },
    { key: 'planned', dataIndex: 'planned', title: f('planned'), align: 'right', width: 120, render: money },
    {
      key: 'completed',
      dataIndex: 'completed',
      title: f('completed'),
      align: 'right',
      width: 120,
      render: (s: string, r) => (
        <Space size={4}>
          {money(s)}
          {r.overrunExplanation && (
            <Tooltip title={`${f('overrunExplanation')}: ${r.overrunExplanation}`}>
              <WarningOutlined style={{ color: '#d9823b' }} aria-label={f('overrunExplanation')} />
            </Tooltip>
          )}
        </Space>
      ),
      ...sortable('completed'),
    },
    {
      title: f('ytd'),
      children: [
        { key: 'ytdPlanned', dataIndex: 'ytdPlanned', title: f('ytdPlanned'), align: 'right', width: 120, render: money },
        { key: 'ytdCompleted', dataIndex: 'ytdCompleted', title: f('ytdCompleted'), align: 'right', width: 120, render: money },
      ],
    },
    { key: 'completedTotal', dataIndex: 'completedTotal', title: f('completedTotal'), align: 'right', width: 130, render: money },
    { key: 'annualPercent', dataIndex: 'annualPercent', title: f('annualPercent'), align: 'right', width: 100, render: formatPercent },
    { key: 'totalPercent', dataIndex: 'totalPercent', title: f('totalPercent'), align: 'right', width: 100, render: formatPercent },
    { key: 'physicalProgress', dataIndex: 'physicalProgress', title: f('physicalProgress'), width: 200, render: (s: string | null) => clipped(s) },
    { key: 'problems', dataIndex: 'problems', title: f('problems'), width: 160, render: (s: string | null) => clipped(s, 150) },
    { key: 'status', dataIndex: 'status', title: f('status'), width: 130, render: (_, r) => <ReportStatusTag report={r} /> },
    {
      key: 'submittedAt',
      dataIndex: 'submittedAt',
      title: f('submitted'),
      width: 150,
      render: (_, r) => <PersonTime name={r.submittedByName} at={r.submittedAt} />,
      ...sortable('submittedAt'),
    },
    { key: 'reviewedAt', title: f('reviewed'), width: 150, render: (_, r) => <PersonTime name={r.reviewedByName} at={r.reviewedAt} /> },
  );
  if (actions) cols.push({ key: 'actions', title: t('common.actions'), fixed: 'right', width: 170, render: (_, r) => actions(r) });
  return cols;
}

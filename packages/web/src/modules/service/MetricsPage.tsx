// 服务成效: per handling unit over a period (this year by default; this quarter, this month or custom), the on-time
// response, on-time completion, satisfaction and solved rates (each with count/of), rounds, requests and refusals,
// the total row, the four rates as grouped bars, and the export. The period is in the URL (?from&to&unitId).
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router';
import { Card, DatePicker, Flex, Segmented, Space, Table, Typography, type TableColumnsType } from 'antd';
import dayjs from 'dayjs';
import { ExportButton } from '../../app/components/ExportButton.tsx';
import { UnitTreeSelect } from '../../app/components/UnitTreeSelect.tsx';
import { EChart } from '../../app/EChart.tsx';
import { shanghaiToday } from '../../app/format.ts';
import { useApiGet } from '../../app/use-api.ts';
import { formatRate, metricKeys, metricsChartOption, periodFromParams, periodOf, periodPresets, presetOf, type Rate } from './service-ui.ts';
import type { Metrics, MetricsRow } from './service-types.ts';

function RateCell({ rate }: { rate: Rate }) {
  return (
    <Typography.Text type={rate.rate !== null && rate.rate < 80 ? 'danger' : undefined} style={{ whiteSpace: 'nowrap' }}>
      {formatRate(rate)}
    </Typography.Text>
  );
}

/** The table and the chart of an answer of GET /api/service/metrics. */
export function MetricsView({ data, loading }: { data: Metrics | undefined; loading?: boolean }) {
  const { t } = useTranslation();
  const col = (k: string) => t(`service.metrics.col.${k}`);
  const rows = data?.rows ?? [];
  const columns: TableColumnsType<MetricsRow> = [
    { title: col('unit'), dataIndex: 'unitName', fixed: 'left', width: 160 },
    { title: col('requests'), dataIndex: 'requests', width: 80, align: 'right', sorter: (a, b) => a.requests - b.requests },
    { title: col('rounds'), dataIndex: 'rounds', width: 80, align: 'right', sorter: (a, b) => a.rounds - b.rounds },
    ...metricKeys.map((k) => ({
      title: col(k),
      key: k,
      width: 150,
      align: 'right' as const,
      sorter: (a: MetricsRow, b: MetricsRow) => (a[k].rate ?? -1) - (b[k].rate ?? -1),
      render: (_: unknown, r: MetricsRow) => <RateCell rate={r[k]} />,
    })),
    { title: col('refusals'), dataIndex: 'refusals', width: 80, align: 'right', sorter: (a, b) => a.refusals - b.refusals },
  ];
  const option = useMemo(
    () => metricsChartOption(data?.rows ?? [], { metric: (k) => t(`service.metrics.col.${k}`), noData: t('service.metrics.noData') }),
    [data, t],
  );
  const total = data?.total;
  return (
    <Space orientation="vertical" size={12} style={{ width: '100%' }}>
      <Table<MetricsRow>
        rowKey={(r) => r.unitId ?? r.unitName}
        size="small"
        loading={loading}
        pagination={false}
        scroll={{ x: 'max-content' }}
        dataSource={rows}
        columns={columns}
        locale={{ emptyText: t('service.metrics.noData') }}
        data-testid="metrics-table"
        summary={() =>
          total ? (
            <Table.Summary fixed>
              <Table.Summary.Row data-testid="metrics-total">
                <Table.Summary.Cell index={0}>
                  <Typography.Text strong>{t('service.metrics.total')}</Typography.Text>
                </Table.Summary.Cell>
                <Table.Summary.Cell index={1} align="right">
                  {total.requests}
                </Table.Summary.Cell>
                <Table.Summary.Cell index={2} align="right">
                  {total.rounds}
                </Table.Summary.Cell>
                {metricKeys.map((k, i) => (
                  <Table.Summary.Cell key={k} index={3 + i} align="right">
                    <RateCell rate={total[k]} />
                  </Table.Summary.Cell>
                ))}
                <Table.Summary.Cell index={7} align="right">
                  {total.refusals}
                </Table.Summary.Cell>
              </Table.Summary.Row>
            </Table.Summary>
          ) : null
        }
      />
      <Card size="small" title={t('service.metrics.chart')}>
        <EChart option={option} height={320} testId="metrics-chart" />
      </Card>
    </Space>
  );
}

export default function MetricsPage() {
  const { t } = useTranslation();
  const [params, setParams] = useSearchParams();
  const today = shanghaiToday();
  const period = periodFromParams(params.get('from'), params.get('to'), today);
  const preset = presetOf(period, today);
  const unitId = params.get('unitId') ?? undefined;
  const query = { from: period.from, to: period.to, unitId };
  const { data, loading } = useApiGet<Metrics>('/api/service/metrics', query);

  const set = (next: Record<string, string | undefined>) =>
    setParams((prev) => {
      const p = new URLSearchParams(prev);
      for (const [k, v] of Object.entries(next)) {
        if (v) p.set(k, v);
        else p.delete(k);
      }
      return p;
    });

  return (
    <Card title={t('service.metrics.title')} data-testid="service-metrics-page">
      <Flex gap={8} justify="space-between" align="start" wrap style={{ marginBottom: 12 }}>
        <Space wrap size={[8, 8]}>
          <Typography.Text type="secondary">{t('service.metrics.period')}</Typography.Text>
          <Segmented
            value={preset}
            onChange={(v) => {
              if (v !== 'custom') set({ ...periodOf(v as (typeof periodPresets)[number], today) });
            }}
            options={[...periodPresets, 'custom' as const].map((p) => ({ value: p, label: t(`service.metrics.preset.${p}`), disabled: p === 'custom' }))}
            data-testid="metrics-preset"
          />
          <DatePicker.RangePicker
            allowClear={false}
            value={[dayjs(period.from), dayjs(period.to)]}
            onChange={(_, [from, to]) => {
              if (from && to) set({ from, to });
            }}
            data-testid="metrics-period"
          />
          <UnitTreeSelect
            placeholder={t('service.metrics.unit')}
            style={{ width: 200 }}
            value={unitId}
            onChange={(v) => set({ unitId: typeof v === 'string' ? v : undefined })}
            testId="metrics-unit"
          />
        </Space>
        <ExportButton
          path="/api/service/metrics/export"
          query={query}
          fileName={t('service.metrics.exportName', { from: period.from, to: period.to })}
          testId="metrics-export"
        />
      </Flex>
      <Typography.Paragraph type="secondary" style={{ fontSize: 12 }}>
        {t('service.metrics.hint')}
      </Typography.Paragraph>
      <MetricsView data={data} loading={loading} />
    </Card>
  );
}

// 筛选统计: the leads screened out in a period (GET /api/promotion/reports/rejections?from&to), counted by the
// criterion they failed (a bar chart) and by industry, with the list of leads and their reasons.
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { Card, Col, Flex, Row, Space, Statistic, Table, Tag, Typography } from 'antd';
import type { z } from 'zod';
import type { rejectionReportSchema } from '@zoneops/shared';
import { EChart } from '../../../app/EChart.tsx';
import { useDictionary } from '../../../app/reference-data.ts';
import { useApiGet } from '../../../app/use-api.ts';
import { PeriodPicker, usePeriodParam } from '../PeriodPicker.tsx';
import { rejectionOption } from '../promotion-ui.ts';
import { leadPath } from './LeadList.tsx';

export type RejectionReportAnswer = z.infer<typeof rejectionReportSchema>;

export function measureLabel(t: (k: string) => string, exists: (k: string) => boolean, m: string): string {
  return exists(`promotion.measure.${m}`) ? t(`promotion.measure.${m}`) : m;
}

export function RejectionView({ report }: { report: RejectionReportAnswer }) {
  const { t, i18n } = useTranslation();
  const industries = useDictionary('industry');
  const label = (m: string) => measureLabel(t, (k) => i18n.exists(k), m);
  const option = useMemo(
    () => rejectionOption(report.byMeasure, { measure: label, count: t('promotion.rejections.count'), noData: t('promotion.noData') }),
    // label follows t
    // eslint-disable-next-line react-hooks/exhaustive-deps
    [report, t],
  );
  return (
    <Space orientation="vertical" size={12} style={{ width: '100%' }} data-testid="rejection-report">
      <Row gutter={12}>
        <Col xs={24} md={6}>
          <Card size="small">
            <Statistic title={t('promotion.rejections.total')} value={report.total} data-testid="rejection-total" />
          </Card>
          <Card size="small" title={t('promotion.rejections.byIndustry')} style={{ marginTop: 12 }}>
            {report.byIndustry.length === 0 && <Typography.Text type="secondary">{t('promotion.noData')}</Typography.Text>}
            {report.byIndustry.map((r) => (
              <Flex key={r.industry} justify="space-between">
                <span>{industries.labelOf(r.industry)}</span>
                <span>{r.count}</span>
              </Flex>
            ))}
          </Card>
        </Col>
        <Col xs={24} md={18}>
          <Card size="small" title={t('promotion.rejections.byMeasure')}>
            <EChart option={option} height={260} testId="rejection-chart" />
          </Card>
        </Col>
      </Row>
      <Table
        rowKey="leadId"
        size="small"
        dataSource={report.items}
        pagination={{ pageSize: 20, hideOnSinglePage: true }}
        scroll={{ x: 'max-content' }}
        columns={[
          { title: t('promotion.col.code'), dataIndex: 'code', key: 'code', width: 130 },
          { title: t('promotion.col.company'), key: 'company', render: (_, r) => <Link to={leadPath(r.leadId)}>{r.company}</Link> },
          { title: t('promotion.col.industry'), dataIndex: 'industry', key: 'industry', render: (v: string) => industries.labelOf(v) },
          { title: t('promotion.rejections.on'), dataIndex: 'on', key: 'on', width: 110 },
          {
            title: t('promotion.rejections.failed'),
            key: 'failed',
            render: (_, r) =>
              r.failed.map((m) => (
                <Tag key={m} color="red">
                  {label(m)}
                </Tag>
              )),
          },
          { title: t('promotion.rejections.reasons'), dataIndex: 'reasons', key: 'reasons', ellipsis: true },
        ]}
        data-testid="rejection-table"
      />
    </Space>
  );
}

export function RejectionReport() {
  const [period, setPeriod] = usePeriodParam();
  const { data } = useApiGet<RejectionReportAnswer>('/api/promotion/reports/rejections', { ...period });
  return (
    <Space orientation="vertical" size={12} style={{ width: '100%' }}>
      <PeriodPicker value={period} onChange={setPeriod} testId="rejection-period" />
      {data ? <RejectionView report={data} /> : <Card loading size="small" />}
    </Space>
  );
}

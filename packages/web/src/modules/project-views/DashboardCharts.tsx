// The dashboard's charts (loaded lazily with ECharts): by stage, industry, unit and light, and the year's months.
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { Card, Col, Row } from 'antd';
import { projectStages } from '@zoneops/shared';
import { useDictionary } from '../../app/reference-data.ts';
import {
  bucketBarOption,
  industryPieOption,
  lightDonutOption,
  monthlyInvestmentOption,
  type Bucket,
  type BucketLabels,
} from '../../charts/project-dashboard.ts';
import { EChart } from '../../app/EChart.tsx';
import type { ProjectDashboard } from './types.ts';
import { monthLabel } from './views-ui.ts';

export default function DashboardCharts({ data }: { data: ProjectDashboard | undefined }) {
  const { t, i18n } = useTranslation();
  const { labelOf } = useDictionary('industry');

  const options = useMemo(() => {
    const base: Omit<BucketLabels, 'nameOf'> = {
      yi: t('projectViews.yi'),
      wan: t('projectViews.wan'),
      count: t('projectViews.dashboard.count'),
      investment: t('projectViews.dashboard.investment'),
      other: t('projectViews.dashboard.other'),
      noData: t('projectViews.dashboard.noData'),
    };
    const stageName = (b: Bucket) => ((projectStages as readonly string[]).includes(b.key) ? t(`projectViews.stage.${b.key}`) : (b.name ?? b.key));
    // the dictionary's label (in the page language), else the server's name, else the code
    const industryName = (b: Bucket) => {
      if (!b.key) return b.name ?? t('projectViews.dashboard.unknown');
      const label = labelOf(b.key);
      return label === b.key && b.name ? b.name : label;
    };
    const unitName = (b: Bucket) => b.name ?? b.key;
    return {
      stage: bucketBarOption(data?.byStage ?? [], { ...base, nameOf: stageName }, { order: projectStages }),
      industry: industryPieOption(data?.byIndustry ?? [], { ...base, nameOf: industryName }),
      unit: bucketBarOption(data?.byUnit ?? [], { ...base, nameOf: unitName }, { horizontal: true, max: 15 }),
      light: lightDonutOption(data?.byLight ?? [], {
        yi: base.yi,
        wan: base.wan,
        red: t('projectViews.light.red'),
        yellow: t('projectViews.light.yellow'),
        green: t('projectViews.light.green'),
        none: t('projectViews.light.none'),
        noData: base.noData,
        total: t('projectViews.dashboard.projects'),
        investment: base.investment,
      }),
      monthly: monthlyInvestmentOption(data?.monthly ?? [], {
        yi: base.yi,
        wan: base.wan,
        planned: t('projectViews.dashboard.monthPlanned'),
        completed: t('projectViews.dashboard.monthCompleted'),
        cumulativePlanned: t('projectViews.dashboard.cumulativePlanned'),
        cumulativeCompleted: t('projectViews.dashboard.cumulativeCompleted'),
        cumulative: t('projectViews.dashboard.cumulative'),
        month: (m) => monthLabel(m, i18n.language),
        noData: base.noData,
      }),
    };
    // labelOf and t change with the language, so the options are rebuilt with it
  }, [data, labelOf, t, i18n.language]);

  const unitHeight = Math.max(300, Math.min(15, data?.byUnit.length ?? 0) * 28 + 80);
  return (
    <Row gutter={[16, 16]}>
      <Col xs={24} xl={14}>
        <Card size="small" title={t('projectViews.dashboard.byStage')}>
          <EChart option={options.stage} height={300} testId="dashboard-stage-chart" />
        </Card>
      </Col>
      <Col xs={24} xl={10}>
        <Card size="small" title={t('projectViews.dashboard.byLight')}>
          <EChart option={options.light} height={300} testId="dashboard-light-chart" />
        </Card>
      </Col>
      <Col xs={24} xl={10}>
        <Card size="small" title={t('projectViews.dashboard.byIndustry')}>
          <EChart option={options.industry} height={unitHeight} testId="dashboard-industry-chart" />
        </Card>
      </Col>
      <Col xs={24} xl={14}>
        <Card size="small" title={t('projectViews.dashboard.byUnit')}>
          <EChart option={options.unit} height={unitHeight} testId="dashboard-unit-chart" />
        </Card>
      </Col>
      <Col span={24}>
        <Card size="small" title={t('projectViews.dashboard.monthly', { year: data?.year ?? '' })}>
          <EChart option={options.monthly} height={340} testId="dashboard-monthly-chart" />
        </Card>
      </Col>
    </Row>
  );
}

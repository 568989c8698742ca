// 谋划一批、储备一批、申报一批、落地一批: the pipeline's four groups (count and total investment) and the projects by
// stage with their red and yellow lights (GET /api/projects/pipeline). A group or a stage links to the project list.
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router';
import { Button, Card, Col, Flex, Row, Space, Statistic, Typography } from 'antd';
import { ReloadOutlined, RightOutlined } from '@ant-design/icons';
import { pipelineGroups, type PipelineGroup, type ProjectStage } from '@zoneops/shared';
import { useApiGet } from '../../../app/use-api.ts';
import { pipelineChartOption, stageAtIndex, type StageFigures } from '../../../charts/project-pipeline.ts';
import { headlineAmount } from '../reports/money.ts';
import { EChart } from '../../../app/EChart.tsx';
import { useStageName } from './project-cells.tsx';

export interface PipelineAnswer {
  groups: { group: string; count: number; totalInvestment: string }[];
  stages: StageFigures[];
}

const groupKeys = Object.keys(pipelineGroups) as PipelineGroup[];

/** The project list (the ledger tab) filtered to stages: `stage` in the URL, as the list filter takes it. */
export const stageListLink = (stages: readonly ProjectStage[]) => `/projects?tab=ledger&stage=${stages.join(',')}`;

const groupColours: Record<PipelineGroup, string> = { planning: '#8a6fb0', reserve: '#3a7dc9', nominated: '#e3b448', landed: '#2e9d8f' };

export function Pipeline() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const stageLabel = useStageName();
  const { data, loading, reload } = useApiGet<PipelineAnswer>('/api/projects/pipeline');

  const option = useMemo(
    () =>
      pipelineChartOption(data?.stages ?? [], {
        stage: stageLabel,
        red: t('projectReports.pipeline.red'),
        yellow: t('projectReports.pipeline.yellow'),
        other: t('projectReports.pipeline.other'),
        investment: t('projectReports.pipeline.investmentYi'),
        count: t('projectReports.pipeline.count'),
        noData: t('projectReports.pipeline.noData'),
      }),
    [data, stageLabel, t],
  );

  const groupOf = (g: PipelineGroup) => data?.groups.find((x) => x.group === g);

  return (
    <Flex vertical gap={12} data-testid="pipeline">
      <Flex justify="space-between" align="center">
        <Typography.Text type="secondary">{t('projectReports.pipeline.hint')}</Typography.Text>
        <Button icon={<ReloadOutlined />} onClick={reload} aria-label={t('common.refresh')} />
      </Flex>
      <Row gutter={[12, 12]}>
        {groupKeys.map((g) => {
          const figures = groupOf(g);
          const amount = headlineAmount(figures?.totalInvestment ?? '0.00');
          return (
            <Col key={g} xs={24} sm={12} xl={6}>
              <Card
                size="small"
                loading={loading && !data}
                style={{ borderTop: `3px solid ${groupColours[g]}` }}
                title={t(`projectReports.pipeline.groups.${g}`)}
                extra={
                  <Link to={stageListLink(pipelineGroups[g])} data-testid={`pipeline-link-${g}`}>
                    <Space size={2}>
                      {t('projectReports.pipeline.viewList')}
                      <RightOutlined />
                    </Space>
                  </Link>
                }
                data-testid={`pipeline-group-${g}`}
              >
                <Flex gap={24} wrap>
                  <Statistic title={t('projectReports.pipeline.count')} value={figures?.count ?? 0} suffix={t('projectReports.pipeline.countUnit')} />
                  <Statistic title={t('projectReports.pipeline.totalInvestment')} value={amount.value} suffix={t(`projectReports.unit.${amount.unit}`)} />
                </Flex>
                <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                  {pipelineGroups[g].map(stageLabel).join(' · ')}
                </Typography.Text>
              </Card>
            </Col>
          );
        })}
      </Row>
      <Card size="small" title={t('projectReports.pipeline.chartTitle')}>
        <EChart
          option={option}
          height={300}
          testId="pipeline-chart"
          onClick={(e) => {
            const stage = stageAtIndex(e.dataIndex);
            if (stage) void navigate(stageListLink([stage]));
          }}
        />
        <Typography.Text type="secondary" style={{ fontSize: 12 }}>
          {t('projectReports.pipeline.chartHint')}
        </Typography.Text>
      </Card>
    </Flex>
  );
}

// The head of a project: code, name, stage, focus, level and industry, the light with every reason, and the key
// figures of its investment (total, annual plan, completed this year and since the start, with the two rates as bars).
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Card, Col, Flex, Progress, Row, Space, Tag, Tooltip, Typography } from 'antd';
import { StarFilled } from '@ant-design/icons';
import type { ProjectDetail } from '@zoneops/shared';
import { useDictionary } from '../../../app/reference-data.ts';
import { barPercent, formatPercent, formatWan } from '../format.ts';
import { StageTag } from '../project-columns.tsx';
import { ProjectLight } from '../ProjectLight.tsx';

function Figure({ label, value, suffix, testId, children }: { label: string; value: string; suffix?: string; testId: string; children?: ReactNode }) {
  return (
    <div data-testid={testId}>
      <Typography.Text type="secondary" style={{ fontSize: 12 }}>
        {label}
      </Typography.Text>
      <div style={{ fontSize: 20, fontWeight: 600, fontVariantNumeric: 'tabular-nums', lineHeight: 1.4 }}>
        {value}
        {suffix && (
          <Typography.Text type="secondary" style={{ fontSize: 12, fontWeight: 400, marginLeft: 4 }}>
            {suffix}
          </Typography.Text>
        )}
      </div>
      {children}
    </div>
  );
}

export function ProjectHeader({ project, actions }: { project: ProjectDetail; actions: ReactNode }) {
  const { t } = useTranslation();
  const industries = useDictionary('industry');
  const wan = t('projects.wan');
  return (
    <Card size="small" data-testid="project-header">
      <Flex justify="space-between" align="start" gap={16} wrap>
        <div style={{ minWidth: 0, flex: 1 }}>
          <Space size={8} wrap style={{ marginBottom: 4 }}>
            {project.code && (
              <Tag color="#1b4d89" style={{ fontFamily: 'monospace' }} data-testid="project-code">
                {project.code}
              </Tag>
            )}
            <span data-testid="project-stage">
              <StageTag stage={project.stage} t={t} />
            </span>
            {project.focus && (
              <Tag icon={<StarFilled />} color="gold" data-testid="project-focus">
                {t('projects.focus')}
              </Tag>
            )}
            <Tag>{t(`projects.level.${project.level}`)}</Tag>
            <Tag>{industries.labelOf(project.industry)}</Tag>
          </Space>
          <Typography.Title level={4} style={{ margin: '2px 0 8px' }} data-testid="project-name">
            {project.name}
          </Typography.Title>
          <ProjectLight light={project.light} reasons={project.lightReasons} all testId="project-light" />
        </div>
        <Space wrap size={8} data-testid="project-actions">
          {actions}
        </Space>
      </Flex>
      <Row gutter={[24, 12]} style={{ marginTop: 16 }} data-testid="project-figures">
        <Col xs={12} md={8} xl={4}>
          <Figure label={t('projects.col.total')} value={formatWan(project.totalInvestment)} suffix={wan} testId="figure-total" />
        </Col>
        <Col xs={12} md={8} xl={4}>
          <Figure label={t('projects.detail.annualPlan', { year: project.planYear })} value={formatWan(project.annualPlan)} suffix={wan} testId="figure-plan" />
        </Col>
        <Col xs={12} md={8} xl={4}>
          <Tooltip title={project.lastApprovedPeriod ? t('projects.detail.asOf', { period: project.lastApprovedPeriod }) : t('projects.detail.noApproved')}>
            <div>
              <Figure label={t('projects.detail.ytdCompleted')} value={formatWan(project.ytdCompleted)} suffix={wan} testId="figure-ytd" />
            </div>
          </Tooltip>
        </Col>
        <Col xs={12} md={8} xl={4}>
          <Figure label={t('projects.detail.annualPercent')} value={formatPercent(project.annualPercent)} testId="figure-annual-percent">
            <Progress percent={barPercent(project.annualPercent)} showInfo={false} size="small" status={project.light === 'red' ? 'exception' : 'normal'} />
          </Figure>
        </Col>
        <Col xs={12} md={8} xl={4}>
          <Figure label={t('projects.detail.totalPercent')} value={formatPercent(project.totalPercent)} testId="figure-total-percent">
            <Progress percent={barPercent(project.totalPercent)} showInfo={false} size="small" />
          </Figure>
        </Col>
        <Col xs={12} md={8} xl={4}>
          <Figure label={t('projects.detail.completedTotal')} value={formatWan(project.completedTotal)} suffix={wan} testId="figure-since-start" />
        </Col>
      </Row>
      {project.lastApprovedPeriod && (
        <Typography.Text type="secondary" style={{ fontSize: 12 }}>
          {t('projects.detail.asOf', { period: project.lastApprovedPeriod })}
        </Typography.Text>
      )}
    </Card>
  );
}

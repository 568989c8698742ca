// The head of a run: scheme and period, the status steps 评分中 → 申诉期 (until the window's last day) → 已锁定, the
// dates (computed, published, appeal end, locked), the highlights, and the actions the page passes in.
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Card, Descriptions, Space, Steps, Typography } from 'antd';
import { formatDateTime } from '../../../app/format.ts';
import { periodLabel, runStep, runSteps } from '../assessment-ui.ts';
import type { AssessmentRun } from '../assessment-types.ts';
import { RunStatusTag } from '../AssessmentTags.tsx';

export function RunHeader({ run, actions }: { run: AssessmentRun; actions?: ReactNode }) {
  const { t } = useTranslation();
  const step = runStep(run.status);
  const locked = run.status === 'locked';
  return (
    <Card
      size="small"
      title={
        <Space wrap size={8}>
          <Typography.Text type="secondary">{run.schemeName}</Typography.Text>
          <span data-testid="run-title">{periodLabel(run.period, t)}</span>
          <RunStatusTag status={run.status} />
        </Space>
      }
      data-testid="run-header"
    >
      <Steps
        size="small"
        current={step}
        status={locked ? 'finish' : 'process'}
        items={runSteps.map((s) => ({
          title: s === 'appeal' && run.appealEndsOn ? t('assessments.run.steps.appealUntil', { date: run.appealEndsOn }) : t(`assessments.run.steps.${s}`),
        }))}
        style={{ marginBottom: 16 }}
        data-testid="run-steps"
        data-step={step}
      />
      <Descriptions size="small" column={{ xs: 1, md: 2, xl: 3 }}>
        <Descriptions.Item label={t('assessments.run.periodRange')}>
          {t('assessments.period.range', { start: run.periodStart, end: run.periodEnd })}
        </Descriptions.Item>
        <Descriptions.Item label={t('assessments.run.computedAt')}>
          {run.computedAt ? formatDateTime(run.computedAt, false) : <Typography.Text type="secondary">{t('assessments.run.notComputed')}</Typography.Text>}
        </Descriptions.Item>
        <Descriptions.Item label={t('assessments.run.publishedAt')}>{formatDateTime(run.publishedAt, false)}</Descriptions.Item>
        <Descriptions.Item label={t('assessments.run.appealEndsOn')}>{run.appealEndsOn ?? '—'}</Descriptions.Item>
        <Descriptions.Item label={t('assessments.run.lockedAt')}>{formatDateTime(run.lockedAt, false)}</Descriptions.Item>
        {run.highlights && (
          <Descriptions.Item label={t('assessments.run.highlights')} span="filled">
            <Typography.Paragraph style={{ whiteSpace: 'pre-wrap', marginBottom: 0 }} data-testid="run-highlights">
              {run.highlights}
            </Typography.Paragraph>
          </Descriptions.Item>
        )}
      </Descriptions>
      {actions && (
        <Space wrap size={8} style={{ marginTop: 12 }} data-testid="run-actions">
          {actions}
        </Space>
      )}
    </Card>
  );
}

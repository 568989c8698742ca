// The head of a lead: code, company, the pipeline as steps, the outcome, every clock as a tag (red overdue with the
// days late, orange due today, green done) with "完成" for those still open, the key figures and the key project it
// became.
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { Alert, Button, Card, Col, Flex, Row, Space, Steps, Tag, Tooltip, Typography } from 'antd';
import { CrownOutlined } from '@ant-design/icons';
import { leadStageIndex, leadStages, type LeadDetail } from '@zoneops/shared';
import { formatNumber } from '../../../app/format.ts';
import { useDictionary } from '../../../app/reference-data.ts';
import { formatWan } from '../../projects/format.ts';
import { OutcomeTag } from '../LeadTags.tsx';
import { clockColours } from '../promotion-ui.ts';

function Figure({ label, value, testId }: { label: string; value: string; testId: string }) {
  return (
    <div data-testid={testId}>
      <Typography.Text type="secondary" style={{ fontSize: 12 }}>
        {label}
      </Typography.Text>
      <div style={{ fontSize: 18, fontWeight: 600, fontVariantNumeric: 'tabular-nums' }}>{value}</div>
    </div>
  );
}

export function ClockTags({ lead, onDone }: { lead: LeadDetail; onDone?: (code: string) => void }) {
  const { t } = useTranslation();
  const active = lead.outcome === 'active';
  return (
    <Space wrap size={[8, 4]} data-testid="lead-clocks">
      {lead.clocks.map((c) => {
        const text =
          c.state === 'overdue'
            ? t('promotion.clock.overdue', { days: c.lateDays })
            : c.state === 'dueToday'
              ? t('promotion.clock.dueToday')
              : c.state === 'done'
                ? t('promotion.clock.doneOn', { date: c.doneOn })
                : t('promotion.clock.dueOn', { date: c.dueOn });
        return (
          <Space.Compact key={c.code}>
            <Tooltip title={t('promotion.clock.due', { date: c.dueOn })}>
              <Tag color={clockColours[c.state]} style={{ marginInlineEnd: 0 }} data-testid={`lead-clock-${c.code}`} data-state={c.state}>
                {t(`promotion.clock.${c.code}`, { defaultValue: c.code })} · {text}
              </Tag>
            </Tooltip>
            {active && c.state !== 'done' && onDone && (
              <Button size="small" type="link" onClick={() => onDone(c.code)} data-testid={`lead-clock-done-${c.code}`}>
                {t('promotion.clock.markDone')}
              </Button>
            )}
          </Space.Compact>
        );
      })}
    </Space>
  );
}

export function LeadHeader({ lead, actions, onClockDone }: { lead: LeadDetail; actions: ReactNode; onClockDone?: (code: string) => void }) {
  const { t } = useTranslation();
  const industries = useDictionary('industry');
  const closed = lead.outcome !== 'active';
  const wan = (v: string | null) => (v ? `${formatWan(v)} ${t('promotion.wan')}` : '—');
  // figures sent as numbers (万元, 亩): grouped like the amounts
  const figure = (v: number | null, unit: string) => (v === null ? '—' : `${formatNumber(v)} ${unit}`);
  return (
    <Card size="small" data-testid="lead-header">
      <Flex justify="space-between" align="start" gap={16} wrap>
        <div style={{ minWidth: 0, flex: 1 }}>
          <Space size={8} wrap style={{ marginBottom: 4 }}>
            <Tag color="#1b4d89" style={{ fontFamily: 'monospace' }} data-testid="lead-code">
              {lead.code}
            </Tag>
            <OutcomeTag outcome={lead.outcome} />
            {lead.fortune500 && (
              <Tag icon={<CrownOutlined />} color="gold">
                {t('promotion.fortune500')}
              </Tag>
            )}
            <Tag>{industries.labelOf(lead.industry)}</Tag>
            {lead.teamName && <Tag>{lead.teamName}</Tag>}
          </Space>
          <Typography.Title level={4} style={{ margin: '2px 0 8px' }} data-testid="lead-company">
            {lead.company}
          </Typography.Title>
          <Typography.Text type="secondary">
            {t('promotion.detail.owner', { name: lead.ownerName })} · {t('promotion.detail.registered', { date: lead.registeredOn })}
          </Typography.Text>
        </div>
        <Space wrap size={8} data-testid="lead-actions">
          {actions}
        </Space>
      </Flex>
      <Steps
        size="small"
        style={{ marginTop: 16 }}
        current={leadStageIndex(lead.stage)}
        status={closed ? 'error' : lead.stage === 'production' ? 'finish' : 'process'}
        items={leadStages.map((s) => ({ title: t(`promotion.stage.${s}`) }))}
        data-testid="lead-steps"
      />
      <div style={{ marginTop: 12 }}>
        <ClockTags lead={lead} onDone={onClockDone} />
      </div>
      {lead.projectId && (
        <Alert
          type="success"
          showIcon
          style={{ marginTop: 12 }}
          title={
            <span>
              {t('promotion.detail.project')}{' '}
              <Link to={`/projects/${lead.projectId}`} data-testid="lead-project-link">
                {t('promotion.detail.openProject')}
              </Link>
            </span>
          }
        />
      )}
      <Row gutter={[24, 12]} style={{ marginTop: 16 }} data-testid="lead-figures">
        <Col xs={12} md={8} xl={4}>
          <Figure label={t('promotion.col.plannedInvestment')} value={wan(lead.plannedInvestment)} testId="lead-figure-planned" />
        </Col>
        <Col xs={12} md={8} xl={4}>
          <Figure label={t('promotion.col.signedAmount')} value={wan(lead.signedAmount)} testId="lead-figure-signed" />
        </Col>
        <Col xs={12} md={8} xl={4}>
          <Figure label={t('promotion.col.capitalInPlace')} value={wan(lead.capitalInPlace)} testId="lead-figure-capital" />
        </Col>
        <Col xs={12} md={8} xl={4}>
          <Figure label={t('promotion.col.landMu')} value={figure(lead.landMu, t('promotion.unit.mu'))} testId="lead-figure-land" />
        </Col>
        <Col xs={12} md={8} xl={4}>
          <Figure label={t('promotion.col.expectedTax')} value={figure(lead.expectedTax, t('promotion.wan'))} testId="lead-figure-tax" />
        </Col>
        <Col xs={12} md={8} xl={4}>
          <Figure label={t('promotion.col.expectedOutput')} value={figure(lead.expectedOutput, t('promotion.wan'))} testId="lead-figure-output" />
        </Col>
      </Row>
    </Card>
  );
}

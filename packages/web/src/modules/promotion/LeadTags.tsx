// Tags shared by the promotion pages: a lead's stage, its outcome, and the badge of its worst clock.
import { useTranslation } from 'react-i18next';
import { Tag } from 'antd';
import { ClockCircleOutlined } from '@ant-design/icons';
import type { ClockState, LeadOutcome, LeadStage } from '@zoneops/shared';
import { clockBadge, leadStageColours, outcomeColours } from './promotion-ui.ts';

export function LeadStageTag({ stage }: { stage: LeadStage }) {
  const { t } = useTranslation();
  return (
    <Tag color={leadStageColours[stage]} style={{ marginInlineEnd: 0 }} data-stage={stage}>
      {t(`promotion.stage.${stage}`)}
    </Tag>
  );
}

export function OutcomeTag({ outcome }: { outcome: LeadOutcome }) {
  const { t } = useTranslation();
  return (
    <Tag color={outcomeColours[outcome]} style={{ marginInlineEnd: 0 }} data-outcome={outcome}>
      {t(`promotion.outcome.${outcome}`)}
    </Tag>
  );
}

/** Red when a clock is overdue, orange when one is due today; nothing otherwise. */
export function ClockBadge({ state, testId }: { state: ClockState; testId?: string }) {
  const { t } = useTranslation();
  const badge = clockBadge(state);
  if (!badge) return null;
  return (
    <Tag color={badge.color} icon={<ClockCircleOutlined />} style={{ marginInlineEnd: 0 }} data-testid={testId} data-clock={badge.state}>
      {t(`promotion.clockState.${badge.state}`)}
    </Tag>
  );
}

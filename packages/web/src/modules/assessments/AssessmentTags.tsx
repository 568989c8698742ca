// Small marks of the assessment pages: a run's status, the red flag (流动红旗), a tie (并列) and a dimension's category.
import { useTranslation } from 'react-i18next';
import { Tag, Tooltip } from 'antd';
import { FlagFilled } from '@ant-design/icons';
import type { DimensionCategory, RunStatus } from '@zoneops/shared';
import { statusColour } from './assessment-ui.ts';

export function RunStatusTag({ status }: { status: RunStatus }) {
  const { t } = useTranslation();
  return (
    <Tag color={statusColour[status]} data-status={status}>
      {t(`assessments.status.${status}`)}
    </Tag>
  );
}

export function RedFlag({ withText = false }: { withText?: boolean }) {
  const { t } = useTranslation();
  const icon = <FlagFilled style={{ color: '#cf1322' }} aria-label={t('assessments.results.redFlag')} data-testid="red-flag" />;
  return withText ? (
    <span style={{ whiteSpace: 'nowrap' }}>
      {icon} {t('assessments.results.redFlag')}
    </span>
  ) : (
    <Tooltip title={t('assessments.results.redFlag')}>{icon}</Tooltip>
  );
}

export function TiedTag() {
  const { t } = useTranslation();
  return (
    <Tag color="gold" style={{ marginInlineStart: 4 }} data-testid="tied">
      {t('assessments.results.tied')}
    </Tag>
  );
}

const categoryColour: Record<DimensionCategory, string> = { compare: 'blue', look: 'green', create: 'purple' };

export function CategoryTag({ category }: { category: DimensionCategory }) {
  const { t } = useTranslation();
  return <Tag color={categoryColour[category]}>{t(`assessments.category.${category}`)}</Tag>;
}

// 隐患排查治理: hazards found in inspections, reported, or opened from alarms, kept as items of the hazard ledger
// (rectification and verified closure are the ledger's).
import { useTranslation } from 'react-i18next';
import { Card, Typography } from 'antd';
import { HazardList } from './hazards/HazardList.tsx';

export default function HazardsPage() {
  const { t } = useTranslation();
  return (
    <Card title={t('menu.safetyHazards')} data-testid="safety-hazards-page">
      <Typography.Paragraph type="secondary">{t('safetyAlarms.hazards.hint')}</Typography.Paragraph>
      <HazardList />
    </Card>
  );
}

// 报警处置: the alarms with their lifecycle (list, batch acknowledgement, detail with the timeline), the maintenance and
// start-up windows, and for safety.manage the escalation rule. The tab is in the URL (?tab=).
import { useTranslation } from 'react-i18next';
import { useAuth } from '../../app/auth.tsx';
import { TabbedCard } from '../service/TabbedCard.tsx';
import { AlarmList } from './alarms/AlarmList.tsx';
import { EscalationSettings } from './alarms/EscalationSettings.tsx';
import { SuppressionList } from './alarms/SuppressionList.tsx';

export default function AlarmsPage() {
  const { t } = useTranslation();
  const { can } = useAuth();
  return (
    <TabbedCard
      title={t('menu.safetyAlarms')}
      testId="safety-alarms-page"
      tabs={[
        { key: 'list', label: t('safetyAlarms.tabs.list'), render: () => <AlarmList /> },
        { key: 'suppressions', label: t('safetyAlarms.tabs.suppressions'), render: () => <SuppressionList /> },
        ...(can('safety.manage') ? [{ key: 'escalation', label: t('safetyAlarms.tabs.escalation'), render: () => <EscalationSettings /> }] : []),
      ]}
    />
  );
}

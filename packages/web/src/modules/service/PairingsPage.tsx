// 干部挂企: the cadre ↔ enterprise pairings (挂企关系) and the visit log (走访记录). The tab is in the URL (?tab=).
import { useTranslation } from 'react-i18next';
import { PairingList } from './PairingList.tsx';
import { TabbedCard } from './TabbedCard.tsx';
import { VisitList } from './VisitList.tsx';

export default function PairingsPage() {
  const { t } = useTranslation();
  return (
    <TabbedCard
      title={t('menu.servicePairings')}
      testId="service-pairings-page"
      tabs={[
        { key: 'pairings', label: t('service.pairings.tabs.pairings'), render: () => <PairingList /> },
        { key: 'visits', label: t('service.pairings.tabs.visits'), render: () => <VisitList /> },
      ]}
    />
  );
}

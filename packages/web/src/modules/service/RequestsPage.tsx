// 企业诉求: the requests (诉求台账) and, for service.manage, the routing table and the reply templates (路由与模板).
// The tab is in the URL (?tab=) so that links open it.
import { useTranslation } from 'react-i18next';
import { useAuth } from '../../app/auth.tsx';
import { RequestList } from './RequestList.tsx';
import { RoutingSettings } from './RoutingSettings.tsx';
import { TabbedCard } from './TabbedCard.tsx';

export default function RequestsPage() {
  const { t } = useTranslation();
  const { can } = useAuth();
  return (
    <TabbedCard
      title={t('menu.serviceRequests')}
      testId="service-requests-page"
      tabs={[
        { key: 'list', label: t('service.requests.tabs.list'), render: () => <RequestList /> },
        ...(can('service.manage') ? [{ key: 'routing', label: t('service.requests.tabs.routing'), render: () => <RoutingSettings /> }] : []),
      ]}
    />
  );
}

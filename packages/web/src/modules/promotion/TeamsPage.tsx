// 招商组团 (/promotion/teams): the scoreboard of the teams in a period, the teams themselves, the outbound trips and
// the receptions. The tab is in the URL (?tab=), the period too (?from&to).
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router';
import { Card, Tabs } from 'antd';
import { tabOf } from '../projects/project-ui.ts';
import { ReceptionsTab, TripsTab } from './teams/Activities.tsx';
import { Scoreboard } from './teams/Scoreboard.tsx';
import { TeamList } from './teams/TeamList.tsx';

const TABS = ['scoreboard', 'teams', 'trips', 'receptions'] as const;
type Tab = (typeof TABS)[number];

export default function TeamsPage() {
  const { t } = useTranslation();
  const [params, setParams] = useSearchParams();
  const tab = tabOf<Tab>(params.get('tab'), TABS);
  const content: Record<Tab, () => ReactNode> = {
    scoreboard: () => <Scoreboard />,
    teams: () => <TeamList />,
    trips: () => <TripsTab />,
    receptions: () => <ReceptionsTab />,
  };
  return (
    <Card title={t('menu.promotionTeams')} styles={{ body: { paddingTop: 4 } }} data-testid="teams-page">
      <Tabs
        activeKey={tab}
        destroyOnHidden
        onChange={(key) =>
          setParams((prev) => {
            const next = new URLSearchParams(prev);
            if (key === TABS[0]) next.delete('tab');
            else next.set('tab', key);
            return next;
          })
        }
        items={TABS.map((key) => ({ key, label: t(`promotion.tabs.${key}`), children: content[key]() }))}
        data-testid="teams-tabs"
      />
    </Card>
  );
}

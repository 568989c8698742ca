// 重点项目: the project ledger (项目库), the year's three lists (三张清单), the pipeline by stage (谋划储备), the
// concentrated start and completion events (集中开竣工) and, for the approving department, the queue of investment
// reports (投资月报审核). The tab is in the URL (?tab=) so that links open it.
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router';
import { Card, Tabs } from 'antd';
import { useAuth } from '../../app/auth.tsx';
import { Ceremonies } from './lists/Ceremonies.tsx';
import { Pipeline } from './lists/Pipeline.tsx';
import { YearLists } from './lists/YearLists.tsx';
import { ProjectList } from './ProjectList.tsx';
import { tabOf } from './project-ui.ts';
import { ReportQueue } from './reports/ReportQueue.tsx';

const TABS = ['ledger', 'yearLists', 'pipeline', 'ceremonies', 'reports'] as const;
type Tab = (typeof TABS)[number];

export default function ProjectsPage() {
  const { t } = useTranslation();
  const { can } = useAuth();
  const [params, setParams] = useSearchParams();
  const tabs = TABS.filter((k) => k !== 'reports' || can('projects.approve'));
  const tab = tabOf<Tab>(params.get('tab'), tabs);
  const content: Record<Tab, () => ReactNode> = {
    ledger: () => <ProjectList />,
    yearLists: () => <YearLists />,
    pipeline: () => <Pipeline />,
    ceremonies: () => <Ceremonies />,
    reports: () => <ReportQueue />,
  };
  return (
    <Card title={t('menu.projects')} styles={{ body: { paddingTop: 4 } }} data-testid="projects-page">
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
        items={tabs.map((key) => ({ key, label: t(`projects.tabs.${key}`), children: content[key]() }))}
        data-testid="projects-tabs"
      />
    </Card>
  );
}

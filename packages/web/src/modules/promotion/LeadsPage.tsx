// 招商线索 (/promotion): the leads as a list or a kanban, the screening report (筛选统计) and the admission criteria
// (入园门槛). The tab is in the URL (?tab=).
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router';
import { Card, Space, Tabs } from 'antd';
import { tabOf } from '../projects/project-ui.ts';
import { ClockRulesEditor } from './leads/ClockRulesEditor.tsx';
import { CriteriaEditor } from './leads/CriteriaEditor.tsx';
import { LeadsTab } from './leads/LeadsTab.tsx';
import { RejectionReport } from './leads/RejectionReport.tsx';

const TABS = ['leads', 'rejections', 'criteria'] as const;
type Tab = (typeof TABS)[number];

export default function LeadsPage() {
  const { t } = useTranslation();
  const [params, setParams] = useSearchParams();
  const tab = tabOf<Tab>(params.get('tab'), TABS);
  const content: Record<Tab, () => ReactNode> = {
    leads: () => <LeadsTab />,
    rejections: () => <RejectionReport />,
    criteria: () => (
      <Space direction="vertical" size={12} style={{ width: '100%' }}>
        <CriteriaEditor />
        <ClockRulesEditor />
      </Space>
    ),
  };
  return (
    <Card title={t('menu.promotionLeads')} styles={{ body: { paddingTop: 4 } }} data-testid="leads-page">
      <Tabs
        activeKey={tab}
        destroyOnHidden
        // each tab keeps its own parameters: the lead filters do not follow into the report
        onChange={(key) => setParams(key === TABS[0] ? new URLSearchParams() : new URLSearchParams({ tab: key }))}
        items={TABS.map((key) => ({ key, label: t(`promotion.tabs.${key}`), children: content[key]() }))}
        data-testid="leads-tabs"
      />
    </Card>
  );
}

// 考核评比 (/assessments): the schemes and the history of the rotating red flag (流动红旗). The tab and the red flags'
// scheme are in the URL (?tab=redFlags&schemeId=).
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router';
import { Card, Tabs } from 'antd';
import { FlagOutlined } from '@ant-design/icons';
import { tabOf } from '../projects/project-ui.ts';
import { RedFlagHistory } from './RedFlagHistory.tsx';
import { SchemeList } from './SchemeList.tsx';

const TABS = ['schemes', 'redFlags'] as const;
type Tab = (typeof TABS)[number];

export default function AssessmentsPage() {
  const { t } = useTranslation();
  const [params, setParams] = useSearchParams();
  const tab = tabOf<Tab>(params.get('tab'), TABS);
  const schemeId = params.get('schemeId') ?? undefined;
  const content: Record<Tab, () => ReactNode> = {
    schemes: () => <SchemeList />,
    redFlags: () => (
      <RedFlagHistory
        schemeId={schemeId}
        onScheme={(id) => setParams(id ? new URLSearchParams({ tab: 'redFlags', schemeId: id }) : new URLSearchParams({ tab: 'redFlags' }), { replace: true })}
      />
    ),
  };
  return (
    <Card title={t('menu.assessments')} styles={{ body: { paddingTop: 4 } }} data-testid="assessments-page">
      <Tabs
        activeKey={tab}
        destroyOnHidden
        onChange={(key) => setParams(key === TABS[0] ? new URLSearchParams() : new URLSearchParams({ tab: key }))}
        items={TABS.map((key) => ({
          key,
          label:
            key === 'redFlags' ? (
              <span>
                <FlagOutlined style={{ color: '#cf1322' }} /> {t(`assessments.tabs.${key}`)}
              </span>
            ) : (
              t(`assessments.tabs.${key}`)
            ),
          children: content[key](),
        }))}
        data-testid="assessments-tabs"
      />
    </Card>
  );
}

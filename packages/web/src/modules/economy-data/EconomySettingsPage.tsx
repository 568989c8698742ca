// 指标设置 (economy.manage): the indicator catalogue (指标), the regions the zone is compared with (区域) and the
// annual targets (目标). The tab is in the URL (?tab=) so that links open it.
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router';
import { Card, Tabs } from 'antd';
import { IndicatorSettings } from './IndicatorSettings.tsx';
import { RegionSettings } from './RegionSettings.tsx';
import { TargetSettings } from './TargetSettings.tsx';

const TABS = ['indicators', 'regions', 'targets'] as const;
type Tab = (typeof TABS)[number];

export default function EconomySettingsPage() {
  const { t } = useTranslation();
  const [params, setParams] = useSearchParams();
  const raw = params.get('tab');
  const tab: Tab = (TABS as readonly string[]).includes(raw ?? '') ? (raw as Tab) : 'indicators';
  const content: Record<Tab, () => ReactNode> = {
    indicators: () => <IndicatorSettings />,
    regions: () => <RegionSettings />,
    targets: () => <TargetSettings />,
  };
  return (
    <Card title={t('menu.economySettings')} styles={{ body: { paddingTop: 4 } }} data-testid="economy-settings-page">
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
        items={TABS.map((key) => ({ key, label: t(`economyData.tabs.${key}`), children: content[key]() }))}
        data-testid="economy-settings-tabs"
      />
    </Card>
  );
}

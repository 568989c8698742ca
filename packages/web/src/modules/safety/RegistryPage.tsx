// 危险源与监测点 (/safety/registry): major hazard sources, monitoring devices (gateways and HJ 212 stations among them)
// and monitoring points, one tab each; the tab is in the URL (?tab=) so that links open it.
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router';
import { Card, Tabs } from 'antd';
import { DeviceList } from './registry/DeviceList.tsx';
import { MajorHazardList } from './registry/MajorHazardList.tsx';
import { PointList } from './registry/PointList.tsx';

const tabs = ['sources', 'devices', 'points'] as const;

export default function RegistryPage() {
  const { t } = useTranslation();
  const [params, setParams] = useSearchParams();
  const asked = params.get('tab');
  const active = tabs.find((x) => x === asked) ?? tabs[0];
  const render = { sources: () => <MajorHazardList />, devices: () => <DeviceList />, points: () => <PointList /> };
  return (
    <Card title={t('menu.safetyRegistry')} styles={{ body: { paddingTop: 4 } }} data-testid="safety-registry-page">
      <Tabs
        activeKey={active}
        destroyOnHidden
        onChange={(key) =>
          setParams((prev) => {
            const next = new URLSearchParams(prev);
            if (key === tabs[0]) next.delete('tab');
            else next.set('tab', key);
            return next;
          })
        }
        items={tabs.map((key) => ({ key, label: t(`safetyRegistry.tabs.${key}`), children: render[key]() }))}
      />
    </Card>
  );
}

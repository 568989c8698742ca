// Closed-park registry (卡口与车辆人员, issue 8): checkpoints with lanes and devices, vehicles, carriers, people,
// white/black lists and position terminals, one tab each. Reading needs park.read; the park's park.manage holders
// create, edit, delete, revoke and bind.
import { useTranslation } from 'react-i18next';
import { Card, Tabs } from 'antd';
import { useAuth } from '../../app/auth.tsx';
import { RegistryTab } from './registry/RegistryTab.tsx';
import { carriersTab, checkpointsTab, listsTab, peopleTab, terminalsTab, vehiclesTab } from './registry/tabs.tsx';

export default function RegistryPage() {
  const { t } = useTranslation();
  const { can, me } = useAuth();
  const manage = can('park.manage') && !me?.enterpriseId;
  const items = [
    { key: 'checkpoints', children: <RegistryTab spec={checkpointsTab} manage={manage} /> },
    { key: 'vehicles', children: <RegistryTab spec={vehiclesTab} manage={manage} /> },
    { key: 'carriers', children: <RegistryTab spec={carriersTab} manage={manage} /> },
    { key: 'people', children: <RegistryTab spec={peopleTab} manage={manage} /> },
    { key: 'lists', children: <RegistryTab spec={listsTab} manage={manage} /> },
    { key: 'terminals', children: <RegistryTab spec={terminalsTab} manage={manage} /> },
  ].map((i) => ({ ...i, label: <span data-testid={`registry-tab-${i.key}`}>{t(`parkRegistry.tabs.${i.key}`)}</span> }));
  return (
    <Card title={t('parkRegistry.title')}>
      <Tabs items={items} destroyOnHidden />
    </Card>
  );
}

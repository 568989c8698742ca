// Closed-park page (issue 8): parkPasses — who is in the park (counter row), the passes (通行记录) with their images
// and findings, the open visits, and the gate's rejection counts. Counts refresh every half minute.
import { useTranslation } from 'react-i18next';
import { Card, Space, Tabs } from 'antd';
import type { ParkCounts } from '@zoneops/shared';
import { useApiGet } from '../../app/use-api.ts';
import { useEvery } from '../../app/use-every.ts';
import { GateRejections } from './passes/GateRejections.tsx';
import { CountsRow, VisitList } from './passes/InPark.tsx';
import { PassList } from './passes/PassList.tsx';

const COUNTS_EVERY_MS = 30_000;

export default function PassesPage() {
  const { t } = useTranslation();
  const counts = useApiGet<ParkCounts>('/api/park/visits/counts', undefined, { report: false });
  useEvery(counts.reload, COUNTS_EVERY_MS);
  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }} data-testid="passes-page">
      <CountsRow counts={counts.data} />
      <Card title={t('parkGate.title')}>
        <Tabs
          items={[
            { key: 'passes', label: t('parkGate.tabs.passes'), children: <PassList /> },
            { key: 'visits', label: t('parkGate.tabs.visits'), children: <VisitList /> },
            { key: 'rejections', label: t('parkGate.tabs.rejections'), children: <GateRejections /> },
          ]}
        />
      </Card>
    </Space>
  );
}

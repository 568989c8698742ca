// The donut of a ledger's lights (loaded lazily with ECharts).
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { ledgerLightsOption, type LightCounts } from '../../charts/ledger-lights.ts';
import { EChart } from '../../app/EChart.tsx';

export default function LightDonut({ counts, height = 150 }: { counts: LightCounts; height?: number }) {
  const { t } = useTranslation();
  const option = useMemo(
    () =>
      ledgerLightsOption(counts, {
        red: t('ledgerLight.red'),
        yellow: t('ledgerLight.yellow'),
        green: t('ledgerLight.green'),
        none: t('ledgerLight.none'),
        noData: t('ledger.noItems'),
        total: t('ledger.summary.total'),
      }),
    [counts, t],
  );
  return <EChart option={option} height={height} testId="ledger-light-chart" />;
}

// The indicator page's chart (loaded lazily with ECharts): the zone's value as bars, growth lines of the zone, the
// city and the peers.
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import type { IndicatorSeries } from '@zoneops/shared';
import { EChart } from '../../app/EChart.tsx';
import { trendTable, valueGrowthOption } from '../../charts/economy-trend.ts';
import { formatValueUnit, periodAxisLabel, regionName, unitOf, type Lang } from './economy-ui.ts';

export default function IndicatorTrendChart({ series, lang }: { series: IndicatorSeries; lang: Lang }) {
  const { t } = useTranslation();
  const option = useMemo(() => {
    const i = series.indicator;
    const unit = unitOf(i, lang);
    const zone = series.regions.find((r) => r.kind === 'zone');
    const zoneName = zone ? regionName(zone, lang) : t('economy.detail.zone');
    return valueGrowthOption(
      trendTable(series.points),
      series.regions.map((r) => ({ id: r.id, name: regionName(r, lang), kind: r.kind })),
      {
        growthAxis: t('economy.panel.growthAxis'),
        valueAxis: unit,
        noData: t('economy.panel.noData'),
        period: periodAxisLabel,
        zoneValue: t(i.valueKind === 'point' ? 'economy.detail.zonePointValue' : 'economy.detail.zoneValue', { zone: zoneName }),
        growthOf: (name) => t('economy.detail.growthOf', { name }),
        valueText: (v) => formatValueUnit(v, unit, lang),
      },
    );
  }, [series, lang, t]);
  return <EChart option={option} height={360} testId="economy-indicator-chart" />;
}

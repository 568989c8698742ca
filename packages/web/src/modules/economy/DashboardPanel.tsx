// The dashboard's analysis of one indicator (loaded lazily with ECharts): its ranking among the zone and the peers
// (the zone highlighted, the city apart, ties stated, the gap to the neighbours), the zone's share of the city for
// every indicator, and the cumulative growth by period of the zone against the city and the peers
// (GET /api/economy/indicators/:id/series up to the dashboard's month).
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { Card, Col, Row, Select, Space, Spin, Typography } from 'antd';
import { fixed, type EconomyDashboard, type IndicatorMeasures, type IndicatorSeries, type Region } from '@zoneops/shared';
import { EChart } from '../../app/EChart.tsx';
import { useApiGet } from '../../app/use-api.ts';
import { rankingHeight, rankingOption, shareOption, type RankingRow, type ShareBar } from '../../charts/economy-ranking.ts';
import { growthTrendOption, trendTable, type TrendRegion } from '../../charts/economy-trend.ts';
import {
  formatGrowth,
  formatPercent,
  formatValueUnit,
  groupIndicators,
  indicatorName,
  periodAxisLabel,
  periodText,
  regionName,
  tiesOf,
  unitOf,
  type Lang,
} from './economy-ui.ts';

export default function DashboardPanel({
  data,
  selected,
  lang,
  onSelect,
}: {
  data: EconomyDashboard;
  selected: IndicatorMeasures;
  lang: Lang;
  onSelect: (indicatorId: string) => void;
}) {
  const { t } = useTranslation();
  const i = selected.indicator;
  const unit = unitOf(i, lang);
  const series = useApiGet<IndicatorSeries>(`/api/economy/indicators/${i.id}/series`, { to: data.month });
  const view = useMemo(() => {
    // names in the page language: the series knows every region; the dashboard the zone and the city
    const regionsById = new Map<string, Region>();
    for (const r of [data.zone, data.city, ...(series.data?.regions ?? [])]) if (r) regionsById.set(r.id, r);
    const nameOf = (id: string, fallback: string) => {
      const r = regionsById.get(id);
      return r ? regionName(r, lang) : fallback;
    };
    const keyText = (v: number) => (i.rankBy === 'growth' ? formatGrowth(v) : formatValueUnit(v, unit, lang));
    const rows: RankingRow[] = selected.ranking.map((r) => ({
      regionId: r.regionId,
      name: nameOf(r.regionId, r.name),
      kind: r.kind,
      key: i.rankBy === 'growth' ? r.growth : r.value,
      rank: r.rank,
      tiedWith: r.tiedWith,
    }));
    const cityKey = selected.city ? (i.rankBy === 'growth' ? selected.city.growth : selected.city.value) : null;
    const city = data.city && cityKey !== null ? { name: regionName(data.city, lang), key: cityKey } : null;
    const { main, leading } = groupIndicators(data.indicators);
    const ordered = [...main, ...leading];
    const shares: ShareBar[] = ordered
      .filter((m) => m.share !== null)
      .map((m) => ({ id: m.indicator.id, name: indicatorName(m.indicator, lang), share: m.share!, selected: m.indicator.id === i.id }));
    const trendRegions: TrendRegion[] = (series.data?.regions ?? []).map((r) => ({ id: r.id, name: regionName(r, lang), kind: r.kind }));
    return {
      nameOf,
      rows,
      city,
      ties: tiesOf(rows),
      shares,
      indicatorOptions: ordered.map((m) => ({ value: m.indicator.id, label: indicatorName(m.indicator, lang) })),
      ranking: rankingOption(rows, city, {
        rank: (rank, tied) => t(tied ? 'economy.rank.tied' : 'economy.rank.plain', { rank }),
        keyText,
        cityNote: t('economy.panel.cityNote'),
        noData: t('economy.panel.noData'),
      }),
      share: shareOption(shares, { noData: t('economy.panel.noData'), shareText: (v) => formatPercent(v) }),
      trend: growthTrendOption(trendTable(series.data?.points ?? [], { to: data.month }), trendRegions, {
        growthAxis: t('economy.panel.growthAxis'),
        noData: t('economy.panel.noData'),
        period: periodAxisLabel,
      }),
    };
  }, [data, selected, i, unit, series.data, lang, t]);
  const gapText = (gap: number) => (i.rankBy === 'growth' ? t('economy.points', { points: fixed(gap, 1) }) : formatValueUnit(gap, unit, lang));
  const { nameOf, rows, city, ties } = view;

  return (
    <Card
      size="small"
      title={t('economy.panel.title')}
      extra={
        <Space>
          <Typography.Text type="secondary">{t('economy.panel.indicator')}</Typography.Text>
          <Select
            value={i.id}
            onChange={onSelect}
            options={view.indicatorOptions}
            style={{ width: 260 }}
            showSearch={{ optionFilterProp: 'label' }}
            data-testid="economy-panel-indicator"
          />
        </Space>
      }
      data-testid="economy-panel"
    >
      <Row gutter={[16, 16]}>
        <Col xs={24} xl={12}>
          <Card
            size="small"
            type="inner"
            title={t('economy.panel.ranking')}
            extra={
              <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                {t('economy.panel.rankingOf', {
                  indicator: indicatorName(i, lang),
                  period: periodText(selected.period, i, lang),
                  key: t(`economy.panel.key.${i.rankBy}`),
                })}
              </Typography.Text>
            }
          >
            <EChart option={view.ranking} height={rankingHeight(rows.length + (city ? 2 : 0))} testId="economy-ranking-chart" />
            <Space orientation="vertical" size={2} style={{ fontSize: 13 }}>
              {ties.map((g) => (
                <Typography.Text key={g.rank} type="warning" data-testid="economy-ties">
                  {t('economy.panel.ties', { rank: g.rank, names: g.names.join(t('economy.panel.listSeparator')) })}
                </Typography.Text>
              ))}
              {selected.ahead && (
                <Typography.Text type="secondary">
                  {t('economy.panel.ahead', { name: nameOf(selected.ahead.regionId, selected.ahead.name), gap: gapText(selected.ahead.gap) })}
                </Typography.Text>
              )}
              {selected.behind && (
                <Typography.Text type="secondary">
                  {t('economy.panel.behind', { name: nameOf(selected.behind.regionId, selected.behind.name), gap: gapText(selected.behind.gap) })}
                </Typography.Text>
              )}
              {selected.contribution && (
                <Typography.Text type="secondary">
                  {t(selected.contribution.cityDeclined ? 'economy.panel.cityDeclined' : 'economy.panel.contribution', {
                    percent: formatPercent(selected.contribution.contribution),
                  })}
                </Typography.Text>
              )}
            </Space>
          </Card>
        </Col>
        <Col xs={24} xl={12}>
          <Card
            size="small"
            type="inner"
            title={t('economy.panel.share')}
            extra={
              <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                {t('economy.panel.shareHint')}
              </Typography.Text>
            }
          >
            <EChart
              option={view.share}
              height={rankingHeight(view.shares.length)}
              testId="economy-share-chart"
              onClick={(e) => {
                const bar = view.shares[e.dataIndex];
                if (bar) onSelect(bar.id);
              }}
            />
          </Card>
        </Col>
        <Col span={24}>
          <Card
            size="small"
            type="inner"
            title={t('economy.panel.trend')}
            extra={
              <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                {t('economy.panel.trendOf', { indicator: indicatorName(i, lang) })}
              </Typography.Text>
            }
          >
            <Spin spinning={series.loading}>
              <EChart option={view.trend} height={340} testId="economy-trend-chart" />
            </Spin>
          </Card>
        </Col>
      </Row>
    </Card>
  );
}

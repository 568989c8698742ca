// The ranking of one indicator among the zone and its peers for a period (the dashboard's ranking bars): best on top,
// the zone highlighted, ties labelled, the city drawn apart below a gap as the reference. And the zone's share of the
// city per indicator. Pure: rows and labels in, option out.
import type { EChartsCoreOption } from 'echarts/core';
import type { RegionKind } from '@zoneops/shared';
import { noDataTitle } from './chart-titles.ts';

export interface RankingRow {
  regionId: string;
  name: string;
  kind: RegionKind;
  /** The rank key: growth in percent or the value. null: no figure. */
  key: number | null;
  rank: number | null;
  tiedWith: number;
}

export interface RankingLabels {
  /** 第1 / 并列第2 / 1st / tied 2nd. */
  rank: (rank: number, tied: boolean) => string;
  /** The key as text (growth with one decimal and %, or the value in its unit). */
  keyText: (v: number) => string;
  /** Appended to the city's name: （全市） */
  cityNote: string;
  noData: string;
}

export const rankingColours = { zone: '#1b4d89', peer: '#9bb8d9', city: '#e3b448', missing: '#d9d9d9' } as const;

/** One category per ranked region (in the given order: best first), then a gap and the city when it has a figure. */
export function rankingOption(rows: readonly RankingRow[], city: { name: string; key: number | null } | null, labels: RankingLabels): EChartsCoreOption {
  const names: string[] = [];
  const data: unknown[] = [];
  for (const r of rows) {
    names.push(r.name);
    const rank = r.rank === null ? '' : labels.rank(r.rank, r.tiedWith > 1);
    const text = r.key === null ? '—' : `${labels.keyText(r.key)}  ${rank}`;
    data.push({
      value: r.key,
      itemStyle: { color: r.kind === 'zone' ? rankingColours.zone : rankingColours.peer },
      label: {
        show: true,
        position: 'right',
        formatter: text,
        fontWeight: r.kind === 'zone' ? 'bold' : 'normal',
        color: r.kind === 'zone' ? rankingColours.zone : '#595959',
      },
    });
  }
  if (city && city.key !== null && rows.length) {
    // an empty category keeps the city apart from the ranked regions
    names.push('');
    data.push({ value: null, label: { show: false } });
    names.push(`${city.name}${labels.cityNote}`);
    data.push({
      value: city.key,
      itemStyle: { color: rankingColours.city, opacity: 0.8 },
      label: { show: true, position: 'right', formatter: labels.keyText(city.key), color: '#8c6d1f' },
    });
  }
  const empty = !rows.some((r) => r.key !== null);
  const zoneName = rows.find((r) => r.kind === 'zone')?.name;
  return {
    title: empty ? noDataTitle(labels.noData) : undefined,
    tooltip: { show: false },
    grid: { left: 8, right: 96, top: 8, bottom: 8, containLabel: true },
    xAxis: { type: 'value', splitLine: { lineStyle: { type: 'dashed' } }, axisLabel: { show: false } },
    yAxis: {
      type: 'category',
      inverse: true,
      data: names,
      axisTick: { show: false },
      axisLabel: {
        fontSize: 12,
        // the zone's name in bold (rich text: a plain style cannot differ per category)
        formatter: (v: string) => (zoneName !== undefined && v === zoneName ? `{zone|${v}}` : v),
        rich: { zone: { fontWeight: 'bold', color: rankingColours.zone } },
      },
    },
    series: [{ type: 'bar', barMaxWidth: 16, data }],
  };
}

/** Height for a ranking: a row per region and the city, within bounds. */
export const rankingHeight = (rows: number) => Math.max(220, Math.min(640, (rows + 2) * 30 + 24));

export interface ShareBar {
  id: string;
  name: string;
  share: number;
  selected: boolean;
}

export interface ShareLabels {
  noData: string;
  /** Share with one decimal and %. */
  shareText: (v: number) => string;
}

/** The zone's share of the city per indicator, in the given order, the selected indicator highlighted. */
export function shareOption(items: readonly ShareBar[], labels: ShareLabels): EChartsCoreOption {
  return {
    title: items.length ? undefined : noDataTitle(labels.noData),
    tooltip: { show: false },
    grid: { left: 8, right: 56, top: 8, bottom: 8, containLabel: true },
    xAxis: { type: 'value', axisLabel: { formatter: '{value}%' }, splitLine: { lineStyle: { type: 'dashed' } } },
    yAxis: { type: 'category', inverse: true, data: items.map((i) => i.name), axisTick: { show: false }, axisLabel: { width: 160, overflow: 'truncate' } },
    series: [
      {
        type: 'bar',
        barMaxWidth: 14,
        data: items.map((i) => ({
          value: i.share,
          itemStyle: { color: i.selected ? rankingColours.zone : rankingColours.peer },
          label: { show: true, position: 'right', formatter: labels.shareText(i.share), fontWeight: i.selected ? 'bold' : 'normal' },
        })),
      },
    ],
  };
}

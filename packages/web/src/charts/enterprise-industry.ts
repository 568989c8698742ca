// Pie of enterprises by industry (GET /api/enterprises/stats → byIndustry). Pure: data and labels in, option out.
import type { EChartsCoreOption } from 'echarts/core';

export interface KeyCount {
  key: string | null;
  count: number;
}

export interface IndustryLabels {
  /** the dictionary label of an industry code */
  labelOf: (key: string) => string;
  unknown: string;
  other: string;
  noData: string;
}

export interface Slice {
  name: string;
  value: number;
}

/** A restrained palette that reads well on white and in print. */
export const industryPalette = ['#1b4d89', '#3a7dc9', '#5fa8d3', '#2e9d8f', '#8cc084', '#e3b448', '#d9823b', '#b5534f', '#8a6fb0', '#9aa5b1'];

const UNKNOWN_KEYS = new Set(['', 'null', 'unknown', 'none']);

/** Slices sorted by count (largest first); beyond maxSlices the smallest are merged into "other". */
export function industrySlices(data: readonly KeyCount[], labels: IndustryLabels, maxSlices = 8): Slice[] {
  const merged = new Map<string, number>();
  for (const d of data) {
    if (!(d.count > 0)) continue;
    const name = d.key === null || UNKNOWN_KEYS.has(d.key) ? labels.unknown : labels.labelOf(d.key);
    merged.set(name, (merged.get(name) ?? 0) + d.count);
  }
  const slices = [...merged].map(([name, value]) => ({ name, value })).sort((a, b) => b.value - a.value || a.name.localeCompare(b.name));
  if (slices.length <= maxSlices) return slices;
  const head = slices.slice(0, maxSlices - 1);
  const rest = slices.slice(maxSlices - 1).reduce((sum, s) => sum + s.value, 0);
  return [...head, { name: labels.other, value: rest }];
}

export function enterpriseIndustryOption(data: readonly KeyCount[], labels: IndustryLabels, maxSlices = 8): EChartsCoreOption {
  const slices = industrySlices(data, labels, maxSlices);
  const total = slices.reduce((sum, s) => sum + s.value, 0);
  return {
    color: industryPalette,
    title:
      total === 0
        ? {
            text: labels.noData,
            left: 'center',
            top: 'middle',
            textStyle: { color: '#999', fontSize: 14, fontWeight: 'normal' },
          }
        : { text: String(total), left: '35%', top: '45%', textAlign: 'center', textStyle: { fontSize: 22 } },
    tooltip: { trigger: 'item', formatter: '{b}: {c} ({d}%)' },
    legend: { type: 'scroll', orient: 'vertical', right: 8, top: 'middle', itemWidth: 12, itemHeight: 12 },
    series: [
      {
        type: 'pie',
        radius: ['42%', '70%'],
        center: ['35%', '50%'],
        avoidLabelOverlap: true,
        itemStyle: { borderColor: '#fff', borderWidth: 2 },
        label: { formatter: '{d}%' },
        data: slices,
      },
    ],
  };
}

// The economic performance bulletin (经济运行通报): sentences in the committee's idiom, every figure, rank and count
// taken from the dashboard of the month (approved figures only). Pure: change the data and the text changes.
import {
  chineseOrdinalNumber,
  fixed,
  growthPhrase,
  periodEndMonth,
  periodLabel,
  pullPhrase,
  rankText,
  round,
  sharePhrase,
  targetGapPhrase,
  type EconomyDashboard,
  type IndicatorMeasures,
} from '@zoneops/shared';
import type { Block } from '../../platform/documents/index.ts';

/** A value as the bulletin writes it: thousands and more without decimals, else two. */
export function valueText(v: number, unit = ''): string {
  // yuan per person are whole yuan; large amounts (万元, 元) have no decimals in a bulletin
  return Math.abs(v) >= 10_000 || unit === '元' ? fixed(v, 0) : fixed(v, 2);
}

const keyWord = (m: IndicatorMeasures) => (m.indicator.rankBy === 'growth' ? '增幅' : '总量');

/** "增幅位居全市第一" / "增幅与龙海区并列全市第一" / "增幅位居全市第三，落后第二位龙海区0.5个百分点". */
export function rankSentence(m: IndicatorMeasures, zoneId: string | undefined): string | null {
  if (!m.rank) return null;
  const word = keyWord(m);
  const tied = m.ranking.filter((r) => r.rank === m.rank!.rank && r.regionId !== zoneId).map((r) => r.name);
  let s = tied.length ? `${word}与${tied.join('、')}并列全市${rankText(m.rank.rank, 1)}` : `${word}位居全市${rankText(m.rank.rank, 1)}`;
  if (m.ahead && m.rank.rank > 1) {
    const aheadRank = m.ranking.find((r) => r.regionId === m.ahead!.regionId)?.rank;
    const gap = m.indicator.rankBy === 'growth' ? `${fixed(m.ahead.gap, 1)}个百分点` : `${valueText(m.ahead.gap, m.indicator.unit)}${m.indicator.unit}`;
    if (aheadRank) s += `，落后第${chineseOrdinalNumber(aheadRank)}位${m.ahead.name}${gap}`;
  } else if (m.behind && m.rank.rank === 1 && !tied.length) {
    const gap = m.indicator.rankBy === 'growth' ? `${fixed(m.behind.gap, 1)}个百分点` : `${valueText(m.behind.gap, m.indicator.unit)}${m.indicator.unit}`;
    s += `，领先第二位${m.behind.name}${gap}`;
  }
  return s;
}

/** One indicator's paragraph: value, growth, rank, comparison with the city, share, pull, target. */
export function indicatorSentence(m: IndicatorMeasures, zoneId: string | undefined): string | null {
  if (!m.zone || (m.zone.value === null && m.zone.growth === null)) return null;
  const i = m.indicator;
  const parts: string[] = [];
  const label = periodLabel(m.period, i.valueKind);
  const head = i.valueKind === 'point' ? `${label}末` : label;
  // A total is 完成 (achieved); a balance or a per-capita figure simply 为 (is).
  const verb = i.valueKind === 'point' || !i.additive ? '为' : '完成';
  if (m.zone.value !== null) parts.push(`${i.nameZh}${head}${verb}${valueText(m.zone.value, i.unit)}${i.unit}`);
  else parts.push(`${i.nameZh}${head}`);
  if (m.zone.growth !== null) {
    let g = growthPhrase(m.zone.growth);
    if (m.city?.growth !== null && m.city?.growth !== undefined) {
      const d = round(m.zone.growth - m.city.growth, 1);
      g += d > 0 ? `，高于全市平均${fixed(d, 1)}个百分点` : d < 0 ? `，低于全市平均${fixed(-d, 1)}个百分点` : '，与全市平均持平';
    }
    parts.push(g);
  }
  const rank = rankSentence(m, zoneId);
  if (rank) parts.push(rank);
  if (m.share !== null) parts.push(`占全市${sharePhrase(m.share)}`);
  if (m.pull !== null && m.zone.growth !== null) parts.push(pullPhrase(m.pull));
  const t = m.target;
  if (t?.kind === 'value') {
    let s = `完成年度目标${valueText(t.target, i.unit)}${i.unit}的${fixed(t.completion, 1)}%`;
    if (t.aheadOfTime !== null) {
      const a = round(t.aheadOfTime, 1);
      s += a > 0 ? `，超序时进度${fixed(a, 1)}个百分点` : a < 0 ? `，低于序时进度${fixed(-a, 1)}个百分点` : '，与序时进度持平';
    }
    parts.push(s);
  } else if (t?.kind === 'growth') {
    parts.push(`${targetGapPhrase(t.gapPoints)}（年度目标增长${fixed(t.target, 1)}%）`);
  }
  return `${parts.join('，')}。`;
}

export interface BulletinText {
  title: string;
  blocks: Block[];
}

/** The bulletin of a month: overview, every indicator, targets, what needs attention, the table. */
export function bulletinOf(d: EconomyDashboard, zoneName: string): BulletinText {
  const { year } = periodEndMonth(d.month);
  const monthLabel = periodLabel(d.month, 'cumulative');
  const title = `${zoneName}${year}年${monthLabel}经济运行情况通报`;
  const zoneId = d.zone?.id;
  const shown = d.indicators.filter((m) => m.zone && (m.zone.value !== null || m.zone.growth !== null));
  const blocks: Block[] = [];
  if (!d.zone) {
    blocks.push({ kind: 'p', text: '尚未设置本区（区域类型为“本区”）：请在指标设置的区域中设置后再生成通报。' });
    return { title, blocks };
  }
  if (!shown.length) {
    blocks.push({ kind: 'p', text: `截至目前，${year}年${monthLabel}主要经济指标数据尚未审核发布。` });
    return { title, blocks };
  }
  const cityName = d.city?.name ?? '全市';
  blocks.push({
    kind: 'p',
    text: `现将${year}年${monthLabel}${zoneName}主要经济指标运行情况通报如下。数据来源于统计、财政、税务等部门，全市排名在本区与${cityName}${d.city ? '所辖' : ''}其他${countRanked(d) - 1}个县（市、区）共${countRanked(d)}个地区中比较。`,
  });

  // 一、总体情况
  blocks.push({ kind: 'h1', text: '总体情况' });
  const byRankKey = (key: 'growth' | 'value', rank: number) => shown.filter((m) => m.indicator.rankBy === key && m.rank?.rank === rank);
  const counts: string[] = [];
  for (const key of ['growth', 'value'] as const) {
    const word = key === 'growth' ? '增幅' : '总量';
    const first = byRankKey(key, 1);
    const second = byRankKey(key, 2);
    if (first.length) counts.push(`有${first.length}项指标${word}位居全市第一（${first.map((m) => m.indicator.nameZh).join('、')}）`);
    if (second.length) counts.push(`${second.length}项指标${word}位居全市第二（${second.map((m) => m.indicator.nameZh).join('、')}）`);
  }
  const overview = [`纳入监测的${shown.length}项主要经济指标中`];
  overview.push(counts.length ? counts.join('，') : '暂无指标位居全市前两位');
  const targets = shown.filter((m) => m.target);
  const met = targets.filter((m) => m.target!.met);
  if (targets.length) overview.push(`设定年度目标的${targets.length}项指标中，${met.length}项达到目标或序时进度，${targets.length - met.length}项未达到`);
  const alerts = shown.filter((m) => m.threshold === 'alert');
  overview.push(alerts.length ? `${alerts.length}项指标增幅低于预警线` : '各项指标增幅均在预警线以上');
  const headline = headlineOf(shown[0]!);
  blocks.push({ kind: 'p', text: `${headline ? `${headline}。` : ''}${overview[0]}，${overview.slice(1).join('；')}。` });

  // 二、主要指标运行情况
  blocks.push({ kind: 'h1', text: '主要指标运行情况' });
  const main = shown.filter((m) => !m.indicator.leading);
  const leading = shown.filter((m) => m.indicator.leading);
  for (const [heading, list] of [
    ['主要指标', main],
    ['先行指标', leading],
  ] as const) {
    if (!list.length) continue;
    if (main.length && leading.length) blocks.push({ kind: 'h2', text: heading });
    for (const m of list) {
      const text = indicatorSentence(m, zoneId);
      if (text) blocks.push({ kind: 'p', text });
    }
  }
  const approximate = shown.filter((m) => m.increase?.approximate && m.pull !== null);
  if (approximate.length) {
    blocks.push({
      kind: 'p',
      text: `注：${approximate.map((m) => m.indicator.nameZh).join('、')}增速按可比价格计算，增量及拉动按现价总量和增速推算，为近似值。`,
    });
  }

  // 三、目标完成情况
  if (targets.length) {
    blocks.push({ kind: 'h1', text: '年度目标完成情况' });
    blocks.push({
      kind: 'table',
      columns: ['序号', '指标', '年度目标', '完成情况', '目标进度', '状态'],
      rows: targets.map((m, n) => {
        const t = m.target!;
        const unit = m.indicator.unit;
        return t.kind === 'value'
          ? [
              n + 1,
              m.indicator.nameZh,
              `${valueText(t.target, unit)}${unit}`,
              m.zone?.value !== null && m.zone?.value !== undefined ? `${valueText(m.zone.value, unit)}${unit}` : '—',
              `${fixed(t.completion, 1)}%${t.timeProgress !== null ? `（序时${fixed(t.timeProgress, 1)}%）` : ''}`,
              t.met ? '达到' : '未达到',
            ]
          : [
              n + 1,
              m.indicator.nameZh,
              `增长${fixed(t.target, 1)}%`,
              m.zone?.growth !== null && m.zone?.growth !== undefined ? growthPhrase(m.zone.growth) : '—',
              targetGapPhrase(t.gapPoints),
              t.met ? '达到' : '未达到',
            ];
      }),
      widths: [5, 18, 12, 12, 16, 7],
    });
  }

  // 四、需关注的问题
  blocks.push({ kind: 'h1', text: '需关注的问题' });
  const concerns: string[] = [];
  for (const m of alerts) {
    const level = m.indicator.alertLevel;
    concerns.push(`${m.indicator.nameZh}${growthPhrase(m.zone!.growth!)}，${m.indicator.higherIsBetter ? '低于' : '高于'}预警线（${fixed(level ?? 0, 1)}%）`);
  }
  for (const m of targets.filter((x) => !x.target!.met && x.threshold !== 'alert')) {
    const t = m.target!;
    concerns.push(
      t.kind === 'growth'
        ? `${m.indicator.nameZh}增幅${targetGapPhrase(t.gapPoints)}`
        : `${m.indicator.nameZh}完成年度目标的${fixed(t.completion, 1)}%${t.aheadOfTime !== null ? `，低于序时进度${fixed(-round(t.aheadOfTime, 1), 1)}个百分点` : ''}`,
    );
  }
  if (concerns.length) {
    blocks.push({ kind: 'p', text: `${concerns.join('；')}。请各牵头单位认真分析原因，研究针对性措施，确保完成全年目标任务。` });
  } else {
    blocks.push({ kind: 'p', text: '各项指标均达到年度目标进度且在预警线以上，请各牵头单位继续巩固向好态势。' });
  }

  // 附表
  blocks.push({ kind: 'h1', text: '主要经济指标完成情况表' });
  blocks.push({
    kind: 'table',
    columns: ['序号', '指标', '单位', '期间', '绝对值', '比增（%）', '全市排名', '占全市（%）'],
    rows: shown.map((m, n) => [
      n + 1,
      m.indicator.nameZh,
      m.indicator.unit,
      periodLabel(m.period, m.indicator.valueKind),
      m.zone?.value !== null && m.zone?.value !== undefined ? valueText(m.zone.value, m.indicator.unit) : '—',
      m.zone?.growth !== null && m.zone?.growth !== undefined ? fixed(m.zone.growth, 1) : '—',
      m.rank ? `${m.rank.tiedWith > 1 ? '并列' : ''}${m.rank.rank}/${m.rank.of}` : '—',
      m.share !== null ? fixed(m.share, 1) : '—',
    ]),
    widths: [4, 15, 5, 10, 10, 7, 7, 8],
  });
  return { title, blocks };
}

/** The overview's opening: "前三季度地区生产总值比增13.1%，增幅位居全市第一，占全市6.8%，拉动全市增长0.83个百分点". */
function headlineOf(m: IndicatorMeasures): string | null {
  if (m.zone?.growth === null || m.zone?.growth === undefined) return null;
  const parts = [`${periodLabel(m.period, m.indicator.valueKind)}${m.indicator.nameZh}${growthPhrase(m.zone.growth)}`];
  if (m.rank) parts.push(`${keyWord(m)}${m.rank.tiedWith > 1 ? '并列' : '位居'}全市${rankText(m.rank.rank, 1)}`);
  if (m.share !== null) parts.push(`占全市${sharePhrase(m.share)}`);
  if (m.pull !== null) parts.push(pullPhrase(m.pull));
  return parts.join('，');
}

/** How many regions a ranking compares (the widest among the indicators). */
function countRanked(d: EconomyDashboard): number {
  return Math.max(0, ...d.indicators.map((m) => m.rank?.of ?? 0));
}

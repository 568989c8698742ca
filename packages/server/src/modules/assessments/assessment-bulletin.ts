// The results bulletin of an assessment run (考核结果通报): the opening, the ranking table of each track with ties
// stated (并列), the red flag holders (流动红旗), the highlights and the closing, in the committee's idiom. Pure: the run
// as the API answers it in, title and blocks out (rendered as a GB/T 9704 document by the service).
import type { AssessmentRun, AssessmentResultRow } from '@zoneops/shared';
import { chineseNumeral, officialDate, type Block } from '../../platform/documents/index.ts';

/** "2026年第三季度", "2026年11月", "2026年11月上半月", "2026年第47周", "2026年度" from a period key. */
export function periodText(period: string): string {
  let m = /^(\d{4})-Q([1-4])$/.exec(period);
  if (m) return `${m[1]}年第${chineseNumeral(Number(m[2]))}季度`;
  m = /^(\d{4})-(\d{2})-([12])$/.exec(period);
  if (m) return `${m[1]}年${Number(m[2])}月${m[3] === '1' ? '上' : '下'}半月`;
  m = /^(\d{4})-(\d{2})$/.exec(period);
  if (m) return `${m[1]}年${Number(m[2])}月`;
  m = /^(\d{4})-W(\d{2})$/.exec(period);
  if (m) return `${m[1]}年第${Number(m[2])}周`;
  return /^\d{4}$/.test(period) ? `${period}年度` : period;
}

/** Points as the bulletin writes them: two decimals. */
export const pointsText = (n: number | null | undefined): string => (n === null || n === undefined ? '—' : n.toFixed(2));

/** A dimension's weight (its full points) as written: 40, 12.5. */
export const weightText = (n: number): string => String(Math.round(n * 100) / 100);

/** 名次 as the table shows it: "1", or "并列2" for a shared rank. */
export const rankCell = (r: Pick<AssessmentResultRow, 'rank' | 'tied'>): string => (r.tied ? `并列${r.rank}` : String(r.rank));

const methodWords = { auto: '业务数据自动评分', panel: '评审组评分', grade: '等次评定' } as const;

function byTrack(rows: readonly AssessmentResultRow[]): [string | null, AssessmentResultRow[]][] {
  const out = new Map<string | null, AssessmentResultRow[]>();
  for (const r of rows) out.set(r.track, [...(out.get(r.track) ?? []), r]);
  return [...out.entries()];
}

/** "B、E总分均为65.50分，并列第2名" for every group of equal totals of a track. */
export function tieSentences(rows: readonly AssessmentResultRow[]): string[] {
  const groups = new Map<number, AssessmentResultRow[]>();
  for (const r of rows.filter((x) => x.tied)) groups.set(r.rank, [...(groups.get(r.rank) ?? []), r]);
  return [...groups.entries()]
    .sort((a, b) => a[0] - b[0])
    .map(([rank, list]) => `${list.map((r) => r.name).join('、')}总分均为${pointsText(list[0]!.total)}分，并列第${rank}名`);
}

export interface BulletinText {
  title: string;
  blocks: Block[];
}

/** The bulletin of a published or locked run. */
export function bulletinOf(run: AssessmentRun): BulletinText {
  const label = periodText(run.period);
  const subject = /(考核|考评)$/.test(run.schemeName) ? run.schemeName : `${run.schemeName}考核`;
  const title = `关于${label}${subject}结果的通报`;
  const kindWord = run.participants.some((p) => p.projectId) ? '项目' : '单位';
  const final = run.status === 'locked';
  const blocks: Block[] = [];

  const methods = [...new Set(run.dimensions.map((d) => d.method))].map((m) => methodWords[m]);
  const dims = run.dimensions.map((d) => `${d.name}（${weightText(d.weight)}分）`).join('、');
  let opening =
    `根据${run.schemeName}考核办法，${label}考核采用${methods.length > 1 ? `${methods.join('与')}相结合` : methods[0]}的方式，` +
    `从${dims}${run.dimensions.length > 1 ? `${run.dimensions.length}个` : ''}方面对${run.participants.length}个${kindWord}进行了考核评比。`;
  if (final) opening += '经评分、公示和申诉复核，考核结果已经确定，现通报如下。';
  else
    opening += `现将考核结果通报如下。公示期（申诉期）至${run.appealEndsOn ? officialDate(run.appealEndsOn) : '通报之日'}，对结果有异议的${kindWord}可在公示期内提出申诉。`;
  blocks.push({ kind: 'p', text: opening });

  // 一、考核结果
  blocks.push({ kind: 'h1', text: '考核结果' });
  const tracks = byTrack(run.results);
  for (const [track, rows] of tracks) {
    if (track !== null) blocks.push({ kind: 'h2', text: track });
    blocks.push({
      kind: 'table',
      columns: ['名次', kindWord, ...run.dimensions.map((d) => `${d.name}（${weightText(d.weight)}分）`), '总分'],
      rows: rows.map((r) => [rankCell(r), r.name, ...run.dimensions.map((d) => pointsText(r.dimensions[d.id])), pointsText(r.total)]),
      widths: [6, 16, ...run.dimensions.map(() => 8), 8],
    });
    const ties = tieSentences(rows);
    if (ties.length) blocks.push({ kind: 'p', text: `其中，${ties.join('；')}。` });
  }
  if (!run.results.length) blocks.push({ kind: 'p', text: `本期无参评${kindWord}。` });

  // 二、流动红旗 (rankTotals gives it to the top N of each track, ties at the boundary included)
  const holders = tracks.flatMap(([track, rows]) =>
    rows.filter((r) => r.redFlag).map((r) => `${r.name}（${track ? `${track}，` : ''}总分${pointsText(r.total)}分${r.tied ? '，并列' : ''}）`),
  );
  if (holders.length) {
    blocks.push({ kind: 'h1', text: '流动红旗' });
    blocks.push({ kind: 'p', text: `根据考核办法，${label}“流动红旗”${final ? '授予' : '拟授予'}${holders.join('、')}。` });
  }

  // 三、工作亮点
  const highlights = (run.highlights ?? '')
    .split(/\r?\n/)
    .map((l) => l.trim())
    .filter(Boolean);
  if (highlights.length) {
    blocks.push({ kind: 'h1', text: '工作亮点' });
    for (const text of highlights) blocks.push({ kind: 'p', text });
  }

  // 四、下一步要求
  blocks.push({ kind: 'h1', text: '下一步要求' });
  blocks.push({
    kind: 'p',
    text:
      `希望获得“流动红旗”的${kindWord}再接再厉，发挥示范带动作用；排名靠后的${kindWord}要认真查找差距，对照失分项目逐项分析原因、` +
      '落实整改措施，确保在下一考核期取得更好成绩。',
  });
  return { title, blocks };
}

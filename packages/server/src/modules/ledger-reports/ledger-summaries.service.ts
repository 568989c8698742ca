// The reports of a supervision ledger (DOMAIN §7): the weekly summary (每周汇总进展) as JSON, Word and Excel, and the
// supervision bulletin (督查通报) as an official document. Everything is rebuilt from stored data as it stood at the end
// of the period (or now, for a period not yet over): the status and the light from the timeline (ledger_events), the
// latest progress from ledger_progress, deadlines and lead units from ledger_items. Top-level tasks only: a sub-item
// is part of its parent's work. Only the tasks the caller may see are counted.
//
// Definitions, the same in every report:
// - open: not closed (销号) nor 已完成，长期坚持 (statuses assigned … notice);
// - overdue: open, the deadline has passed, and completion was not reported by the deadline (交办/接收/办理中, or a
//   completion report filed after the deadline and still under review): the red light's rule;
// - on time (bulletin): of the tasks due in the period, those whose last completion report came on or before the
//   deadline and was not sent back.
import {
  addCalendarDays,
  isOpen,
  ledgerStatusLabels,
  lightLabels,
  lightReasonText,
  periodOf,
  type BulletinCreate,
  type LedgerStatus,
  type Light,
  type LightReason,
  type WeeklySummary,
} from '@zoneops/shared';
import ExcelJS from 'exceljs';
import type { Principal } from '../../platform/access/principal.ts';
import { visibleCondition } from '../../platform/access/scope.ts';
import { today as todayOf } from '../../platform/clock.ts';
import type { Deps } from '../../platform/deps.ts';
import { loadTemplate, officialDate, renderOfficialDocument, type Block } from '../../platform/documents/index.ts';
import { notFound, validationError } from '../../platform/errors.ts';
import { ledgerRepository, type LedgerRow } from '../ledger/ledger.repository.ts';
import { ITEM_ENTITY } from '../ledger/ledger.service.ts';
import { ledgerReportsRepository, type SnapshotRow } from './ledger-reports.repository.ts';

const DAY = 86_400_000;
const WORK_STATUSES: readonly string[] = ['assigned', 'accepted', 'inProgress'];
const REVIEW_STATUSES: readonly string[] = ['reported', 'verifying', 'signoff'];

/** Midnight starting a calendar day in the zone (China has one time zone and no DST). */
const startOf = (day: string) => new Date(`${day}T00:00:00+08:00`);
const daysBetween = (from: string, to: string) => Math.round((Date.parse(to) - Date.parse(from)) / DAY);

/** The ISO week (Monday–Sunday) of a day, with its ISO year and number. */
export function isoWeekOf(day: string): { isoYear: number; isoWeek: number; start: string; end: string } {
  const { start, end } = periodOf(day, 'week');
  const thursday = addCalendarDays(start, 3);
  const isoYear = Number(thursday.slice(0, 4));
  const isoWeek = Math.floor(daysBetween(`${isoYear}-01-01`, thursday) / 7) + 1;
  return { isoYear, isoWeek, start, end };
}

interface Window {
  from: Date;
  until: Date;
  /** The day figures are taken on: the period's last day, or today while it runs. */
  asOfDay: string;
  /**
   * Deadlines before this day have passed: today while the period runs, else the day after it (a task due on the
   * period's last day and not reported by its end is overdue). Days overdue are counted to it.
   */
  cutoffDay: string;
  current: boolean;
}

function windowOf(fromDay: string, toDay: string, now: Date, todayDay: string): Window {
  const current = todayDay <= toDay;
  return {
    from: startOf(fromDay),
    // events carry millisecond instants: one past now takes in what just happened
    until: current ? new Date(now.getTime() + 1) : startOf(addCalendarDays(toDay, 1)),
    asOfDay: current ? todayDay : toDay,
    cutoffDay: current ? todayDay : addCalendarDays(toDay, 1),
    current,
  };
}

/** The state of one task in a report. */
interface TaskState extends SnapshotRow {
  open: boolean;
  overdue: boolean;
  lightNow: Light;
  reasons: string;
}

function stateOf(r: SnapshotRow, w: Window): TaskState {
  const open = isOpen(r.status as LedgerStatus);
  const overdue =
    open &&
    r.deadline < w.cutoffDay &&
    (WORK_STATUSES.includes(r.status) || (REVIEW_STATUSES.includes(r.status) && r.reportedOn !== null && r.reportedOn > r.deadline));
  const lightNow = (open && r.status !== 'notice' ? r.light : 'none') as Light;
  // The reasons as shown then; days overdue counted to the report's cut-off day, as in the overdue tables.
  const reasons = ((w.current ? r.lightReasonsNow : r.lightReasonsThen) ?? []) as LightReason[];
  const text = reasons.map((x) => lightReasonText(x.code === 'overdue' && r.deadline < w.cutoffDay ? { ...x, days: daysBetween(r.deadline, w.cutoffDay) } : x));
  return { ...r, open, overdue, lightNow, reasons: text.join('；') };
}

/** 11月30日 within the year of the report, 2027年1月5日 outside it. */
function shortDate(day: string, year: number): string {
  const [y, m, d] = day.split('-').map(Number) as [number, number, number];
  return y === year ? `${m}月${d}日` : `${y}年${m}月${d}日`;
}

const percent = (n: number, of: number) => (of ? `${((n / of) * 100).toFixed(1).replace(/\.0$/, '')}%` : '—');
const lines = (text: string | undefined) =>
  (text ?? '')
    .split(/\r?\n/)
    .map((l) => l.trim())
    .filter(Boolean);

interface UnitCounts {
  unitId: string;
  unitName: string;
  items: number;
  open: number;
  newlyAssigned: number;
  progressReported: number;
  closed: number;
  overdue: number;
  red: number;
  yellow: number;
  green: number;
  due: number;
  onTime: number;
}

function countByUnit(tasks: TaskState[], periodStart: string, periodEnd: string): UnitCounts[] {
  const byUnit = new Map<string, UnitCounts>();
  for (const t of tasks) {
    let u = byUnit.get(t.leadUnitId);
    if (!u) {
      u = {
        unitId: t.leadUnitId,
        unitName: t.leadUnitName,
        items: 0,
        open: 0,
        newlyAssigned: 0,
        progressReported: 0,
        closed: 0,
        overdue: 0,
        red: 0,
        yellow: 0,
        green: 0,
        due: 0,
        onTime: 0,
      };
      byUnit.set(t.leadUnitId, u);
    }
    u.items++;
    if (t.open) u.open++;
    if (t.assignedOn >= periodStart && t.assignedOn <= periodEnd) u.newlyAssigned++;
    if (t.open && t.progressOn && t.progressOn >= periodStart) u.progressReported++;
    if (t.closedOn) u.closed++;
    if (t.overdue) u.overdue++;
    if (t.open && (t.lightNow === 'red' || t.lightNow === 'yellow' || t.lightNow === 'green')) u[t.lightNow]++;
  }
  return [...byUnit.values()].sort((a, b) => b.overdue - a.overdue || b.open - a.open || a.unitName.localeCompare(b.unitName, 'zh-CN'));
}

// ---- spreadsheets ----------------------------------------------------------------------------------------------

const thin = { style: 'thin' } as const;
const border: Partial<ExcelJS.Borders> = { top: thin, left: thin, bottom: thin, right: thin };

/** One section as a sheet: a title row, a header row, the rows with borders; long texts wrap. */
function addSheet(wb: ExcelJS.Workbook, name: string, title: string, columns: { header: string; width: number }[], rows: (string | number | null)[][]) {
  const ws = wb.addWorksheet(name);
  ws.mergeCells(1, 1, 1, columns.length);
  Object.assign(ws.getCell(1, 1), { value: title, style: { font: { bold: true, size: 14 }, alignment: { horizontal: 'center', vertical: 'middle' } } });
  ws.getRow(1).height = 28;
  columns.forEach((c, i) => {
    ws.getColumn(i + 1).width = c.width;
    Object.assign(ws.getCell(2, i + 1), {
      value: c.header,
      style: {
        font: { bold: true },
        border,
        alignment: { horizontal: 'center', vertical: 'middle', wrapText: true },
        fill: { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFF2F2F2' } },
      },
    });
  });
  rows.forEach((row, r) =>
    row.forEach((v, i) => {
      const cell = ws.getCell(r + 3, i + 1);
      cell.value = v;
      cell.style = { border, numFmt: typeof v === 'number' ? '0' : '@', alignment: { vertical: 'middle', wrapText: typeof v === 'string' && v.length > 8 } };
    }),
  );
  ws.views = [{ state: 'frozen', ySplit: 2 }];
}

export function createLedgerSummariesService(deps: Deps) {
  const { db, clock, config } = deps;
  const today = () => todayOf(clock);

  async function requireLedger(id: string): Promise<LedgerRow> {
    const l = await ledgerRepository.findLedger(db, id);
    if (!l) throw notFound('ledger');
    return l;
  }

  async function tasksOf(p: Principal, ledgerId: string, w: Window): Promise<TaskState[]> {
    const rows = await ledgerReportsRepository.snapshot(db, {
      ledgerId,
      visible: visibleCondition(ITEM_ENTITY, p, ledgerRepository.scopeColumns),
      from: w.from,
      until: w.until,
      asOfDay: w.asOfDay,
    });
    return rows.map((r) => stateOf(r, w));
  }

  async function weekly(p: Principal, ledgerId: string, weekDay?: string): Promise<WeeklySummary> {
    const l = await requireLedger(ledgerId);
    const day = today();
    const wk = isoWeekOf(weekDay ?? day);
    if (wk.start > day) throw validationError([{ path: 'querystring.week', message: `the week of ${weekDay} has not begun` }]);
    const w = windowOf(wk.start, wk.end, clock.now(), day);
    const tasks = await tasksOf(p, ledgerId, w);
    const open = tasks.filter((t) => t.open);
    const inWeek = (d: string | null) => !!d && d >= wk.start && d <= wk.end;
    const newlyOverdue = tasks.filter((t) => t.overdue && inWeek(t.deadline));
    const byLight = { red: 0, yellow: 0, green: 0, none: 0 };
    for (const t of open) byLight[t.lightNow]++;
    const units = countByUnit(tasks, wk.start, wk.end);
    return {
      ledger: { id: l.id, name: l.name, supervisorUnitName: l.supervisorUnitName },
      week: { isoYear: wk.isoYear, isoWeek: wk.isoWeek, start: wk.start, end: wk.end, asOf: w.asOfDay, label: `${wk.isoYear}年第${wk.isoWeek}周` },
      totals: {
        items: tasks.length,
        open: open.length,
        newlyAssigned: tasks.filter((t) => inWeek(t.assignedOn)).length,
        progressReported: open.filter((t) => inWeek(t.progressOn)).length,
        newlyOverdue: newlyOverdue.length,
        overdue: tasks.filter((t) => t.overdue).length,
        closed: tasks.filter((t) => t.closedOn).length,
      },
      byLight,
      progress: open.map((t) => ({
        id: t.id,
        code: t.code,
        title: t.title,
        leadUnitName: t.leadUnitName,
        ownerName: t.ownerName,
        deadline: t.deadline,
        status: t.status,
        light: t.lightNow,
        latestProgress: t.progressText,
        latestProgressOn: t.progressOn,
        reportedThisWeek: inWeek(t.progressOn),
      })),
      newlyOverdue: newlyOverdue.map((t) => ({
        id: t.id,
        code: t.code,
        title: t.title,
        leadUnitName: t.leadUnitName,
        ownerName: t.ownerName,
        deadline: t.deadline,
        daysOverdue: daysBetween(t.deadline, w.cutoffDay),
        status: t.status,
      })),
      closed: tasks
        .filter((t) => t.closedOn)
        .map((t) => ({ id: t.id, code: t.code, title: t.title, leadUnitName: t.leadUnitName, closedOn: t.closedOn!, status: t.status })),
      byUnit: units.map(({ items: _i, due: _d, onTime: _o, ...u }) => u),
    };
  }

  const statusText = (s: string) => ledgerStatusLabels[s as LedgerStatus] ?? s;

  function weeklyBlocks(s: WeeklySummary): Block[] {
    const year = s.week.isoYear;
    const t = s.totals;
    const none = (text: string): Block[] => [{ kind: 'p', text }];
    return [
      {
        kind: 'p',
        text: `现将${s.ledger.name}${officialDate(s.week.start)}至${officialDate(s.week.end)}（${s.week.label}）督办事项办理进展汇总如下${s.week.asOf < s.week.end ? `（数据截至${officialDate(s.week.asOf)}）` : ''}。`,
      },
      { kind: 'h1', text: '总体情况' },
      {
        kind: 'p',
        text:
          `共有督办事项${t.items}项，在办${t.open}项，其中红灯${s.byLight.red}项、黄灯${s.byLight.yellow}项、绿灯${s.byLight.green}项。` +
          `本周新交办${t.newlyAssigned}项，报送进展${t.progressReported}项，办结${t.closed}项，新增逾期${t.newlyOverdue}项；累计逾期未办结${t.overdue}项。`,
      },
      { kind: 'h1', text: '各事项最新进展' },
      ...(s.progress.length
        ? [
            {
              kind: 'table' as const,
              columns: ['序号', '事项', '牵头单位', '灯色', '最新进展', '报送日期'],
              rows: s.progress.map((x, i) => [
                i + 1,
                x.title,
                x.leadUnitName,
                lightLabels[x.light],
                x.latestProgress ?? '未报送',
                x.latestProgressOn ? shortDate(x.latestProgressOn, year) : '—',
              ]),
              widths: [6, 16, 10, 6, 22, 11],
            },
          ]
        : none('本周无在办事项。')),
      { kind: 'h1', text: '本周新增逾期事项' },
      ...(s.newlyOverdue.length
        ? [
            {
              kind: 'table' as const,
              columns: ['序号', '事项', '牵头单位', '责任人', '时限', '逾期天数'],
              rows: s.newlyOverdue.map((x, i) => [i + 1, x.title, x.leadUnitName, x.ownerName ?? '—', shortDate(x.deadline, year), x.daysOverdue]),
            },
          ]
        : none('本周无新增逾期事项。')),
      { kind: 'h1', text: '本周办结事项' },
      ...(s.closed.length
        ? [
            {
              kind: 'table' as const,
              columns: ['序号', '事项', '牵头单位', '办结日期', '状态'],
              rows: s.closed.map((x, i) => [i + 1, x.title, x.leadUnitName, shortDate(x.closedOn, year), statusText(x.status)]),
            },
          ]
        : none('本周无办结事项。')),
      { kind: 'h1', text: '分类统计' },
      { kind: 'h2', text: '按牵头单位' },
      ...(s.byUnit.length
        ? [
            {
              kind: 'table' as const,
              columns: ['牵头单位', '在办', '新交办', '报送进展', '办结', '逾期', '红灯', '黄灯'],
              rows: s.byUnit.map((u) => [u.unitName, u.open, u.newlyAssigned, u.progressReported, u.closed, u.overdue, u.red, u.yellow]),
            },
          ]
        : none('无。')),
      { kind: 'h2', text: '按灯色' },
      {
        kind: 'table',
        columns: ['灯色', '在办事项数', '占比'],
        rows: (['red', 'yellow', 'green'] as const).map((k) => [lightLabels[k], s.byLight[k], percent(s.byLight[k], t.open)]),
      },
    ];
  }

  async function weeklyXlsx(s: WeeklySummary): Promise<Buffer> {
    const wb = new ExcelJS.Workbook();
    wb.creator = 'ZoneOps';
    const head = `${s.ledger.name} ${s.week.label}（${s.week.start}至${s.week.end}）`;
    const t = s.totals;
    addSheet(
      wb,
      '总体情况',
      `${head} 总体情况`,
      [
        { header: '项目', width: 24 },
        { header: '数量', width: 10 },
      ],
      [
        ['督办事项', t.items],
        ['在办', t.open],
        ['本周新交办', t.newlyAssigned],
        ['本周报送进展', t.progressReported],
        ['本周办结', t.closed],
        ['本周新增逾期', t.newlyOverdue],
        ['累计逾期未办结', t.overdue],
      ],
    );
    addSheet(
      wb,
      '最新进展',
      `${head} 各事项最新进展`,
      [
        { header: '序号', width: 6 },
        { header: '编号', width: 14 },
        { header: '事项', width: 36 },
        { header: '牵头单位', width: 16 },
        { header: '责任人', width: 10 },
        { header: '时限', width: 12 },
        { header: '状态', width: 10 },
        { header: '灯色', width: 8 },
        { header: '最新进展', width: 48 },
        { header: '报送日期', width: 12 },
        { header: '本周报送', width: 10 },
      ],
      s.progress.map((x, i) => [
        i + 1,
        x.code,
        x.title,
        x.leadUnitName,
        x.ownerName,
        x.deadline,
        statusText(x.status),
        lightLabels[x.light],
        x.latestProgress,
        x.latestProgressOn,
        x.reportedThisWeek ? '是' : '否',
      ]),
    );
    addSheet(
      wb,
      '新增逾期',
      `${head} 本周新增逾期事项`,
      [
        { header: '序号', width: 6 },
        { header: '编号', width: 14 },
        { header: '事项', width: 36 },
        { header: '牵头单位', width: 16 },
        { header: '责任人', width: 10 },
        { header: '时限', width: 12 },
        { header: '逾期天数', width: 10 },
        { header: '状态', width: 10 },
      ],
      s.newlyOverdue.map((x, i) => [i + 1, x.code, x.title, x.leadUnitName, x.ownerName, x.deadline, x.daysOverdue, statusText(x.status)]),
    );
    addSheet(
      wb,
      '本周办结',
      `${head} 本周办结事项`,
      [
        { header: '序号', width: 6 },
        { header: '编号', width: 14 },
        { header: '事项', width: 36 },
        { header: '牵头单位', width: 16 },
        { header: '办结日期', width: 12 },
        { header: '状态', width: 16 },
      ],
      s.closed.map((x, i) => [i + 1, x.code, x.title, x.leadUnitName, x.closedOn, statusText(x.status)]),
    );
    addSheet(
      wb,
      '按牵头单位',
      `${head} 按牵头单位统计`,
      ['牵头单位', '在办', '本周新交办', '本周报送进展', '本周办结', '逾期未办结', '红灯', '黄灯', '绿灯'].map((header, i) => ({ header, width: i ? 12 : 20 })),
      s.byUnit.map((u) => [u.unitName, u.open, u.newlyAssigned, u.progressReported, u.closed, u.overdue, u.red, u.yellow, u.green]),
    );
    addSheet(
      wb,
      '按灯色',
      `${head} 按灯色统计`,
      [
        { header: '灯色', width: 10 },
        { header: '在办事项数', width: 12 },
      ],
      (['red', 'yellow', 'green', 'none'] as const).map((k) => [k === 'none' ? '无（公示中）' : lightLabels[k], s.byLight[k]]),
    );
    return Buffer.from(await wb.xlsx.writeBuffer());
  }

  const templateFor = (which: 'office' | 'default') => (which === 'default' ? loadTemplate() : loadTemplate(undefined, config.dataDir));

  return {
    weekly,

    async weeklyDocx(p: Principal, ledgerId: string, weekDay?: string): Promise<{ filename: string; buffer: Buffer }> {
      const s = await weekly(p, ledgerId, weekDay);
      const title = `督查督办事项周汇总（${s.week.label}）`;
      const buffer = await renderOfficialDocument(
        { issuer: s.ledger.supervisorUnitName, title, blocks: weeklyBlocks(s), signature: s.ledger.supervisorUnitName, date: today() },
        await templateFor('office'),
      );
      return { filename: `${title}.docx`, buffer };
    },

    async weeklyXlsx(p: Principal, ledgerId: string, weekDay?: string): Promise<{ filename: string; buffer: Buffer }> {
      const s = await weekly(p, ledgerId, weekDay);
      return { filename: `督查督办事项周汇总（${s.week.label}）.xlsx`, buffer: await weeklyXlsx(s) };
    },

    /** The supervision bulletin (督查通报) of a period, laid out per GB/T 9704 by the official-document template. */
    async bulletin(p: Principal, ledgerId: string, input: BulletinCreate): Promise<{ filename: string; buffer: Buffer }> {
      const l = await requireLedger(ledgerId);
      const day = today();
      const { from, to } = input.period;
      if (from > day) throw validationError([{ path: 'body.period.from', message: 'the period has not begun' }]);
      const w = windowOf(from, to, clock.now(), day);
      const tasks = await tasksOf(p, ledgerId, w);
      const year = Number(w.asOfDay.slice(0, 4));
      const open = tasks.filter((t) => t.open);
      const lightsOf = { red: 0, yellow: 0, green: 0 };
      for (const t of open) if (t.lightNow !== 'none') lightsOf[t.lightNow]++;
      const due = tasks.filter((t) => t.deadline >= from && t.deadline < w.cutoffDay);
      const onTime = (t: TaskState) => !WORK_STATUSES.includes(t.status) && t.reportedOn !== null && t.reportedOn <= t.deadline;
      const units = countByUnit(tasks, from, to);
      for (const t of due) {
        const u = units.find((x) => x.unitId === t.leadUnitId)!;
        u.due++;
        if (onTime(t)) u.onTime++;
      }
      const flagged = open
        .filter((t) => t.lightNow === 'red' || t.lightNow === 'yellow')
        .sort((a, b) => (a.lightNow === b.lightNow ? a.seq - b.seq : a.lightNow === 'red' ? -1 : 1));
      const overdue = tasks.filter((t) => t.overdue);
      const issuer = input.issuer || l.supervisorUnitName;
      const title = input.title || `关于${l.name}事项办理情况的通报`;
      const closed = tasks.filter((t) => t.closedOn).length;
      const newly = tasks.filter((t) => t.assignedOn >= from && t.assignedOn <= to).length;
      const onTimeCount = due.filter(onTime).length;

      const blocks: Block[] = [
        { kind: 'p', text: `现将${officialDate(from)}至${officialDate(to)}${l.name}事项办理情况通报如下。` },
        { kind: 'h1', text: '总体情况' },
        {
          kind: 'p',
          text:
            `截至${officialDate(w.asOfDay)}，${l.name}共有督办事项${tasks.length}项。本期新交办${newly}项，办结${closed}项；` +
            `在办${open.length}项，其中红灯${lightsOf.red}项、黄灯${lightsOf.yellow}项、绿灯${lightsOf.green}项；逾期未办结${overdue.length}项。` +
            (due.length ? `本期到期事项${due.length}项，按期办结${onTimeCount}项，按期办结率${percent(onTimeCount, due.length)}。` : '本期无到期事项。'),
        },
        ...lines(input.highlights).map((text): Block => ({ kind: 'p', text })),
        ...(units.length
          ? [
              {
                kind: 'table' as const,
                columns: ['序号', '牵头单位', '事项数', '办结', '在办', '逾期未办结', '按期办结率'],
                rows: units.map((u, i) => [i + 1, u.unitName, u.items, u.closed, u.open, u.overdue, percent(u.onTime, u.due)]),
              },
            ]
          : []),
        { kind: 'h1', text: '红黄灯事项' },
        ...(flagged.length
          ? [
              { kind: 'p' as const, text: `红灯事项${lightsOf.red}项、黄灯事项${lightsOf.yellow}项，具体如下：` },
              {
                kind: 'table' as const,
                columns: ['序号', '事项', '牵头单位', '时限', '灯色', '原因'],
                rows: flagged.map((t, i) => [i + 1, t.title, t.leadUnitName, shortDate(t.deadline, year), lightLabels[t.lightNow], t.reasons]),
                widths: [5, 17, 10, 10, 6, 14],
              },
            ]
          : [{ kind: 'p' as const, text: '本期无红灯、黄灯事项。' }]),
        { kind: 'h1', text: '逾期未办结事项' },
        ...(overdue.length
          ? [
              { kind: 'p' as const, text: `逾期未办结事项${overdue.length}项，具体如下：` },
              {
                kind: 'table' as const,
                columns: ['序号', '事项', '牵头单位', '责任人', '时限', '逾期天数', '最新进展'],
                rows: overdue.map((t, i) => [
                  i + 1,
                  t.title,
                  t.leadUnitName,
                  t.ownerName ?? '—',
                  shortDate(t.deadline, year),
                  daysBetween(t.deadline, w.cutoffDay),
                  t.progressText ?? '未报送',
                ]),
                widths: [5, 14, 9, 7, 10, 7, 16],
              },
            ]
          : [{ kind: 'p' as const, text: '本期无逾期未办结事项。' }]),
        { kind: 'h1', text: '下步工作' },
        ...(lines(input.nextSteps).length
          ? lines(input.nextSteps)
          : [
              `对红灯和逾期未办结事项，${issuer}将逐项跟踪督办，必要时提请领导约谈牵头单位负责人。`,
              '黄灯事项牵头单位要倒排工期、加快推进，确保在时限内办结。',
              '各牵头单位要按要求及时报送进展，配合单位要主动对接、形成合力；督办事项办理情况纳入年度考核。',
            ]
        ).map((text): Block => ({ kind: 'p', text })),
      ];
      const buffer = await renderOfficialDocument(
        {
          issuer,
          ...(input.docNumber ? { docNumber: input.docNumber } : {}),
          title,
          recipients: input.recipients || '各有关单位',
          blocks,
          signature: issuer,
          date: day,
        },
        await templateFor(input.template),
      );
      return { filename: `${title}.docx`, buffer };
    },
  };
}

export type LedgerSummariesService = ReturnType<typeof createLedgerSummariesService>;

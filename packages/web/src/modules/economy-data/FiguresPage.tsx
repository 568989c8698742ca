// 指标数据: the figures of one month (?month=YYYY-MM) in a spreadsheet-like grid. Typed and pasted cells stay
// highlighted until saved; a save sends only the changed cells (PUT /api/economy/figures, all or nothing), shows the
// server's field errors on their cells and, for a cumulative value below last period's, asks a revision reason per cell
// and sends again. Approval of the month's drafts (economy.approve), the statistics bureau sheet as export and import.
import { useCallback, useEffect, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router';
import { Alert, App, Button, Card, DatePicker, Empty, Flex, Space, Spin, Switch, Tooltip, Typography } from 'antd';
import { CheckCircleOutlined, DownloadOutlined, ReloadOutlined, SaveOutlined, UndoOutlined, UploadOutlined } from '@ant-design/icons';
import dayjs from 'dayjs';
import type { FigureGrid } from '@zoneops/shared';
import { api, isApiError } from '../../app/api.ts';
import { useAuth } from '../../app/auth.tsx';
import { downloadExport } from '../../app/download.ts';
import { shanghaiToday } from '../../app/format.ts';
import { useApiGet } from '../../app/use-api.ts';
import { useReportError } from '../../app/use-report-error.ts';
import {
  approvableDrafts,
  buildEntries,
  cellErrorsOf,
  cellKey,
  decreasesOf,
  draftState,
  fieldKey,
  isGrowthField,
  numberText,
  monthParam,
  previousMonth,
  type Decrease,
  type FigureField,
} from './economy-data-ui.ts';
import { FiguresGrid, type CellEdit } from './FiguresGrid.tsx';
import { FiguresImport } from './FiguresImport.tsx';
import { RevisionModal } from './RevisionModal.tsx';

const NO_DRAFTS: ReadonlyMap<string, string> = new Map();
const NO_ERRORS: { cells: ReadonlyMap<string, string[]>; general: string[] } = { cells: new Map(), general: [] };

function Legend() {
  const { t } = useTranslation();
  const swatch = (colour: string, label: string) => (
    <span>
      <span className="zo-fig-swatch" style={{ background: colour }} />
      {label}
    </span>
  );
  return (
    <Space size="middle" wrap style={{ fontSize: 12, color: '#666' }} data-testid="figures-legend">
      {swatch('#f0faf3', t('economyData.status.approved'))}
      {swatch('#fff8e6', t('economyData.status.draft'))}
      {swatch('#e6f0ff', t('economyData.legend.changed'))}
      {swatch('#fff1f0', t('economyData.legend.error'))}
      {swatch('#fafafa', t('economyData.legend.locked'))}
    </Space>
  );
}

export default function FiguresPage() {
  const { t, i18n } = useTranslation();
  const en = i18n.language.startsWith('en');
  const { can } = useAuth();
  const { message, modal } = App.useApp();
  const report = useReportError();
  const [params, setParams] = useSearchParams();
  const month = monthParam(params.get('month'), previousMonth(shanghaiToday()));
  const loaded = useApiGet<FigureGrid>('/api/economy/figures', { month });
  const grid = loaded.data?.month === month ? loaded.data : undefined;

  // typed texts belong to the month they were typed for
  const [edits, setEdits] = useState<{ month: string; drafts: ReadonlyMap<string, string> }>({ month, drafts: NO_DRAFTS });
  const drafts = edits.month === month ? edits.drafts : NO_DRAFTS;
  const [serverErrors, setServerErrors] = useState<{ month: string; cells: ReadonlyMap<string, string[]>; general: string[] }>({
    month,
    cells: new Map(),
    general: [],
  });
  const errors = serverErrors.month === month ? serverErrors : NO_ERRORS;
  const [reasons, setReasons] = useState<ReadonlyMap<string, string>>(new Map());
  const [decreases, setDecreases] = useState<Decrease[] | null>(null);
  const [showMonth, setShowMonth] = useState(false);
  const [saving, setSaving] = useState(false);
  const [importing, setImporting] = useState(false);

  const state = useMemo(
    () => (grid ? draftState(grid, drafts, en ? 'en' : 'zh') : { changed: new Set<string>(), invalid: new Map<string, string>() }),
    [grid, drafts, en],
  );
  const dirty = state.changed.size > 0;
  const hasMonthly = !!grid?.rows.some((r) => r.indicator.frequency === 'month' && r.period !== null);
  const canEnter = can('economy.enter') && !!grid?.rows.some((r) => r.indicator.can.enter);

  useEffect(() => {
    if (!dirty) return;
    const warn = (e: BeforeUnloadEvent) => e.preventDefault();
    window.addEventListener('beforeunload', warn);
    return () => window.removeEventListener('beforeunload', warn);
  }, [dirty]);

  const onEdit = useCallback(
    (list: CellEdit[]) => {
      setEdits((prev) => {
        const next = new Map(prev.month === month ? prev.drafts : NO_DRAFTS);
        for (const e of list) {
          if (e.text === null || e.text === e.storedText) next.delete(e.key);
          else next.set(e.key, e.text);
        }
        return { month, drafts: next };
      });
      setServerErrors((prev) => {
        if (prev.month !== month || !list.some((e) => prev.cells.has(e.key))) return prev;
        const cells = new Map(prev.cells);
        for (const e of list) cells.delete(e.key);
        return { ...prev, cells };
      });
    },
    [month],
  );

  const onPasted = useCallback(
    (filled: number, skipped: number) => {
      if (skipped) void message.warning(t('economyData.grid.pastedSkipped', { filled, skipped }));
      else void message.info(t('economyData.grid.pasted', { filled }));
    },
    [message, t],
  );

  const changeMonth = (next: string) => {
    const go = () =>
      setParams((prev) => {
        const p = new URLSearchParams(prev);
        p.set('month', next);
        return p;
      });
    if (!dirty) return go();
    modal.confirm({ title: t('economyData.discardTitle'), content: t('economyData.discardConfirm', { count: state.changed.size }), onOk: go });
  };

  const discard = () =>
    modal.confirm({
      title: t('economyData.discardTitle'),
      content: t('economyData.discardConfirm', { count: state.changed.size }),
      onOk: () => {
        setEdits({ month, drafts: NO_DRAFTS });
        setServerErrors({ month, cells: new Map(), general: [] });
        setReasons(new Map());
      },
    });

  const save = async (withReasons: ReadonlyMap<string, string> = reasons) => {
    if (!grid) return;
    const { entries, refs, invalid } = buildEntries(grid, drafts, withReasons, en ? 'en' : 'zh');
    if (invalid.length) {
      void message.error(t('economyData.invalidCells', { count: invalid.length }));
      return;
    }
    if (!entries.length) {
      void message.info(t('economyData.nothingToSave'));
      return;
    }
    setSaving(true);
    try {
      const answer = await api.put<{ saved: number; removed: number; unchanged: number }>('/api/economy/figures', { entries });
      void message.success(t('economyData.savedCounts', answer));
      setEdits({ month, drafts: NO_DRAFTS });
      setServerErrors({ month, cells: new Map(), general: [] });
      setReasons(new Map());
      setDecreases(null);
      loaded.reload();
    } catch (err) {
      if (isApiError(err, 'CUMULATIVE_DECREASE')) {
        setDecreases(decreasesOf(err.details, refs));
      } else if (isApiError(err, 'VALIDATION_FAILED')) {
        const { cells, general } = cellErrorsOf(err.details, refs);
        setServerErrors({ month, cells, general });
        setDecreases(null);
        void message.error(t('economyData.serverErrors', { count: cells.size + general.length }));
      } else {
        report(err);
      }
    } finally {
      setSaving(false);
    }
  };

  const giveReasons = (given: Map<string, string>) => {
    const merged = new Map([...reasons, ...given]);
    setReasons(merged);
    void save(merged);
  };

  const approve = () => {
    if (!grid) return;
    const { figures, indicators } = approvableDrafts(grid);
    modal.confirm({
      title: t('economyData.approve.title', { month }),
      width: 520,
      content: (
        <div data-testid="approve-confirm">
          <Typography.Paragraph>{t('economyData.approve.confirm', { count: figures, indicators: indicators.length })}</Typography.Paragraph>
          <ul style={{ maxHeight: 200, overflow: 'auto', paddingLeft: 20, margin: 0 }}>
            {indicators.map((x) => (
              <li key={x.indicator.id}>{t('economyData.approve.line', { name: en ? x.indicator.nameEn : x.indicator.nameZh, count: x.drafts })}</li>
            ))}
          </ul>
        </div>
      ),
      okText: t('economyData.approve.ok'),
      onOk: async () => {
        try {
          const answer = await api.post<{ approved: number }>('/api/economy/figures/approve', { month });
          void message.success(t('economyData.approve.done', { count: answer.approved }));
          loaded.reload();
        } catch (err) {
          report(err);
        }
      },
    });
  };

  const exportSheet = () => void downloadExport('/api/economy/figures/export.xlsx', { month }, t('economyData.exportName', { month })).catch(report);

  const problemList = useMemo(() => {
    if (!grid) return [];
    const label = (k: string) => {
      const [indicatorId, regionId, field] = k.split('|') as [string, string, FigureField];
      const row = grid.rows.find((r) => r.indicator.id === indicatorId);
      const region = grid.regions.find((r) => r.id === regionId);
      const name = row ? (en ? row.indicator.nameEn : row.indicator.nameZh) : indicatorId;
      return `${name} · ${region ? (en ? region.nameEn : region.name) : regionId} · ${t(`economyData.grid.fields.${field}`)}`;
    };
    const fieldOf = (k: string) => k.split('|')[2] as FigureField;
    return [
      ...[...state.invalid].map(([k, m]) => `${label(k)}: ${t(isGrowthField(fieldOf(k)) ? 'economyData.grid.badGrowth' : 'economyData.grid.badValue')} (${m})`),
      ...[...errors.cells].map(([k, ms]) => `${label(k)}: ${ms.join('; ')}`),
      ...errors.general,
    ];
  }, [grid, state.invalid, errors, en, t]);

  const approvable = grid ? approvableDrafts(grid).figures : 0;

  return (
    <Card
      title={t('menu.economyFigures')}
      data-testid="figures-page"
      extra={
        <Space wrap>
          <DatePicker
            picker="month"
            allowClear={false}
            value={dayjs(`${month}-01`)}
            onChange={(d) => d && changeMonth(d.format('YYYY-MM'))}
            disabledDate={(d) => d.isAfter(dayjs(shanghaiToday()), 'month')}
            data-testid="figures-month"
          />
          <Button icon={<ReloadOutlined />} onClick={loaded.reload} loading={loaded.loading} title={t('common.refresh')} />
          <Button icon={<DownloadOutlined />} onClick={exportSheet} data-testid="figures-export">
            {t('economyData.export')}
          </Button>
          {can('economy.enter') && (
            <Button icon={<UploadOutlined />} onClick={() => setImporting(true)} data-testid="figures-import">
              {t('economyData.import.button')}
            </Button>
          )}
          {can('economy.approve') && (
            <Tooltip title={dirty ? t('economyData.approve.saveFirst') : approvable ? undefined : t('economyData.approve.none')}>
              <Button icon={<CheckCircleOutlined />} disabled={dirty || !approvable} onClick={approve} data-testid="figures-approve">
                {t('economyData.approve.button', { count: approvable })}
              </Button>
            </Tooltip>
          )}
        </Space>
      }
    >
      <Alert
        type="info"
        showIcon
        style={{ marginBottom: 12 }}
        title={t('economyData.growthHint')}
        description={canEnter ? t('economyData.keyboardHint') : undefined}
        data-testid="figures-hint"
      />
      <Flex justify="space-between" align="center" wrap gap={8} style={{ marginBottom: 8 }}>
        <Legend />
        <Space wrap>
          {hasMonthly && (
            <Space size={4}>
              <Switch size="small" checked={showMonth} onChange={setShowMonth} data-testid="figures-show-month" />
              <span>{t('economyData.showMonth')}</span>
            </Space>
          )}
          {canEnter && (
            <>
              <Button icon={<UndoOutlined />} disabled={!dirty || saving} onClick={discard} data-testid="figures-discard">
                {t('economyData.discard')}
              </Button>
              <Button type="primary" icon={<SaveOutlined />} disabled={!dirty} loading={saving} onClick={() => void save()} data-testid="figures-save">
                {dirty ? t('economyData.saveCount', { count: state.changed.size }) : t('common.save')}
              </Button>
            </>
          )}
        </Space>
      </Flex>
      {problemList.length > 0 && (
        <Alert
          type="error"
          showIcon
          style={{ marginBottom: 8 }}
          title={t('economyData.problems', { count: problemList.length })}
          description={
            <ul style={{ margin: 0, paddingLeft: 18, maxHeight: 120, overflow: 'auto' }}>
              {problemList.slice(0, 20).map((p) => (
                <li key={p}>{p}</li>
              ))}
            </ul>
          }
          data-testid="figures-problems"
        />
      )}
      <Spin spinning={loaded.loading && !!grid}>
        {grid && grid.rows.length > 0 ? (
          <FiguresGrid
            grid={grid}
            showMonth={showMonth && hasMonthly}
            drafts={drafts}
            changed={state.changed}
            invalid={state.invalid}
            serverErrors={errors.cells}
            onEdit={onEdit}
            onPasted={onPasted}
          />
        ) : grid ? (
          <Empty description={t('economyData.noIndicators')} data-testid="figures-empty" />
        ) : (
          <Flex justify="center" style={{ padding: 48 }}>
            <Spin />
          </Flex>
        )}
      </Spin>
      <RevisionModal
        items={decreases}
        grid={grid}
        valueOf={(d) =>
          drafts.get(fieldKey(d.indicatorId, d.regionId, 'value')) ??
          numberText(grid?.rows.find((r) => r.indicator.id === d.indicatorId)?.cells.find((c) => c.regionId === d.regionId)?.value)
        }
        initialReasons={
          new Map(
            (decreases ?? []).map((d) => {
              const k = cellKey(d.indicatorId, d.regionId);
              const stored = grid?.rows.find((r) => r.indicator.id === d.indicatorId)?.cells.find((c) => c.regionId === d.regionId)?.revisionReason;
              return [k, reasons.get(k) ?? stored ?? ''];
            }),
          )
        }
        busy={saving}
        onCancel={() => setDecreases(null)}
        onSubmit={giveReasons}
      />
      {importing && (
        <FiguresImport
          open={importing}
          month={month}
          dirty={dirty}
          onClose={() => setImporting(false)}
          onImported={() => {
            setServerErrors({ month, cells: new Map(), general: [] });
            loaded.reload();
          }}
        />
      )}
    </Card>
  );
}

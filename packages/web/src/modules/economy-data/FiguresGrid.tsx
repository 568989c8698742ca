// The spreadsheet of one month's figures: indicators in rows (name, unit, period, status), regions in columns (the zone,
// the city, then the peers), each with 绝对值 and 比增(%) (and 当月值, 当月比增 when shown). Cells of the indicators the
// user may enter are inputs: Tab / Shift+Tab run along the rows, Enter / Shift+Enter and the arrows move within a
// column or row, Esc restores the stored figure, and a block copied from Excel (tab-separated rows) is pasted from the
// focused cell on. The grid only reports typed texts (onEdit); the page keeps them until they are saved.
import { memo, useCallback, useMemo, useRef, type ClipboardEvent, type KeyboardEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { Tag, Tooltip } from 'antd';
import { periodLabel, type FigureGrid } from '@zoneops/shared';
import { formatDateTime } from '../../app/format.ts';
import {
  cellEditable,
  fieldKey,
  gridColumns,
  nextCell,
  numberText,
  orderRegions,
  parseClipboard,
  pasteTargets,
  rowStatus,
  type Drafts,
  type FigureField,
  type GridPos,
  type Move,
} from './economy-data-ui.ts';
import './figures-grid.css';

/** A typed text for a cell; null restores the stored figure. */
export interface CellEdit {
  key: string;
  text: string | null;
  storedText: string;
}

interface Props {
  grid: FigureGrid;
  showMonth: boolean;
  drafts: Drafts;
  /** Field keys typed into and different from what is stored. */
  changed: ReadonlySet<string>;
  /** Field keys whose text cannot be read, with the reason. */
  invalid: ReadonlyMap<string, string>;
  /** Field keys the server refused, with its messages. */
  serverErrors: ReadonlyMap<string, readonly string[]>;
  onEdit: (edits: CellEdit[]) => void;
  /** After a paste: how many cells were filled and how many fell on cells that cannot be entered or outside the grid. */
  onPasted: (filled: number, skipped: number) => void;
}

const statusColours = { empty: 'default', draft: 'orange', approved: 'green' } as const;

interface CellProps {
  row: number;
  col: number;
  text: string;
  className: string;
  title: string;
  label: string;
  testId: string;
  register: (pos: string, el: HTMLInputElement | null) => void;
  onText: (row: number, col: number, text: string) => void;
  onKey: (e: KeyboardEvent<HTMLInputElement>, row: number, col: number) => void;
  onPaste: (e: ClipboardEvent<HTMLInputElement>, row: number, col: number) => void;
}

const Cell = memo(function Cell({ row, col, text, className, title, label, testId, register, onText, onKey, onPaste }: CellProps) {
  return (
    <td className={className} title={title || undefined}>
      <input
        ref={(el) => register(`${row}:${col}`, el)}
        className="zo-fig-input"
        value={text}
        inputMode="decimal"
        autoComplete="off"
        spellCheck={false}
        aria-label={label}
        data-testid={testId}
        onChange={(e) => onText(row, col, e.target.value)}
        onKeyDown={(e) => onKey(e, row, col)}
        onPaste={(e) => onPaste(e, row, col)}
        onFocus={(e) => e.target.select()}
      />
    </td>
  );
});

export function FiguresGrid({ grid, showMonth, drafts, changed, invalid, serverErrors, onEdit, onPasted }: Props) {
  const { t, i18n } = useTranslation();
  const en = i18n.language.startsWith('en');
  const regions = useMemo(() => orderRegions(grid.regions), [grid.regions]);
  const columns = useMemo(() => gridColumns(regions, showMonth), [regions, showMonth]);
  const rows = grid.rows;
  const perRegion = showMonth ? 4 : 2;
  const inputs = useRef(new Map<string, HTMLInputElement>());

  const stored = useMemo(() => {
    const out = new Map<string, number | null>();
    for (const row of rows)
      for (const c of row.cells)
        for (const f of ['value', 'growth', 'monthValue', 'monthGrowth'] as const) out.set(fieldKey(row.indicator.id, c.regionId, f), c[f]);
    return out;
  }, [rows]);

  const keyAt = useCallback((p: GridPos) => fieldKey(rows[p.row]!.indicator.id, columns[p.col]!.regionId, columns[p.col]!.field), [rows, columns]);
  const editableAt = useCallback((p: GridPos) => cellEditable(rows[p.row]!, columns[p.col]!.field), [rows, columns]);
  const edit = useCallback(
    (p: GridPos, text: string | null): CellEdit => {
      const key = keyAt(p);
      return { key, text, storedText: numberText(stored.get(key)) };
    },
    [keyAt, stored],
  );

  const register = useCallback((pos: string, el: HTMLInputElement | null) => {
    if (el) inputs.current.set(pos, el);
    else inputs.current.delete(pos);
  }, []);

  const onText = useCallback((row: number, col: number, text: string) => onEdit([edit({ row, col }, text)]), [edit, onEdit]);

  const onKey = useCallback(
    (e: KeyboardEvent<HTMLInputElement>, row: number, col: number) => {
      if (e.nativeEvent.isComposing) return;
      const el = e.currentTarget;
      const start = el.selectionStart ?? 0;
      const end = el.selectionEnd ?? 0;
      const whole = start === 0 && end === el.value.length;
      let move: Move | null = null;
      if (e.key === 'Tab') move = e.shiftKey ? 'prev' : 'next';
      else if (e.key === 'Enter') move = e.shiftKey ? 'up' : 'down';
      else if (e.key === 'ArrowDown') move = 'down';
      else if (e.key === 'ArrowUp') move = 'up';
      else if (e.key === 'ArrowLeft' && (whole || (start === 0 && end === 0))) move = 'left';
      else if (e.key === 'ArrowRight' && (whole || (start === el.value.length && end === start))) move = 'right';
      else if (e.key === 'Escape') {
        e.preventDefault();
        onEdit([edit({ row, col }, null)]);
        // the stored figure is back: the next keystroke replaces it, as in a spreadsheet
        requestAnimationFrame(() => el.select());
        return;
      }
      if (!move) return;
      const to = nextCell({ row, col }, move, rows.length, columns.length, editableAt);
      // Tab past the last cell leaves the grid as usual
      if (!to && (move === 'next' || move === 'prev')) return;
      e.preventDefault();
      if (to) inputs.current.get(`${to.row}:${to.col}`)?.focus();
    },
    [rows.length, columns.length, editableAt, edit, onEdit],
  );

  const onPaste = useCallback(
    (e: ClipboardEvent<HTMLInputElement>, row: number, col: number) => {
      const text = e.clipboardData.getData('text/plain');
      // one value without a line break or a tab: the input's own paste
      if (!/[\t\r\n]/.test(text)) return;
      e.preventDefault();
      const block = parseClipboard(text);
      const targets = pasteTargets(block, { row, col }, rows.length, columns.length);
      const edits = targets.filter((p) => editableAt(p)).map((p) => edit(p, p.text));
      const total = block.reduce((n, line) => n + line.length, 0);
      onEdit(edits);
      onPasted(edits.length, total - edits.length);
    },
    [rows.length, columns.length, editableAt, edit, onEdit, onPasted],
  );

  const fieldLabel = (f: FigureField) => t(`economyData.grid.fields.${f}`);
  const regionName = (r: { name: string; nameEn: string }) => (en ? r.nameEn : r.name);

  return (
    <div className="zo-fig-wrap" data-testid="figures-grid">
      <table className="zo-fig">
        <thead>
          <tr>
            <th rowSpan={2} className="zo-fig-fixed zo-fig-name">
              {t('economyData.grid.indicator')}
            </th>
            <th rowSpan={2} className="zo-fig-fixed zo-fig-unit">
              {t('economyData.grid.unit')}
            </th>
            <th rowSpan={2} className="zo-fig-fixed zo-fig-period">
              {t('economyData.grid.period')}
            </th>
            <th rowSpan={2} className="zo-fig-fixed zo-fig-status">
              {t('economyData.grid.status')}
            </th>
            {regions.map((r) => (
              <th key={r.id} colSpan={perRegion} className={r.kind === 'zone' ? 'zo-fig-zone' : undefined} title={t(`economyData.regionKind.${r.kind}`)}>
                {regionName(r)}
                {r.kind !== 'peer' && (
                  <Tag color={r.kind === 'zone' ? 'blue' : 'purple'} style={{ marginLeft: 6, marginRight: 0 }} variant="filled">
                    {t(`economyData.regionKind.${r.kind}`)}
                  </Tag>
                )}
              </th>
            ))}
          </tr>
          <tr>
            {columns.map((c) => (
              <th key={`${c.regionId}-${c.field}`}>{fieldLabel(c.field)}</th>
            ))}
          </tr>
        </thead>
        <tbody>
          {rows.map((row, r) => {
            const ind = row.indicator;
            const status = rowStatus(row);
            const cells = new Map(row.cells.map((c) => [c.regionId, c]));
            const name = en ? ind.nameEn : ind.nameZh;
            return (
              <tr key={ind.id} data-testid={`fig-row-${ind.code}`}>
                <td className="zo-fig-fixed zo-fig-name" title={name}>
                  <Link to={`/economy/indicators/${ind.id}`} tabIndex={-1}>
                    {name}
                  </Link>
                  {ind.leading && (
                    <Tag color="cyan" style={{ marginLeft: 4 }} variant="filled">
                      {t('economyData.leading')}
                    </Tag>
                  )}
                </td>
                <td className="zo-fig-fixed zo-fig-unit" title={en ? ind.unitEn : ind.unit}>
                  {en ? ind.unitEn : ind.unit}
                </td>
                <td
                  className="zo-fig-fixed zo-fig-period"
                  title={
                    row.period === null
                      ? t('economyData.grid.noQuarter')
                      : row.previousZoneValue !== null
                        ? t('economyData.grid.previousZone', { value: row.previousZoneValue })
                        : undefined
                  }
                >
                  {row.period === null ? '—' : periodLabel(row.period, ind.valueKind, en ? 'en' : 'zh')}
                </td>
                <td className="zo-fig-fixed zo-fig-status">
                  <Tooltip title={!ind.can.enter ? t('economyData.grid.readOnly') : undefined}>
                    <Tag color={statusColours[status.status]} data-testid={`fig-status-${ind.code}`}>
                      {status.status === 'draft' && status.drafts < row.cells.length
                        ? t('economyData.grid.someDrafts', { count: status.drafts })
                        : t(`economyData.status.${status.status}`)}
                    </Tag>
                  </Tooltip>
                </td>
                {columns.map((col, c) => {
                  const k = fieldKey(ind.id, col.regionId, col.field);
                  const cell = cells.get(col.regionId);
                  const storedText = numberText(cell?.[col.field]);
                  const region = regions.find((x) => x.id === col.regionId)!;
                  const problems = [invalid.get(k), ...(serverErrors.get(k) ?? [])].filter((x): x is string => !!x);
                  const classes = ['zo-fig-cell'];
                  if (col.field === 'value') classes.push('zo-fig-region-start');
                  if (problems.length) classes.push('zo-fig-error');
                  else if (changed.has(k)) classes.push('zo-fig-changed');
                  else if (cell && cell[col.field] !== null) classes.push(cell.status === 'approved' ? 'zo-fig-approved' : 'zo-fig-draft');
                  const title = [
                    ...problems,
                    cell && !changed.has(k) ? t(`economyData.status.${cell.status}`) : '',
                    cell?.updatedByName ? t('economyData.grid.updatedBy', { name: cell.updatedByName, time: formatDateTime(cell.updatedAt, false) }) : '',
                    cell?.revisionReason ? t('economyData.grid.revision', { reason: cell.revisionReason }) : '',
                  ]
                    .filter(Boolean)
                    .join('\n');
                  if (!cellEditable(row, col.field)) {
                    classes.push('zo-fig-locked');
                    return (
                      <td key={k} className={classes.join(' ')} title={title || undefined}>
                        <span>{storedText}</span>
                      </td>
                    );
                  }
                  return (
                    <Cell
                      key={k}
                      row={r}
                      col={c}
                      text={drafts.get(k) ?? storedText}
                      className={classes.join(' ')}
                      title={title}
                      label={`${name} ${regionName(region)} ${fieldLabel(col.field)}`}
                      testId={`fig-${ind.code}-${col.regionId}-${col.field}`}
                      register={register}
                      onText={onText}
                      onKey={onKey}
                      onPaste={onPaste}
                    />
                  );
                })}
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}

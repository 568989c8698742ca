// 节点看板: projects × milestone nodes (GET /api/projects/board), planned vs actual in each cell: green when done on
// time, orange when done late, red when overdue, grey when not yet due.
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { Space, Table, Tag, Tooltip, Typography, type TableColumnsType } from 'antd';
import { useApiGet } from '../../app/use-api.ts';
import { ProjectLightDot } from './ProjectLight.tsx';
import type { Board, BoardCell, BoardRow } from './types.ts';
import { boardPageSizes, cellColours, cellState, daysBetween, langOf, monthDay, type CellState, type ViewFilters } from './views-ui.ts';

const CELL_WIDTH = 92;

/** The cell of a node in a row: by position when it matches, else by code. */
function cellOf(row: BoardRow, index: number, code: string): BoardCell | null {
  const at = row.cells[index];
  if (at && at.code === code) return at;
  return row.cells.find((c) => c?.code === code) ?? null;
}

function CellView({ cell, nodeName }: { cell: BoardCell | null; nodeName: string }) {
  const { t } = useTranslation();
  const state = cellState(cell);
  if (!cell || state === 'absent') return <span style={{ color: cellColours.absent.text }}>—</span>;
  const colours = cellColours[state];
  const lines = [
    nodeName,
    `${t('projectViews.board.planned')}: ${cell.plannedOn ?? t('projectViews.board.unplanned')}`,
    `${t('projectViews.board.actual')}: ${cell.actualOn ?? t('projectViews.board.notDone')}`,
  ];
  if (state === 'late' && cell.plannedOn && cell.actualOn) lines.push(t('projectViews.board.lateDays', { days: daysBetween(cell.plannedOn, cell.actualOn) }));
  if (state === 'overdue' && cell.overdueDays) lines.push(t('projectViews.board.overdueDays', { days: cell.overdueDays }));
  return (
    <Tooltip
      title={lines.map((l, i) => (
        <div key={i}>{l}</div>
      ))}
    >
      <div
        style={{
          background: colours.background,
          color: colours.text,
          borderRadius: 4,
          padding: '2px 4px',
          lineHeight: 1.35,
          fontSize: 12,
          whiteSpace: 'nowrap',
        }}
        data-state={state}
      >
        <div>
          {t('projectViews.board.plannedShort')} {monthDay(cell.plannedOn)}
        </div>
        <div style={{ fontWeight: cell.actualOn ? 600 : undefined }}>
          {state === 'overdue'
            ? t('projectViews.board.overdueShort', { days: cell.overdueDays ?? 0 })
            : `${t('projectViews.board.actualShort')} ${monthDay(cell.actualOn)}`}
        </div>
      </div>
    </Tooltip>
  );
}

const legendStates: CellState[] = ['onTime', 'late', 'overdue', 'pending'];

export function MilestoneBoard({
  filters,
  page,
  pageSize,
  onPage,
}: {
  filters: ViewFilters;
  page: number;
  pageSize: number;
  onPage: (page: number, pageSize: number) => void;
}) {
  const { t, i18n } = useTranslation();
  const english = langOf(i18n.language) === 'en';
  const { data, loading } = useApiGet<Board>('/api/projects/board', { ...filters, page, pageSize });

  const columns = useMemo<TableColumnsType<BoardRow>>(() => {
    const nodes = data?.nodes ?? [];
    return [
      {
        key: 'name',
        title: t('projectViews.board.project'),
        fixed: 'left',
        width: 260,
        render: (_: unknown, row: BoardRow) => (
          <Space size={6} align="center" style={{ maxWidth: 244 }}>
            <ProjectLightDot light={row.light} />
            <Link
              to={`/projects/${row.id}`}
              title={row.name}
              style={{ overflow: 'hidden', textOverflow: 'ellipsis', whiteSpace: 'nowrap', maxWidth: 170, display: 'inline-block' }}
            >
              {row.name}
            </Link>
            <Tag style={{ marginInlineEnd: 0 }}>{t(`projectViews.stage.${row.stage}`)}</Tag>
          </Space>
        ),
      },
      ...nodes.map((n, i) => {
        const name = english ? n.nameEn : n.name;
        return {
          key: n.code,
          title: (
            <Tooltip title={name}>
              <Typography.Text ellipsis style={{ width: CELL_WIDTH - 16, fontSize: 12 }}>
                {name}
              </Typography.Text>
            </Tooltip>
          ),
          width: CELL_WIDTH,
          align: 'center' as const,
          render: (_: unknown, row: BoardRow) => <CellView cell={cellOf(row, i, n.code)} nodeName={name} />,
        };
      }),
    ];
  }, [data?.nodes, english, t]);

  return (
    <Space orientation="vertical" size={8} style={{ width: '100%' }}>
      <Space wrap size={[16, 4]} data-testid="milestone-board-legend">
        {legendStates.map((s) => (
          <Space key={s} size={6}>
            <span style={{ display: 'inline-block', width: 12, height: 12, borderRadius: 2, background: cellColours[s].text }} />
            <Typography.Text>{t(`projectViews.board.state.${s}`)}</Typography.Text>
          </Space>
        ))}
      </Space>
      <Table<BoardRow>
        rowKey="id"
        size="small"
        bordered
        columns={columns}
        dataSource={data?.rows ?? []}
        loading={loading}
        scroll={{ x: 'max-content' }}
        pagination={{
          current: page,
          pageSize,
          total: data?.total ?? 0,
          showSizeChanger: true,
          pageSizeOptions: [...boardPageSizes],
          showTotal: (total) => t('common.total', { total }),
          onChange: onPage,
        }}
        data-testid="milestone-board"
      />
    </Space>
  );
}

// Columns of a ledger's task list in the style of a supervision room: code, task, source, lead and co-units, owner,
// deadline, latest progress with its percentage, status, light with its reason.
import type { TFunction } from 'i18next';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { Progress, Space, Tag, Tooltip, Typography } from 'antd';
import type { TableColumnsType } from 'antd';
import { StarFilled } from '@ant-design/icons';
import { isOpen, type LedgerKind } from '@zoneops/shared';
import type { LedgerItem } from '../../app/contract.ts';
import { formatDate } from '../../app/format.ts';
import { LightBadge } from './LightBadge.tsx';
import { isWorking, statusColours } from './ledger-ui.ts';

/** The page an item opens on: its own module's detail route. */
export const itemPath = (item: Pick<LedgerItem, 'id' | 'ledgerKind'>) =>
  `/${item.ledgerKind === 'rectification' ? 'rectification' : 'supervision'}/items/${item.id}`;

/** A rectification problem: the problem (link to it) and, under it, its measures. */
function ProblemCell({ item, width }: { item: LedgerItem; width: number }) {
  const { t } = useTranslation();
  return (
    <div style={{ width }}>
      <div style={{ display: 'flex', alignItems: 'center', gap: 4 }}>
        {item.focus && <StarFilled style={{ color: '#f5a623', flex: 'none' }} />}
        <Link to={itemPath(item)} data-testid={`item-link-${item.code}`} style={{ minWidth: 0 }}>
          <Typography.Text style={{ color: 'inherit', display: 'block' }} ellipsis={{ tooltip: item.title }}>
            {item.title}
          </Typography.Text>
        </Link>
      </div>
      <Typography.Text type="secondary" style={{ fontSize: 12, display: 'block' }} ellipsis={{ tooltip: item.measures ?? undefined }}>
        {t('ledger.labelled', { label: t('ledger.col.measures'), text: item.measures ?? '—' })}
      </Typography.Text>
    </div>
  );
}

/** The status tag; a closed item shows its closing date (已销号 2026-03-01). */
export function ItemStatus({ item }: { item: Pick<LedgerItem, 'status' | 'closedAt' | 'ledgerKind' | 'noticeEndsOn'> }) {
  const { t } = useTranslation();
  // 销号: a closed rectification problem is 已销号 with its date
  if ((item.status === 'closed' || item.status === 'ongoing') && item.closedAt) {
    const label = item.ledgerKind === 'rectification' && item.status === 'closed' ? t('ledger.closedOn') : t(`ledgerStatus.${item.status}`);
    return (
      <Space size={4} orientation="vertical" style={{ lineHeight: 1.2 }}>
        <Tag color={statusColours[item.status]} style={{ marginInlineEnd: 0 }}>
          {label}
        </Tag>
        <Typography.Text type="secondary" style={{ fontSize: 12 }}>
          {formatDate(item.closedAt)}
        </Typography.Text>
      </Space>
    );
  }
  return (
    <Tooltip title={item.status === 'notice' && item.noticeEndsOn ? t('ledger.noticeUntil', { date: item.noticeEndsOn }) : undefined}>
      <Tag color={statusColours[item.status]}>{t(`ledgerStatus.${item.status}`)}</Tag>
    </Tooltip>
  );
}

/**
 * Column widths (cell padding included) that fit each list beside the side menu at 1440 px. Rectification shows the
 * measures under the problem and the deadline class in short.
 */
const widths = {
  supervision: { code: 112, title: 196, source: 82, lead: 108, co: 92, owner: 66, deadlineClass: 0, deadline: 96, progress: 160, status: 94, light: 136 },
  rectification: { code: 118, title: 214, source: 74, lead: 100, co: 84, owner: 62, deadlineClass: 62, deadline: 96, progress: 132, status: 94, light: 124 },
} as const;
/** The layout of a kind's list: project blockers are listed like supervision tasks. */
const layoutOf = (kind: LedgerKind) => (kind === 'rectification' ? 'rectification' : 'supervision');
/** Room for the content of a small table's cell (8 px padding each side). */
const inner = (w: number) => w - 16;

/** The width the columns take: the table scrolls sideways only below it. */
export const itemColumnsWidth = (kind: LedgerKind) => Object.values(widths[layoutOf(kind)]).reduce((sum: number, w: number) => sum + w, 0);

export function itemColumns(
  t: TFunction,
  sortOrder: (field: string) => 'ascend' | 'descend' | null,
  opts: { kind: LedgerKind; today: string },
): TableColumnsType<LedgerItem> {
  const rectification = opts.kind === 'rectification';
  const W = widths[layoutOf(opts.kind)];
  const columns: TableColumnsType<LedgerItem> = [
    { title: t('ledger.col.code'), dataIndex: 'code', key: 'seq', sorter: true, sortOrder: sortOrder('seq'), fixed: 'left', width: W.code },
    {
      title: rectification ? t('ledger.col.problem') : t('ledger.col.title'),
      key: 'title',
      width: W.title,
      render: (_, item) => (
        <div style={{ display: 'flex', alignItems: 'center', gap: 4, width: inner(W.title) }}>
          {item.focus && (
            <Tooltip title={t('ledger.focus')}>
              <StarFilled style={{ color: '#f5a623', flex: 'none' }} />
            </Tooltip>
          )}
          <Link to={itemPath(item)} data-testid={`item-link-${item.code}`} style={{ minWidth: 0, flex: '0 1 auto' }}>
            <Typography.Text style={{ color: 'inherit', display: 'block' }} ellipsis={{ tooltip: item.title }}>
              {item.title}
            </Typography.Text>
          </Link>
          {item.priority !== 'normal' && (
            <Tag color={item.priority === 'urgent' ? 'red' : 'orange'} style={{ flex: 'none', marginInlineEnd: 0 }}>
              {t(`ledgerPriority.${item.priority}`)}
            </Tag>
          )}
          {item.childCount > 0 && (
            <Tooltip title={t('ledger.subItemCount', { count: item.childCount })}>
              <Tag style={{ flex: 'none', marginInlineEnd: 0 }}>{item.childCount}</Tag>
            </Tooltip>
          )}
        </div>
      ),
      ...(rectification ? { render: (_: unknown, item: LedgerItem) => <ProblemCell item={item} width={inner(W.title)} /> } : {}),
    },
    { title: t('ledger.col.source'), dataIndex: 'source', key: 'source', width: W.source, render: (s: string) => t(`ledgerSource.${s}`) },
    { title: t('ledger.col.leadUnit'), dataIndex: 'leadUnitName', key: 'leadUnit', width: W.lead },
    {
      title: t('ledger.col.coUnits'),
      key: 'coUnits',
      width: W.co,
      render: (_, item) =>
        item.coUnits.length ? (
          <Typography.Text ellipsis={{ tooltip: item.coUnits.map((u) => u.name).join(t('common.listSeparator')) }} style={{ maxWidth: inner(W.co) }}>
            {item.coUnits.map((u) => u.name).join(t('common.listSeparator'))}
          </Typography.Text>
        ) : (
          '—'
        ),
    },
    { title: t('ledger.col.owner'), dataIndex: 'ownerName', key: 'owner', width: W.owner, render: (v: string | null) => v ?? '—' },
  ];
  if (rectification) {
    columns.push({
      title: t('ledger.col.deadlineClass'),
      dataIndex: 'deadlineClass',
      key: 'deadlineClass',
      width: W.deadlineClass,
      render: (c: string | null) =>
        c ? (
          <Tooltip title={t(`deadlineClass.${c}`)}>
            <Tag style={{ marginInlineEnd: 0 }}>{t(`deadlineClassShort.${c}`)}</Tag>
          </Tooltip>
        ) : (
          '—'
        ),
    });
  }
  columns.push(
    {
      title: t('ledger.col.deadline'),
      dataIndex: 'deadline',
      key: 'deadline',
      sorter: true,
      sortOrder: sortOrder('deadline'),
      width: W.deadline,
      render: (d: string, item) => (
        <Typography.Text type={isWorking(item.status) && d < opts.today ? 'danger' : undefined} data-testid="item-row-deadline">
          {d}
        </Typography.Text>
      ),
    },
    {
      title: t('ledger.col.progress'),
      key: 'progress',
      sorter: true,
      sortOrder: sortOrder('progress'),
      width: W.progress,
      render: (_, item) => (
        <div style={{ width: inner(W.progress) }}>
          <Typography.Text
            type={item.lastProgressText ? undefined : 'secondary'}
            ellipsis={{ tooltip: item.lastProgressText ? `${item.lastProgressOn ?? ''} ${item.lastProgressText}` : undefined }}
            style={{ width: inner(W.progress), fontSize: 13 }}
          >
            {item.lastProgressText ?? t('ledger.noProgress')}
          </Typography.Text>
          <Progress
            percent={item.progress}
            size="small"
            format={(p) => `${p}%`}
            status={item.light === 'red' && isOpen(item.status) ? 'exception' : item.progress >= 100 ? 'success' : 'normal'}
          />
        </div>
      ),
    },
    { title: t('ledger.col.status'), key: 'status', width: W.status, render: (_, item) => <ItemStatus item={item} /> },
    {
      title: t('ledger.col.light'),
      key: 'light',
      sorter: true,
      sortOrder: sortOrder('light'),
      fixed: 'right',
      width: W.light,
      render: (_, item) => <LightBadge light={item.light} reasons={item.lightReasons} maxWidth={inner(W.light)} testId={`item-light-${item.code}`} />,
    },
  );
  return columns;
}

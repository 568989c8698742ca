// 线索列表: the leads as a server table (GET /api/promotion/leads) with the filters of the page, sortable columns and
// paging.
import type { TFunction } from 'i18next';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { Space, Table, Tag, Tooltip, Typography, type TableColumnsType } from 'antd';
import { CrownOutlined } from '@ant-design/icons';
import type { Lead } from '@zoneops/shared';
import { formatDate } from '../../../app/format.ts';
import { useDictionary } from '../../../app/reference-data.ts';
import type { useServerTable } from '../../../app/use-server-table.ts';
import { formatWan } from '../../projects/format.ts';
import { ClockBadge, LeadStageTag, OutcomeTag } from '../LeadTags.tsx';

export const leadPath = (id: string) => `/promotion/leads/${id}`;

export function leadColumns(
  t: TFunction,
  sortOrder: (field: string) => 'ascend' | 'descend' | null,
  industry: (code: string) => string,
): TableColumnsType<Lead> {
  return [
    { title: t('promotion.col.code'), dataIndex: 'code', key: 'code', width: 130, fixed: 'left', render: (v: string) => <span className="zo-mono">{v}</span> },
    {
      title: t('promotion.col.company'),
      key: 'company',
      sorter: true,
      sortOrder: sortOrder('company'),
      fixed: 'left',
      width: 260,
      render: (_, l) => (
        <Space size={4}>
          {l.fortune500 && (
            <Tooltip title={t('promotion.fortune500')}>
              <CrownOutlined style={{ color: '#c9a400' }} />
            </Tooltip>
          )}
          <Link to={leadPath(l.id)} data-testid={`lead-link-${l.id}`}>
            <Typography.Text style={{ color: 'inherit', maxWidth: 220 }} ellipsis={{ tooltip: l.company }}>
              {l.company}
            </Typography.Text>
          </Link>
          {l.duplicateOf.length > 0 && (
            <Tooltip title={t('promotion.duplicate.tip', { list: l.duplicateOf.map((d) => d.code).join(t('common.listSeparator')) })}>
              <Tag color="warning">{t('promotion.duplicate.tag')}</Tag>
            </Tooltip>
          )}
        </Space>
      ),
    },
    {
      title: t('promotion.col.stage'),
      key: 'stage',
      sorter: true,
      sortOrder: sortOrder('stage'),
      width: 90,
      render: (_, l) => <LeadStageTag stage={l.stage} />,
    },
    {
      title: t('promotion.col.status'),
      key: 'status',
      width: 150,
      render: (_, l) => (
        <Space size={4}>
          {l.outcome !== 'active' && <OutcomeTag outcome={l.outcome} />}
          {l.outcome === 'active' && <ClockBadge state={l.clockState} testId={`lead-clock-${l.id}`} />}
          {l.projectId && <Tag color="success">{t('promotion.converted')}</Tag>}
        </Space>
      ),
    },
    { title: t('promotion.col.industry'), dataIndex: 'industry', key: 'industry', width: 110, render: (v: string) => industry(v) },
    {
      title: t('promotion.col.plannedInvestment'),
      key: 'plannedInvestment',
      dataIndex: 'plannedInvestment',
      sorter: true,
      sortOrder: sortOrder('plannedInvestment'),
      align: 'right',
      width: 140,
      render: (v: string | null, l) => (
        <Tooltip title={l.currency ? `${l.currency} ${l.foreignAmount ?? ''} × ${l.fxRate ?? ''}` : undefined}>
          <span style={{ fontVariantNumeric: 'tabular-nums' }}>{formatWan(v)}</span>
        </Tooltip>
      ),
    },
    { title: t('promotion.col.owner'), dataIndex: 'ownerName', key: 'owner', width: 100 },
    { title: t('promotion.col.team'), dataIndex: 'teamName', key: 'team', width: 130, render: (v: string | null) => v ?? '—' },
    { title: t('promotion.col.source'), dataIndex: 'source', key: 'source', width: 100 },
    { title: t('promotion.col.registeredOn'), dataIndex: 'registeredOn', key: 'registeredOn', sorter: true, sortOrder: sortOrder('registeredOn'), width: 110 },
    {
      title: t('promotion.col.updatedAt'),
      dataIndex: 'updatedAt',
      key: 'updatedAt',
      sorter: true,
      sortOrder: sortOrder('updatedAt'),
      width: 110,
      render: (v: string) => formatDate(v),
    },
  ];
}

export function LeadList({ table }: { table: ReturnType<typeof useServerTable<Lead>> }) {
  const { t } = useTranslation();
  const industries = useDictionary('industry');
  return <Table<Lead> rowKey="id" columns={leadColumns(t, table.sortOrder, industries.labelOf)} {...table.tableProps} size="small" data-testid="leads-table" />;
}

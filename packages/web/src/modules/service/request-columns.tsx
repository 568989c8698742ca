// Columns of a list of requests (GET /api/service/requests and the portal's own list): late rows are marked red.
import type { HTMLAttributes } from 'react';
import type { TFunction } from 'i18next';
import { Link } from 'react-router';
import { Space, Typography, type TableColumnsType, type TableProps } from 'antd';
import type { ServiceRequest } from './service-types.ts';
import { formatDateTime } from '../../app/format.ts';
import { LateTag, RatingTag, ResolvedText, StatusTag } from './ServiceTags.tsx';

type SortOrder = (field: string) => 'ascend' | 'descend' | null;

/** The columns; `portal` leaves out what an enterprise does not need (itself, the source). */
export function requestColumns(
  t: TFunction,
  opts: { sortOrder?: SortOrder; link: (r: ServiceRequest) => string; portal?: boolean },
): TableColumnsType<ServiceRequest> {
  const sortable = (field: string) => (opts.sortOrder ? { sorter: true, sortOrder: opts.sortOrder(field) } : {});
  const columns: TableColumnsType<ServiceRequest> = [
    {
      title: t('service.requests.col.code'),
      dataIndex: 'code',
      width: 150,
      fixed: 'left',
      render: (code: string, r) => (
        <Link to={opts.link(r)} data-testid={`request-link-${r.id}`}>
          <Typography.Text type={r.late ? 'danger' : undefined} strong={r.late}>
            {code}
          </Typography.Text>
        </Link>
      ),
    },
    { title: t('service.requests.col.title'), dataIndex: 'title', ellipsis: true, width: 240 },
    ...(opts.portal ? [] : [{ title: t('service.requests.col.enterprise'), dataIndex: 'enterpriseName', ellipsis: true, width: 180 }]),
    { title: t('service.requests.col.category'), dataIndex: 'category', width: 110, render: (c: string) => t(`service.category.${c}`) },
    { title: t('service.requests.col.kind'), dataIndex: 'kind', width: 80, render: (k: string) => t(`service.kind.${k}`) },
    {
      title: t('service.requests.col.status'),
      key: 'status',
      width: 150,
      ...sortable('status'),
      render: (_: unknown, r) => (
        <Space size={2}>
          <StatusTag status={r.status} />
          <LateTag late={r.late} />
        </Space>
      ),
    },
    { title: t('service.requests.col.unit'), dataIndex: 'unitName', width: 150, ellipsis: true, render: (u: string | null) => u ?? '—' },
    {
      title: t('service.requests.col.filedAt'),
      dataIndex: 'filedAt',
      key: 'filedAt',
      width: 140,
      ...sortable('filedAt'),
      render: (v: string) => formatDateTime(v, false),
    },
    ...(opts.portal
      ? []
      : [{ title: t('service.requests.col.filedVia'), dataIndex: 'filedVia', width: 90, render: (v: string) => t(`service.filedVia.${v}`) }]),
    {
      title: t('service.requests.col.completionDueOn'),
      dataIndex: 'completionDueOn',
      key: 'completionDueOn',
      width: 110,
      ...sortable('completionDueOn'),
    },
    { title: t('service.requests.col.completedOn'), dataIndex: 'completedOn', width: 110, render: (v: string | null) => v ?? '—' },
    { title: t('service.requests.col.resolved'), dataIndex: 'resolved', width: 90, render: (v: boolean | null) => <ResolvedText resolved={v} /> },
    { title: t('service.requests.col.rating'), dataIndex: 'rating', width: 100, render: (_: unknown, r) => <RatingTag rating={r.rating} /> },
  ];
  return columns;
}

/** Late rows in red (the light red of antd's error background). */
export const lateRow: NonNullable<TableProps<ServiceRequest>['onRow']> = (r) =>
  r.late ? ({ style: { background: '#fff1f0' }, 'data-late': 'true' } as HTMLAttributes<HTMLElement>) : {};

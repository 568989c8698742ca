import type { TFunction } from 'i18next';
import { Tag, Typography, type TableColumnsType } from 'antd';
import type { AuditEntry } from '../../app/contract.ts';
import { formatDateTime } from '../../app/format.ts';

export function auditColumns(t: TFunction, sortOrder: (f: string) => 'ascend' | 'descend' | null): TableColumnsType<AuditEntry> {
  return [
    { title: t('audit.seq'), dataIndex: 'seq', key: 'seq', sorter: true, sortOrder: sortOrder('seq'), width: 90 },
    {
      title: t('audit.at'),
      dataIndex: 'at',
      key: 'at',
      sorter: true,
      sortOrder: sortOrder('at'),
      render: (v: string) => formatDateTime(v),
    },
    { title: t('audit.user'), dataIndex: 'username', key: 'username', render: (v: string | null) => v ?? '—' },
    {
      title: t('audit.action'),
      dataIndex: 'action',
      key: 'action',
      render: (v: string) => <span className="zo-mono">{v}</span>,
    },
    {
      title: t('audit.entityType'),
      dataIndex: 'entityType',
      key: 'entityType',
      render: (v: string | null) => v ?? '—',
    },
    {
      title: t('audit.entityId'),
      dataIndex: 'entityId',
      key: 'entityId',
      render: (v: string | null) =>
        v ? (
          <Typography.Text className="zo-mono" ellipsis={{ tooltip: v }} style={{ maxWidth: 140 }}>
            {v}
          </Typography.Text>
        ) : (
          '—'
        ),
    },
    {
      title: t('audit.result'),
      key: 'result',
      render: (_, e) => (
        <>
          <Tag color={e.result === 'success' ? 'green' : 'red'}>{t(`auditResult.${e.result}`)}</Tag>
          {e.resultCode && (
            <span className="zo-mono" style={{ fontSize: 12 }}>
              {e.resultCode}
            </span>
          )}
        </>
      ),
    },
    { title: t('audit.ip'), dataIndex: 'ip', key: 'ip', render: (v: string | null) => v ?? '—' },
    {
      title: t('audit.requestId'),
      dataIndex: 'requestId',
      key: 'requestId',
      render: (v: string | null) =>
        v ? (
          <Typography.Text className="zo-mono" copyable style={{ fontSize: 12 }}>
            {v}
          </Typography.Text>
        ) : (
          '—'
        ),
    },
  ];
}

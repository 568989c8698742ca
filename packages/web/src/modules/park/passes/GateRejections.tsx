// Gate posts refused or acknowledged without processing, counted per sender and reason.
import { useTranslation } from 'react-i18next';
import { Select, Space, Table, Tag, Typography, type TableColumnsType } from 'antd';
import { gateRejectReasons, type GateRejectReason } from '@zoneops/shared';
import { formatDateTime, formatNumber } from '../../../app/format.ts';
import { useServerTable } from '../../../app/use-server-table.ts';

interface GateRejection {
  senderKey: string;
  reason: GateRejectReason;
  count: number;
  firstAt: string;
  lastAt: string;
  lastDetail: string | null;
}

export function GateRejections() {
  const { t } = useTranslation();
  const table = useServerTable<GateRejection>('/api/park/gate/rejections', { sort: '-lastAt' });
  const columns: TableColumnsType<GateRejection> = [
    {
      title: t('parkGate.rejections.sender'),
      dataIndex: 'senderKey',
      key: 'sender',
      render: (v: string) => <span className="zo-mono">{v.replace(/^gate:/, '')}</span>,
    },
    {
      title: t('parkGate.rejections.reason'),
      dataIndex: 'reason',
      key: 'reason',
      render: (v: GateRejectReason) => <Tag color="orange">{t(`parkGate.rejections.reasons.${v}`)}</Tag>,
    },
    {
      title: t('parkGate.rejections.count'),
      dataIndex: 'count',
      key: 'count',
      align: 'right',
      sorter: true,
      sortOrder: table.sortOrder('count'),
      render: (v: number) => formatNumber(v),
    },
    {
      title: t('parkGate.rejections.lastAt'),
      dataIndex: 'lastAt',
      key: 'lastAt',
      sorter: true,
      sortOrder: table.sortOrder('lastAt'),
      render: (v: string) => formatDateTime(v),
    },
    {
      title: t('parkGate.rejections.detail'),
      dataIndex: 'lastDetail',
      key: 'detail',
      render: (v: string | null) =>
        v ? (
          <Typography.Text ellipsis={{ tooltip: v }} style={{ maxWidth: 360 }}>
            {v}
          </Typography.Text>
        ) : (
          t('parkGate.unknown')
        ),
    },
  ];
  return (
    <div data-testid="gate-rejections">
      <Space style={{ marginBottom: 12 }}>
        <Select
          allowClear
          placeholder={t('parkGate.rejections.reason')}
          style={{ width: 200 }}
          value={table.state.filters.reason}
          onChange={(v?: string) => table.setFilter('reason', v)}
          options={gateRejectReasons.map((r) => ({ value: r, label: t(`parkGate.rejections.reasons.${r}`) }))}
        />
      </Space>
      <Table<GateRejection> rowKey={(r) => `${r.senderKey}|${r.reason}`} columns={columns} {...table.tableProps} size="small" />
    </div>
  );
}

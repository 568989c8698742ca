// Rejections counted per sender and reason: filters (channel, reason, one device, free text), sort, paging, export.
import type { TFunction } from 'i18next';
import { useTranslation } from 'react-i18next';
import { Button, Input, Select, Space, Table, Tag, Tooltip, Typography, type TableColumnsType, type TableProps } from 'antd';
import { FilterOutlined, ReloadOutlined } from '@ant-design/icons';
import { ingestChannels, ingestRejectReasons } from '@zoneops/shared';
import { ExportButton } from '../../../app/components/ExportButton.tsx';
import { formatDateTime, formatNumber } from '../../../app/format.ts';
import { useServerTable } from '../../../app/use-server-table.ts';
import { senderLabel, type IngestRejection } from './ingest-ui.ts';

const rowKey = (r: IngestRejection) => `${r.senderKey}|${r.reason}`;

export function RejectionTable() {
  const { t } = useTranslation();
  const table = useServerTable<IngestRejection>('/api/safety/ingest/rejections', { sort: '-lastAt' });
  const { filters } = table.state;
  const deviceName = filters.deviceId ? (table.data?.items.find((r) => r.deviceId === filters.deviceId)?.deviceName ?? filters.deviceId.slice(0, 8)) : null;
  return (
    <div data-testid="ingest-rejections">
      <Space wrap style={{ marginBottom: 12 }}>
        <Input.Search allowClear placeholder={t('safetyIngest.rejections.search')} style={{ width: 260 }} onSearch={(v) => table.setQ(v.trim())} />
        <Select
          allowClear
          placeholder={t('safetyIngest.rejections.channel')}
          style={{ width: 120 }}
          value={filters.channel}
          onChange={(v?: string) => table.setFilter('channel', v)}
          options={ingestChannels.map((c) => ({ value: c, label: t(`safetyIngest.channels.${c}`) }))}
        />
        <Select
          allowClear
          showSearch
          optionFilterProp="label"
          placeholder={t('safetyIngest.rejections.reason')}
          style={{ width: 220 }}
          value={filters.reason}
          onChange={(v?: string) => table.setFilter('reason', v)}
          options={ingestRejectReasons.map((r) => ({ value: r, label: t(`safetyIngest.reasons.${r}`) }))}
        />
        {deviceName && (
          <Tag closable onClose={() => table.setFilter('deviceId', undefined)} color="blue">
            {t('safetyIngest.rejections.deviceFilter', { name: deviceName })}
          </Tag>
        )}
        <Button icon={<ReloadOutlined />} onClick={table.reload} aria-label={t('common.refresh')} />
        <ExportButton path="/api/safety/ingest/rejections/export" query={table.query} fileName="ingest-rejections.xlsx" />
      </Space>
      <RejectionRows
        rows={table.data?.items ?? []}
        tableProps={table.tableProps}
        sortOrder={table.sortOrder}
        onDevice={(id) => table.setFilter('deviceId', id)}
        t={t}
      />
    </div>
  );
}

/** The table itself (rendered with fixtures in the smoke test). */
export function RejectionRows({
  rows,
  tableProps,
  sortOrder,
  onDevice,
  t,
}: {
  rows: IngestRejection[];
  tableProps?: TableProps<IngestRejection>;
  sortOrder: (field: string) => 'ascend' | 'descend' | null;
  onDevice: (deviceId: string) => void;
  t: TFunction;
}) {
  return (
    <Table<IngestRejection> rowKey={rowKey} columns={columns(t, sortOrder, onDevice)} {...tableProps} dataSource={rows} data-testid="ingest-rejection-table" />
  );
}

function columns(t: TFunction, sortOrder: (field: string) => 'ascend' | 'descend' | null, onDevice: (id: string) => void): TableColumnsType<IngestRejection> {
  return [
    {
      title: t('safetyIngest.rejections.sender'),
      key: 'sender',
      render: (_: unknown, r) => {
        const s = senderLabel(r);
        const text =
          s.kind === 'device'
            ? s.name
            : s.kind === 'token'
              ? t('safetyIngest.senders.token', { hint: s.hint })
              : s.kind === 'mn'
                ? t('safetyIngest.senders.mn', { mn: s.mn })
                : s.kind === 'ip'
                  ? t('safetyIngest.senders.ip', { ip: s.ip })
                  : s.text;
        return (
          <Space size={4}>
            {s.kind === 'device' && s.deviceKind && <Tag>{t(`safetyIngest.deviceKinds.${s.deviceKind as 'device'}`, { defaultValue: s.deviceKind })}</Tag>}
            <span>{text}</span>
            {r.deviceId && (
              <Tooltip title={t('safetyIngest.rejections.filterDevice')}>
                <Button
                  type="text"
                  size="small"
                  icon={<FilterOutlined />}
                  onClick={() => onDevice(r.deviceId!)}
                  aria-label={t('safetyIngest.rejections.filterDevice')}
                />
              </Tooltip>
            )}
          </Space>
        );
      },
    },
    { title: t('safetyIngest.rejections.enterprise'), dataIndex: 'enterpriseName', key: 'enterpriseName', render: (v: string | null) => v ?? '—' },
    {
      title: t('safetyIngest.rejections.channel'),
      dataIndex: 'channel',
      key: 'channel',
      render: (v: IngestRejection['channel']) => t(`safetyIngest.channels.${v}`),
    },
    {
      title: t('safetyIngest.rejections.reason'),
      dataIndex: 'reason',
      key: 'reason',
      sorter: true,
      sortOrder: sortOrder('reason'),
      render: (v: IngestRejection['reason']) => <Tag color="orange">{t(`safetyIngest.reasons.${v}`)}</Tag>,
    },
    {
      title: t('safetyIngest.rejections.count'),
      dataIndex: 'count',
      key: 'count',
      sorter: true,
      sortOrder: sortOrder('count'),
      align: 'right',
      render: (v: number) => formatNumber(v),
    },
    {
      title: t('safetyIngest.rejections.firstAt'),
      dataIndex: 'firstAt',
      key: 'firstAt',
      sorter: true,
      sortOrder: sortOrder('firstAt'),
      render: (v: string) => formatDateTime(v),
    },
    {
      title: t('safetyIngest.rejections.lastAt'),
      dataIndex: 'lastAt',
      key: 'lastAt',
      sorter: true,
      sortOrder: sortOrder('lastAt'),
      render: (v: string) => formatDateTime(v),
    },
    {
      title: t('safetyIngest.rejections.detail'),
      dataIndex: 'lastDetail',
      key: 'lastDetail',
      render: (v: string | null) =>
        v ? (
          <Typography.Text ellipsis={{ tooltip: v }} style={{ maxWidth: 360 }} className="zo-mono">
            {v}
          </Typography.Text>
        ) : (
          '—'
        ),
    },
  ];
}

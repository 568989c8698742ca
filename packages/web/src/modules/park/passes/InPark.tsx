// Who is in the park: the counter row (vehicles by category, people) and the open visits.
import type { TFunction } from 'i18next';
import { useTranslation } from 'react-i18next';
import { Card, Flex, Select, Space, Statistic, Table, Tag, Typography, type TableColumnsType } from 'antd';
import { accessSubjectKinds, type ParkCounts, type ParkVisit } from '@zoneops/shared';
import { formatDateTime } from '../../../app/format.ts';
import { useServerTable } from '../../../app/use-server-table.ts';

export function CountsRow({ counts }: { counts: ParkCounts | undefined }) {
  const { t } = useTranslation();
  return (
    <Card size="small" data-testid="park-counts">
      <Flex wrap gap={32} align="center">
        <Statistic title={t('parkGate.counts.vehicles')} value={counts?.vehicles ?? 0} />
        <Space wrap>
          {(counts?.vehiclesByCategory ?? []).map((c) => (
            <Tag key={c.category} color={c.category === 'hazmat' ? 'red' : c.category === 'hazardousWaste' ? 'volcano' : 'blue'}>
              {t(`parkGate.categories.${c.category}`)} {c.count}
            </Tag>
          ))}
        </Space>
        <Statistic title={t('parkGate.counts.people')} value={counts?.people ?? 0} />
        {counts && <Typography.Text type="secondary">{t('parkGate.counts.at', { at: formatDateTime(counts.at) })}</Typography.Text>}
      </Flex>
    </Card>
  );
}

export function VisitList() {
  const { t } = useTranslation();
  const table = useServerTable<ParkVisit>('/api/park/visits', { sort: '-enteredAt' });
  return (
    <div data-testid="visits">
      <Space style={{ marginBottom: 12 }}>
        <Select
          allowClear
          placeholder={t('parkGate.visits.kind')}
          style={{ width: 100 }}
          value={table.state.filters.kind}
          onChange={(v?: string) => table.setFilter('kind', v)}
          options={accessSubjectKinds.map((k) => ({ value: k, label: t(`parkGate.kinds.${k}`) }))}
        />
      </Space>
      <VisitRows rows={table.data?.items ?? []} tableProps={table.tableProps} t={t} />
    </div>
  );
}

export function VisitRows({ rows, tableProps, t }: { rows: ParkVisit[]; tableProps?: object; t: TFunction }) {
  const columns: TableColumnsType<ParkVisit> = [
    { title: t('parkGate.visits.kind'), dataIndex: 'subjectKind', key: 'kind', render: (v: ParkVisit['subjectKind']) => t(`parkGate.kinds.${v}`) },
    {
      title: t('parkGate.visits.subject'),
      key: 'subject',
      render: (_: unknown, v) => (v.subjectKind === 'vehicle' ? v.plate : [v.personName, v.personCode].filter(Boolean).join(' · ')),
    },
    {
      title: t('parkGate.visits.category'),
      key: 'category',
      render: (_: unknown, v) => (v.subjectKind === 'vehicle' ? t(`parkGate.categories.${v.vehicleCategory ?? 'unregistered'}`) : t('parkGate.unknown')),
    },
    { title: t('parkGate.visits.enteredAt'), dataIndex: 'enteredAt', key: 'enteredAt', render: (v: string) => formatDateTime(v) },
    { title: t('parkGate.visits.entryCheckpoint'), dataIndex: 'entryCheckpointName', key: 'entry', render: (v: string | null) => v ?? t('parkGate.unknown') },
    { title: t('parkGate.visits.appointment'), dataIndex: 'appointmentCode', key: 'appointment', render: (v: string | null) => v ?? t('parkGate.unknown') },
  ];
  return <Table<ParkVisit> rowKey="id" columns={columns} {...tableProps} dataSource={rows} size="small" data-testid="visits-table" />;
}
